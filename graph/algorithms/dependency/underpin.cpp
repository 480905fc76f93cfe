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
    for (EntityIndex vendor : vendors) {
        result.vendors.push_back(options.roll_up != nullptr ? options.roll_up->head_of(vendor)
                                                            : vendor);
    }
    result.targets = targets;
    std::sort(result.vendors.begin(), result.vendors.end(), by_id);
    result.vendors.erase(std::unique(result.vendors.begin(), result.vendors.end()),
                         result.vendors.end());
    std::sort(result.targets.begin(), result.targets.end(), by_id);
    const TraversalMask mask = supply_mask(view, options);
    std::vector<std::uint32_t> dist(view.entity_count(), unreached);
    std::vector<Parent> parent(view.entity_count());
    std::vector<std::uint32_t> order;
    std::vector<EntityIndex> starts;
    for (EntityIndex vendor : result.vendors) {
        starts.clear();
        for (EntityIndex member : options.roll_up != nullptr ? options.roll_up->members(vendor)
                                                             : std::vector<EntityIndex>{vendor}) {
            if (mask.allows(member)) {
                starts.push_back(member);
            }
        }
        if (starts.empty()) {
            continue;
        }
        supply_bfs(view, mask, starts, false, dist, parent, order);
        for (EntityIndex target : result.targets) {
            const auto reached = to_underlying(target);
            if (dist[reached] != unreached && dist[reached] != 0) {
                result.cells.push_back({vendor, target, chain_to(parent, reached)});
            }
        }
    }
    return result;
}

} // namespace powermap::graph
