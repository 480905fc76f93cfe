// The map as a FollowTheMoney entity stream (JSON lines, sorted by id): entities under
// their FtM schema, ties that FtM has an edge schema for as edge entities, reference ties
// (has_address, held_by, ...) as properties, other ties as UnknownLink with their type as
// role. What FtM cannot say (sources and quotes, names by language, schema, map title)
// is left out; README "Import and export" lists it.
#pragma once

#include <string>

#include "graph/entity_graph.hpp"

namespace powermap::io {

[[nodiscard]] std::string write_ftm(const graph::EntityGraph& graph);

} // namespace powermap::io
