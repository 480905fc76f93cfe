// path: how two entities are tied, hop by hop, with the evidence: the shortest chain, the k
// shortest (--k), or every chain within a hop bound (--all).
#include <sstream>

#include "query/chains.hpp"
#include "query/describe.hpp"
#include "query/projection.hpp"
#include "query/registry.hpp"
#include <fmt/format.h>

#include "graph/algorithms/paths/paths.hpp"
#include "io/display/labels.hpp"
#include "io/native/json_output.hpp"

namespace powermap::query {

namespace {

std::string format_cost(double cost) {
    return fmt::format("{:.4g}", cost);
}

std::vector<Param> path_params() {
    const graph::PathOptions defaults;
    std::vector<Param> params{
        entity_param("FROM", "Start: id, name or alias (any language)"),
        entity_param("TO", "End: id, name or alias (any language)"),
        {.name = "--directed",
         .kind = ParamKind::Flag,
         .help = "Follow ties only in their own direction"},
        {.name = "--explain",
         .kind = ParamKind::Flag,
         .help = "Print each hop in words with its source and quote"},
    };
    add_projection_params(params, {.supply = true});
    params.back().help = "Use only supply ties (vendor -> system -> agency)";
    add_projection_params(params, {.relations = true, .through = true, .avoid = true});
    std::vector<Param> rest{
        {.name = "--k",
         .kind = ParamKind::Count,
         .help = "The k shortest loopless paths (Yen); paths over different parallel ties "
                 "count as different",
         .default_value = "0",
         .count_min = 1,
         .count_max = 100000,
         .excludes = {"--all"}},
        {.name = "--all", .kind = ParamKind::Flag, .help = "Every simple path within --max-hops"},
        {.name = "--max-hops",
         .kind = ParamKind::Count,
         .help = "With --all: longest path, in ties",
         .default_value = "4",
         .count_min = 1,
         .count_max = 64,
         .show_default = true},
        {.name = "--limit",
         .kind = ParamKind::Count,
         .help = "With --all: refuse (exit 2, with a count) when there are more paths",
         .default_value = "1000",
         .count_min = 1,
         .count_max = 10000000,
         .show_default = true},
        {.name = "--weight",
         .kind = ParamKind::Choice,
         .help = "Tie length: none (every tie 1) or amount (ties carrying more money are "
                 "shorter: 1/log10(10 + amount))",
         .default_value = "none",
         .choices = {"none", "amount"},
         .show_default = true},
        {.name = "--hub-penalty",
         .kind = ParamKind::Real,
         .help = "Rank chains through big hubs lower: passing an entity costs PENALTY x "
                 "log2(1 + its ties) more (try 0.5)",
         .default_value = fmt::format("{}", defaults.hub_penalty),
         .min = 0.0,
         .max = 100.0},
    };
    params.insert(params.end(), rest.begin(), rest.end());
    add_projection_params(params, {.time = true});
    return params;
}

Answer run_path(const Request& request) {
    Answer answer;
    Session& session = request.session;
    const Arguments& args = request.args;
    const auto& graph = session.graph();
    const auto from = session.resolve(args.text("FROM"));
    const auto to = session.resolve(args.text("TO"));
    const Projection projection = read_projection(session, args, answer);
    graph::PathOptions options = projection.path_options();
    options.directed = args.flag("--directed");
    options.weight = args.text("--weight") == "amount" ? graph::PathOptions::Weight::Amount
                                                       : graph::PathOptions::Weight::None;
    options.hub_penalty = args.real("--hub-penalty");
    const bool all = args.flag("--all");
    const std::size_t k = args.count("--k");
    const std::size_t max_hops = args.count("--max-hops");
    const std::size_t limit = args.count("--limit");
    if (all && (options.weight != graph::PathOptions::Weight::None || options.hub_penalty > 0)) {
        throw Error("--all lists paths by hops", "drop --weight/--hub-penalty, or use --k");
    }

    std::vector<graph::PathResult> paths;
    const bool many = all || k > 0;
    if (all) {
        auto found = graph::all_simple_paths(session.view(), from, to, max_hops, limit, options);
        if (found.over_limit) {
            throw Error(fmt::format("more than {} paths of at most {} hops (at most {:.0f} by "
                                    "counting walks); refusing to list them",
                                    limit, max_hops, found.walk_bound),
                        "lower --max-hops, restrict with --relations/--through/--avoid, or "
                        "raise --limit");
        }
        paths = std::move(found.paths);
    } else if (k > 0) {
        paths = graph::k_shortest_paths(session.view(), from, to, k, options);
    } else if (auto path = graph::cheapest_path(session.view(), from, to, options)) {
        paths.push_back(std::move(*path));
    }
    const auto& lang = request.lang;
    const auto& filter = options.time;

    if (request.parts.json) {
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
        answer.json = json.str();
    }
    if (paths.empty()) {
        answer.empty = fmt::format("no path from {} to {}{}{}", entity_label(graph, from, lang),
                                   entity_label(graph, to, lang),
                                   options.directed ? " following the ties' direction" : "",
                                   all ? fmt::format(" within {} hops", max_hops) : "");
        return answer;
    }
    if (request.parts.csv) {
        Table table({"path", "hop", "from", "to", "relation", "words", "amount", "currency",
                     "start", "end", "cost"});
        for (std::size_t path_idx = 0; path_idx < paths.size(); ++path_idx) {
            const auto& hops = paths[path_idx].hops;
            for (std::size_t hop_idx = 0; hop_idx < hops.size(); ++hop_idx) {
                const auto& hop = hops[hop_idx];
                const auto& relation = graph.relation(hop.relation);
                table.add_row({std::to_string(path_idx + 1), std::to_string(hop_idx + 1),
                               graph.entity(hop.from).id, graph.entity(hop.to).id, relation.type,
                               io::relation_wording(graph, hop.relation, hop.forward, lang),
                               relation.amount ? fmt::format("{}", relation.amount->value) : "",
                               relation.amount ? relation.amount->currency : "", relation.start,
                               relation.end, format_cost(paths[path_idx].cost)});
            }
        }
        answer.table = std::move(table);
    }
    if (request.parts.text) {
        std::ostringstream out;
        const bool explain = args.flag("--explain");
        const bool weighted =
            options.weight != graph::PathOptions::Weight::None || options.hub_penalty > 0;
        if (!many) {
            const auto& path = paths[0];
            out << fmt::format("{} \u2192 {}: {} hop{}{}\n", entity_label(graph, from, lang),
                               entity_label(graph, to, lang), path.length(),
                               path.length() == 1 ? "" : "s",
                               weighted ? ", cost " + format_cost(path.cost) : "");
            print_hops(out, graph, path.hops, lang, explain, "  ", filter);
        } else {
            out << fmt::format("{} \u2192 {}: {} path{}\n", entity_label(graph, from, lang),
                               entity_label(graph, to, lang), paths.size(),
                               paths.size() == 1 ? "" : "s");
            for (std::size_t path_idx = 0; path_idx < paths.size(); ++path_idx) {
                const auto& path = paths[path_idx];
                out << fmt::format("path {}: {} hop{}{}\n", path_idx + 1, path.length(),
                                   path.length() == 1 ? "" : "s",
                                   weighted ? ", cost " + format_cost(path.cost) : "");
                print_hops(out, graph, path.hops, lang, explain, "  ", filter);
            }
        }
        answer.text = out.str();
    }
    return answer;
}

} // namespace

QueryDef path_query() {
    return {
        .name = "path",
        .summary = "Shortest chain of ties between two entities (direction ignored unless "
                   "--directed); --k for the k shortest, --all for every chain within "
                   "--max-hops; --explain cites every hop. Exit 1 when there is no path",
        .json_shape =
            R"(`{"from": entity, "to": entity, "found", "length", "cost", "hops": [hop]}`; with `--k`/`--all`: `"paths": [{"length", "cost", "hops": [hop]}]`)",
        .params = path_params(),
        .tabular = true,
        .run = run_path};
}

} // namespace powermap::query
