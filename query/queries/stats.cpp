// stats: how big the map is, what it holds, how well it is cited.
#include "graph/stats.hpp"

#include <sstream>

#include "query/describe.hpp"
#include "query/registry.hpp"
#include <fmt/format.h>

#include "io/native/json_output.hpp"

namespace powermap::query {

namespace {

Answer run_stats(const Request& request) {
    Answer answer;
    const auto& graph = request.session.graph();
    const auto stats = graph::compute_stats(graph);
    if (request.parts.json) {
        io::JsonOut json;
        json.begin_object();
        json.field("title", graph.info().title);
        json.key("entities").integer(static_cast<std::int64_t>(stats.entities));
        json.key("relations").integer(static_cast<std::int64_t>(stats.relations));
        json.key("sources").integer(static_cast<std::int64_t>(stats.sources));
        json.key("supply_relations").integer(static_cast<std::int64_t>(stats.supply));
        json.key("components").integer(static_cast<std::int64_t>(stats.components));
        json.key("largest_component").integer(static_cast<std::int64_t>(stats.largest_component));
        json.key("isolated").integer(static_cast<std::int64_t>(stats.isolated));
        json.key("cited").integer(static_cast<std::int64_t>(stats.cited));
        json.key("verified").integer(static_cast<std::int64_t>(stats.verified));
        type_count_json(json, stats);
        json.end_object();
        answer.json = json.str();
    }
    if (!request.parts.text && !request.parts.csv) {
        return answer;
    }
    Table table = type_count_table(graph, stats);
    if (request.parts.text) {
        auto percent = [&](std::size_t part) {
            return stats.relations == 0
                       ? 100.0
                       : 100.0 * static_cast<double>(part) / static_cast<double>(stats.relations);
        };
        std::ostringstream out;
        if (!graph.info().title.empty()) {
            out << graph.info().title << "\n\n";
        }
        out << fmt::format(
            "entities     {}\nrelations    {} ({} supply ties)\nsources      {}\n"
            "components   {} (largest {} entities, {} isolated)\n"
            "cited        {} of {} relations ({:.0f}%)\n"
            "verified     {} of {} relations quote their source verbatim ({:.0f}%)\n\n",
            stats.entities, stats.relations, stats.supply, stats.sources, stats.components,
            stats.largest_component, stats.isolated, stats.cited, stats.relations,
            percent(stats.cited), stats.verified, stats.relations, percent(stats.verified));
        table.print_text(out);
        answer.text = out.str();
    }
    if (request.parts.csv) {
        answer.table = std::move(table);
    }
    return answer;
}

} // namespace

QueryDef stats_query() {
    return {
        .name = "stats",
        .summary = "Counts by entity and relation type, components, sources and citation coverage",
        .json_shape =
            R"(`{"title", "entities", "relations", "sources", "supply_relations", "components", "largest_component", "isolated", "cited", "verified", "entities_by_type": {type: n}, "relations_by_type": {type: n}}`)",
        .params = {},
        .tabular = true,
        .run = run_stats};
}

} // namespace powermap::query
