// Centrality measures, defined and normalised exactly as NetworkX 2.8 documents them, on the
// simple graph of the map: parallel ties between two entities count once and self-loops are
// dropped (as nx.Graph(G) / nx.DiGraph(G) would). Undirected by default; with `directed`, a
// tie of an undirected relation type (ally_of, shares_data_with, ...) counts both ways.
// Entities the mask excludes are absent: they score 0 and do not count in n.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "graph/analytics_view.hpp"

namespace powermap::graph {

struct CentralityOptions {
    bool directed = false;
    /// Degree: divide by n-1 (nx.degree_centrality). Betweenness: nx's normalized=True.
    bool normalized = false;
    /// Ties and entities to use; nullptr = all.
    const TraversalMask* mask = nullptr;
    /// Worker threads for betweenness, closeness and harmonic; 0 = all cores.
    unsigned threads = 0;
    double damping = 0.85;         ///< PageRank alpha
    double tolerance = 1e-6;       ///< PageRank and eigenvector: stop when L1 change < n*tol
    unsigned max_iterations = 100; ///< PageRank and eigenvector
    /// Called now and then with (sources done, sources in all) by betweenness.
    std::function<void(std::size_t, std::size_t)> progress;
};

/// Degree: number of distinct neighbours (directed: in + out), divided by n-1 when
/// normalized (nx.degree_centrality). O(V + E).
[[nodiscard]] std::vector<double> degree_centrality(const AnalyticsView& view,
                                                    const CentralityOptions& options);
/// In-degree (distinct predecessors); normalized as nx.in_degree_centrality. Directed only
/// makes sense; undirected it equals degree.
[[nodiscard]] std::vector<double> in_degree_centrality(const AnalyticsView& view,
                                                       const CentralityOptions& options);
/// Out-degree (distinct successors); normalized as nx.out_degree_centrality.
[[nodiscard]] std::vector<double> out_degree_centrality(const AnalyticsView& view,
                                                        const CentralityOptions& options);

/// Betweenness, exact, by Brandes' algorithm (unweighted), parallel over sources with one
/// accumulator per thread: c(v) = sum over s != v != t of sigma(s,t|v)/sigma(s,t), as
/// nx.betweenness_centrality(endpoints=False). Undirected: halved when not normalized;
/// normalized: times 1/((n-1)(n-2)) (directed and undirected, as nx._rescale does, which
/// for undirected graphs equals 2/((n-1)(n-2)) of the pair count). O(V E) time, O(V + E)
/// memory per thread. The same thread count always gives the same bits.
[[nodiscard]] std::vector<double> betweenness(const AnalyticsView& view,
                                              const CentralityOptions& options);

/// Betweenness estimated from random shortest paths (Riondato & Kornaropoulos, "Fast
/// approximation of betweenness centrality through sampling", WSDM 2014): r ordered pairs
/// (s, t) are drawn uniformly, one shortest s-t path is drawn uniformly among all of them,
/// and its inner entities score 1/r. With r = ceil(0.5/eps^2 (floor(log2(VD - 2)) + 1 +
/// ln(1/delta))), VD an upper bound on the vertex diameter, every entity's estimate of
/// "share of ordered pairs whose shortest paths pass through it" is within eps of the truth
/// with probability at least 1 - delta. Scores are scaled as betweenness() scales them, so
/// `bound` is eps on that scale (eps * n/(n-2) when normalized). Each sample draws from its
/// own seeded generator: the result depends on `seed`, never on the thread count.
/// O(r (V + E)) time.
struct ApproxBetweenness {
    std::vector<double> scores;
    std::size_t samples = 0;
    std::uint32_t vertex_diameter_bound = 0;
    double epsilon = 0;
    double delta = 0;
    double bound = 0; ///< the additive error bound on the scale of `scores`
};
[[nodiscard]] ApproxBetweenness approximate_betweenness(const AnalyticsView& view,
                                                        const CentralityOptions& options,
                                                        double epsilon, double delta = 0.1,
                                                        std::uint64_t seed = 20261129);

/// Closeness as nx.closeness_centrality(wf_improved=True): over distances *to* v (incoming
/// in a directed graph), C(v) = (r-1)/sum d(u,v) * (r-1)/(n-1) with r the entities that
/// reach v, v included; 0 when nothing reaches v. O(V E).
[[nodiscard]] std::vector<double> closeness(const AnalyticsView& view,
                                            const CentralityOptions& options);

/// Harmonic as nx.harmonic_centrality: H(v) = sum over u != v of 1/d(u,v), unreachable
/// pairs adding 0. Not normalised. O(V E).
[[nodiscard]] std::vector<double> harmonic(const AnalyticsView& view,
                                           const CentralityOptions& options);

/// PageRank as nx.pagerank: power iteration from 1/n with uniform teleport, rank of
/// entities without successors spread uniformly over all entities (dangling), stopping when
/// the L1 change is below n*tolerance. Throws powermap::Error when it does not converge
/// within max_iterations. O(iterations (V + E)).
[[nodiscard]] std::vector<double> pagerank(const AnalyticsView& view,
                                           const CentralityOptions& options);

/// Eigenvector centrality as nx.eigenvector_centrality: power iteration on A + I (left
/// eigenvector: a directed tie u->v raises v) from 1/n, L2-normalised each step, stopping
/// when the L1 change is below n*tolerance. Throws powermap::Error when it does not
/// converge within max_iterations. O(iterations (V + E)).
[[nodiscard]] std::vector<double> eigenvector(const AnalyticsView& view,
                                              const CentralityOptions& options);

enum class Measure { Degree, In, Out, Betweenness, Closeness, Harmonic, PageRank, Eigenvector };
[[nodiscard]] std::optional<Measure> parse_measure(std::string_view name);
/// The names parse_measure() takes, in help order.
[[nodiscard]] std::vector<std::string> measure_names();
[[nodiscard]] std::string measure_name(Measure measure);
/// Dispatches to the function above.
[[nodiscard]] std::vector<double> centrality(const AnalyticsView& view, Measure measure,
                                             const CentralityOptions& options);

struct RankedEntity {
    EntityIndex entity;
    double score = 0;
    std::size_t rank = 0; ///< 1-based; equal scores (to 12 significant digits) share a rank
};

/// Entities (allowed by `mask`, and of one of `types` or their subtypes when non-empty)
/// sorted by score descending, equal scores (to 12 significant digits, so thread counts
/// cannot reorder them) by id; at most `top` (0 = all).
[[nodiscard]] std::vector<RankedEntity> rank_entities(const EntityGraph& graph,
                                                      const std::vector<double>& scores,
                                                      const std::vector<std::string>& types,
                                                      std::size_t top,
                                                      const TraversalMask* mask = nullptr);

} // namespace powermap::graph
