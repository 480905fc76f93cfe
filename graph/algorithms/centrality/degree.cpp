// Degree, in-degree and out-degree centrality.
#include "graph/algorithms/centrality/centrality.hpp"
#include "graph/algorithms/centrality/common.hpp"
#include "graph/detail/adjacency.hpp"

namespace powermap::graph {

using namespace centrality_detail;

namespace {

std::vector<double> degree_of(const AnalyticsView& view, const CentralityOptions& options,
                              bool use_out, bool use_in) {
    const TraversalMask& mask = mask_of(options);
    std::vector<double> result(view.entity_count(), 0.0);
    const std::size_t active = active_entities(view, mask).size();
    if (!options.directed) {
        const auto adjacency = detail::simple_adjacency(view, mask, false, true);
        for (std::uint32_t entity = 0; entity < view.entity_count(); ++entity) {
            result[entity] = adjacency.degree(entity);
        }
    } else {
        if (use_out) {
            const auto out = detail::simple_adjacency(view, mask, true, true);
            for (std::uint32_t entity = 0; entity < view.entity_count(); ++entity) {
                result[entity] += out.degree(entity);
            }
        }
        if (use_in) {
            const auto in = detail::simple_adjacency(view, mask, true, false);
            for (std::uint32_t entity = 0; entity < view.entity_count(); ++entity) {
                result[entity] += in.degree(entity);
            }
        }
    }
    if (options.normalized) {
        // nx: s = 1/(n-1), and 1 for a graph of one entity.
        const double scale = active > 1 ? 1.0 / static_cast<double>(active - 1) : 1.0;
        for (double& value : result) {
            value *= scale;
        }
    }
    return result;
}

} // namespace

std::vector<double> degree_centrality(const AnalyticsView& view, const CentralityOptions& options) {
    return degree_of(view, options, true, true);
}

std::vector<double> in_degree_centrality(const AnalyticsView& view,
                                         const CentralityOptions& options) {
    return degree_of(view, options, false, true);
}

std::vector<double> out_degree_centrality(const AnalyticsView& view,
                                          const CentralityOptions& options) {
    return degree_of(view, options, true, false);
}

} // namespace powermap::graph
