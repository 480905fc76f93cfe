// PageRank by power iteration.
#include <cmath>

#include <fmt/format.h>

#include "graph/algorithms/centrality/centrality.hpp"
#include "graph/algorithms/centrality/common.hpp"
#include "graph/detail/adjacency.hpp"

namespace powermap::graph {

using namespace centrality_detail;

std::vector<double> pagerank(const AnalyticsView& view, const CentralityOptions& options) {
    if (!(options.damping >= 0.0 && options.damping <= 1.0)) {
        throw Error(
            fmt::format("PageRank damping must be a number from 0 to 1, not {}", options.damping));
    }
    const TraversalMask& mask = mask_of(options);
    const auto pred = detail::simple_adjacency(view, mask, options.directed, false);
    const auto succ = detail::simple_adjacency(view, mask, options.directed, true);
    const auto active = active_entities(view, mask);
    std::vector<double> result(view.entity_count(), 0.0);
    if (active.empty()) {
        return result;
    }
    const double n = static_cast<double>(active.size());
    const double alpha = options.damping;
    std::vector<double> rank(view.entity_count(), 0.0);
    std::vector<double> share(view.entity_count(), 0.0);
    std::vector<double> next(view.entity_count(), 0.0);
    for (std::uint32_t entity : active) {
        rank[entity] = 1.0 / n;
    }
    for (unsigned iteration = 0; iteration < options.max_iterations; ++iteration) {
        double dangling = 0.0;
        for (std::uint32_t entity : active) {
            const auto degree = succ.degree(entity);
            if (degree == 0) {
                dangling += rank[entity];
                share[entity] = 0.0;
            } else {
                share[entity] = rank[entity] * (1.0 / static_cast<double>(degree));
            }
        }
        double change = 0.0;
        for (std::uint32_t entity : active) {
            double sum = 0.0;
            for (std::uint32_t from : pred.of(entity)) {
                sum += share[from];
            }
            next[entity] = alpha * (sum + dangling / n) + (1.0 - alpha) / n;
            change += std::abs(next[entity] - rank[entity]);
        }
        rank.swap(next);
        if (change < n * options.tolerance) {
            return rank;
        }
    }
    throw Error(fmt::format("PageRank did not converge in {} iterations", options.max_iterations),
                "raise --max-iter or --tolerance");
}

} // namespace powermap::graph
