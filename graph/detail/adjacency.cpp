#include "graph/detail/adjacency.hpp"

#include <algorithm>

namespace powermap::graph::detail {

SimpleAdjacency simple_adjacency(const AnalyticsView& view, const TraversalMask& mask,
                                 bool directed, bool outgoing) {
    const auto count = static_cast<std::uint32_t>(view.entity_count());
    SimpleAdjacency adjacency;
    adjacency.offsets.assign(count + 1u, 0);
    adjacency.targets.reserve(directed ? view.relation_count() : 2 * view.relation_count());
    std::vector<std::uint32_t> scratch;
    for (std::uint32_t entity = 0; entity < count; ++entity) {
        scratch.clear();
        if (mask.allows(EntityIndex{entity})) {
            // Successors walk out-steps forward; predecessors walk in-steps "forward" from
            // the other side, which is the same rule with the lists swapped.
            auto primary =
                outgoing ? view.out_steps(EntityIndex{entity}) : view.in_steps(EntityIndex{entity});
            auto secondary =
                outgoing ? view.in_steps(EntityIndex{entity}) : view.out_steps(EntityIndex{entity});
            for (const Step& step : primary) {
                if (mask.allows(step.relation) && mask.allows(step.entity)) {
                    scratch.push_back(to_underlying(step.entity));
                }
            }
            for (const Step& step : secondary) {
                if (mask.allows(step.relation) && mask.allows(step.entity) &&
                    (!directed || !view.graph().relation_type(step.relation).directed)) {
                    scratch.push_back(to_underlying(step.entity));
                }
            }
            std::sort(scratch.begin(), scratch.end());
            scratch.erase(std::unique(scratch.begin(), scratch.end()), scratch.end());
            scratch.erase(std::remove(scratch.begin(), scratch.end(), entity), scratch.end());
        }
        adjacency.targets.insert(adjacency.targets.end(), scratch.begin(), scratch.end());
        adjacency.offsets[entity + 1] = static_cast<std::uint32_t>(adjacency.targets.size());
    }
    return adjacency;
}

} // namespace powermap::graph::detail
