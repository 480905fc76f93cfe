// Internal: a simple graph (parallel ties collapsed, self-loops dropped) over a masked
// AnalyticsView, as flat CSR arrays of 32-bit entity indices. The centrality measures run
// on it because NetworkX defines them on nx.Graph / nx.DiGraph, not on multigraphs.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "graph/analytics_view.hpp"

namespace powermap::graph::detail {

struct SimpleAdjacency {
    std::vector<std::uint32_t> offsets; ///< n + 1
    std::vector<std::uint32_t> targets;
    [[nodiscard]] std::span<const std::uint32_t> of(std::uint32_t entity) const {
        return {targets.data() + offsets[entity], targets.data() + offsets[entity + 1]};
    }
    [[nodiscard]] std::uint32_t degree(std::uint32_t entity) const {
        return offsets[entity + 1] - offsets[entity];
    }
};

/// Successors (`outgoing`) or predecessors of every allowed entity. With `directed` false
/// both lists are the same: every neighbour over any allowed tie. With `directed` true a
/// tie of an undirected relation type counts both ways. Neighbour lists are sorted.
/// O(V + E log d).
SimpleAdjacency simple_adjacency(const AnalyticsView& view, const TraversalMask& mask,
                                 bool directed, bool outgoing);

/// Whether a step may be walked: allowed tie, allowed entity, and (when `directed`) in
/// the tie's direction or over an undirected relation type.
[[nodiscard]] inline bool walkable(const AnalyticsView& view, const TraversalMask& mask,
                                   const Step& step, bool directed) {
    return mask.allows(step.relation) && mask.allows(step.entity) &&
           (!directed || step.forward || !view.graph().relation_type(step.relation).directed);
}

} // namespace powermap::graph::detail
