// The neighbourhood of one entity: every entity within N ties of it, ignoring direction,
// and the ties among them. What `render --focus` draws.
#pragma once

#include <set>

#include "graph/entity_graph.hpp"

namespace powermap::graph {

struct EgoNetwork {
    std::set<EntityIndex> entities;    ///< the centre included
    std::set<RelationIndex> relations; ///< every tie whose two ends are in `entities`
};

/// Entities at most `depth` ties from `centre` (breadth-first, ties followed both ways, as
/// NetworkX's ego_graph(undirected=True)), and the ties among them. Depth 0 is the centre
/// alone. O(V + E) over the part of the map reached.
[[nodiscard]] EgoNetwork ego_network(const EntityGraph& graph, EntityIndex centre, int depth);

} // namespace powermap::graph
