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

/// Component labels without the sorted member lists: what counting components needs.
struct ComponentLabels {
    std::vector<std::uint32_t> component_of; ///< in discovery order; `none` when masked out
    std::vector<std::uint32_t> sizes;        ///< entities in each component
};

/// Weak component labels by BFS over out- and in-steps, components numbered in order of
/// their lowest entity index. O(V + E), no sorting.
[[nodiscard]] ComponentLabels weak_component_labels(const AnalyticsView& view,
                                                    const TraversalMask& mask = {});

/// Weakly connected components (nx.weakly_connected_components; for an undirected map,
/// nx.connected_components): the labels above, then members sorted by id and components
/// by size. O(V + E + V log V).
[[nodiscard]] ComponentResult weak_components(const AnalyticsView& view,
                                              const TraversalMask& mask = {});

/// Strongly connected components (nx.strongly_connected_components) by an iterative
/// Tarjan over directed steps. O(V + E).
[[nodiscard]] ComponentResult strong_components(const AnalyticsView& view,
                                                const TraversalMask& mask = {});

} // namespace powermap::graph
