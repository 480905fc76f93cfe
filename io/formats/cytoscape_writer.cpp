#include "io/formats/cytoscape_writer.hpp"

#include <set>

#include <fmt/format.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "io/detail/json_writing.hpp"
#include "io/formats/interop_util.hpp"

namespace powermap::io {

namespace {
using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;
using detail::put;
void field(Writer& writer, const char* key, std::string_view text) {
    if (!text.empty()) {
        writer.Key(key);
        put(writer, text);
    }
}
void props(Writer& writer, const graph::Props& values) {
    for (const auto& [key, value] : values) {
        put(writer, "prop." + key);
        switch (value.kind) {
        case graph::PropValue::Kind::Number:
        case graph::PropValue::Kind::Json:
            writer.RawValue(value.text.data(), value.text.size(), rapidjson::kObjectType);
            break;
        case graph::PropValue::Kind::Bool:
            writer.Bool(value.text == "true");
            break;
        case graph::PropValue::Kind::Null:
            writer.Null();
            break;
        case graph::PropValue::Kind::String:
            put(writer, value.text);
            break;
        }
    }
}
} // namespace

std::string write_cytoscape(const graph::EntityGraph& graph) {
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    writer.SetIndent(' ', 1);
    writer.StartObject();
    writer.Key("data");
    writer.StartObject();
    field(writer, "name", graph.info().title);
    field(writer, "format", "powermap/1 cytoscape");
    writer.EndObject();
    writer.Key("directed");
    writer.Bool(true);
    writer.Key("multigraph");
    writer.Bool(true);
    writer.Key("elements");
    writer.StartObject();
    writer.Key("nodes");
    writer.StartArray();
    std::set<std::string> used;
    for (graph::EntityIndex index : graph.entities_by_id()) {
        const auto& entity = graph.entity(index);
        used.insert(entity.id);
        writer.StartObject();
        writer.Key("data");
        writer.StartObject();
        field(writer, "id", entity.id);
        writer.Key("value"); // NetworkX's cytoscape_graph() names nodes by "value"
        put(writer, entity.id);
        writer.Key("name");
        put(writer, entity.name.empty() ? entity.id : entity.name);
        field(writer, "type", entity.type);
        for (const auto& [language, name] : entity.names) {
            field(writer, ("name_" + language).c_str(), name);
        }
        if (!entity.aliases.empty()) {
            writer.Key("aliases");
            writer.StartArray();
            for (const auto& alias : entity.aliases) {
                put(writer, alias);
            }
            writer.EndArray();
        }
        if (!entity.tags.empty()) {
            writer.Key("tags");
            writer.StartArray();
            for (const auto& tag : entity.tags) {
                put(writer, tag);
            }
            writer.EndArray();
        }
        props(writer, entity.props);
        writer.EndObject();
        writer.Key("classes");
        put(writer, entity.type);
        writer.EndObject();
    }
    writer.EndArray();
    writer.Key("edges");
    writer.StartArray();
    std::size_t counter = 0;
    for (const graph::Relation* relation : detail::sorted_relations(graph)) {
        std::string id = relation->id;
        if (id.empty() || !used.insert(id).second) {
            do {
                id = fmt::format("r{}", counter++);
            } while (!used.insert(id).second);
        }
        const auto* type = graph.schema().find_relation_type(relation->type);
        writer.StartObject();
        writer.Key("data");
        writer.StartObject();
        field(writer, "id", id);
        field(writer, "source", relation->from);
        field(writer, "target", relation->to);
        field(writer, "type", relation->type);
        field(writer, "label", type != nullptr ? type->wording.forward : relation->type.str());
        if (type != nullptr) {
            writer.Key("supply");
            writer.Bool(type->supply);
        }
        field(writer, "role", relation->role);
        if (relation->amount) {
            writer.Key("amount");
            writer.Double(relation->amount->value);
            field(writer, "currency", relation->amount->currency);
        }
        field(writer, "start", relation->start);
        field(writer, "end", relation->end);
        if (!relation->sources.empty()) {
            writer.Key("sources");
            writer.StartArray();
            for (const auto& citation : relation->sources) {
                writer.StartObject();
                field(writer, "source", citation.source);
                field(writer, "quote", citation.quote);
                field(writer, "note", citation.note);
                writer.EndObject();
            }
            writer.EndArray();
        }
        props(writer, relation->props);
        writer.EndObject();
        writer.Key("classes");
        put(writer, relation->type);
        writer.EndObject();
    }
    writer.EndArray();
    writer.EndObject();
    writer.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

} // namespace powermap::io
