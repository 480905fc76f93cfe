// powermap cut: the fewest entities whose removal separates two sets over supply ties;
// --articulation lists the entities whose removal splits the map; --dominators ROOT the
// entities every supply chain from ROOT must pass.
#include <memory>
#include <ostream>

#include "query/describe.hpp"
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/output/query.hpp"
#include "graph/algorithms/cuts.hpp"
#include "graph/selector.hpp"
#include "io/labels.hpp"

namespace powermap::cli {

namespace {

struct CutArgs {
    std::string from;
    std::string to;
    bool articulation = false;
    bool supply = false;
    std::string dominators;
    TimeArgs time;
};

void entity_rows(Context& ctx, const std::vector<graph::EntityIndex>& entities,
                 const char* list_key) {
    const auto& graph = ctx.graph();
    if (ctx.json()) {
        io::JsonOut json;
        json.begin_object();
        json.key(list_key).begin_array();
        for (auto entity : entities) {
            entity_json(json, graph, entity);
        }
        json.end_array();
        json.end_object();
        ctx.out << json.str();
        return;
    }
    Table table({"id", "type", "name"});
    for (auto entity : entities) {
        table.add_row({graph.entity(entity).id, graph.entity(entity).type,
                       io::display_name(graph.entity(entity), ctx.options.lang)});
    }
    if (!table.empty()) {
        print_table(ctx, table);
    }
}

} // namespace

void register_cut(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "cut", "The fewest entities whose removal leaves no supply chain from --from to --to "
               "(minimum vertex cut by max-flow); or --articulation, or --dominators ROOT. "
               "Exit 1 when the answer is empty");
    auto args = std::make_shared<CutArgs>();
    auto* from = cmd->add_option("--from", args->from, "Selector of the upstream set (vendors)");
    auto* to = cmd->add_option("--to", args->to, "Selector of the downstream set (targets)");
    auto* articulation = cmd->add_flag(
        "--articulation", args->articulation,
        "Entities whose removal splits their component of the map (ties in either direction)");
    cmd->add_flag("--supply", args->supply, "With --articulation: supply ties only");
    auto* dominators = cmd->add_option(
        "--dominators", args->dominators,
        "Dominator tree of the supply chain from ROOT: for every entity it reaches, the nearest "
        "entity all its chains pass through");
    dominators->type_name("ROOT");
    from->needs(to);
    to->needs(from);
    articulation->excludes(from)->excludes(dominators);
    dominators->excludes(from);
    add_time_options(cmd, args->time);
    cmd->callback([&ctx, args] {
        const auto& graph = ctx.graph();
        const auto& lang = ctx.options.lang;
        graph::DependencyOptions options;
        options.time = time_filter(ctx, args->time);
        if (args->articulation) {
            graph::TraversalMask mask;
            if (args->supply) {
                graph::restrict_to_supply(graph, mask);
            }
            (void)graph::apply_time_filter(graph, options.time, mask);
            const auto points = graph::articulation_points(ctx.view(), mask);
            entity_rows(ctx, points, "articulation_points");
            if (points.empty()) {
                empty_answer(ctx,
                             "no articulation points: no single entity's removal splits the map");
            }
            return;
        }
        if (!args->dominators.empty()) {
            const auto root = ctx.resolve(args->dominators);
            const auto result = graph::dominator_tree(ctx.view(), root, options);
            std::vector<graph::EntityIndex> reached;
            for (auto entity : graph.entities_by_id()) {
                if (result.immediate[graph::to_underlying(entity)]) {
                    reached.push_back(entity);
                }
            }
            if (ctx.json()) {
                io::JsonOut json;
                json.begin_object();
                json.key("root").string(graph.entity(root).id);
                json.key("dominators").begin_array();
                for (auto entity : reached) {
                    json.begin_object();
                    json.key("id").string(graph.entity(entity).id);
                    json.key("dominator")
                        .string(graph.entity(*result.immediate[graph::to_underlying(entity)]).id);
                    json.end_object();
                }
                json.end_array();
                json.end_object();
                ctx.out << json.str();
            } else {
                Table table({"entity", "type", "immediate dominator"});
                for (auto entity : reached) {
                    table.add_row(
                        {graph.entity(entity).id, graph.entity(entity).type,
                         graph.entity(*result.immediate[graph::to_underlying(entity)]).id});
                }
                if (!table.empty()) {
                    if (!ctx.csv()) {
                        ctx.out << fmt::format("every supply chain from {} to an entity passes "
                                               "through its immediate dominator\n\n",
                                               entity_label(graph, root, lang));
                    }
                    print_table(ctx, table);
                }
            }
            if (reached.empty()) {
                empty_answer(ctx,
                             fmt::format("{} supplies nothing", entity_label(graph, root, lang)));
            }
            return;
        }
        if (args->from.empty()) {
            throw Error("cut needs --from and --to, --articulation, or --dominators ROOT",
                        "e.g. powermap cut --from type=company --to id=ice");
        }
        const auto sources = graph::select_entities(graph, ctx.names(), args->from);
        const auto targets = graph::select_entities(graph, ctx.names(), args->to);
        const auto result = graph::minimum_vertex_cut(ctx.view(), sources, targets, options);
        if (ctx.json()) {
            io::JsonOut json;
            json.begin_object();
            json.key("connected").boolean(result.connected);
            json.key("separable").boolean(result.separable);
            json.key("cut").begin_array();
            for (auto entity : result.cut) {
                entity_json(json, graph, entity);
            }
            json.end_array();
            json.key("shared").begin_array();
            for (auto entity : result.shared) {
                json.string(graph.entity(entity).id);
            }
            json.end_array();
            json.key("direct_ties").begin_array();
            for (auto tie : result.direct_ties) {
                relation_json(json, graph, tie);
            }
            json.end_array();
            json.end_object();
            ctx.out << json.str();
        } else if (!result.separable) {
            ctx.err << "powermap: no set of other entities separates them:\n";
            for (auto entity : result.shared) {
                ctx.err << fmt::format("  {} is in both sets\n", entity_label(graph, entity, lang));
            }
            for (auto tie : result.direct_ties) {
                const auto& relation = graph.relation(tie);
                ctx.err << fmt::format("  {} {} {} directly\n",
                                       io::display_name(graph.entity(relation.from_index), lang),
                                       tie_words(graph, tie, true, lang),
                                       io::display_name(graph.entity(relation.to_index), lang));
            }
        } else if (!result.cut.empty()) {
            if (!ctx.csv()) {
                ctx.out << fmt::format("removing these {} entit{} leaves no supply chain from "
                                       "the {} selected to the {} selected:\n\n",
                                       result.cut.size(), result.cut.size() == 1 ? "y" : "ies",
                                       sources.size(), targets.size());
            }
            Table table({"id", "type", "name"});
            for (auto entity : result.cut) {
                table.add_row({graph.entity(entity).id, graph.entity(entity).type,
                               io::display_name(graph.entity(entity), lang)});
            }
            print_table(ctx, table);
        }
        if (!result.separable) {
            ctx.exit_code = static_cast<int>(ExitCode::ProblemsFound);
        } else if (result.cut.empty()) {
            empty_answer(ctx, "no supply chain joins them: nothing to cut");
        }
    });
}

} // namespace powermap::cli
