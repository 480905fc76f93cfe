// Loads powermap's Neo4j export (nodes.csv, relationships.csv, load.cypher) into Kùzu and
// checks that every string of the map comes back as a property value and that load.cypher
// runs exactly its own statements: none made of a payload.
//
//   node check_neo4j.js EXPORT_DIR MAP.json
//
// Kùzu speaks openCypher but not all of Neo4j's: it has no LOAD CSV ... AS row, no
// multi-label MERGE, no CREATE CONSTRAINT, and needs its tables declared. So:
//  - nodes.csv and relationships.csv are read by Kùzu's own CSV reader (COPY) into row
//    tables NodeRow and RelRow, whose columns are the CSV headers;
//  - in load.cypher, only lines that are exactly one of our fixed template lines are
//    rewritten (LOAD CSV ... AS row -> MATCH (row:NodeRow); the label chain of MERGE ->
//    :Entity; the constraint line dropped), each by a whole-line pattern. Every other byte
//    (comments, WITH ... WHERE with string literals, SET with backticked names) reaches
//    Kùzu's parser unchanged, and the whole file is run as one multi-statement query;
//  - split, toFloat and toBoolean are defined as macros.
// Then: the number of statements Kùzu ran is the number of node and relationship types, a
// canary node is still there, no table appeared, and every entity and relation reads back
// with the map's exact strings. One known difference of dialect: Kùzu keeps a doubled
// backtick inside a quoted name as two characters (Neo4j reads one), so names holding a
// backtick are compared in Kùzu's spelling.
'use strict';
const fs = require('fs');
const path = require('path');
const kuzu = require('kuzu');

