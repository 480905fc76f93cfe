// Where a supply chain can be broken: the fewest entities whose removal separates two sets
// (vertex cut by max-flow), articulation points, and the dominator tree of a supply chain.
#pragma once

#include <optional>
#include <vector>

#include "graph/algorithms/dependency/dependency.hpp"

namespace powermap::graph {

struct VertexCutResult {
    /// False when no set of other entities separates them: an entity is in both sets, or a
    /// supply tie joins the sets directly (listed in `direct_ties`).
    bool separable = true;
    /// The entities to remove, sorted by id; empty when the sets are already apart.
    std::vector<EntityIndex> cut;
    std::vector<RelationIndex> direct_ties;
    std::vector<EntityIndex> shared; ///< entities in both sets
    bool connected = false;          ///< whether any supply chain joins the sets at all
};

/// A minimum set of entities, none in `from` or `to`, whose removal leaves no supply chain
/// (ties followed in their direction) from any of `from` to any of `to`. Max-flow with each
/// entity split in two joined by capacity 1 (Boost's boykov_kolmogorov_max_flow), then the
/// cut read off the residual graph. By Menger's theorem its size is the number of
/// entity-disjoint chains. O(V E^2) worst case, far less in practice.
[[nodiscard]] VertexCutResult minimum_vertex_cut(const AnalyticsView& view,
                                                 const std::vector<EntityIndex>& from,
                                                 const std::vector<EntityIndex>& to,
                                                 const DependencyOptions& options = {});

/// Entities whose removal splits their component of the undirected map (all ties allowed by
/// `mask`), as nx.articulation_points; sorted by id. Boost's articulation_points (Hopcroft–
/// Tarjan). O(V + E).
[[nodiscard]] std::vector<EntityIndex> articulation_points(const AnalyticsView& view,
                                                           const TraversalMask& mask = {});

struct DominatorResult {
    EntityIndex root;
    /// Immediate dominator of every entity the root reaches over supply ties: every chain
    /// from the root to it passes through its dominator. nullopt for the root itself and for
    /// entities it does not reach.
    std::vector<std::optional<EntityIndex>> immediate;
};

/// Dominator tree of the supply chain from `root` (Lengauer–Tarjan, Boost's
/// lengauer_tarjan_dominator_tree), as nx.immediate_dominators. O(E log V).
[[nodiscard]] DominatorResult dominator_tree(const AnalyticsView& view, EntityIndex root,
                                             const DependencyOptions& options = {});

} // namespace powermap::graph
