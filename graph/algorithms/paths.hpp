// Paths between entities over the AnalyticsView. Every hop names the tie it used.
#pragma once

#include <optional>
#include <string>
#include <vector>

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
};

struct PathHop {
    EntityIndex from;
    EntityIndex to;
    RelationIndex relation;
    bool forward; ///< true when the hop follows the tie's own direction
};

struct PathResult {
    std::vector<PathHop> hops; ///< empty when source == target
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

} // namespace powermap::graph
