// Spreadsheet CSV: entities.csv, relations.csv and sources.csv (RFC 4180, UTF-8, CRLF),
// plus map-header.json for what no table holds (title, description, schema extensions).
// Cells that a spreadsheet would run as a formula (starting with = + - @ tab or CR) get a
// leading apostrophe; `powermap import` removes it again. A cell that is a plain negative
// number ("-12.5") is no formula and is left as it is. The query commands' --format csv
// prints through the same csv_row. Lists (aliases, tags) are joined
// with '|'; names by language are name:<code> columns; props are prop:<key> columns.
#pragma once

#include <string>
#include <vector>

#include "graph/entity_graph.hpp"
#include "io/files/atomic_file.hpp"
#include "io/files/source_text.hpp"

namespace powermap::io {

/// The tables; `sources` says how to write each source's text_file (and whether a `text`
/// column carries the texts).
[[nodiscard]] std::vector<OutputFile> write_csv_tables(const graph::EntityGraph& graph,
                                                       const SourceOutput& sources = {});

/// One CSV row (no line end), every cell quoted when it needs to be and guarded.
[[nodiscard]] std::string csv_row(const std::vector<std::string>& cells, bool guard = true);
/// The spreadsheet guard alone: "=1+1" -> "'=1+1", "-3" -> "-3", "-3+1" -> "'-3+1".
[[nodiscard]] std::string guard_cell(std::string_view cell);

} // namespace powermap::io
