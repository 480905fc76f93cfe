// powermap neighbors ENTITY: the entities within N ties, with the ties that lead there.
#include <memory>
#include <ostream>

#include "query/describe.hpp"
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/output/query.hpp"
#include "cli/usage.hpp"
#include "graph/algorithms/neighbors.hpp"
#include "io/labels.hpp"

namespace powermap::cli {

namespace {

struct NeighborsArgs {
    std::string entity;
    std::size_t depth = 1;
    bool directed = false;
    bool supply = false;
    std::vector<std::string> relations;
    std::vector<std::string> types;
    TimeArgs time;
};

} // namespace

void register_neighbors(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "neighbors", "The entities within --depth ties of an entity (its ego network), with "
                     "every tie that leads there. Exit 1 when it has none");
    auto args = std::make_shared<NeighborsArgs>();
    cmd->add_option("ENTITY", args->entity, "Id, name or alias")->required();
    cmd->add_option("--depth", args->depth, "How many ties out")
        ->check(whole_number(1, 64))
        ->capture_default_str();
    cmd->add_flag("--directed", args->directed, "Follow ties only in their own direction");
    cmd->add_flag("--supply", args->supply, "Use only supply ties");
    cmd->add_option("--relations", args->relations, "Use only these relation types")
        ->delimiter(',')
        ->type_name("TYPE,...");
    cmd->add_option("--through", args->types,
                    "Reach only entities of these types (subtypes included)")
        ->delimiter(',')
        ->type_name("TYPE,...");
    add_time_options(cmd, args->time);
    cmd->callback([&ctx, args] {
        const auto& graph = ctx.graph();
        const auto center = ctx.resolve(args->entity);
        check_relation_types(graph, args->relations);
        check_entity_types(graph, args->types);
        graph::PathOptions options;
        options.directed = args->directed;
        options.supply_only = args->supply;
        options.relation_types = args->relations;
        options.through_types = args->types;
        options.time = time_filter(ctx, args->time);
        const auto entries = graph::neighbors(ctx.view(), center, args->depth, options);
        const auto& lang = ctx.options.lang;
        if (ctx.json()) {
            io::JsonOut json;
            json.begin_object();
            json.key("entity");
            entity_json(json, graph, center);
            json.key("neighbors").begin_array();
            for (const auto& entry : entries) {
                json.begin_object();
                json.key("id").string(graph.entity(entry.entity).id);
                json.key("type").string(graph.entity(entry.entity).type);
                json.key("name").string(io::display_name(graph.entity(entry.entity), lang));
                json.key("distance").integer(static_cast<std::int64_t>(entry.distance));
                json.key("via");
                hops_json(json, graph, entry.via, lang, options.time);
                json.end_object();
            }
            json.end_array();
            json.end_object();
            ctx.out << json.str();
        } else if (!entries.empty()) {
            Table table({"distance", "id", "type", "name", "via"});
            for (const auto& entry : entries) {
                std::string via;
                for (const auto& hop : entry.via) {
                    via +=
                        fmt::format("{}{} {}", via.empty() ? "" : "; ", graph.entity(hop.from).id,
                                    tie_words(graph, hop.relation, hop.forward, lang));
                }
                table.add_row({std::to_string(entry.distance), graph.entity(entry.entity).id,
                               graph.entity(entry.entity).type,
                               io::display_name(graph.entity(entry.entity), lang), via});
            }
            print_table(ctx, table);
        }
        if (entries.empty()) {
            empty_answer(ctx, fmt::format("{} has no neighbours with these restrictions",
                                          entity_label(graph, center, lang)));
        }
    });
}

} // namespace powermap::cli
