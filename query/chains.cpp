#include "query/chains.hpp"

#include <ostream>

#include "query/describe.hpp"
#include <fmt/format.h>

#include "io/display/labels.hpp"

namespace powermap::query {

bool mark_undated(const graph::TimeFilter& filter, const graph::Relation& relation) {
    return filter.as_of.has_value() && !graph::is_dated(relation);
}

void hop_json(io::JsonOut& json, const graph::EntityGraph& graph, const graph::PathHop& hop,
              const std::string& lang, const graph::TimeFilter& filter) {
    json.begin_object();
    json.key("from").string(graph.entity(hop.from).id);
    json.key("to").string(graph.entity(hop.to).id);
    json.key("forward").boolean(hop.forward);
    json.key("words").string(io::relation_wording(graph, hop.relation, hop.forward, lang));
    if (filter.as_of) {
        json.key("undated").boolean(mark_undated(filter, graph.relation(hop.relation)));
    }
    json.key("relation");
    relation_json(json, graph, hop.relation);
    json.end_object();
}

void hops_json(io::JsonOut& json, const graph::EntityGraph& graph,
               const std::vector<graph::PathHop>& hops, const std::string& lang,
               const graph::TimeFilter& filter) {
    json.begin_array();
    for (const auto& hop : hops) {
        hop_json(json, graph, hop, lang, filter);
    }
    json.end_array();
}

void print_hops(std::ostream& out, const graph::EntityGraph& graph,
                const std::vector<graph::PathHop>& hops, const std::string& lang, bool explain,
                const std::string& indent, const graph::TimeFilter& filter) {
    for (std::size_t hop_idx = 0; hop_idx < hops.size(); ++hop_idx) {
        const auto& hop = hops[hop_idx];
        out << fmt::format("{}{}. {} {} {}{}\n", indent, hop_idx + 1,
                           io::display_name(graph.entity(hop.from), lang),
                           tie_words(graph, hop.relation, hop.forward, lang),
                           io::display_name(graph.entity(hop.to), lang),
                           mark_undated(filter, graph.relation(hop.relation)) ? " (undated)" : "");
        if (explain) {
            out << citation_lines(graph, hop.relation, indent + "   ");
        }
    }
}

std::string chain_ids(const graph::EntityGraph& graph, const std::vector<graph::PathHop>& hops) {
    if (hops.empty()) {
        return {};
    }
    std::string text = graph.entity(hops.front().from).id;
    for (const auto& hop : hops) {
        text +=
            fmt::format(" {}{}{} {}", hop.forward ? "-" : "<-", graph.relation(hop.relation).type,
                        hop.forward ? "->" : "-", graph.entity(hop.to).id);
    }
    return text;
}

std::string join_ids(const graph::EntityGraph& graph,
                     const std::vector<graph::EntityIndex>& entities, const char* separator) {
    std::string text;
    for (std::size_t idx = 0; idx < entities.size(); ++idx) {
        text += (idx == 0 ? "" : separator) + graph.entity(entities[idx]).id;
    }
    return text;
}

std::string members_text(const graph::EntityGraph& graph, std::vector<graph::EntityIndex> members) {
    constexpr std::size_t shown = 3;
    if (members.size() <= shown) {
        return join_ids(graph, members);
    }
    const std::size_t more = members.size() - shown;
    members.resize(shown);
    return fmt::format("{} and {} more", join_ids(graph, members), more);
}

void check_entity_types(const graph::EntityGraph& graph, const std::vector<std::string>& types) {
    const auto known = graph.schema().entity_type_ids();
    for (const auto& type : types) {
        if (graph.schema().find_entity_type(type) == nullptr) {
            throw Error(fmt::format("unknown entity type '{}'", type), did_you_mean(type, known));
        }
    }
}

void check_relation_types(const graph::EntityGraph& graph, const std::vector<std::string>& types) {
    const auto known = graph.schema().relation_type_ids();
    for (const auto& type : types) {
        if (graph.schema().find_relation_type(type) == nullptr) {
            throw Error(fmt::format("unknown relation type '{}'", type), did_you_mean(type, known));
        }
    }
}

} // namespace powermap::query
