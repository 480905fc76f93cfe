// The native map format, powermap/1 JSON: reading (into an EntityGraphBuilder, collecting
// every problem) and writing (deterministic: sorted, fixed key order, same bytes for the
// same map).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/entity_graph.hpp"
#include "io/files/input_file.hpp"
#include "io/files/source_text.hpp"

namespace powermap::io {

/// Reads a powermap/1 document (a leading byte order mark is skipped). Problems in the data
/// become diagnostics whose location holds `file_name` and a JSON pointer (resolve them
/// with resolve_json_positions), or a line and column (a key repeated in an object).
/// Throws powermap::Error with line and column when the text is not JSON at all, or
/// goes past the depth or record limit.
void read_json_map(std::string_view file_name, std::string_view text,
                   const TextResolver& resolve_text, graph::EntityGraphBuilder& builder,
                   const InputLimits& limits = {});

/// The same, streaming the file at `path` through a small buffer instead of holding its
/// text: what a map of many gigabytes needs (so the input-size limit does not apply). The
/// file is read again, through a small buffer, only to place an error.
void read_json_map_file(const std::string& path, const TextResolver& resolve_text,
                        graph::EntityGraphBuilder& builder, const InputLimits& limits = {});

/// Fills line and column of every diagnostic about `file_name` from its JSON pointer, by
/// one SAX pass over `text`. A pointer to a missing member resolves to its parent.
void resolve_json_positions(std::string_view file_name, std::string_view text,
                            std::vector<Diagnostic>& diagnostics);

/// The map as powermap/1 JSON, pretty-printed with two spaces, ending in a newline.
/// `sources` says how to write each source's `text_file` (and whether to embed its `text`).
[[nodiscard]] std::string write_json_map(const graph::EntityGraph& graph,
                                         const SourceOutput& sources = {});

} // namespace powermap::io
