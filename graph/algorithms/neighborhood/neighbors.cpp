#include "graph/algorithms/neighborhood/neighbors.hpp"

#include <algorithm>
#include <limits>

namespace powermap::graph {

std::vector<NeighborEntry> neighbors(const AnalyticsView& view, EntityIndex center,
                                     std::size_t depth, const PathOptions& options) {
    constexpr std::uint32_t unreached = std::numeric_limits<std::uint32_t>::max();
    const TraversalMask mask = make_path_mask(view, options, center, center);
    std::vector<std::uint32_t> dist(view.entity_count(), unreached);
    std::vector<std::uint32_t> slot(view.entity_count(), unreached);
    std::vector<NeighborEntry> entries;
    std::vector<std::uint32_t> queue{to_underlying(center)};
    dist[to_underlying(center)] = 0;
    for (std::size_t head = 0; head < queue.size(); ++head) {
        const std::uint32_t at = queue[head];
        if (dist[at] >= depth) {
            continue;
        }
        auto visit = [&](const Step& step) {
            if (!mask.allows(step.relation) || !mask.allows(step.entity) ||
                !step_allowed(view, step, options.directed)) {
                return;
            }
            const auto next = to_underlying(step.entity);
            if (dist[next] == unreached) {
                dist[next] = dist[at] + 1;
                slot[next] = static_cast<std::uint32_t>(entries.size());
                entries.push_back({step.entity, dist[next], {}});
                queue.push_back(next);
            }
            if (dist[next] == dist[at] + 1) {
                entries[slot[next]].via.push_back(
                    {EntityIndex{at}, step.entity, step.relation, step.forward});
            }
        };
        for (const Step& step : view.out_steps(EntityIndex{at})) {
            visit(step);
        }
        for (const Step& step : view.in_steps(EntityIndex{at})) {
            visit(step);
        }
    }
    const auto& graph = view.graph();
    for (auto& entry : entries) {
        std::sort(entry.via.begin(), entry.via.end(),
                  [](const PathHop& left, const PathHop& right) {
                      return to_underlying(left.relation) < to_underlying(right.relation);
                  });
    }
    std::sort(entries.begin(), entries.end(),
              [&graph](const NeighborEntry& left, const NeighborEntry& right) {
                  if (left.distance != right.distance) {
                      return left.distance < right.distance;
                  }
                  return graph.entity(left.entity).id < graph.entity(right.entity).id;
              });
    return entries;
}

EgoNetwork ego_network(const AnalyticsView& view, EntityIndex centre, std::size_t depth,
                       const PathOptions& options) {
    EgoNetwork ego;
    ego.entities.insert(centre);
    for (const auto& entry : neighbors(view, centre, depth, options)) {
        ego.entities.insert(entry.entity);
    }
    for (EntityIndex entity : ego.entities) {
        for (const Step& step : view.out_steps(entity)) {
            if (ego.entities.count(step.entity) != 0) {
                ego.relations.insert(step.relation);
            }
        }
    }
    return ego;
}

} // namespace powermap::graph
