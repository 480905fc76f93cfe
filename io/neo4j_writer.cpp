#include "io/neo4j_writer.hpp"

#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>

#include "io/interop_util.hpp"

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

    std::string cypher = fmt::format(
        "// {}: load nodes.csv and relationships.csv into Neo4j.\n"
        "// Offline bulk import (empty database, fastest):\n"
        "//   neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv "
        "--multiline-fields=true --array-delimiter=';' neo4j\n"
        "// Or, on a running server, copy both files into its import/ directory and run this file\n"
        "// with cypher-shell -f load.cypher.\n"
        "CREATE CONSTRAINT powermap_entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS "
        "UNIQUE;\n",
        graph.info().title.empty() ? "powermap export" : graph.info().title);
    for (const auto& type : types_used) {
        std::string set = "e.type = row.type, e.name = row.name";
        for (const auto& language : languages) {
            set += fmt::format(", e.name_{0} = row.name_{0}", language);
        }
        set += ", e.aliases = CASE row.`aliases:string[]` WHEN '' THEN null ELSE "
               "split(row.`aliases:string[]`, ';') END";
        set += ", e.tags = CASE row.`tags:string[]` WHEN '' THEN null ELSE "
               "split(row.`tags:string[]`, ';') END";
        for (const auto& [key, kinds] : node_props) {
            const std::string column = "prop_" + key + column_type(kinds);
            const std::string convert = column_type(kinds) == ":double"    ? "toFloat"
                                        : column_type(kinds) == ":boolean" ? "toBoolean"
                                                                           : "";
            set += fmt::format(", e.`prop_{}` = {}(row.`{}`)", key, convert, column);
        }
        std::string label_list;
        for (const auto& link : schema.lineage(type)) {
            label_list += ":" + neo4j_label(link);
        }
        if (label_list.empty()) {
            label_list = ":Entity";
        }
        cypher += fmt::format("LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row\n"
                              "WITH row WHERE row.type = {}\n"
                              "MERGE (e{} {{id: row.`id:ID`}}) SET {};\n",
                              cypher_string(type), label_list, set);
    }
    for (const auto& type : relation_types_used) {
        std::string set = "r.relation_id = row.relation_id, r.role = row.role, r.amount = "
                          "toFloat(row.`amount:double`), "
                          "r.currency = row.currency, r.start = row.start, r.end = row.end, "
                          "r.sources = row.sources";
        for (const auto& [key, kinds] : edge_props) {
            const std::string column = "prop_" + key + column_type(kinds);
            const std::string convert = column_type(kinds) == ":double"    ? "toFloat"
                                        : column_type(kinds) == ":boolean" ? "toBoolean"
                                                                           : "";
            set += fmt::format(", r.`prop_{}` = {}(row.`{}`)", key, convert, column);
        }
        cypher += fmt::format(
            "LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row\n"
            "WITH row WHERE row.`:TYPE` = {}\n"
            "MATCH (a:Entity {{id: row.`:START_ID`}}), (b:Entity {{id: row.`:END_ID`}})\n"
            "CREATE (a)-[r:{}]->(b) SET {};\n",
            cypher_string(neo4j_relationship_type(type)), neo4j_relationship_type(type), set);
    }
    return {{"nodes.csv", nodes}, {"relationships.csv", relationships}, {"load.cypher", cypher}};
}

} // namespace powermap::io
