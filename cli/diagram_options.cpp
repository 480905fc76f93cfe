#include "cli/diagram_options.hpp"

#include <algorithm>
#include <ostream>

#include "query/chains.hpp"
#include "query/describe.hpp"
#include <fmt/format.h>

#include "cli/usage.hpp"
#include "graph/algorithms/dependency/dependency.hpp"
#include "graph/algorithms/neighborhood/neighbors.hpp"
#include "graph/algorithms/paths/paths.hpp"
#include "graph/selector.hpp"

namespace powermap::cli {

void add_diagram_options(CLI::App* cmd, DiagramArgs& args, bool full) {
    cmd->add_option("--path", args.path,
                    full ? "Highlight the shortest chain of ties between two entities (the "
                           "rest faded, or hidden with --only)"
                         : "Bake in the shortest chain of ties between two entities as a "
                           "highlighted view")
        ->expected(2)
        ->type_name("FROM TO");
    cmd->add_option("--underpin", args.underpin,
                    "Highlight every supply chain from these vendors (a selector: type=T, tag=T, "
                    "id=X or a name; commas join) to the --targets")
        ->type_name("SELECTOR");
    cmd->add_option("--targets", args.targets, "With --underpin: the targets' selector")
        ->type_name("SELECTOR")
        ->capture_default_str();
    if (!full) {
        return;
    }
    cmd->add_option("--focus", args.focus, "Draw only this entity's neighbourhood")
        ->type_name("ENTITY");
    cmd->add_option("--depth", args.depth, "How many ties out from --focus")
        ->check(whole_number(0, 100))
        ->capture_default_str();
    cmd->add_flag("--only", args.only, "Draw the highlighted answer alone");
    cmd->add_option("--types", args.types, "Draw only entities of these types (subtypes included)")
        ->delimiter(',')
        ->type_name("TYPE,...");
    cmd->add_option("--relations", args.relations, "Draw only ties of these relation types")
        ->delimiter(',')
        ->type_name("TYPE,...");
    cmd->add_flag("--legend", args.legend, "Add a legend of the entity types drawn");
    cmd->add_flag("--clusters", args.clusters,
                  "Draw each organisation with its parts (part_of ties) as one box");
}

namespace {

std::optional<io::DotOptions> dot_options(Context& ctx, const DiagramArgs& args,
                                          std::vector<graph::EntityIndex>* path_order) {
    const auto& graph = ctx.graph();
    io::DotOptions options;
    options.language = ctx.options.lang;
    options.legend = args.legend;
    options.clusters = args.clusters;
    check_entity_types(graph, args.types);
    check_relation_types(graph, args.relations);
    options.entity_types = args.types;
    options.relation_types = args.relations;
    if (!args.focus.empty()) {
        const auto centre = ctx.resolve(args.focus);
        auto ego = graph::ego_network(ctx.view(), centre, static_cast<std::size_t>(args.depth));
        options.only_entities = std::move(ego.entities);
    }
    if (args.path.size() == 2) {
        const auto from = ctx.resolve(args.path[0]);
        const auto to = ctx.resolve(args.path[1]);
        graph::PathOptions path_options;
        path_options.relation_types = args.relations;
        const auto path = graph::shortest_path(ctx.view(), from, to, path_options);
        if (!path) {
            const auto& lang = ctx.options.lang;
            ctx.err << fmt::format("powermap: no path from {} to {}\n",
                                   entity_label(graph, from, lang), entity_label(graph, to, lang));
            ctx.exit_code = static_cast<int>(ExitCode::ProblemsFound);
            return std::nullopt;
        }
        options.highlight_entities = {from, to};
        if (path_order != nullptr) {
            path_order->push_back(from);
            for (const auto& hop : path->hops) {
                path_order->push_back(hop.to);
            }
        }
        for (const auto& hop : path->hops) {
            options.highlight_entities.insert(hop.from);
            options.highlight_entities.insert(hop.to);
            options.highlight_relations.insert(hop.relation);
        }
    }
    if (!args.underpin.empty()) {
        if (!args.path.empty()) {
            throw Error("--path and --underpin are two different views", "choose one");
        }
        const auto vendors = graph::select_entities(graph, ctx.names(), args.underpin);
        const auto targets = graph::select_entities(graph, ctx.names(), args.targets);
        const auto answer = graph::underpin(ctx.view(), vendors, targets);
        if (answer.cells.empty()) {
            ctx.err << fmt::format("powermap: no vendor selected by '{}' reaches a target "
                                   "selected by '{}' over supply ties\n",
                                   args.underpin, args.targets);
            ctx.exit_code = static_cast<int>(ExitCode::ProblemsFound);
            return std::nullopt;
        }
        for (const auto& cell : answer.cells) {
            options.highlight_entities.insert(cell.vendor);
            options.highlight_entities.insert(cell.target);
            for (const auto& hop : cell.chain.hops) {
                options.highlight_entities.insert(hop.from);
                options.highlight_entities.insert(hop.to);
                options.highlight_relations.insert(hop.relation);
            }
        }
    }
    options.only_highlighted = args.only && (!args.path.empty() || !args.underpin.empty());
    return options;
}

} // namespace

std::optional<io::DotOptions> make_dot_options(Context& ctx, const DiagramArgs& args) {
    return dot_options(ctx, args, nullptr);
}

std::optional<io::HtmlOptions> make_html_options(Context& ctx, const DiagramArgs& args) {
    io::HtmlOptions html;
    auto view = dot_options(ctx, args, &html.path);
    if (!view) {
        return std::nullopt;
    }
    html.view = std::move(*view);
    return html;
}

} // namespace powermap::cli
