#include "io/formats/nodelink_writer.hpp"

#include <map>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "io/detail/json_writing.hpp"

namespace powermap::io {

namespace {
using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

using detail::put;
} // namespace

std::string write_nodelink(const graph::EntityGraph& graph) {
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    writer.SetIndent(' ', 2);
    writer.StartObject();
    writer.Key("directed");
    writer.Bool(true);
    writer.Key("multigraph");
    writer.Bool(true);
    writer.Key("graph");
    writer.StartObject();
    writer.Key("name");
    put(writer, graph.info().title);
    writer.Key("format");
    put(writer, "powermap/1 node-link");
    writer.EndObject();
    writer.Key("nodes");
    writer.StartArray();
    for (graph::EntityIndex index : graph.entities_by_id()) {
        const auto& entity = graph.entity(index);
        writer.StartObject();
        writer.Key("id");
        put(writer, entity.id);
        writer.Key("type");
        put(writer, entity.type);
        writer.Key("name");
        put(writer, entity.name);
        for (const auto& [language, name] : entity.names) {
            put(writer, "name_" + language);
            put(writer, name);
        }
        if (!entity.tags.empty()) {
            writer.Key("tags");
            writer.StartArray();
            for (const auto& tag : entity.tags) {
                put(writer, tag);
            }
            writer.EndArray();
        }
        writer.EndObject();
    }
    writer.EndArray();
    writer.Key("links");
    writer.StartArray();
    // NetworkX keys parallel edges 0, 1, ... per (source, target) pair.
    std::map<std::pair<std::string_view, std::string_view>, int> keys;
    for (std::size_t idx = 0; idx < graph.relation_count(); ++idx) {
        const graph::RelationIndex handle{static_cast<std::uint32_t>(idx)};
        const auto& relation = graph.relation(handle);
        const auto& type = graph.relation_type(handle);
        writer.StartObject();
        writer.Key("source");
        put(writer, relation.from);
        writer.Key("target");
        put(writer, relation.to);
        writer.Key("key");
        writer.Int(keys[{relation.from, relation.to}]++);
        if (!relation.id.empty()) {
            writer.Key("id");
            put(writer, relation.id);
        }
        writer.Key("type");
        put(writer, relation.type);
        writer.Key("label");
        put(writer, type.wording.forward);
        writer.Key("supply");
        writer.Bool(type.supply);
        writer.Key("directed");
        writer.Bool(type.directed);
        if (!relation.role.empty()) {
            writer.Key("role");
            put(writer, relation.role);
        }
        if (relation.amount) {
            writer.Key("amount");
            writer.Double(relation.amount->value);
            writer.Key("currency");
            put(writer, relation.amount->currency);
        }
        if (!relation.start.empty()) {
            writer.Key("start");
            put(writer, relation.start);
        }
        if (!relation.end.empty()) {
            writer.Key("end");
            put(writer, relation.end);
        }
        writer.Key("sources");
        writer.StartArray();
        for (const auto& citation : relation.sources) {
            writer.StartObject();
            writer.Key("source");
            put(writer, citation.source);
            writer.Key("quote");
            put(writer, citation.quote);
            writer.EndObject();
        }
        writer.EndArray();
        writer.EndObject();
    }
    writer.EndArray();
    writer.EndObject();
    std::string out(buffer.GetString(), buffer.GetSize());
    out += '\n';
    return out;
}

} // namespace powermap::io
