#include "query/describe.hpp"

#include <fmt/format.h>

#include "io/display/labels.hpp"

namespace powermap::query {

std::string entity_label(const graph::EntityGraph& graph, graph::EntityIndex entity,
                         const std::string& lang) {
    const auto& record = graph.entity(entity);
    return fmt::format("{} ({})", io::display_name(record, lang), record.id);
}

std::string tie_words(const graph::EntityGraph& graph, graph::RelationIndex relation, bool forward,
                      const std::string& lang) {
    const auto& record = graph.relation(relation);
    std::string words = io::relation_wording(graph, relation, forward, lang);
    std::vector<std::string> details;
    if (!record.role.empty()) {
        details.push_back(record.role);
    }
    if (record.amount) {
        details.push_back(io::format_amount(*record.amount));
    }
    if (auto period = io::format_period(record); !period.empty()) {
        details.push_back(period);
    }
    if (!details.empty()) {
        words += fmt::format(" [{}]", fmt::join(details, ", "));
    }
    return words;
}

std::string citation_lines(const graph::EntityGraph& graph, graph::RelationIndex relation,
                           const std::string& indent) {
    const auto& record = graph.relation(relation);
    if (record.sources.empty()) {
        return indent + "(no source cited)\n";
    }
    std::string out;
    for (const auto& citation : record.sources) {
        const graph::Source* source = graph.find_source(citation.source);
        std::string title = source != nullptr && !source->title_en.empty() ? source->title_en
                            : source != nullptr                            ? source->title
                                                                           : std::string{};
        out += fmt::format("{}source: {}{}\n", indent, citation.source,
                           title.empty() ? "" : fmt::format(" \u2014 {}", title));
        if (!citation.quote.empty()) {
            out += fmt::format("{}quote:  \u201c{}\u201d\n", indent, citation.quote);
        }
        if (!citation.note.empty()) {
            out += fmt::format("{}note:   {}\n", indent, citation.note);
        }
    }
    return out;
}

void relation_json(io::JsonOut& json, const graph::EntityGraph& graph,
                   graph::RelationIndex relation) {
    const auto& record = graph.relation(relation);
    const auto& type = graph.relation_type(relation);
    json.begin_object();
    json.field("id", record.id);
    json.key("from").string(record.from);
    json.key("to").string(record.to);
    json.key("type").string(record.type);
    json.key("wording").string(type.wording.forward);
    json.key("supply").boolean(type.supply);
    json.field("role", record.role);
    if (record.amount) {
        json.key("amount").begin_object();
        json.key("value").number(record.amount->value);
        json.key("currency").string(record.amount->currency);
        json.end_object();
    }
    json.field("start", record.start);
    json.field("end", record.end);
    json.key("sources").begin_array();
    for (const auto& citation : record.sources) {
        json.begin_object();
        json.key("source").string(citation.source);
        json.field("quote", citation.quote);
        json.field("note", citation.note);
        json.end_object();
    }
    json.end_array();
    json.end_object();
}

void entity_details_json(io::JsonOut& json, const graph::Entity& entity) {
    json.key("names").begin_object();
    for (const auto& [language, name] : entity.names) {
        json.key(language).string(name);
    }
    json.end_object();
    for (const auto& [key, items] :
         {std::pair{"aliases", &entity.aliases.get()}, std::pair{"tags", &entity.tags.get()},
          std::pair{"referents", &entity.referents.get()}}) {
        json.key(key).begin_array();
        for (const auto& item : *items) {
            json.string(item);
        }
        json.end_array();
    }
    json.key("props").begin_object();
    for (const auto& [key, value] : entity.props) {
        json.key(key).string(value.text);
    }
    json.end_object();
}

void entity_json(io::JsonOut& json, const graph::EntityGraph& graph, graph::EntityIndex entity) {
    const auto& record = graph.entity(entity);
    json.begin_object();
    json.key("id").string(record.id);
    json.key("type").string(record.type);
    json.field("name", record.name);
    if (!record.names.empty()) {
        json.key("names").begin_object();
        for (const auto& [language, name] : record.names) {
            json.key(language).string(name);
        }
        json.end_object();
    }
    json.end_object();
}

Table type_count_table(const graph::EntityGraph& graph, const graph::MapStats& stats) {
    Table table({"kind", "type", "count"});
    for (const auto& [type, count] : stats.entities_by_type) {
        table.add_row({"entity", type, std::to_string(count)});
    }
    for (const auto& [type, count] : stats.relations_by_type) {
        const auto* record = graph.schema().find_relation_type(type);
        table.add_row({record != nullptr && record->supply ? "relation (supply)" : "relation", type,
                       std::to_string(count)});
    }
    return table;
}

void type_count_json(io::JsonOut& json, const graph::MapStats& stats) {
    json.key("entities_by_type").begin_object();
    for (const auto& [type, count] : stats.entities_by_type) {
        json.key(type).integer(static_cast<std::int64_t>(count));
    }
    json.end_object();
    json.key("relations_by_type").begin_object();
    for (const auto& [type, count] : stats.relations_by_type) {
        json.key(type).integer(static_cast<std::int64_t>(count));
    }
    json.end_object();
}

} // namespace powermap::query
