// Every map format powermap reads or writes, one row each: its name (as `export --to` and
// the import report say it), the file extensions it is read from, a reader and a writer
// behind one signature each, and a one-line summary. The loader's dispatch by extension,
// its hint for an unknown one, and the format lists, checks and help texts of `import` and
// `export` all come from this table, so a new format is one reader or writer file and one
// row here (igraph's read_graph_<fmt>/write_graph_<fmt>, networkit's Format -> reader map).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "graph/entity_graph.hpp"
#include "io/diagrams/html_writer.hpp"
#include "io/files/atomic_file.hpp"
#include "io/files/input_file.hpp"
#include "io/files/source_text.hpp"
#include "io/formats/csv_import.hpp"
#include "io/formats/import_report.hpp"

namespace powermap::io {

/// How the loader places a reader's diagnostics (named by JSON pointer or field) once the
/// map is built.
enum class Positions {
    None,     ///< the reader gave every diagnostic its line and column itself
    Json,     ///< powermap/1: resolve_json_positions over the file's text
    PlainCsv, ///< plain tables: resolve_plain_csv_positions over the file's text
};

/// One file being read into a map: what every reader is given, and what it tells the loader.
struct MapInput {
    const std::string& file; ///< its name in diagnostics
    /// Its whole text (gunzipped, byte order mark stripped); empty when `streamed`.
    std::string& text;
    /// A plain powermap/1 file, read from disk as it goes instead of held whole.
    bool streamed = false;
    /// The file can be read again (false for the embedded sample): a reader may free `text`.
    bool rereadable = true;
    const TextResolver& resolve_text;
    /// The --mapping file for CSV (empty: plain tables), loaded by the first CSV read.
    const std::string& mapping_path;
    CsvMappingPtr& mapping;
    const ProgressFn& progress;
    const InputLimits& limits;
    graph::EntityGraphBuilder& builder;
    ImportReport& report;
    /// Set by the reader.
    Positions positions = Positions::None;
};

/// What a writer is given.
struct MapOutput {
    const graph::EntityGraph& graph;
    /// How each source's text_file is written (and whether its text is embedded).
    const SourceOutput& sources;
    /// The drawing, for a format that `draws` (html); null otherwise.
    const HtmlOptions* drawing = nullptr;
};

/// What a writer makes: one file's content, or (for a `file_set` format) several files.
struct WrittenMap {
    std::string content;
    std::vector<OutputFile> files;
};

using ReadFn = void (*)(MapInput& input);
using WriteFn = WrittenMap (*)(const MapOutput& output);
/// Whether a file with this extension (".json"; "" for none) and text is in the format.
using ClaimsFn = bool (*)(std::string_view extension, std::string_view text,
                          std::uint32_t max_depth);

struct MapFormat {
    std::string_view name; ///< "graphml": the --to value and ImportReport::format
    /// The extensions it is read from, as help and hints show them.
    std::vector<std::string_view> extensions;
    /// What it is and for whom, one line ("Gephi, yEd, Cytoscape, igraph").
    std::string_view summary;
    /// How `import` reads it, after its extensions in the help ("" when nothing to add).
    std::string_view import_note;
    /// Decides ownership when extensions alone do not (.json is powermap/1 or
    /// FollowTheMoney); null: the extension decides.
    ClaimsFn claims = nullptr;
    ReadFn read = nullptr;   ///< null: powermap does not read it
    WriteFn write = nullptr; ///< null: powermap does not write it
    /// Written as several files (-o is a directory or a file-name prefix).
    bool file_set = false;
    /// Keeps the sources list, and so text_file and --embed-sources.
    bool carries_sources = false;
    /// A drawing of the map: takes the diagram options (--path, --underpin).
    bool draws = false;
    /// Read record by record (rows, elements, lines), which `import` counts; false for a
    /// whole document (powermap/1, DOT).
    bool counts_records = false;
    /// Read as rows of a table: `import` reports how many rows it skipped.
    bool rows = false;
};

/// Every format, in the order help lists them; the first that claims a file reads it.
[[nodiscard]] const std::vector<MapFormat>& map_formats();

/// The format called `name`; throws powermap::Error when there is none.
[[nodiscard]] const MapFormat& map_format(std::string_view name);

/// The extension that decides how `path` is read: ".csv" for "x.csv" and "x.csv.gz".
[[nodiscard]] std::string map_extension(std::string_view path);

/// The format that reads the file `path` (a ".gz" ending is looked through) with `text`,
/// or null.
[[nodiscard]] const MapFormat* format_for_file(std::string_view path, std::string_view text,
                                               std::uint32_t max_depth);

/// "Formats by extension" for `import --help`: each readable format's extensions and note.
[[nodiscard]] std::string readable_formats_help();

/// The names of the formats powermap writes, in help order (for `export --to`).
[[nodiscard]] std::vector<std::string> writable_format_names();

/// `names` as a sentence: "a", "a and b", "a, b and c" (`last` instead of " and ").
[[nodiscard]] std::string join_names(const std::vector<std::string>& names,
                                     std::string_view last = " and ");

/// The names of the formats for which `wanted` holds, in help order.
[[nodiscard]] std::vector<std::string> format_names(bool (*wanted)(const MapFormat&));

/// "powermap reads .json, .graphml/.xml, ... (.gz too)": the hint for an unknown extension.
[[nodiscard]] std::string readable_formats_hint();

} // namespace powermap::io
