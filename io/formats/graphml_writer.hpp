// GraphML for Gephi, yEd, Cytoscape, NetworkX and igraph: one node per entity, one edge per
// relation, every field as a typed <data> attribute. The map's title, schema and sources
// ride along as one graph attribute, so reading our own file back gives the same map.
#pragma once

#include <string>

#include "graph/entity_graph.hpp"
#include "io/files/source_text.hpp"

namespace powermap::io {

/// `sources` says how the header writes each source's text_file (and whether it embeds it).
[[nodiscard]] std::string write_graphml(const graph::EntityGraph& graph,
                                        const SourceOutput& sources = {});

} // namespace powermap::io
