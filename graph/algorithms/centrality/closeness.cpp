// Closeness centrality (Wasserman-Faust improved, as NetworkX).
#include "graph/algorithms/centrality/centrality.hpp"
#include "graph/algorithms/centrality/common.hpp"
#include "graph/detail/adjacency.hpp"

namespace powermap::graph {

using namespace centrality_detail;

std::vector<double> closeness(const AnalyticsView& view, const CentralityOptions& options) {
    return distance_measure(view, options, [](const BfsSpace& space, std::size_t active) {
        double total = 0.0;
        for (std::uint32_t entity : space.order) {
            total += space.dist[entity];
        }
        const double reached = static_cast<double>(space.order.size());
        if (total <= 0.0 || active <= 1) {
            return 0.0;
        }
        return (reached - 1.0) / total * ((reached - 1.0) / static_cast<double>(active - 1));
    });
}

} // namespace powermap::graph
