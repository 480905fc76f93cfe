// powermap stats: how big the map is, what it holds, how well it is cited.
#include <ostream>

#include "query/describe.hpp"
#include "query/table.hpp"
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "graph/stats.hpp"
#include "io/json_output.hpp"

namespace powermap::cli {

void register_stats(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "stats", "Counts by entity and relation type, components, sources and citation coverage");
    cmd->callback([&ctx] {
        const auto& graph = ctx.graph();
        const auto stats = graph::compute_stats(graph);
        auto percent = [&](std::size_t part) {
            return stats.relations == 0
                       ? 100.0
                       : 100.0 * static_cast<double>(part) / static_cast<double>(stats.relations);
        };
        if (ctx.json()) {
            io::JsonOut json;
            json.begin_object();
            json.field("title", graph.info().title);
            json.key("entities").integer(static_cast<std::int64_t>(stats.entities));
            json.key("relations").integer(static_cast<std::int64_t>(stats.relations));
            json.key("sources").integer(static_cast<std::int64_t>(stats.sources));
            json.key("supply_relations").integer(static_cast<std::int64_t>(stats.supply));
            json.key("components").integer(static_cast<std::int64_t>(stats.components));
            json.key("largest_component")
                .integer(static_cast<std::int64_t>(stats.largest_component));
            json.key("isolated").integer(static_cast<std::int64_t>(stats.isolated));
            json.key("cited").integer(static_cast<std::int64_t>(stats.cited));
            json.key("verified").integer(static_cast<std::int64_t>(stats.verified));
            type_count_json(json, stats);
            json.end_object();
            ctx.out << json.str();
            return;
        }
        const Table table = type_count_table(graph, stats);
        if (ctx.csv()) {
            table.print_csv(ctx.out);
            return;
        }
        if (!graph.info().title.empty()) {
            ctx.out << graph.info().title << "\n\n";
        }
        ctx.out << fmt::format(
            "entities     {}\nrelations    {} ({} supply ties)\nsources      {}\n"
            "components   {} (largest {} entities, {} isolated)\n"
            "cited        {} of {} relations ({:.0f}%)\n"
            "verified     {} of {} relations quote their source verbatim ({:.0f}%)\n\n",
            stats.entities, stats.relations, stats.supply, stats.sources, stats.components,
            stats.largest_component, stats.isolated, stats.cited, stats.relations,
            percent(stats.cited), stats.verified, stats.relations, percent(stats.verified));
        table.print_text(ctx.out);
    });
}

} // namespace powermap::cli
