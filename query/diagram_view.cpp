#include "query/diagram_view.hpp"

#include "query/chains.hpp"
#include "query/describe.hpp"
#include "query/projection.hpp"
#include "query/session.hpp"
#include <fmt/format.h>

#include "graph/algorithms/dependency/dependency.hpp"
#include "graph/algorithms/neighborhood/neighbors.hpp"
#include "graph/algorithms/paths/paths.hpp"
#include "graph/selector.hpp"

namespace powermap::query {

namespace {

void highlight(io::DotOptions& options, const graph::PathResult& chain) {
    for (const auto& hop : chain.hops) {
        options.highlight_entities.insert(hop.from);
        options.highlight_entities.insert(hop.to);
        options.highlight_relations.insert(hop.relation);
    }
}

} // namespace

DiagramView diagram_view(Session& session, const DiagramRequest& request, const std::string& lang) {
    const auto& graph = session.graph();
    DiagramView view;
    auto& options = view.options;
    options.language = lang;
    options.legend = request.legend;
    options.clusters = request.clusters;
    check_entity_types(graph, request.types);
    Projection projection;
    projection.relation_types = request.relations;
    check_relation_types(graph, projection.relation_types);
    options.entity_types = request.types;
    options.relation_types = projection.relation_types;
    if (!request.focus.empty()) {
        const auto centre = session.resolve(request.focus);
        auto ego = graph::ego_network(session.view(), centre, request.depth);
        options.only_entities = std::move(ego.entities);
    }
    if (request.path.size() == 2) {
        const auto from = session.resolve(request.path[0]);
        const auto to = session.resolve(request.path[1]);
        const auto path = graph::shortest_path(session.view(), from, to, projection.path_options());
        if (!path) {
            view.empty = fmt::format("no path from {} to {}", entity_label(graph, from, lang),
                                     entity_label(graph, to, lang));
            return view;
        }
        options.highlight_entities = {from, to};
        view.path.push_back(from);
        for (const auto& hop : path->hops) {
            view.path.push_back(hop.to);
        }
        highlight(options, *path);
    }
    if (!request.underpin.empty()) {
        if (!request.path.empty()) {
            throw Error("--path and --underpin are two different views", "choose one");
        }
        const auto vendors = graph::select_entities(graph, session.names(), request.underpin);
        const auto targets = graph::select_entities(graph, session.names(), request.targets);
        const auto answer = graph::underpin(session.view(), vendors, targets);
        if (answer.cells.empty()) {
            view.empty = fmt::format("no vendor selected by '{}' reaches a target selected by "
                                     "'{}' over supply ties",
                                     request.underpin, request.targets);
            return view;
        }
        for (const auto& cell : answer.cells) {
            options.highlight_entities.insert(cell.vendor);
            options.highlight_entities.insert(cell.target);
            highlight(options, cell.chain);
        }
    }
    options.only_highlighted = request.only && (!request.path.empty() || !request.underpin.empty());
    return view;
}

} // namespace powermap::query
