// Betweenness estimated from sampled shortest paths (Riondato & Kornaropoulos).
#include <algorithm>
#include <cmath>
#include <random>

#include "graph/algorithms/centrality/centrality.hpp"
#include "graph/algorithms/centrality/common.hpp"
#include "graph/detail/adjacency.hpp"

namespace powermap::graph {

using namespace centrality_detail;

namespace {

/// SplitMix64: turns (seed, sample index) into independent generator seeds.
std::uint64_t mix(std::uint64_t value) {
    value += 0x9e3779b97f4a7c15ULL;
    value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
    value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
    return value ^ (value >> 31);
}

/// An upper bound on the vertex diameter (entities on the longest shortest path). Undirected:
/// 2 * eccentricity + 1 of one entity per component. Directed: the size of the largest weak
/// component, since directed distances are not bounded by undirected ones.
std::uint32_t vertex_diameter_bound(const AnalyticsView& view, const TraversalMask& mask,
                                    bool directed) {
    const auto both = detail::simple_adjacency(view, mask, false, true);
    std::vector<std::uint32_t> dist(view.entity_count(), unreached);
    std::vector<std::uint32_t> queue;
    std::uint32_t bound = 1;
    for (std::uint32_t start = 0; start < view.entity_count(); ++start) {
        if (dist[start] != unreached || !mask.allows(EntityIndex{start})) {
            continue;
        }
        queue.assign(1, start);
        dist[start] = 0;
        std::uint32_t eccentricity = 0;
        for (std::size_t head = 0; head < queue.size(); ++head) {
            const std::uint32_t at = queue[head];
            eccentricity = std::max(eccentricity, dist[at]);
            for (std::uint32_t next : both.of(at)) {
                if (dist[next] == unreached) {
                    dist[next] = dist[at] + 1;
                    queue.push_back(next);
                }
            }
        }
        const auto component = static_cast<std::uint32_t>(queue.size());
        bound = std::max(bound, directed ? component : std::min(component, 2 * eccentricity + 1));
    }
    return bound;
}

} // namespace

ApproxBetweenness approximate_betweenness(const AnalyticsView& view,
                                          const CentralityOptions& options, double epsilon,
                                          double delta, std::uint64_t seed) {
    POWERMAP_ASSERT(epsilon > 0 && epsilon < 1 && delta > 0 && delta < 1);
    const TraversalMask& mask = mask_of(options);
    const auto succ = detail::simple_adjacency(view, mask, options.directed, true);
    const auto pred = detail::simple_adjacency(view, mask, options.directed, false);
    const auto active = active_entities(view, mask);
    const std::size_t count = view.entity_count();
    ApproxBetweenness out;
    out.epsilon = epsilon;
    out.delta = delta;
    out.scores.assign(count, 0.0);
    const std::size_t n = active.size();
    if (n < 3) {
        return out; // no entity can lie strictly between two others
    }
    out.vertex_diameter_bound = vertex_diameter_bound(view, mask, options.directed);
    const double log_term =
        out.vertex_diameter_bound > 3
            ? std::floor(std::log2(static_cast<double>(out.vertex_diameter_bound - 2)))
            : 0.0;
    out.samples = static_cast<std::size_t>(
        std::ceil(0.5 / (epsilon * epsilon) * (log_term + 1.0 + std::log(1.0 / delta))));

    const unsigned threads = thread_count(options, out.samples);
    struct Space {
        std::vector<std::uint32_t> dist;
        std::vector<double> sigma;
        std::vector<std::uint32_t> order;
        std::vector<std::uint32_t> hits;
        explicit Space(std::size_t size) : dist(size, unreached), sigma(size, 0.0), hits(size, 0) {}
    };
    std::vector<Space> spaces;
    spaces.reserve(threads);
    for (unsigned idx = 0; idx < threads; ++idx) {
        spaces.emplace_back(count);
    }
    std::vector<std::uint32_t> sample_ids(out.samples);
    for (std::size_t idx = 0; idx < out.samples; ++idx) {
        sample_ids[idx] = static_cast<std::uint32_t>(idx);
    }
    for_each_source(sample_ids, threads, [&](unsigned thread_idx, std::uint32_t sample) {
        Space& space = spaces[thread_idx];
        std::mt19937_64 random(mix(seed ^ mix(sample)));
        const std::uint32_t source = active[random() % n];
        std::uint32_t target = active[random() % (n - 1)];
        if (target == source) {
            target = active[n - 1]; // uniform over the other n - 1 entities
        }
        auto& dist = space.dist;
        auto& sigma = space.sigma;
        auto& order = space.order;
        dist[source] = 0;
        sigma[source] = 1.0;
        order.push_back(source);
        // BFS with path counts, stopping once the target's level is complete.
        for (std::size_t head = 0; head < order.size(); ++head) {
            const std::uint32_t at = order[head];
            if (dist[target] != unreached && dist[at] >= dist[target]) {
                break;
            }
            for (std::uint32_t next : succ.of(at)) {
                if (dist[next] == unreached) {
                    dist[next] = dist[at] + 1;
                    order.push_back(next);
                }
                if (dist[next] == dist[at] + 1) {
                    sigma[next] += sigma[at];
                }
            }
        }
        if (dist[target] != unreached) {
            // Walk back choosing each predecessor p with probability sigma[p] / sigma[here]:
            // that draws one shortest path uniformly.
            std::uniform_real_distribution<double> unit(0.0, 1.0);
            std::uint32_t here = target;
            while (here != source) {
                double pick = unit(random) * sigma[here];
                std::uint32_t chosen = unreached;
                for (std::uint32_t prev : pred.of(here)) {
                    if (dist[prev] != unreached && dist[prev] + 1 == dist[here]) {
                        chosen = prev;
                        pick -= sigma[prev];
                        if (pick < 0) {
                            break;
                        }
                    }
                }
                POWERMAP_ASSERT(chosen != unreached);
                if (chosen != source) {
                    ++space.hits[chosen];
                }
                here = chosen;
            }
        }
        for (std::uint32_t entity : order) {
            dist[entity] = unreached;
            sigma[entity] = 0.0;
        }
        order.clear();
    });
    // hits / r estimates B(v) / (n (n - 1)), B summed over ordered pairs as betweenness()
    // sums before rescaling; rescale the same way.
    const double pairs = static_cast<double>(n) * static_cast<double>(n - 1);
    double scale = pairs / static_cast<double>(out.samples);
    double bound = epsilon * pairs;
    if (options.normalized) {
        const double norm = 1.0 / (static_cast<double>(n - 1) * static_cast<double>(n - 2));
        scale *= norm;
        bound *= norm;
    } else if (!options.directed) {
        scale *= 0.5;
        bound *= 0.5;
    }
    for (const Space& space : spaces) {
        for (std::size_t entity = 0; entity < count; ++entity) {
            out.scores[entity] += static_cast<double>(space.hits[entity]);
        }
    }
    for (double& value : out.scores) {
        value *= scale;
    }
    out.bound = bound;
    return out;
}

ApproxBetweenness approximate_betweenness(const AnalyticsView& view,
                                          const CentralityOptions& options) {
    return approximate_betweenness(view, options, options.approximate, options.approximate_delta,
                                   options.seed);
}

} // namespace powermap::graph
