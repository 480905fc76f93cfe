#include "io/formats/ftm_writer.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "io/detail/json_writing.hpp"
#include "io/formats/ftm_model.hpp"
#include "io/formats/interop_util.hpp"

namespace powermap::io {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;
using graph::PropValue;
using Kind = PropValue::Kind;
using Properties = std::map<std::string, std::vector<std::string>>;

using detail::put;

std::vector<std::string> values_of(const PropValue& value) {
    if (value.kind == Kind::Null) {
        return {};
    }
    if (value.kind == Kind::Json) {
        if (auto list = detail::parse_string_list(value.text)) {
            return *list;
        }
    }
    return {value.text};
}

/// Splits props into FtM properties and the ftm:<field> extras written at the top level.
void split_props(const graph::Props& props, Properties& properties,
                 std::map<std::string, PropValue>& extras) {
    for (const auto& [name, value] : props) {
        if (name.rfind("ftm:", 0) == 0) {
            extras[name.substr(4)] = value;
            continue;
        }
        auto values = values_of(value);
        if (!values.empty()) {
            auto& list = properties[name];
            list.insert(list.end(), values.begin(), values.end());
        }
    }
}

std::string line(const std::string& id, const std::string& schema, const Properties& properties,
                 const std::map<std::string, PropValue>& extras) {
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    writer.StartObject();
    writer.Key("id");
    put(writer, id);
    writer.Key("schema");
    put(writer, schema);
    writer.Key("properties");
    writer.StartObject();
    for (const auto& [name, values] : properties) {
        put(writer, name);
        writer.StartArray();
        for (const auto& value : values) {
            put(writer, value);
        }
        writer.EndArray();
    }
    writer.EndObject();
    for (const auto& [name, value] : extras) {
        put(writer, name);
        if (value.kind == Kind::Bool) {
            writer.Bool(value.text == "true");
        } else if (value.kind == Kind::Json) {
            writer.StartArray();
            for (const auto& item : values_of(value)) {
                put(writer, item);
            }
            writer.EndArray();
        } else {
            put(writer, value.text);
        }
    }
    writer.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

} // namespace

std::string write_ftm(const graph::EntityGraph& graph) {
    std::map<std::string, Properties> references; // entity id -> reference properties
    std::map<std::string, std::string> edges;     // id -> line
    std::map<std::tuple<std::string, std::string, std::string>, int> unnamed;
    for (const graph::Relation* relation : detail::sorted_relations(graph)) {
        if (const auto* reference = ftm::find_reference_relation(relation->type);
            reference != nullptr && relation->id.empty() && relation->props.empty() &&
            !relation->amount && relation->role.empty() && relation->start.empty() &&
            relation->end.empty()) {
            references[relation->from][std::string(reference->property)].push_back(relation->to);
            continue;
        }
        const auto* edge = ftm::find_edge_relation(relation->type);
        Properties properties;
        std::map<std::string, PropValue> extras;
        split_props(relation->props, properties, extras);
        std::string schema;
        if (edge != nullptr) {
            schema = std::string(edge->schema);
            properties[std::string(edge->source)] = {relation->from};
            properties[std::string(edge->target)] = {relation->to};
            if (!relation->role.empty()) {
                properties["role"].push_back(relation->role);
            }
        } else {
            schema = "UnknownLink";
            properties["subject"] = {relation->from};
            properties["object"] = {relation->to};
            properties["role"].push_back(relation->type);
            if (!relation->role.empty()) {
                properties["description"].push_back(relation->role);
            }
        }
        if (!relation->start.empty()) {
            properties["startDate"].push_back(relation->start);
        }
        if (!relation->end.empty()) {
            properties["endDate"].push_back(relation->end);
        }
        if (relation->amount) {
            properties["amount"].push_back(detail::format_number(relation->amount->value));
            properties["currency"].push_back(relation->amount->currency);
        }
        std::string id = relation->id;
        if (id.empty()) {
            const int nth = unnamed[{relation->from, relation->type, relation->to}]++;
            id = nth == 0 ? fmt::format("{}-{}-{}", relation->from, relation->type, relation->to)
                          : fmt::format("{}-{}-{}-{}", relation->from, relation->type, relation->to,
                                        nth + 1);
        }
        edges[id] = line(id, schema, properties, extras);
    }
    std::map<std::string, std::string> lines;
    for (const auto& entity : graph.entities()) {
        Properties properties;
        std::map<std::string, PropValue> extras;
        split_props(entity.props, properties, extras);
        if (!entity.referents.empty()) { // the ids merged into it, as FtM keeps them
            std::string list;
            for (const auto& referent : entity.referents) {
                list += (list.empty() ? "[" : ",") + detail::json_quote(referent);
            }
            extras["referents"] = PropValue{PropValue::Kind::Json, list + "]"};
        }
        std::vector<std::string> names;
        if (!entity.name.empty()) {
            names.push_back(entity.name);
        }
        for (const auto& alias : entity.aliases) {
            names.push_back(alias);
        }
        for (const auto& [language, name] : entity.names) {
            if (std::find(names.begin(), names.end(), name) == names.end()) {
                names.push_back(name);
            }
        }
        if (!names.empty()) {
            properties["name"] = names;
        }
        if (!entity.tags.empty()) {
            properties["keywords"] = entity.tags;
        }
        if (auto found = references.find(entity.id); found != references.end()) {
            for (const auto& [name, targets] : found->second) {
                auto& list = properties[name];
                list.insert(list.end(), targets.begin(), targets.end());
            }
        }
        lines[entity.id] =
            line(entity.id, ftm::schema_for(graph.schema(), entity.type), properties, extras);
    }
    for (auto& [id, text] : edges) {
        lines.emplace(
            id, std::move(text)); // an edge id equal to an entity id loses; ids are unique in FtM
    }
    std::string out;
    for (const auto& [id, text] : lines) {
        out += text;
    }
    return out;
}

} // namespace powermap::io
