// GraphML into a map (pugixml; no DTD, no external entities: only XML's five predefined
// entities and character references are expanded). Keys are typed as declared
// (boolean, int, long, float, double, string); unknown types and undeclared keys are
// warnings. Our own files (graph attribute "powermap") come back field for field; other
// files (Gephi, yEd, igraph, NetworkX) map "type", "name"/"label" and yEd labels, and keep
// every other attribute as a prop.
#pragma once

#include <string_view>

#include "graph/entity_graph.hpp"
#include "io/formats/import_report.hpp"
#include "io/native/json_map.hpp"

namespace powermap::io {

/// Reads one GraphML document. Throws powermap::Error with file:line:column when the text
/// is not well-formed XML or not GraphML.
void read_graphml(std::string_view file_name, std::string_view text,
                  const TextResolver& resolve_text, graph::EntityGraphBuilder& builder,
                  ImportReport& report);

} // namespace powermap::io
