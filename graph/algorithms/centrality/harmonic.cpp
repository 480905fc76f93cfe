// Harmonic centrality.
#include "graph/algorithms/centrality/centrality.hpp"
#include "graph/algorithms/centrality/common.hpp"
#include "graph/detail/adjacency.hpp"

namespace powermap::graph {

using namespace centrality_detail;

std::vector<double> harmonic(const AnalyticsView& view, const CentralityOptions& options) {
    return distance_measure(view, options, [](const BfsSpace& space, std::size_t) {
        double total = 0.0;
        for (std::uint32_t entity : space.order) {
            if (space.dist[entity] != 0) {
                total += 1.0 / space.dist[entity];
            }
        }
        return total;
    });
}

} // namespace powermap::graph
