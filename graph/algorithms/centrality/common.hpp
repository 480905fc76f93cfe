// Internal to the centrality measures: the mask, the entities it keeps, the thread split
// over sources, and the BFS from every entity that closeness and harmonic share.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <thread>
#include <vector>

#include "graph/algorithms/centrality/centrality.hpp"
#include "graph/detail/adjacency.hpp"

namespace powermap::graph::centrality_detail {

inline const TraversalMask& mask_of(const CentralityOptions& options) {
    static const TraversalMask all;
    return options.mask != nullptr ? *options.mask : all;
}

/// Entities the mask keeps, in index order.
inline std::vector<std::uint32_t> active_entities(const AnalyticsView& view,
                                                  const TraversalMask& mask) {
    std::vector<std::uint32_t> active;
    active.reserve(view.entity_count());
    for (std::uint32_t entity = 0; entity < view.entity_count(); ++entity) {
        if (mask.allows(EntityIndex{entity})) {
            active.push_back(entity);
        }
    }
    return active;
}

inline unsigned thread_count(const CentralityOptions& options, std::size_t work) {
    unsigned threads = options.threads != 0 ? options.threads : std::thread::hardware_concurrency();
    threads = std::max(1u, threads);
    if (work < 2 * static_cast<std::size_t>(threads)) {
        threads = 1;
    }
    return threads;
}

/// Runs `body(thread_idx, source)` for every source, thread t taking sources t, t+T, ...
/// (a static split, so the same thread count always sums in the same order).
template <typename Body>
void for_each_source(const std::vector<std::uint32_t>& sources, unsigned threads, Body&& body) {
    if (threads <= 1) {
        for (std::uint32_t source : sources) {
            body(0u, source);
        }
        return;
    }
    std::vector<std::thread> workers;
    workers.reserve(threads);
    for (unsigned thread_idx = 0; thread_idx < threads; ++thread_idx) {
        workers.emplace_back([&, thread_idx] {
            for (std::size_t idx = thread_idx; idx < sources.size(); idx += threads) {
                body(thread_idx, sources[idx]);
            }
        });
    }
    for (auto& worker : workers) {
        worker.join();
    }
}

inline constexpr std::uint32_t unreached = std::numeric_limits<std::uint32_t>::max();

/// BFS workspace reused across sources: distances reset only where they were set.
struct BfsSpace {
    std::vector<std::uint32_t> dist;
    std::vector<std::uint32_t> order; ///< visited entities in BFS order (also the queue)
    explicit BfsSpace(std::size_t count) : dist(count, unreached) { order.reserve(count); }
    void reset() {
        for (std::uint32_t entity : order) {
            dist[entity] = unreached;
        }
        order.clear();
    }
};

/// Closeness and harmonic share one BFS from each entity over incoming adjacency.
template <typename Score>
std::vector<double> distance_measure(const AnalyticsView& view, const CentralityOptions& options,
                                     Score&& score) {
    const TraversalMask& mask = mask_of(options);
    // Distances *to* v: walk predecessors (for undirected graphs the same lists).
    const auto incoming = detail::simple_adjacency(view, mask, options.directed, false);
    const auto sources = active_entities(view, mask);
    const std::size_t active = sources.size();
    std::vector<double> result(view.entity_count(), 0.0);
    const unsigned threads = thread_count(options, sources.size());
    std::vector<BfsSpace> spaces;
    spaces.reserve(threads);
    for (unsigned idx = 0; idx < threads; ++idx) {
        spaces.emplace_back(view.entity_count());
    }
    for_each_source(sources, threads, [&](unsigned thread_idx, std::uint32_t source) {
        BfsSpace& space = spaces[thread_idx];
        space.dist[source] = 0;
        space.order.push_back(source);
        for (std::size_t head = 0; head < space.order.size(); ++head) {
            const std::uint32_t at = space.order[head];
            for (std::uint32_t next : incoming.of(at)) {
                if (space.dist[next] == unreached) {
                    space.dist[next] = space.dist[at] + 1;
                    space.order.push_back(next);
                }
            }
        }
        result[source] = score(space, active);
        space.reset();
    });
    return result;
}

} // namespace powermap::graph::centrality_detail
