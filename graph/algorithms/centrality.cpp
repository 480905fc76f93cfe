#include "graph/algorithms/centrality.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <random>
#include <thread>

#include <fmt/format.h>

#include "graph/detail/adjacency.hpp"

namespace powermap::graph {

namespace {

const TraversalMask& mask_of(const CentralityOptions& options) {
    static const TraversalMask all;
    return options.mask != nullptr ? *options.mask : all;
}

/// Entities the mask keeps, in index order.
std::vector<std::uint32_t> active_entities(const AnalyticsView& view, const TraversalMask& mask) {
    std::vector<std::uint32_t> active;
    active.reserve(view.entity_count());
    for (std::uint32_t entity = 0; entity < view.entity_count(); ++entity) {
        if (mask.allows(EntityIndex{entity})) {
            active.push_back(entity);
        }
    }
    return active;
}

unsigned thread_count(const CentralityOptions& options, std::size_t work) {
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

constexpr std::uint32_t unreached = std::numeric_limits<std::uint32_t>::max();

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

namespace {

/// Every measure by name, in the order help lists them: the one list of measure names.
constexpr std::pair<const char*, Measure> measure_table[] = {{"degree", Measure::Degree},
                                                             {"in", Measure::In},
                                                             {"out", Measure::Out},
                                                             {"betweenness", Measure::Betweenness},
                                                             {"closeness", Measure::Closeness},
                                                             {"harmonic", Measure::Harmonic},
                                                             {"pagerank", Measure::PageRank},
                                                             {"eigenvector", Measure::Eigenvector}};

} // namespace

std::vector<std::string> measure_names() {
    std::vector<std::string> names;
    for (const auto& [text, measure] : measure_table) {
        names.emplace_back(text);
    }
    return names;
}

std::optional<Measure> parse_measure(std::string_view name) {
    for (const auto& [text, measure] : measure_table) {
        if (name == text) {
            return measure;
        }
    }
    return std::nullopt;
}

std::string measure_name(Measure measure) {
    switch (measure) {
    case Measure::Degree:
        return "degree";
    case Measure::In:
        return "in";
    case Measure::Out:
        return "out";
    case Measure::Betweenness:
        return "betweenness";
    case Measure::Closeness:
        return "closeness";
    case Measure::Harmonic:
        return "harmonic";
    case Measure::PageRank:
        return "pagerank";
    case Measure::Eigenvector:
        return "eigenvector";
    }
    POWERMAP_UNREACHABLE();
}

std::vector<double> centrality(const AnalyticsView& view, Measure measure,
                               const CentralityOptions& options) {
    switch (measure) {
    case Measure::Degree:
        return degree_centrality(view, options);
    case Measure::In:
        return in_degree_centrality(view, options);
    case Measure::Out:
        return out_degree_centrality(view, options);
    case Measure::Betweenness:
        return betweenness(view, options);
    case Measure::Closeness:
        return closeness(view, options);
    case Measure::Harmonic:
        return harmonic(view, options);
    case Measure::PageRank:
        return pagerank(view, options);
    case Measure::Eigenvector:
        return eigenvector(view, options);
    }
    POWERMAP_UNREACHABLE();
}

std::vector<RankedEntity> rank_entities(const EntityGraph& graph, const std::vector<double>& scores,
                                        const std::vector<std::string>& types, std::size_t top,
                                        const TraversalMask* mask) {
    struct Keyed {
        double key;
        RankedEntity entry;
    };
    // 40 bits of mantissa (about 12 decimal digits): safe for every finite value, and
    // coarse enough that summation order cannot reorder equal scores.
    auto rounded = [](double value) {
        if (value == 0.0 || !std::isfinite(value)) {
            return value;
        }
        int exponent = 0;
        const double mantissa = std::frexp(value, &exponent);
        return std::ldexp(std::round(std::ldexp(mantissa, 40)), exponent - 40);
    };
    std::vector<Keyed> keyed;
    for (std::uint32_t idx = 0; idx < graph.entity_count(); ++idx) {
        const EntityIndex entity{idx};
        if (mask != nullptr && !mask->allows(entity)) {
            continue;
        }
        if (!types.empty() &&
            std::none_of(types.begin(), types.end(), [&](const std::string& type) {
                return graph.schema().is_a(graph.entity(entity).type, type);
            })) {
            continue;
        }
        keyed.push_back({rounded(scores[idx]), {entity, scores[idx], 0}});
    }
    std::sort(keyed.begin(), keyed.end(), [&graph](const Keyed& left, const Keyed& right) {
        if (left.key != right.key) {
            return left.key > right.key;
        }
        return graph.entity(left.entry.entity).id < graph.entity(right.entry.entity).id;
    });
    std::vector<RankedEntity> ranked;
    for (std::size_t idx = 0; idx < keyed.size() && (top == 0 || idx < top); ++idx) {
        RankedEntity entry = keyed[idx].entry;
        entry.rank = idx > 0 && keyed[idx].key == keyed[idx - 1].key ? ranked.back().rank : idx + 1;
        ranked.push_back(entry);
    }
    return ranked;
}

} // namespace powermap::graph
