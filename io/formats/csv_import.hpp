// CSV into a map. Two ways: with a mapping (a small JSON file naming which columns make
// which entities and ties, see samples/*.mapping.json), or, without one, the plain
// entities.csv / relations.csv / sources.csv that `powermap export --to csv` writes and
// people fill in a spreadsheet.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/entity_graph.hpp"
#include "io/formats/import_report.hpp"
#include "io/native/json_map.hpp"

namespace powermap::io {

/// A parsed mapping file. Opaque outside io/.
struct CsvMapping;
struct CsvMappingDeleter {
    void operator()(CsvMapping* mapping) const;
};
using CsvMappingPtr = std::unique_ptr<CsvMapping, CsvMappingDeleter>;

/// Reads and checks a mapping file. Throws powermap::Error with line and column.
[[nodiscard]] CsvMappingPtr load_csv_mapping(const std::string& path,
                                             const InputLimits& limits = {});

/// Imports `text` (the CSV file `file_name`) through `mapping`.
void read_csv_with_mapping(std::string_view file_name, std::string_view text,
                           const CsvMapping& mapping, graph::EntityGraphBuilder& builder,
                           ImportReport& report, const ProgressFn& progress = {},
                           const InputLimits& limits = {});

/// Imports a JSON array of records (objects, such as LittleSis' swamped.json) through
/// `mapping`, each object a row whose keys are the columns.
void read_json_records_with_mapping(std::string_view file_name, std::string_view text,
                                    const CsvMapping& mapping, graph::EntityGraphBuilder& builder,
                                    ImportReport& report, const ProgressFn& progress = {},
                                    const InputLimits& limits = {});

/// Whether `text`'s first non-blank character opens a JSON array.
[[nodiscard]] bool is_json_array(std::string_view text);

/// Fills line and column of the diagnostics about the mapping file itself (the checks of
/// its "source" and "schema"), from their JSON pointers.
void resolve_mapping_positions(const CsvMapping& mapping, std::vector<Diagnostic>& diagnostics);

/// Which plain table a header row is: "entities", "relations", "sources", or nullopt.
[[nodiscard]] std::optional<std::string> plain_csv_kind(const std::vector<std::string>& header);

/// Imports a plain entities/relations/sources CSV (kind from its header). Throws
/// powermap::Error when the header is none of them (a mapping is needed).
void read_plain_csv(std::string_view file_name, std::string_view text,
                    const TextResolver& resolve_text, graph::EntityGraphBuilder& builder,
                    ImportReport& report, const InputLimits& limits = {});

/// Moves each diagnostic about one field of a plain CSV row (the builder names it by a
/// pointer such as "/date", "/to" or "/sources/0/quote" after the row's position) to that
/// field's own cell, given the file's text as read.
void resolve_plain_csv_positions(std::string_view file_name, std::string_view text,
                                 std::vector<Diagnostic>& diagnostics);

/// Undoes csv_writer's spreadsheet guard: "'=x" -> "=x" (only before = + - @ tab CR or
/// another such guarded quote).
[[nodiscard]] std::string unguard_cell(std::string_view cell);

} // namespace powermap::io
