// The supply-tie mask and search the dependency family shares.
#include "graph/algorithms/dependency/supply_chain.hpp"

#include <algorithm>

namespace powermap::graph {

namespace dependency_detail {

void supply_bfs(const AnalyticsView& view, const TraversalMask& mask, EntityIndex start,
                bool backward, std::vector<std::uint32_t>& dist, std::vector<Parent>& parent,
                std::vector<std::uint32_t>& order) {
    supply_bfs(view, mask, std::vector<EntityIndex>{start}, backward, dist, parent, order);
}

void supply_bfs(const AnalyticsView& view, const TraversalMask& mask,
                const std::vector<EntityIndex>& starts, bool backward,
                std::vector<std::uint32_t>& dist, std::vector<Parent>& parent,
                std::vector<std::uint32_t>& order) {
    for (std::uint32_t entity : order) {
        dist[entity] = unreached;
        parent[entity] = Parent{};
    }
    order.clear();
    for (EntityIndex start : starts) {
        if (dist[to_underlying(start)] == unreached) {
            dist[to_underlying(start)] = 0;
            order.push_back(to_underlying(start));
        }
    }
    for (std::size_t head = 0; head < order.size(); ++head) {
        const std::uint32_t at = order[head];
        auto visit = [&](const Step& step) {
            const auto next = to_underlying(step.entity);
            if (dist[next] != unreached || !mask.allows(step.relation) ||
                !mask.allows(step.entity)) {
                return;
            }
            // Forward search: out-steps, or in-steps of undirected supply types.
            const bool along = step.forward != backward;
            if (!along && view.graph().relation_type(step.relation).directed) {
                return;
            }
            dist[next] = dist[at] + 1;
            parent[next] = {at, step.relation, step.forward};
            order.push_back(next);
        };
        for (const Step& step : view.out_steps(EntityIndex{at})) {
            visit(step);
        }
        for (const Step& step : view.in_steps(EntityIndex{at})) {
            visit(step);
        }
    }
}

PathResult chain_to(const std::vector<Parent>& parent, std::uint32_t end) {
    PathResult path;
    for (std::uint32_t at = end; parent[at].entity != unreached;) {
        const Parent& step = parent[at];
        path.hops.push_back(
            {EntityIndex{step.entity}, EntityIndex{at}, step.relation, step.forward});
        at = step.entity;
    }
    std::reverse(path.hops.begin(), path.hops.end());
    path.cost = static_cast<double>(path.hops.size());
    return path;
}

} // namespace dependency_detail

TraversalMask supply_mask(const AnalyticsView& view, const DependencyOptions& options) {
    TraversalMask mask;
    restrict_to_supply(view.graph(), mask);
    (void)apply_time_filter(view.graph(), options.time, mask);
    if (!options.avoid.empty()) {
        mask.entity_allowed.assign(view.entity_count(), true);
        for (EntityIndex avoided : options.avoid) {
            mask.entity_allowed[to_underlying(avoided)] = false;
        }
    }
    return mask;
}

} // namespace powermap::graph
