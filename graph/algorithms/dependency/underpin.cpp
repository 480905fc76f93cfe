// Underpin: which vendor reaches which target over supply ties.
#include <algorithm>

#include "graph/algorithms/dependency/dependency.hpp"
#include "graph/algorithms/dependency/supply_chain.hpp"

namespace powermap::graph {

using namespace dependency_detail;

UnderpinResult underpin(const AnalyticsView& view, const std::vector<EntityIndex>& vendors,
                        const std::vector<EntityIndex>& targets, const DependencyOptions& options) {
    const auto& graph = view.graph();
    auto by_id = [&graph](EntityIndex left, EntityIndex right) {
        return graph.entity(left).id < graph.entity(right).id;
    };
    UnderpinResult result;
    result.vendors = vendors;
    result.targets = targets;
    std::sort(result.vendors.begin(), result.vendors.end(), by_id);
    std::sort(result.targets.begin(), result.targets.end(), by_id);
    const TraversalMask mask = supply_mask(view, options);
    std::vector<std::uint32_t> dist(view.entity_count(), unreached);
    std::vector<Parent> parent(view.entity_count());
    std::vector<std::uint32_t> order;
    for (EntityIndex vendor : result.vendors) {
        if (!mask.allows(vendor)) {
            continue;
        }
        supply_bfs(view, mask, vendor, false, dist, parent, order);
        for (EntityIndex target : result.targets) {
            const auto reached = to_underlying(target);
            if (target != vendor && dist[reached] != unreached) {
                result.cells.push_back(
                    {vendor, target, chain_to(parent, to_underlying(vendor), reached)});
            }
        }
    }
    return result;
}

} // namespace powermap::graph
