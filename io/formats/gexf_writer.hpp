// GEXF 1.2 for Gephi (NetworkX reads it too): entities as nodes labelled with their name,
// relations as edges labelled with their type; types, names by language, amounts, dates
// and props as declared attributes. Static graph: dates are attributes, not time spans.
#pragma once

#include <string>

#include "graph/entity_graph.hpp"

namespace powermap::io {

[[nodiscard]] std::string write_gexf(const graph::EntityGraph& graph);

} // namespace powermap::io
