// Connected components of the masked map: weak (ties in either direction) and strong
// (following directed ties; ties of undirected relation types count both ways).
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "graph/analytics_view.hpp"

namespace powermap::graph {

struct ComponentResult {
    static constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
    /// Component number of every entity; `none` for entities the mask excludes.
    std::vector<std::uint32_t> component_of;
    /// Members of each component sorted by id. Components are ordered by size, largest
    /// first, then by the id of their first member, so numbering is deterministic.
    std::vector<std::vector<EntityIndex>> members;
    [[nodiscard]] std::size_t count() const { return members.size(); }
};

/// Weakly connected components (nx.weakly_connected_components; for an undirected map,
/// nx.connected_components) by BFS over out- and in-steps. O(V + E).
[[nodiscard]] ComponentResult weak_components(const AnalyticsView& view,
                                              const TraversalMask& mask = {});

/// Strongly connected components (nx.strongly_connected_components) by an iterative
/// Tarjan over directed steps. O(V + E).
[[nodiscard]] ComponentResult strong_components(const AnalyticsView& view,
                                                const TraversalMask& mask = {});

} // namespace powermap::graph
