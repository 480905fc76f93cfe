// powermap path FROM TO: how two entities are tied, hop by hop, with the evidence: the
// shortest chain, the k shortest (--k), or every chain within a hop bound (--all).
#include <memory>
#include <ostream>

#include "query/describe.hpp"
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/output/query.hpp"
#include "cli/usage.hpp"
#include "graph/algorithms/paths.hpp"
#include "io/json_output.hpp"
#include "io/labels.hpp"

namespace powermap::cli {

namespace {

struct PathArgs {
    std::string from;
    std::string to;
    bool directed = false;
    bool explain = false;
    bool supply = false;
    std::vector<std::string> relations;
    std::vector<std::string> through;
    std::vector<std::string> avoid;
    std::size_t k = 0;
    bool all = false;
    std::size_t max_hops = 4;
    std::size_t limit = 1000;
    std::string weight = "none";
    double hub_penalty = 0.0;
    TimeArgs time;
};

std::string format_cost(double cost) {
    return fmt::format("{:.4g}", cost);
}

} // namespace

void register_path(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "path", "Shortest chain of ties between two entities (direction ignored unless "
                "--directed); --k for the k shortest, --all for every chain within --max-hops; "
                "--explain cites every hop. Exit 1 when there is no path");
    auto args = std::make_shared<PathArgs>();
    cmd->add_option("FROM", args->from, "Start: id, name or alias (any language)")->required();
    cmd->add_option("TO", args->to, "End: id, name or alias (any language)")->required();
    cmd->add_flag("--directed", args->directed, "Follow ties only in their own direction");
    cmd->add_flag("--explain", args->explain, "Print each hop in words with its source and quote");
    cmd->add_flag("--supply", args->supply, "Use only supply ties (vendor -> system -> agency)");
    cmd->add_option("--relations", args->relations, "Use only these relation types")
        ->delimiter(',')
        ->type_name("TYPE,...");
    cmd->add_option("--through", args->through,
                    "Pass only through entities of these types (subtypes included)")
        ->delimiter(',')
        ->type_name("TYPE,...");
    cmd->add_option("--avoid", args->avoid, "Never pass through these entities")
        ->delimiter(',')
        ->type_name("ENTITY,...");
    auto* k_option = cmd->add_option("--k", args->k,
                                     "The k shortest loopless paths (Yen); paths over different "
                                     "parallel ties count as different")
                         ->check(whole_number(1, 100000));
    auto* all_flag = cmd->add_flag("--all", args->all, "Every simple path within --max-hops");
    cmd->add_option("--max-hops", args->max_hops, "With --all: longest path, in ties")
        ->capture_default_str()
        ->check(whole_number(1, 64));
    cmd->add_option("--limit", args->limit,
                    "With --all: refuse (exit 2, with a count) when there are more paths")
        ->check(whole_number(1, 10000000))
        ->capture_default_str();
    k_option->excludes(all_flag);
    cmd->add_option("--weight", args->weight,
                    "Tie length: none (every tie 1) or amount (ties carrying more money are "
                    "shorter: 1/log10(10 + amount))")
        ->check(CLI::IsMember({"none", "amount"}))
        ->capture_default_str();
    cmd->add_option("--hub-penalty", args->hub_penalty,
                    "Rank chains through big hubs lower: passing an entity costs PENALTY x "
                    "log2(1 + its ties) more (try 0.5)")
        ->check(real_number(0.0, 100.0));
    add_time_options(cmd, args->time);
    cmd->callback([&ctx, args] {
        const auto& graph = ctx.graph();
        const auto from = ctx.resolve(args->from);
        const auto to = ctx.resolve(args->to);
        graph::PathOptions options;
        options.directed = args->directed;
        options.supply_only = args->supply;
        check_relation_types(graph, args->relations);
        check_entity_types(graph, args->through);
        options.relation_types = args->relations;
        options.through_types = args->through;
        for (const auto& avoided : args->avoid) {
            options.avoid.push_back(ctx.resolve(avoided));
        }
        options.weight = args->weight == "amount" ? graph::PathOptions::Weight::Amount
                                                  : graph::PathOptions::Weight::None;
        options.hub_penalty = args->hub_penalty;
        options.time = time_filter(ctx, args->time);
        if (args->all &&
            (options.weight != graph::PathOptions::Weight::None || options.hub_penalty > 0)) {
            throw Error("--all lists paths by hops", "drop --weight/--hub-penalty, or use --k");
        }

        std::vector<graph::PathResult> paths;
        const bool many = args->all || args->k > 0;
        if (args->all) {
            auto found =
                graph::all_simple_paths(ctx.view(), from, to, args->max_hops, args->limit, options);
            if (found.over_limit) {
                throw Error(fmt::format("more than {} paths of at most {} hops (at most {:.0f} by "
                                        "counting walks); refusing to list them",
                                        args->limit, args->max_hops, found.walk_bound),
                            "lower --max-hops, restrict with --relations/--through/--avoid, or "
                            "raise --limit");
            }
            paths = std::move(found.paths);
        } else if (args->k > 0) {
            paths = graph::k_shortest_paths(ctx.view(), from, to, args->k, options);
        } else if (auto path = graph::cheapest_path(ctx.view(), from, to, options)) {
            paths.push_back(std::move(*path));
        }
        const auto& lang = ctx.options.lang;
        const auto& filter = options.time;

        if (ctx.json()) {
            io::JsonOut json;
            json.begin_object();
            json.key("from");
            entity_json(json, graph, from);
            json.key("to");
            entity_json(json, graph, to);
            json.key("found").boolean(!paths.empty());
            if (!many && !paths.empty()) {
                json.key("length").integer(static_cast<std::int64_t>(paths[0].length()));
                json.key("cost").number(paths[0].cost);
                json.key("hops");
                hops_json(json, graph, paths[0].hops, lang, filter);
            }
            if (many) {
                json.key("paths").begin_array();
                for (const auto& path : paths) {
                    json.begin_object();
                    json.key("length").integer(static_cast<std::int64_t>(path.length()));
                    json.key("cost").number(path.cost);
                    json.key("hops");
                    hops_json(json, graph, path.hops, lang, filter);
                    json.end_object();
                }
                json.end_array();
            }
            json.end_object();
            ctx.out << json.str();
        } else if (ctx.csv() && !paths.empty()) {
            Table table({"path", "hop", "from", "to", "relation", "words", "amount", "currency",
                         "start", "end", "cost"});
            for (std::size_t path_idx = 0; path_idx < paths.size(); ++path_idx) {
                const auto& hops = paths[path_idx].hops;
                for (std::size_t hop_idx = 0; hop_idx < hops.size(); ++hop_idx) {
                    const auto& hop = hops[hop_idx];
                    const auto& relation = graph.relation(hop.relation);
                    table.add_row({std::to_string(path_idx + 1), std::to_string(hop_idx + 1),
                                   graph.entity(hop.from).id, graph.entity(hop.to).id,
                                   relation.type,
                                   io::relation_wording(graph, hop.relation, hop.forward, lang),
                                   relation.amount ? fmt::format("{}", relation.amount->value) : "",
                                   relation.amount ? relation.amount->currency : "", relation.start,
                                   relation.end, format_cost(paths[path_idx].cost)});
                }
            }
            table.print_csv(ctx.out);
        } else if (!paths.empty()) {
            auto& out = ctx.out;
            const bool weighted =
                options.weight != graph::PathOptions::Weight::None || options.hub_penalty > 0;
            if (!many) {
                const auto& path = paths[0];
                out << fmt::format("{} \u2192 {}: {} hop{}{}\n", entity_label(graph, from, lang),
                                   entity_label(graph, to, lang), path.length(),
                                   path.length() == 1 ? "" : "s",
                                   weighted ? ", cost " + format_cost(path.cost) : "");
                print_hops(out, graph, path.hops, lang, args->explain, "  ", filter);
            } else {
                out << fmt::format("{} \u2192 {}: {} path{}\n", entity_label(graph, from, lang),
                                   entity_label(graph, to, lang), paths.size(),
                                   paths.size() == 1 ? "" : "s");
                for (std::size_t path_idx = 0; path_idx < paths.size(); ++path_idx) {
                    const auto& path = paths[path_idx];
                    out << fmt::format("path {}: {} hop{}{}\n", path_idx + 1, path.length(),
                                       path.length() == 1 ? "" : "s",
                                       weighted ? ", cost " + format_cost(path.cost) : "");
                    print_hops(out, graph, path.hops, lang, args->explain, "  ", filter);
                }
            }
        }
        if (paths.empty()) {
            empty_answer(
                ctx, fmt::format("no path from {} to {}{}{}", entity_label(graph, from, lang),
                                 entity_label(graph, to, lang),
                                 args->directed ? " following the ties' direction" : "",
                                 args->all ? fmt::format(" within {} hops", args->max_hops) : ""));
        }
    });
}

} // namespace powermap::cli
