// Paths between entities over the AnalyticsView. Every hop names the tie it used.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "graph/algorithms/filters.hpp"
#include "graph/analytics_view.hpp"

namespace powermap::graph {

struct PathOptions {
    /// Follow ties only from `from` to `to` (undirected relation types still go both ways).
    bool directed = false;
    /// Only these relation types (empty = all).
    std::vector<std::string> relation_types;
    /// Only ties whose relation type is a supply tie.
    bool supply_only = false;
    /// Intermediate entities must be of one of these types or their subtypes (empty = all).
    std::vector<std::string> through_types;
    /// Entities the path may not pass through.
    std::vector<EntityIndex> avoid;
    /// Only ties valid at a date (see TimeFilter).
    TimeFilter time;
    /// How long a tie is: every tie 1 (None), or shorter the more money it carries (Amount:
    /// 1 / log10(10 + value), any currency; ties without an amount count 1).
    enum class Weight { None, Amount } weight = Weight::None;
    /// Hub-aware ranking: passing through an entity costs hub_penalty * log2(1 + its tie
    /// count) extra, so chains through an agency with a thousand contractors rank below
    /// specific ones (as investigators ask of Aleph). 0 = off.
    double hub_penalty = 0.0;
};

struct PathHop {
    EntityIndex from;
    EntityIndex to;
    RelationIndex relation;
    bool forward; ///< true when the hop follows the tie's own direction
};

struct PathResult {
    std::vector<PathHop> hops; ///< empty when source == target
    double cost = 0;           ///< hops, or weighted length with penalties
    [[nodiscard]] std::size_t length() const { return hops.size(); }
};

/// The traversal mask PathOptions describe; endpoints are always allowed.
[[nodiscard]] TraversalMask make_path_mask(const AnalyticsView& view, const PathOptions& options,
                                           EntityIndex from, EntityIndex to);

/// Whether a step may be taken when walking with `directed` semantics: a backward step is
/// allowed only over undirected relation types.
[[nodiscard]] bool step_allowed(const AnalyticsView& view, const Step& step, bool directed);

/// Fewest-hop path from `from` to `to` by bidirectional BFS (as NetworkX's
/// bidirectional_shortest_path). Ties between equal-length paths go to the lower relation
/// index, so answers are deterministic. O(V + E) worst case, far less in practice.
/// Returns nullopt when no path exists.
[[nodiscard]] std::optional<PathResult> shortest_path(const AnalyticsView& view, EntityIndex from,
                                                      EntityIndex to,
                                                      const PathOptions& options = {});

/// The cheapest path under `options.weight` and `options.hub_penalty` (Dijkstra; with
/// neither, the fewest hops as shortest_path). Equal costs go to the path found first when
/// ties are relaxed in relation order. O((V + E) log V). nullopt when none exists.
[[nodiscard]] std::optional<PathResult> cheapest_path(const AnalyticsView& view, EntityIndex from,
                                                      EntityIndex to,
                                                      const PathOptions& options = {});

/// The k cheapest loopless paths by Yen's algorithm, cheapest first (equal costs: fewer
/// hops, then lower relation indices). The map is a multigraph: two paths through the same
/// entities over different ties are different paths. O(k V (V + E) log V).
[[nodiscard]] std::vector<PathResult> k_shortest_paths(const AnalyticsView& view, EntityIndex from,
                                                       EntityIndex to, std::size_t k,
                                                       const PathOptions& options = {});

struct AllPathsResult {
    std::vector<PathResult> paths; ///< by hops, then relation indices; empty when refused
    /// True when there are more than `limit` paths: nothing is listed, and the counts say
    /// how many there would be.
    bool over_limit = false;
    std::size_t counted = 0; ///< paths found before stopping (limit + 1 when over)
    double walk_bound = 0;   ///< walks of at most max_hops ties: an upper bound on paths
};

/// Every simple path of at most `max_hops` ties (as nx.all_simple_edge_paths with cutoff,
/// parallel ties giving distinct paths), refusing when there are more than `limit`.
/// Branches that cannot reach `to` within the bound are pruned by a BFS from `to`, so the
/// search stops early. Exponential in max_hops at worst; bounded by `limit`.
[[nodiscard]] AllPathsResult all_simple_paths(const AnalyticsView& view, EntityIndex from,
                                              EntityIndex to, std::size_t max_hops,
                                              std::size_t limit, const PathOptions& options = {});

} // namespace powermap::graph