const [exportDir, mapFile] = process.argv.slice(2);
const map = JSON.parse(fs.readFileSync(mapFile, 'utf8'));
let failures = 0;
function check(ok, what) {
    if (!ok) {
        failures++;
        console.log('FAIL: ' + what);
    }
}
const quoted = (name) => '`' + name.replace(/`/g, '``') + '`';
const kuzuName = (name) => name.replace(/`/g, '``'); // how Kùzu stores a quoted name
const relType = (type) => type.replace(/[^A-Za-z0-9]/g, '_').toUpperCase();

const db = new kuzu.Database(':memory:');
const conn = new kuzu.Connection(db);
const all = (statement) => [].concat(conn.querySync(statement));
const rows = (statement) => all(statement)[0].getAllSync();

// Row tables from the CSVs, every column a string, read by Kùzu's CSV reader.
function rowTable(table, file, key) {
    const csv = path.join(exportDir, file).replace(/'/g, "\\'");
    // The header row read as data (with header=true Kùzu would take "name:type" as a type).
    const header = rows(`LOAD FROM '${csv}' (header=false, auto_detect=false, parallel=false) RETURN * LIMIT 1`)[0];
    const columns = Object.keys(header).sort((a, b) => a.slice(6) - b.slice(6)).map((k) => header[k]);
    const ddl = columns.map((c) => `${quoted(c)} STRING`);
    ddl.push(key ? `PRIMARY KEY(${quoted(key)})` : `${quoted('row#')} SERIAL PRIMARY KEY`);
    all(`CREATE NODE TABLE ${table}(${ddl.join(', ')})`);
    all(`COPY ${table} FROM '${csv}' (header=true, parallel=false)`);
    return columns;
}
rowTable('NodeRow', 'nodes.csv', 'id:ID');
rowTable('RelRow', 'relationships.csv', null);

// The target tables, from the map (not from our export): Entity and one table per tie type.
const kinds = (items) => {
    const out = new Map();
    for (const item of items)
        for (const [key, value] of Object.entries(item.props || {})) {
            if (!out.has(key)) out.set(key, new Set());
            out.get(key).add(typeof value);
        }
    return out;
};
const columnType = (set) =>
    set.size === 1 && set.has('number') ? 'DOUBLE' : set.size === 1 && set.has('boolean') ? 'BOOLEAN' : 'STRING';
const entityProps = kinds(map.entities);
const relationProps = kinds(map.relations);
const languages = [...new Set(map.entities.flatMap((e) => Object.keys(e.names || {})))];
const entityColumns = ['id STRING PRIMARY KEY', 'type STRING', 'name STRING', 'aliases STRING[]', 'tags STRING[]',
    ...languages.map((l) => `${quoted('name_' + l)} STRING`),
    ...[...entityProps].map(([k, s]) => `${quoted('prop_' + k)} ${columnType(s)}`)];
all(`CREATE NODE TABLE Entity(${entityColumns.join(', ')})`);
const relationColumns = ['relation_id STRING', 'role STRING', 'amount DOUBLE', 'currency STRING', 'start STRING',
    '`end` STRING', 'sources STRING', ...[...relationProps].map(([k, s]) => `${quoted('prop_' + k)} ${columnType(s)}`)];
const tieTypes = [...new Set(map.relations.map((r) => relType(r.type)))];
for (const type of tieTypes)
    all(`CREATE REL TABLE ${quoted(type)}(FROM Entity TO Entity, ${relationColumns.join(', ')})`);
all('CREATE NODE TABLE Canary(id STRING PRIMARY KEY)');
all("CREATE (:Canary {id: 'alive'})");
all('CREATE MACRO split(s, d) AS string_split(s, d)');
all('CREATE MACRO toFloat(s) AS cast(s AS DOUBLE)');
all('CREATE MACRO toBoolean(s) AS cast(s AS BOOLEAN)');
const tablesBefore = rows('CALL show_tables() RETURN name').map((r) => r.name).sort();

// load.cypher with only our fixed template lines rewritten.
const original = fs.readFileSync(path.join(exportDir, 'load.cypher'), 'utf8');
const title = map.title || 'powermap export';
const firstLine = original.slice(0, original.indexOf('\n'));
check(firstLine === '// ' + title.replace(/[\x00-\x1f\x7f\u0085\u2028\u2029]/g, ' ') +
    ': load nodes.csv and relationships.csv into Neo4j.',
    'the title is one comment line with its line breaks made spaces: ' + JSON.stringify(firstLine));
const counts = { constraint: 0, nodes: 0, relationships: 0, merge: 0 };
const script = original.split('\n').map((line) => {
    if (line === 'CREATE CONSTRAINT powermap_entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;') {
        counts.constraint++;
        return '';
    }
    if (line === "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row") {
        counts.nodes++;
        return 'MATCH (row:NodeRow)';
    }
    if (line === "LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row") {
        counts.relationships++;
        return 'MATCH (row:RelRow)';
    }
    const merge = /^MERGE \(e(?::`[A-Za-z0-9]+`)+ \{id: row\.`id:ID`\}\) SET /.exec(line);
    if (merge) {
        counts.merge++;
        return 'MERGE (e:Entity {id: row.`id:ID`}) SET ' + line.slice(merge[0].length);
    }
    return line;
}).join('\n');
const entityTypes = new Set(map.entities.map((e) => e.type));
check(counts.constraint === 1, 'one constraint line');
check(counts.nodes === entityTypes.size && counts.merge === entityTypes.size,
    `one LOAD CSV and one MERGE per entity type (${entityTypes.size}): ${JSON.stringify(counts)}`);
check(counts.relationships === tieTypes.length, `one LOAD CSV per tie type (${tieTypes.length})`);

let ran = 0;
try {
    ran = all(script).length;
} catch (error) {
    check(false, 'Kùzu ran load.cypher: ' + error.message);
}
check(ran === entityTypes.size + tieTypes.length,
    `Kùzu ran ${ran} statements, expected ${entityTypes.size + tieTypes.length} (one per type)`);
check(rows('MATCH (c:Canary) RETURN c.id AS id').length === 1, 'the canary node survived');
const tablesAfter = rows('CALL show_tables() RETURN name').map((r) => r.name).sort();
check(JSON.stringify(tablesAfter) === JSON.stringify(tablesBefore), 'no table was created or dropped');

// Every string of the map, read back as a value.
const same = (got, want, what) =>
    check(JSON.stringify(got) === JSON.stringify(want), `${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
const entities = new Map(rows('MATCH (e:Entity) RETURN e').map((r) => [r.e.id, r.e]));
same(entities.size, map.entities.length, 'entity count');
for (const want of map.entities) {
    const got = entities.get(want.id);
    if (!got) {
        check(false, 'entity missing: ' + JSON.stringify(want.id));
        continue;
    }
    same(got.type, want.type, 'type of ' + want.id);
    same(got.name, want.name, 'name of ' + want.id);
    for (const [language, name] of Object.entries(want.names || {}))
        same(got[kuzuName('name_' + language)], name, `name_${language} of ${want.id}`);
    // The documented loss: lists are joined with ';' (neo4j-admin's array delimiter), so an
    // item holding ';' comes back as two.
    const list = (items) => (items && items.length ? items.flatMap((item) => item.split(';')) : null);
    same(got.aliases, list(want.aliases), 'aliases of ' + want.id);
    same(got.tags, list(want.tags), 'tags of ' + want.id);
    for (const [key, value] of Object.entries(want.props || {}))
        same(got[kuzuName('prop_' + key)], value, `prop ${key} of ${want.id}`);
}
const ties = rows('MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id AS from, b.id AS to, label(r) AS type, r');
same(ties.length, map.relations.length, 'relation count');
for (const want of map.relations) {
    const got = ties.find((t) => t.r.relation_id === (want.id || ''));
    if (!got) {
        check(false, 'relation missing: ' + JSON.stringify(want.id));
        continue;
    }
    same([got.from, got.to, got.type], [want.from, want.to, relType(want.type)], 'ends of ' + want.id);
    same(got.r.role, want.role || null, 'role of ' + want.id);
    same(got.r.amount, want.amount ? want.amount.value : null, 'amount of ' + want.id);
    same([got.r.start, got.r.end], [want.start || null, want.end || null], 'dates of ' + want.id);
    same(JSON.parse(got.r.sources), want.sources, 'citations of ' + want.id);
    for (const [key, value] of Object.entries(want.props || {}))
        same(got.r[kuzuName('prop_' + key)], value, `prop ${key} of ${want.id}`);
}
console.log(`${map.entities.length} entities and ${map.relations.length} relations read back from Kùzu; ` +
    `${ran} statements ran; ${failures} failure(s)`);
process.exit(failures === 0 ? 0 : 1);
