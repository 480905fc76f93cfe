// FollowTheMoney entity streams (OpenSanctions, OCCRP Aleph): one JSON object per line
// with id, schema and properties (lists of strings). Node schemata become entities, edge
// schemata (Ownership, Payment, ...) relations with their dates and amounts, and
// entity-reference properties (addressEntity, parent, holder, entity ...) relations from
// the entity holding them. References to ids the stream does not define are warnings.
#pragma once

#include <string_view>

#include "graph/entity_graph.hpp"
#include "io/files/input_file.hpp"
#include "io/formats/import_report.hpp"

namespace powermap::io {

/// Whether `text` looks like an FtM stream: its first line is an object with "schema" and
/// "properties" (and not a powermap/1 map), nested no deeper than `max_depth`, within the
/// first MiB.
[[nodiscard]] bool looks_like_ftm(std::string_view text,
                                  std::uint32_t max_depth = InputLimits{}.max_depth);

/// Reads the stream. A line that is not JSON is an error at its line and column; the
/// other lines are still read. Throws powermap::Error at a line past the line-length,
/// depth or record limit.
void read_ftm(std::string_view file_name, std::string_view text, graph::EntityGraphBuilder& builder,
              ImportReport& report, const ProgressFn& progress = {},
              const InputLimits& limits = {});

} // namespace powermap::io
