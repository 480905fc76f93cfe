#include <algorithm>
#include <limits>

#include "graph/algorithms/paths/bfs_workspace.hpp"
#include "graph/algorithms/paths/paths.hpp"

namespace powermap::graph {

TraversalMask make_path_mask(const AnalyticsView& view, const PathOptions& options,
                             EntityIndex from, EntityIndex to) {
    const EntityGraph& graph = view.graph();
    const Schema& schema = graph.schema();
    TraversalMask mask;
    if (!options.relation_types.empty() || options.supply_only) {
        mask.relation_allowed.assign(graph.relation_count(), false);
        for (std::size_t idx = 0; idx < graph.relation_count(); ++idx) {
            const RelationIndex handle{static_cast<std::uint32_t>(idx)};
            const RelationType& type = graph.relation_type(handle);
            bool allowed = !options.supply_only || type.supply;
            if (allowed && !options.relation_types.empty()) {
                allowed = std::find(options.relation_types.begin(), options.relation_types.end(),
                                    type.id) != options.relation_types.end();
            }
            mask.relation_allowed[idx] = allowed;
        }
    }
    if (!options.through_types.empty() || !options.avoid.empty()) {
        mask.entity_allowed.assign(graph.entity_count(), true);
        if (!options.through_types.empty()) {
            for (std::size_t idx = 0; idx < graph.entity_count(); ++idx) {
                const auto& type = graph.entities()[idx].type;
                mask.entity_allowed[idx] = std::any_of(
                    options.through_types.begin(), options.through_types.end(),
                    [&](const std::string& wanted) { return schema.is_a(type, wanted); });
            }
        }
        for (EntityIndex avoided : options.avoid) {
            mask.entity_allowed[to_underlying(avoided)] = false;
        }
        mask.entity_allowed[to_underlying(from)] = true;
        mask.entity_allowed[to_underlying(to)] = true;
    }
    (void)apply_time_filter(graph, options.time, mask);
    return mask;
}

bool step_allowed(const AnalyticsView& view, const Step& step, bool directed) {
    return !directed || step.forward || !view.graph().relation_type(step.relation).directed;
}

namespace {

constexpr std::uint32_t unseen = std::numeric_limits<std::uint32_t>::max();

} // namespace

std::optional<PathResult> shortest_path(const AnalyticsView& view, EntityIndex from, EntityIndex to,
                                        const PathOptions& options) {
    if (from == to) {
        return PathResult{};
    }
    // Without restrictions the mask stays empty (no allocation) and the loop skips checks;
    // deciding from the mask itself means a new PathOptions field cannot be forgotten here.
    const TraversalMask mask = make_path_mask(view, options, from, to);
    const bool filtered = !mask.relation_allowed.empty() || !mask.entity_allowed.empty();
    const EntityGraph& graph = view.graph();
    BfsWorkspace& work = BfsWorkspace::for_this_thread();
    work.begin(view.entity_count());
    // side 0 grows from `from` along out-steps; side 1 grows from `to` along in-steps.
    work.mark(0, to_underlying(from), {to_underlying(from), RelationIndex{}, true});
    work.mark(1, to_underlying(to), {to_underlying(to), RelationIndex{}, true});
    work.frontier[0].push_back(to_underlying(from));
    work.frontier[1].push_back(to_underlying(to));

    std::uint32_t meet = unseen;
    // Visits one step; returns true when the two searches meet.
    auto visit = [&](int side, std::uint32_t entity, const Step& step, bool side_forward) {
        if (filtered && (!mask.allows(step.relation) || !mask.allows(step.entity))) {
            return false;
        }
        if (options.directed && !side_forward && graph.relation_type(step.relation).directed) {
            return false;
        }
        const auto reached = to_underlying(step.entity);
        if (work.seen(side, reached)) {
            return false;
        }
        work.mark(side, reached, {entity, step.relation, step.forward});
        work.next.push_back(reached);
        if (work.seen(1 - side, reached)) {
            meet = reached;
            return true;
        }
        return false;
    };

    while (!work.frontier[0].empty() && !work.frontier[1].empty() && meet == unseen) {
        // Expand the smaller frontier, as NetworkX does.
        const int side = work.frontier[0].size() <= work.frontier[1].size() ? 0 : 1;
        work.next.clear();
        for (std::uint32_t entity : work.frontier[side]) {
            // Walking "forward" from the source side means following out-steps; from the
            // target side it means following in-steps. Both lists are walked on both sides.
            const EntityIndex handle{entity};
            const auto ahead = side == 0 ? view.out_steps(handle) : view.in_steps(handle);
            const auto behind = side == 0 ? view.in_steps(handle) : view.out_steps(handle);
            bool met = false;
            for (const Step& step : ahead) {
                if ((met = visit(side, entity, step, true))) {
                    break;
                }
            }
            if (!met) {
                for (const Step& step : behind) {
                    if ((met = visit(side, entity, step, false))) {
                        break;
                    }
                }
            }
            if (met) {
                break;
            }
        }
        std::swap(work.frontier[side], work.next);
    }
    if (meet == unseen) {
        return std::nullopt;
    }
    PathResult result;
    // Source side: walk back from the meeting point to `from`, then reverse.
    for (std::uint32_t at = meet; at != to_underlying(from);) {
        const auto& parent = work.parent(0, at);
        result.hops.push_back(
            {EntityIndex{parent.entity}, EntityIndex{at}, parent.relation, parent.forward});
        at = parent.entity;
    }
    std::reverse(result.hops.begin(), result.hops.end());
    // Target side: parents point towards `to`; a step seen from the target side as
    // "forward" (an in-step) means the tie runs from `at` to its parent.
    for (std::uint32_t at = meet; at != to_underlying(to);) {
        const auto& parent = work.parent(1, at);
        result.hops.push_back(
            {EntityIndex{at}, EntityIndex{parent.entity}, parent.relation, !parent.forward});
        at = parent.entity;
    }
    return result;
}

} // namespace powermap::graph
