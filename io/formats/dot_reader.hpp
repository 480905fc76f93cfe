// Reads Graphviz DOT (.dot/.gv) through cgraph: nodes become entities (type from a `type`
// attribute, else "entity"), edges relations (type from a `type` attribute, else the
// generic linked_to / linked_with), every other attribute a prop, and the subgraphs and
// clusters a node belongs to its tags. Graphviz's own messages become Diagnostics.
#pragma once

#include <string_view>

#include "graph/entity_graph.hpp"

namespace powermap::io {

/// Relation types for DOT edges that name none: directed and undirected ties in general.
inline constexpr std::string_view dot_directed_relation = "linked_to";
inline constexpr std::string_view dot_undirected_relation = "linked_with";

/// Adds the graphs of `text` (read from `file_name`) to `builder`. A file holding several
/// graphs keeps them apart by prefixing ids with "<graph name>/". Text that is not UTF-8
/// is read as Latin-1 (with a warning). Throws powermap::Error with file and line on a
/// syntax error, or when the file holds no graph.
void read_dot_map(std::string_view file_name, std::string_view text,
                  graph::EntityGraphBuilder& builder);

} // namespace powermap::io
