// Loads one or more map files (or the built-in sample when none is given) into one
// validated EntityGraph, with every problem positioned by file, line and column.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "graph/algorithms/resolution/decisions.hpp"
#include "graph/analytics_view.hpp"
#include "graph/entity_graph.hpp"
#include "io/files/input_file.hpp"
#include "io/formats/import_report.hpp"

namespace powermap::io {

struct LoadOptions {
    graph::BuildOptions build;
    /// A CSV mapping file (powermap-csv-mapping/1) for .csv inputs; empty reads them as
    /// plain entities/relations/sources tables.
    std::string mapping;
    /// Progress while big inputs are read (bytes done, bytes in all).
    ProgressFn progress;
    /// Folders besides each map's own where source texts (`text_file`) may be read.
    std::vector<std::string> sources_dirs;
    /// Input size, line length, nesting depth and record count allowed per file.
    InputLimits limits;
    /// A decisions file (judgements.jsonl): its "same" clusters are merged as the maps load
    /// (build.force_merge lets two heavily connected entities merge).
    std::string judgements;
    /// An absent decisions file is one without decisions (else an error).
    bool judgements_may_be_absent = false;
};

/// Wall-clock seconds of each stage of one load (for `--stats-load` and `powermap bench`).
struct LoadTimings {
    double read = 0;      ///< reading the files into memory
    double parse = 0;     ///< JSON (or snapshot) to entities and relations
    double build = 0;     ///< checking and indexing them (EntityGraphBuilder::build)
    double positions = 0; ///< turning diagnostics' JSON pointers into lines and columns
};

struct LoadedMap {
    std::unique_ptr<graph::EntityGraph> graph;
    std::vector<Diagnostic> diagnostics; ///< sorted by file, line, column
    std::vector<std::string> inputs;     ///< the files read (empty for the sample)
    std::vector<ImportReport> imports;   ///< one per file read, in input order
    LoadTimings timings;
    /// The analytics view stored in a snapshot (.pmap), to adopt instead of rebuilding it.
    std::optional<graph::ViewArrays> view;
    /// The decisions read from LoadOptions::judgements (empty without one).
    std::vector<graph::Decision> decisions;
    /// What each "same" cluster with two or more members in the maps did.
    std::vector<graph::MergeReport> merges;
};

/// Reads every path (merging them) or, when `paths` is empty, the embedded sample. The
/// format follows the extension (optionally under .gz), as the format registry
/// (io/formats/registry.hpp) says: .json is powermap/1 (or FollowTheMoney when it holds one
/// entity per line), .csv/.tsv/.txt read through options.mapping or as plain tables; .pmap
/// is a snapshot (which must be the only input: it was checked when packed and is loaded as
/// it is). Throws powermap::Error when a file
/// cannot be read or parsed at all; problems in the data are returned as diagnostics.
[[nodiscard]] LoadedMap load_maps(const std::vector<std::string>& paths,
                                  const LoadOptions& options = {});

/// Reads `content`, a powermap/1 map about to be written as `name`, back as 'validate' reads
/// a map file: what `import` checks before it writes, so that it never writes a map that
/// 'validate' rejects. `texts` (text_file -> text, nullopt when it could not be read) stand
/// in for the source files, as where those lie relative to the output is not the map's
/// content. Diagnostics are positioned in `content`. Throws powermap::Error when it does
/// not parse.
[[nodiscard]] LoadedMap
reload_written_map(const std::string& name, const std::string& content,
                   const std::map<std::string, std::optional<std::string>>& texts,
                   const graph::BuildOptions& build = {});

} // namespace powermap::io
