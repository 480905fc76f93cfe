// Cytoscape.js elements JSON ({"elements": {"nodes": [...], "edges": [...]}}), which
// Cytoscape.js loads directly and Cytoscape desktop imports as .cyjs. Node and edge ids
// are unique across both lists, as Cytoscape requires; `classes` holds the type for styling.
#pragma once

#include <string>

#include "graph/entity_graph.hpp"

namespace powermap::io {

[[nodiscard]] std::string write_cytoscape(const graph::EntityGraph& graph);

} // namespace powermap::io
