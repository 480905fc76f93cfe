// Node-link JSON, the form NetworkX's node_link_graph() and D3 read: a directed
// multigraph whose nodes carry type, names and tags and whose links carry relation type,
// wording, amount, dates and citations.
#pragma once

#include <string>

#include "graph/entity_graph.hpp"

namespace powermap::io {

[[nodiscard]] std::string write_nodelink(const graph::EntityGraph& graph);

} // namespace powermap::io
