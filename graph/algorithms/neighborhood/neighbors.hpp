// The ego network of an entity: everything within N ties, with the ties that lead there.
#pragma once

#include <set>
#include <vector>

#include "graph/algorithms/paths/paths.hpp"

namespace powermap::graph {

struct NeighborEntry {
    EntityIndex entity;
    std::size_t distance = 0;
    /// Every tie joining this entity to one at distance - 1 (parallel ties stay distinct),
    /// in relation order, read from the nearer entity.
    std::vector<PathHop> via;
};

/// Entities within `depth` ties of `center` (nx.ego_graph radius), by distance then id; the
/// centre itself is not listed. `options` restricts ties and entities as for paths
/// (direction, relation types, through types, avoid, date). O(V + E) in the ego network.
[[nodiscard]] std::vector<NeighborEntry> neighbors(const AnalyticsView& view, EntityIndex center,
                                                   std::size_t depth,
                                                   const PathOptions& options = {});

struct EgoNetwork {
    std::set<EntityIndex> entities;    ///< the centre included
    std::set<RelationIndex> relations; ///< every tie whose two ends are in `entities`
};

/// The neighbourhood `neighbors` finds, as a drawable subgraph: the centre, every entity
/// within `depth` ties, and all ties among them (what `render --focus` draws, as NetworkX's
/// ego_graph(undirected=True)). Depth 0 is the centre alone.
[[nodiscard]] EgoNetwork ego_network(const AnalyticsView& view, EntityIndex centre,
                                     std::size_t depth, const PathOptions& options = {});

} // namespace powermap::graph
