#include "io/formats/neo4j_writer.hpp"

#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>

#include "io/formats/interop_util.hpp"

namespace powermap::io {

std::string neo4j_relationship_type(std::string_view type) {
    std::string out;
    for (char c : type) {
        out += std::isalnum(static_cast<unsigned char>(c))
                   ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
                   : '_';
    }
    return out;
}

std::string neo4j_label(std::string_view type) {
    std::string out;
    bool upper = true;
    for (char c : type) {
        if (!std::isalnum(static_cast<unsigned char>(c))) {
            upper = true;
            continue;
        }
        out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        upper = false;
    }
    return out;
}

namespace {

std::string join(const std::vector<std::string>& items, char separator) {
    std::string out;
    for (std::size_t idx = 0; idx < items.size(); ++idx) {
        if (idx > 0) {
            out += separator;
        }
        out += items[idx];
    }
    return out;
}

/// A Cypher string literal. Neo4j and openCypher read \' and \\ as escapes and take every
/// other character (a newline too) literally inside the quotes, so nothing else needs escaping.
std::string cypher_string(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + "'";
}

/// A Cypher name in backticks, a backtick doubled: any text (a prop key, a language code)
/// stays one name and cannot end the quoting.
std::string cypher_name(std::string_view text) {
    std::string out = "`";
    for (char c : text) {
        if (c == '`') {
            out += '`';
        }
        out += c;
    }
    return out + "`";
}

/// `variable.`name``: a property of a node, relationship or CSV row.
std::string cypher_property(std::string_view variable, std::string_view name) {
    return std::string(variable) + "." + cypher_name(name);
}

/// Text for a `//` comment: a line comment ends at a line break, so every control character
/// and Unicode line or paragraph separator becomes a space.
std::string cypher_comment(std::string_view text) {
    std::string out;
    for (std::size_t pos = 0; pos < text.size(); ++pos) {
        const auto byte = static_cast<unsigned char>(text[pos]);
        if (byte < 0x20 || byte == 0x7F) {
            out += ' ';
        } else if (byte == 0xC2 && pos + 1 < text.size() &&
                   static_cast<unsigned char>(text[pos + 1]) == 0x85) { // U+0085 next line
            out += ' ';
            ++pos;
        } else if (byte == 0xE2 && pos + 2 < text.size() &&
                   static_cast<unsigned char>(text[pos + 1]) == 0x80 &&
                   (static_cast<unsigned char>(text[pos + 2]) == 0xA8 ||
                    static_cast<unsigned char>(text[pos + 2]) == 0xA9)) { // U+2028, U+2029
            out += ' ';
            pos += 2;
        } else {
            out += static_cast<char>(byte);
        }
    }
    return out;
}

std::string labels(const graph::Schema& schema, std::string_view type) {
    std::vector<std::string> out;
    for (const auto& link : schema.lineage(type)) {
        out.push_back(neo4j_label(link));
    }
    if (out.empty()) {
        out.push_back("Entity");
    }
    return join(out, ';');
}

std::string column_type(const std::set<graph::PropValue::Kind>& kinds) {
    if (kinds.size() == 1 && *kinds.begin() == graph::PropValue::Kind::Number) {
        return ":double";
    }
    if (kinds.size() == 1 && *kinds.begin() == graph::PropValue::Kind::Bool) {
        return ":boolean";
    }
    return "";
}

} // namespace

std::vector<OutputFile> write_neo4j(const graph::EntityGraph& graph) {
    const auto& schema = graph.schema();
    std::set<std::string> languages;
    std::map<std::string, std::set<graph::PropValue::Kind>> node_props, edge_props;
    for (const auto& entity : graph.entities()) {
        for (const auto& [language, name] : entity.names) {
            languages.insert(language);
        }
        for (const auto& [key, value] : entity.props) {
            node_props[key].insert(value.kind);
        }
    }
    for (const auto& relation : graph.relations()) {
        for (const auto& [key, value] : relation.props) {
            edge_props[key].insert(value.kind);
        }
    }
    std::vector<std::string> header{"id:ID", ":LABEL", "type", "name"};
    for (const auto& language : languages) {
        header.push_back("name_" + language);
    }
    header.push_back("aliases:string[]");
    header.push_back("tags:string[]");
    for (const auto& [key, kinds] : node_props) {
        header.push_back("prop_" + key + column_type(kinds));
    }
    std::string nodes = csv_row(header, false) + "\n";
    std::set<std::string> types_used;
    for (graph::EntityIndex index : graph.entities_by_id()) {
        const auto& entity = graph.entity(index);
        types_used.insert(entity.type);
        std::vector<std::string> row{entity.id, labels(schema, entity.type), entity.type,
                                     entity.name};
        for (const auto& language : languages) {
            auto found = entity.names.find(language);
            row.push_back(found == entity.names.end() ? "" : found->second);
        }
        row.push_back(join(entity.aliases, ';'));
        row.push_back(join(entity.tags, ';'));
        for (const auto& [key, kinds] : node_props) {
            auto found = entity.props.find(key);
            row.push_back(found == entity.props.end() ? "" : found->second.text);
        }
        nodes += csv_row(row, false) + "\n";
    }

    header = {":START_ID",     ":END_ID",  ":TYPE", "relation_id", "role",
              "amount:double", "currency", "start", "end",         "sources"};
    for (const auto& [key, kinds] : edge_props) {
        header.push_back("prop_" + key + column_type(kinds));
    }
    std::string relationships = csv_row(header, false) + "\n";
    std::set<std::string> relation_types_used;
    for (const graph::Relation* relation : detail::sorted_relations(graph)) {
        relation_types_used.insert(relation->type);
        std::vector<std::string> row{
            relation->from,
            relation->to,
            neo4j_relationship_type(relation->type),
            relation->id,
            relation->role,
            relation->amount ? detail::format_number(relation->amount->value) : "",
            relation->amount ? relation->amount->currency.str() : "",
            relation->start,
            relation->end,
            relation->sources.empty() ? "" : detail::citations_json(relation->sources)};
        for (const auto& [key, kinds] : edge_props) {
            auto found = relation->props.find(key);
            row.push_back(found == relation->props.end() ? "" : found->second.text);
        }
        relationships += csv_row(row, false) + "\n";
    }

    // Every name and string from the map reaches Cypher quoted: names (labels, property
    // keys, CSV columns) by cypher_name, values by cypher_string, the title by cypher_comment.
    std::string cypher = fmt::format(
        "// {}: load nodes.csv and relationships.csv into Neo4j.\n"
        "// Offline bulk import (empty database, fastest):\n"
        "//   neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv "
        "--multiline-fields=true --array-delimiter=';' neo4j\n"
        "// Or, on a running server, copy both files into its import/ directory and run this file\n"
        "// with cypher-shell -f load.cypher.\n"
        "CREATE CONSTRAINT powermap_entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS "
        "UNIQUE;\n",
        cypher_comment(graph.info().title.empty() ? "powermap export" : graph.info().title));
    const auto assign = [](std::string_view variable, std::string_view key,
                           std::string_view convert, std::string_view column) {
        const std::string value = cypher_property("row", column);
        return fmt::format("{} = {}", cypher_property(variable, key),
                           convert.empty() ? value : fmt::format("{}({})", convert, value));
    };
    const auto convert_for = [](const std::set<graph::PropValue::Kind>& kinds) {
        const std::string type = column_type(kinds);
        return type == ":double" ? "toFloat" : type == ":boolean" ? "toBoolean" : "";
    };
    const auto list = [](std::string_view variable, std::string_view key) {
        const std::string column = cypher_property("row", std::string(key) + ":string[]");
        return fmt::format("{} = CASE {} WHEN '' THEN null ELSE split({}, ';') END",
                           cypher_property(variable, key), column, column);
    };
    for (const auto& type : types_used) {
        std::string set = assign("e", "type", "", "type") + ", " + assign("e", "name", "", "name");
        for (const auto& language : languages) {
            set += ", " + assign("e", "name_" + language, "", "name_" + language);
        }
        set += ", " + list("e", "aliases") + ", " + list("e", "tags");
        for (const auto& [key, kinds] : node_props) {
            set += ", " + assign("e", "prop_" + key, convert_for(kinds),
                                 "prop_" + key + column_type(kinds));
        }
        std::string label_list;
        for (const auto& link : schema.lineage(type)) {
            if (const std::string label = neo4j_label(link); !label.empty()) {
                label_list += ":" + cypher_name(label);
            }
        }
        if (label_list.empty()) {
            label_list = ":Entity";
        }
        cypher += fmt::format("LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row\n"
                              "WITH row WHERE {} = {}\n"
                              "MERGE (e{} {{id: {}}}) SET {};\n",
                              cypher_property("row", "type"), cypher_string(type), label_list,
                              cypher_property("row", "id:ID"), set);
    }
    for (const auto& type : relation_types_used) {
        std::string set;
        for (const char* field : {"relation_id", "role"}) {
            set += assign("r", field, "", field) + ", ";
        }
        set += assign("r", "amount", "toFloat", "amount:double");
        for (const char* field : {"currency", "start", "end", "sources"}) {
            set += ", " + assign("r", field, "", field);
        }
        for (const auto& [key, kinds] : edge_props) {
            set += ", " + assign("r", "prop_" + key, convert_for(kinds),
                                 "prop_" + key + column_type(kinds));
        }
        const std::string relationship = neo4j_relationship_type(type);
        cypher += fmt::format("LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row\n"
                              "WITH row WHERE {} = {}\n"
                              "MATCH (a:Entity {{id: {}}}), (b:Entity {{id: {}}})\n"
                              "CREATE (a)-[r:{}]->(b) SET {};\n",
                              cypher_property("row", ":TYPE"), cypher_string(relationship),
                              cypher_property("row", ":START_ID"),
                              cypher_property("row", ":END_ID"), cypher_name(relationship), set);
    }
    return {{"nodes.csv", nodes}, {"relationships.csv", relationships}, {"load.cypher", cypher}};
}

} // namespace powermap::io
