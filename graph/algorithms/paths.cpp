#include "graph/algorithms/paths.hpp"

#include <algorithm>
#include <limits>

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
                mask.entity_allowed[idx] =
                    std::any_of(options.through_types.begin(), options.through_types.end(),
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

struct Parent {
    std::uint32_t entity = unseen;
    RelationIndex relation{};
    bool forward = true;
};

} // namespace

std::optional<PathResult> shortest_path(const AnalyticsView& view, EntityIndex from,
                                        EntityIndex to, const PathOptions& options) {
    if (from == to) {
        return PathResult{};
    }
    const TraversalMask mask = make_path_mask(view, options, from, to);
    const std::size_t count = view.entity_count();
    // side 0 grows from `from` along out-steps; side 1 grows from `to` along in-steps.
    std::vector<Parent> parents[2] = {std::vector<Parent>(count), std::vector<Parent>(count)};
    std::vector<std::uint32_t> frontier[2] = {{to_underlying(from)}, {to_underlying(to)}};
    parents[0][to_underlying(from)].entity = to_underlying(from);
    parents[1][to_underlying(to)].entity = to_underlying(to);

    auto neighbours = [&](std::uint32_t entity, int side, auto&& visit) {
        // Walking "forward" from the source side means following out-steps; from the target
        // side it means following in-steps. Undirected search uses both lists on both sides.
        const EntityIndex handle{entity};
        auto outs = view.out_steps(handle);
        auto ins = view.in_steps(handle);
        auto emit = [&](const Step& step, bool side_forward) {
            if (!mask.allows(step.relation) || !mask.allows(step.entity)) {
                return;
            }
            if (options.directed && !side_forward &&
                view.graph().relation_type(step.relation).directed) {
                return;
            }
            visit(step);
        };
        for (const Step& step : side == 0 ? outs : ins) {
            emit(step, true);
        }
        for (const Step& step : side == 0 ? ins : outs) {
            emit(step, false);
        }
    };

    std::uint32_t meet = unseen;
    while (!frontier[0].empty() && !frontier[1].empty() && meet == unseen) {
        // Expand the smaller frontier, as NetworkX does.
        const int side = frontier[0].size() <= frontier[1].size() ? 0 : 1;
        std::vector<std::uint32_t> next;
        for (std::uint32_t entity : frontier[side]) {
            neighbours(entity, side, [&](const Step& step) {
                const auto reached = to_underlying(step.entity);
                if (parents[side][reached].entity != unseen) {
                    return;
                }
                parents[side][reached] = {entity, step.relation, step.forward};
                if (parents[1 - side][reached].entity != unseen && meet == unseen) {
                    meet = reached;
                }
                next.push_back(reached);
            });
            if (meet != unseen) {
                break;
            }
        }
        frontier[side] = std::move(next);
    }
    if (meet == unseen) {
        return std::nullopt;
    }
    PathResult result;
    // Source side: walk back from the meeting point to `from`, then reverse.
    for (std::uint32_t at = meet; at != to_underlying(from);) {
        const Parent& parent = parents[0][at];
        result.hops.push_back({EntityIndex{parent.entity}, EntityIndex{at}, parent.relation,
                               parent.forward});
        at = parent.entity;
    }
    std::reverse(result.hops.begin(), result.hops.end());
    // Target side: parents point towards `to`; a step seen from the target side as
    // "forward" (an in-step) means the tie runs from `at` to its parent.
    for (std::uint32_t at = meet; at != to_underlying(to);) {
        const Parent& parent = parents[1][at];
        result.hops.push_back({EntityIndex{at}, EntityIndex{parent.entity}, parent.relation,
                               !parent.forward});
        at = parent.entity;
    }
    return result;
}

} // namespace powermap::graph
