// powermap path FROM TO: how two entities are tied, hop by hop, with the evidence.
#include <fmt/format.h>

#include <memory>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/output/describe.hpp"
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
};

void check_types(const std::vector<std::string>& wanted, const std::vector<std::string>& known,
                 const char* what) {
    for (const auto& type : wanted) {
        if (std::find(known.begin(), known.end(), type) == known.end()) {
            throw Error(fmt::format("unknown {} '{}'", what, type), did_you_mean(type, known));
        }
    }
}

} // namespace

void register_path(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "path", "Shortest chain of ties between two entities (direction ignored unless "
                "--directed); --explain cites every hop. Exit 1 when there is no path");
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
    cmd->callback([&ctx, args] {
        ctx.require_text_or_json("path");
        const auto& graph = ctx.graph();
        const auto from = ctx.resolve(args->from);
        const auto to = ctx.resolve(args->to);
        graph::PathOptions options;
        options.directed = args->directed;
        options.supply_only = args->supply;
        check_types(args->relations, graph.schema().relation_type_ids(), "relation type");
        check_types(args->through, graph.schema().entity_type_ids(), "entity type");
        options.relation_types = args->relations;
        options.through_types = args->through;
        for (const auto& avoided : args->avoid) {
            options.avoid.push_back(ctx.resolve(avoided));
        }
        const auto path = graph::shortest_path(ctx.view(), from, to, options);
        const auto& lang = ctx.options.lang;
        if (ctx.json()) {
            io::JsonOut json;
            json.begin_object();
            json.key("from");
            entity_json(json, graph, from);
            json.key("to");
            entity_json(json, graph, to);
            json.key("found").boolean(path.has_value());
            if (path) {
                json.key("length").integer(static_cast<std::int64_t>(path->length()));
                json.key("hops").begin_array();
                for (const auto& hop : path->hops) {
                    json.begin_object();
                    json.key("from").string(graph.entity(hop.from).id);
                    json.key("to").string(graph.entity(hop.to).id);
                    json.key("forward").boolean(hop.forward);
                    json.key("words").string(io::relation_wording(graph, hop.relation, hop.forward, lang));
                    json.key("relation");
                    relation_json(json, graph, hop.relation);
                    json.end_object();
                }
                json.end_array();
            }
            json.end_object();
            ctx.out << json.str();
        }
        if (!path) {
            if (!ctx.json()) {
                ctx.err << fmt::format("powermap: no path from {} to {}{}\n",
                                       entity_label(graph, from, lang), entity_label(graph, to, lang),
                                       args->directed ? " following the ties' direction" : "");
            }
            ctx.exit_code = static_cast<int>(ExitCode::ProblemsFound);
            return;
        }
        if (ctx.json()) {
            return;
        }
        auto& out = ctx.out;
        out << fmt::format("{} \u2192 {}: {} hop{}\n", entity_label(graph, from, lang),
                           entity_label(graph, to, lang), path->length(),
                           path->length() == 1 ? "" : "s");
        for (std::size_t hop_idx = 0; hop_idx < path->hops.size(); ++hop_idx) {
            const auto& hop = path->hops[hop_idx];
            out << fmt::format("  {}. {} {} {}\n", hop_idx + 1,
                               io::display_name(graph.entity(hop.from), lang),
                               tie_words(graph, hop.relation, hop.forward, lang),
                               io::display_name(graph.entity(hop.to), lang));
            if (args->explain) {
                out << citation_lines(graph, hop.relation, "     ");
            }
        }
    });
}

} // namespace powermap::cli
