#include "io/formats/graphml_writer.hpp"

#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "io/display/labels.hpp"
#include "io/formats/interop_util.hpp"

namespace powermap::io {

namespace {

using graph::PropValue;
using Kind = PropValue::Kind;

struct Key {
    std::string id;
    std::string type; ///< GraphML attr.type
};

/// The GraphML type a prop gets: its one kind when all values share a simple kind, else string.
std::map<std::string, Key> prop_keys(const std::map<std::string, std::set<Kind>>& kinds,
                                     int& next_id) {
    std::map<std::string, Key> out;
    for (const auto& [name, seen] : kinds) {
        std::string type = "string";
        if (seen.size() == 1) {
            const Kind kind = *seen.begin();
            type = kind == Kind::Number ? "double" : kind == Kind::Bool ? "boolean" : "string";
        }
        out[name] = Key{fmt::format("d{}", next_id++), type};
    }
    return out;
}

void declare(pugi::xml_node root, const std::string& id, const char* domain,
             const std::string& name, const std::string& type) {
    auto key = root.append_child("key");
    key.append_attribute("id") = id.c_str();
    key.append_attribute("for") = domain;
    key.append_attribute("attr.name") = detail::xml_value(name).c_str();
    key.append_attribute("attr.type") = type.c_str();
}

void data(pugi::xml_node parent, const std::string& key, std::string_view value) {
    auto node = parent.append_child("data");
    node.append_attribute("key") = key.c_str();
    node.append_child(pugi::node_pcdata).set_value(detail::xml_value(value).c_str());
}

/// Props as <data>, and a prop_kinds note for values whose kind the key's type does not say.
void put_props(pugi::xml_node parent, const graph::Props& props,
               const std::map<std::string, Key>& keys, const std::string& kinds_key) {
    std::map<std::string, std::string> odd;
    for (const auto& [name, value] : props) {
        const Key& key = keys.at(name);
        data(parent, key.id, value.text);
        const bool said = (key.type == "double" && value.kind == Kind::Number) ||
                          (key.type == "boolean" && value.kind == Kind::Bool) ||
                          (key.type == "string" && value.kind == Kind::String);
        if (!said) {
            odd[name] = std::string(detail::kind_name(value.kind));
        }
    }
    if (!odd.empty()) {
        std::vector<std::string> pairs; // name, kind, name, kind...
        for (const auto& [name, kind] : odd) {
            pairs.push_back(name);
            pairs.push_back(kind);
        }
        data(parent, kinds_key, detail::json_string_list(pairs));
    }
}

} // namespace

std::string write_graphml(const graph::EntityGraph& graph, const SourceOutput& sources) {
    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    auto root = doc.append_child("graphml");
    root.append_attribute("xmlns") = "http://graphml.graphdrawing.org/xmlns";
    root.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
    root.append_attribute("xsi:schemaLocation") =
        "http://graphml.graphdrawing.org/xmlns "
        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";

    std::set<std::string> languages;
    std::map<std::string, std::set<Kind>> node_props, edge_props;
    bool any_aliases = false, any_tags = false;
    for (const auto& entity : graph.entities()) {
        for (const auto& [language, name] : entity.names) {
            languages.insert(language);
        }
        for (const auto& [name, value] : entity.props) {
            node_props[name].insert(value.kind);
        }
        any_aliases = any_aliases || !entity.aliases.empty();
        any_tags = any_tags || !entity.tags.empty();
    }
    bool any_role = false, any_amount = false, any_start = false, any_end = false,
         any_sources = false;
    for (const auto& relation : graph.relations()) {
        for (const auto& [name, value] : relation.props) {
            edge_props[name].insert(value.kind);
        }
        any_role = any_role || !relation.role.empty();
        any_amount = any_amount || relation.amount.has_value();
        any_start = any_start || !relation.start.empty();
        any_end = any_end || !relation.end.empty();
        any_sources = any_sources || !relation.sources.empty();
    }

    int next_id = 0;
    auto next = [&next_id] {
        return fmt::format("d{}", next_id++);
    };
    const std::string header_key = next();
    declare(root, header_key, "graph", "powermap", "string");
    const std::string type_key = next(), name_key = next();
    declare(root, type_key, "node", "type", "string");
    declare(root, name_key, "node", "name", "string");
    std::map<std::string, std::string> language_keys;
    for (const auto& language : languages) {
        language_keys[language] = next();
        declare(root, language_keys[language], "node", "name:" + language, "string");
    }
    const std::string aliases_key = any_aliases ? next() : "";
    if (any_aliases) {
        declare(root, aliases_key, "node", "aliases", "string");
    }
    const std::string tags_key = any_tags ? next() : "";
    if (any_tags) {
        declare(root, tags_key, "node", "tags", "string");
    }
    const auto node_keys = prop_keys(node_props, next_id);
    for (const auto& [name, key] : node_keys) {
        declare(root, key.id, "node", "prop." + name, key.type);
    }
    const std::string node_kinds_key = next();
    declare(root, node_kinds_key, "node", "prop_kinds", "string");

    const std::string edge_type_key = next(), label_key = next();
    declare(root, edge_type_key, "edge", "type", "string");
    declare(root, label_key, "edge", "label", "string");
    std::string role_key, amount_key, currency_key, start_key, end_key, sources_key;
    if (any_role) {
        declare(root, role_key = next(), "edge", "role", "string");
    }
    if (any_amount) {
        declare(root, amount_key = next(), "edge", "amount", "double");
        declare(root, currency_key = next(), "edge", "currency", "string");
    }
    if (any_start) {
        declare(root, start_key = next(), "edge", "start", "string");
    }
    if (any_end) {
        declare(root, end_key = next(), "edge", "end", "string");
    }
    if (any_sources) {
        declare(root, sources_key = next(), "edge", "sources", "string");
    }
    const auto edge_keys = prop_keys(edge_props, next_id);
    for (const auto& [name, key] : edge_keys) {
        declare(root, key.id, "edge", "prop." + name, key.type);
    }
    const std::string edge_kinds_key = next();
    declare(root, edge_kinds_key, "edge", "prop_kinds", "string");

    auto graph_node = root.append_child("graph");
    graph_node.append_attribute("id") = "G";
    graph_node.append_attribute("edgedefault") = "directed";
    data(graph_node, header_key, detail::header_json(graph, true, false, sources));
    for (graph::EntityIndex index : graph.entities_by_id()) {
        const auto& entity = graph.entity(index);
        auto node = graph_node.append_child("node");
        node.append_attribute("id") = detail::xml_value(entity.id).c_str();
        data(node, type_key, entity.type);
        data(node, name_key, entity.name);
        for (const auto& [language, name] : entity.names) {
            data(node, language_keys.at(language), name);
        }
        if (!entity.aliases.empty()) {
            data(node, aliases_key, detail::json_string_list(entity.aliases));
        }
        if (!entity.tags.empty()) {
            data(node, tags_key, detail::json_string_list(entity.tags));
        }
        put_props(node, entity.props, node_keys, node_kinds_key);
    }
    for (const graph::Relation* relation : detail::sorted_relations(graph)) {
        auto edge = graph_node.append_child("edge");
        if (!relation->id.empty()) {
            edge.append_attribute("id") = detail::xml_value(relation->id).c_str();
        }
        edge.append_attribute("source") = detail::xml_value(relation->from).c_str();
        edge.append_attribute("target") = detail::xml_value(relation->to).c_str();
        data(edge, edge_type_key, relation->type);
        if (const auto* type = graph.schema().find_relation_type(relation->type)) {
            data(edge, label_key, type->wording.forward);
        }
        if (!relation->role.empty()) {
            data(edge, role_key, relation->role);
        }
        if (relation->amount) {
            data(edge, amount_key, detail::format_number(relation->amount->value));
            data(edge, currency_key, relation->amount->currency);
        }
        if (!relation->start.empty()) {
            data(edge, start_key, relation->start);
        }
        if (!relation->end.empty()) {
            data(edge, end_key, relation->end);
        }
        if (!relation->sources.empty()) {
            data(edge, sources_key, detail::citations_json(relation->sources));
        }
        put_props(edge, relation->props, edge_keys, edge_kinds_key);
    }
    std::ostringstream out;
    doc.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
    return detail::xml_1_0(out.str());
}

} // namespace powermap::io
