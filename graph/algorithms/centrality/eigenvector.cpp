// Eigenvector centrality by power iteration on A + I.
#include <cmath>

#include <fmt/format.h>

#include "graph/algorithms/centrality/centrality.hpp"
#include "graph/algorithms/centrality/common.hpp"
#include "graph/detail/adjacency.hpp"

namespace powermap::graph {

using namespace centrality_detail;

std::vector<double> eigenvector(const AnalyticsView& view, const CentralityOptions& options) {
    const TraversalMask& mask = mask_of(options);
    const auto pred = detail::simple_adjacency(view, mask, options.directed, false);
    const auto active = active_entities(view, mask);
    std::vector<double> x(view.entity_count(), 0.0);
    if (active.empty()) {
        return x;
    }
    const double n = static_cast<double>(active.size());
    std::vector<double> last(view.entity_count(), 0.0);
    for (std::uint32_t entity : active) {
        x[entity] = 1.0 / n;
    }
    for (unsigned iteration = 0; iteration < options.max_iterations; ++iteration) {
        last.swap(x);
        double norm = 0.0;
        for (std::uint32_t entity : active) {
            double sum = last[entity]; // the identity in A + I
            for (std::uint32_t from : pred.of(entity)) {
                sum += last[from];
            }
            x[entity] = sum;
            norm += sum * sum;
        }
        norm = std::sqrt(norm);
        if (norm == 0.0) {
            norm = 1.0;
        }
        double change = 0.0;
        for (std::uint32_t entity : active) {
            x[entity] /= norm;
            change += std::abs(x[entity] - last[entity]);
        }
        if (change < n * options.tolerance) {
            return x;
        }
    }
    throw Error(fmt::format("eigenvector centrality did not converge in {} iterations",
                            options.max_iterations),
                "raise --max-iter or --tolerance");
}

} // namespace powermap::graph
