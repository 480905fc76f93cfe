// Exact betweenness (Brandes).
#include <algorithm>
#include <atomic>

#include "graph/algorithms/centrality/centrality.hpp"
#include "graph/algorithms/centrality/common.hpp"
#include "graph/detail/adjacency.hpp"

namespace powermap::graph {

using namespace centrality_detail;

std::vector<double> betweenness(const AnalyticsView& view, const CentralityOptions& options) {
    const TraversalMask& mask = mask_of(options);
    const auto succ = detail::simple_adjacency(view, mask, options.directed, true);
    const auto sources = active_entities(view, mask);
    const std::size_t count = view.entity_count();
    const unsigned threads = thread_count(options, sources.size());

    struct Space {
        std::vector<std::uint32_t> dist;
        std::vector<double> sigma;
        std::vector<double> delta;
        std::vector<std::uint32_t> order;
        std::vector<double> total;
        explicit Space(std::size_t size)
            : dist(size, unreached), sigma(size, 0.0), delta(size, 0.0), total(size, 0.0) {
            order.reserve(size);
        }
    };
    std::vector<Space> spaces;
    spaces.reserve(threads);
    for (unsigned idx = 0; idx < threads; ++idx) {
        spaces.emplace_back(count);
    }
    std::atomic<std::size_t> done{0};
    const std::size_t report_every = std::max<std::size_t>(1, sources.size() / 200);

    for_each_source(sources, threads, [&](unsigned thread_idx, std::uint32_t source) {
        Space& space = spaces[thread_idx];
        auto& dist = space.dist;
        auto& sigma = space.sigma;
        auto& delta = space.delta;
        auto& order = space.order;
        dist[source] = 0;
        sigma[source] = 1.0;
        order.push_back(source);
        for (std::size_t head = 0; head < order.size(); ++head) {
            const std::uint32_t at = order[head];
            const std::uint32_t next_dist = dist[at] + 1;
            for (std::uint32_t next : succ.of(at)) {
                if (dist[next] == unreached) {
                    dist[next] = next_dist;
                    order.push_back(next);
                }
                if (dist[next] == next_dist) {
                    sigma[next] += sigma[at];
                }
            }
        }
        // Dependencies in reverse BFS order; successors on shortest paths are those one
        // step further, so no predecessor lists are needed.
        for (std::size_t idx = order.size(); idx-- > 0;) {
            const std::uint32_t at = order[idx];
            const std::uint32_t next_dist = dist[at] + 1;
            double sum = 0.0;
            for (std::uint32_t next : succ.of(at)) {
                if (dist[next] == next_dist) {
                    sum += sigma[at] / sigma[next] * (1.0 + delta[next]);
                }
            }
            delta[at] = sum;
            if (at != source) {
                space.total[at] += sum;
            }
        }
        for (std::uint32_t entity : order) {
            dist[entity] = unreached;
            sigma[entity] = 0.0;
            delta[entity] = 0.0;
        }
        order.clear();
        const std::size_t finished = done.fetch_add(1, std::memory_order_relaxed) + 1;
        if (options.progress && thread_idx == 0 &&
            (finished % report_every == 0 || finished == sources.size())) {
            options.progress(finished, sources.size());
        }
    });
    std::vector<double> result(count, 0.0);
    for (const Space& space : spaces) {
        for (std::size_t entity = 0; entity < count; ++entity) {
            result[entity] += space.total[entity];
        }
    }
    if (options.progress) {
        options.progress(sources.size(), sources.size());
    }
    // nx._rescale(endpoints=False)
    const std::size_t active = sources.size();
    double scale = 1.0;
    bool rescale = false;
    if (options.normalized) {
        if (active > 2) {
            scale = 1.0 / (static_cast<double>(active - 1) * static_cast<double>(active - 2));
            rescale = true;
        }
    } else if (!options.directed) {
        scale = 0.5;
        rescale = true;
    }
    if (rescale) {
        for (double& value : result) {
            value *= scale;
        }
    }
    return result;
}

} // namespace powermap::graph
