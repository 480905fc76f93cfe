// Centrality measures, defined and normalised exactly as NetworkX 2.8 documents them, on the
// simple graph of the map: parallel ties between two entities count once and self-loops are
// dropped (as nx.Graph(G) / nx.DiGraph(G) would). Undirected by default; with `directed`, a
// tie of an undirected relation type (ally_of, shares_data_with, ...) counts both ways.
// Entities the mask excludes are absent: they score 0 and do not count in n.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
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
    /// Betweenness: estimate within this error instead (0 = exact; see approximate_betweenness).
    double approximate = 0;
    double approximate_delta = 0.1; ///< the estimate's failure probability
    std::uint64_t seed = 20261129;  ///< the estimate's sampling seed
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
                                                        double epsilon, double delta,
                                                        std::uint64_t seed);
/// The same, with epsilon, delta and seed from `options` (approximate, approximate_delta, seed).
[[nodiscard]] ApproxBetweenness approximate_betweenness(const AnalyticsView& view,
                                                        const CentralityOptions& options);

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

// The family's table (measures.cpp): one row per measure, the one list every front end reads
// its measure names, settings, defaults and ranges from. A new measure is one file defining
// its function (declared above) and one row.

/// A setting some measures read, declared once: the option it fills (and so its type and
/// its default, CentralityOptions{}), its allowed range and its help. Front ends spell the
/// name their own way (the CLI as --damping).
struct MeasureParam {
    using Field = std::variant<double CentralityOptions::*, unsigned CentralityOptions::*,
                               std::uint64_t CentralityOptions::*>;
    std::string_view name; ///< "damping", "max-iter"
    std::string_view help;
    Field field;
    double min = 0; ///< the range of a real setting
    double max = 0;
    std::uint64_t count_min = 0; ///< the range of a whole-number setting
    std::uint64_t count_max = 0;
    std::string_view type_name = {}; ///< help shows this for the value ("EPS"); empty: its type
    bool show_default = true;
};

using MeasureFunction = std::vector<double> (*)(const AnalyticsView&, const CentralityOptions&);
using EstimateFunction = ApproxBetweenness (*)(const AnalyticsView&, const CentralityOptions&);

struct MeasureDef {
    std::string_view name;
    std::vector<std::string_view> aliases; ///< other names find_measure() takes
    MeasureFunction run;
    std::vector<std::string_view> params; ///< names of the MeasureParams it reads
    /// What it counts when it reports progress through CentralityOptions::progress
    /// ("sources"); empty: it never reports.
    std::string_view progress_unit = {};
    /// The estimate run instead when CentralityOptions::approximate > 0; nullptr: none.
    EstimateFunction estimate = nullptr;
};

/// Every measure, in the order help lists them.
[[nodiscard]] std::span<const MeasureDef> measures();
/// Every setting a measure reads, in the order help lists them.
[[nodiscard]] std::span<const MeasureParam> measure_params();
/// The measure called `name` or one of its aliases; nullptr when none is.
[[nodiscard]] const MeasureDef* find_measure(std::string_view name);
/// The measures' names (not aliases), in help order.
[[nodiscard]] std::vector<std::string> measure_names();

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
