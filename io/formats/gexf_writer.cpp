#include "io/formats/gexf_writer.hpp"

#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "io/formats/interop_util.hpp"

namespace powermap::io {

namespace {

using graph::PropValue;

struct Attribute {
    std::string id;
    std::string title;
    std::string type; ///< string, double, boolean
};

pugi::xml_node declare(pugi::xml_node attributes, const Attribute& attribute) {
    auto node = attributes.append_child("attribute");
    node.append_attribute("id") = attribute.id.c_str();
    node.append_attribute("title") = attribute.title.c_str();
    node.append_attribute("type") = attribute.type.c_str();
    return node;
}

void value(pugi::xml_node values, const std::string& id, const std::string& text) {
    auto node = values.append_child("attvalue");
    node.append_attribute("for") = id.c_str();
    node.append_attribute("value") = text.c_str();
}

std::string type_for(const std::set<PropValue::Kind>& kinds) {
    if (kinds.size() == 1 && *kinds.begin() == PropValue::Kind::Number) {
        return "double";
    }
    if (kinds.size() == 1 && *kinds.begin() == PropValue::Kind::Bool) {
        return "boolean";
    }
    return "string";
}

} // namespace

std::string write_gexf(const graph::EntityGraph& graph) {
    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    auto root = doc.append_child("gexf");
    root.append_attribute("xmlns") = "http://www.gexf.net/1.2draft";
    root.append_attribute("version") = "1.2";
    auto meta = root.append_child("meta");
    meta.append_child("creator").text() = "powermap";
    meta.append_child("description").text() = graph.info().title.c_str();
    auto graph_node = root.append_child("graph");
    graph_node.append_attribute("defaultedgetype") = "directed";
    graph_node.append_attribute("mode") = "static";

    std::set<std::string> languages;
    std::map<std::string, std::set<PropValue::Kind>> node_props, edge_props;
    for (const auto& entity : graph.entities()) {
        for (const auto& [language, name] : entity.names) {
            languages.insert(language);
        }
        for (const auto& [key, prop] : entity.props) {
            node_props[key].insert(prop.kind);
        }
    }
    for (const auto& relation : graph.relations()) {
        for (const auto& [key, prop] : relation.props) {
            edge_props[key].insert(prop.kind);
        }
    }
    auto node_attributes = graph_node.append_child("attributes");
    node_attributes.append_attribute("class") = "node";
    int next = 0;
    auto add = [&next](pugi::xml_node where, std::string title, std::string type) {
        Attribute attribute{std::to_string(next++), std::move(title), std::move(type)};
        declare(where, attribute);
        return attribute.id;
    };
    const std::string type_id = add(node_attributes, "type", "string");
    std::map<std::string, std::string> language_ids;
    for (const auto& language : languages) {
        language_ids[language] = add(node_attributes, "name:" + language, "string");
    }
    const std::string aliases_id = add(node_attributes, "aliases", "string");
    const std::string tags_id = add(node_attributes, "tags", "string");
    std::map<std::string, std::string> node_prop_ids;
    for (const auto& [key, kinds] : node_props) {
        node_prop_ids[key] = add(node_attributes, "prop." + key, type_for(kinds));
    }
    auto edge_attributes = graph_node.append_child("attributes");
    edge_attributes.append_attribute("class") = "edge";
    const std::string edge_type_id = add(edge_attributes, "type", "string");
    const std::string role_id = add(edge_attributes, "role", "string");
    const std::string amount_id = add(edge_attributes, "amount", "double");
    const std::string currency_id = add(edge_attributes, "currency", "string");
    const std::string start_id = add(edge_attributes, "start", "string");
    const std::string end_id = add(edge_attributes, "end", "string");
    const std::string sources_id = add(edge_attributes, "sources", "string");
    std::map<std::string, std::string> edge_prop_ids;
    for (const auto& [key, kinds] : edge_props) {
        edge_prop_ids[key] = add(edge_attributes, "prop." + key, type_for(kinds));
    }

    auto nodes = graph_node.append_child("nodes");
    for (graph::EntityIndex index : graph.entities_by_id()) {
        const auto& entity = graph.entity(index);
        auto node = nodes.append_child("node");
        node.append_attribute("id") = entity.id.c_str();
        node.append_attribute("label") = (entity.name.empty() ? entity.id : entity.name).c_str();
        auto values = node.append_child("attvalues");
        value(values, type_id, entity.type);
        for (const auto& [language, name] : entity.names) {
            value(values, language_ids.at(language), name);
        }
        if (!entity.aliases.empty()) {
            value(values, aliases_id, detail::json_string_list(entity.aliases));
        }
        if (!entity.tags.empty()) {
            value(values, tags_id, detail::json_string_list(entity.tags));
        }
        for (const auto& [key, prop] : entity.props) {
            value(values, node_prop_ids.at(key), prop.text);
        }
    }
    auto edges = graph_node.append_child("edges");
    std::set<std::string> used_ids;
    std::size_t counter = 0;
    for (const graph::Relation* relation : detail::sorted_relations(graph)) {
        auto edge = edges.append_child("edge");
        std::string id = relation->id;
        if (id.empty() || !used_ids.insert(id).second) {
            do {
                id = fmt::format("r{}", counter++);
            } while (!used_ids.insert(id).second);
        }
        edge.append_attribute("id") = id.c_str();
        edge.append_attribute("source") = relation->from.c_str();
        edge.append_attribute("target") = relation->to.c_str();
        edge.append_attribute("label") = relation->type.c_str();
        auto values = edge.append_child("attvalues");
        value(values, edge_type_id, relation->type);
        if (!relation->role.empty()) {
            value(values, role_id, relation->role);
        }
        if (relation->amount) {
            value(values, amount_id, detail::format_number(relation->amount->value));
            value(values, currency_id, relation->amount->currency);
        }
        if (!relation->start.empty()) {
            value(values, start_id, relation->start);
        }
        if (!relation->end.empty()) {
            value(values, end_id, relation->end);
        }
        if (!relation->sources.empty()) {
            value(values, sources_id, detail::citations_json(relation->sources));
        }
        for (const auto& [key, prop] : relation->props) {
            value(values, edge_prop_ids.at(key), prop.text);
        }
    }
    std::ostringstream out;
    doc.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
    return detail::xml_1_0(out.str());
}

} // namespace powermap::io
