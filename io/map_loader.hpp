// Loads one or more map files (or the built-in sample when none is given) into one
// validated EntityGraph, with every problem positioned by file, line and column.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "graph/entity_graph.hpp"
#include "io/import_report.hpp"

namespace powermap::io {

struct LoadOptions {
    graph::BuildOptions build;
    /// A CSV mapping file (powermap-csv-mapping/1) for .csv inputs; empty reads them as
    /// plain entities/relations/sources tables.
    std::string mapping;
    /// Progress while big inputs are read (bytes done, bytes in all).
    ProgressFn progress;
};

struct LoadedMap {
    std::unique_ptr<graph::EntityGraph> graph;
    std::vector<Diagnostic> diagnostics; ///< sorted by file, line, column
    std::vector<std::string> inputs;     ///< the files read (empty for the sample)
    std::vector<ImportReport> imports;   ///< one per file read, in input order
};

/// Reads every path (merging them) or, when `paths` is empty, the embedded sample. The
/// format follows the extension: .json is powermap/1 (or FollowTheMoney when it holds one
/// entity per line); .graphml/.xml GraphML; .ftm/.ijson/.jsonl FollowTheMoney; .csv/.tsv
/// (optionally .gz) CSV, through options.mapping or as plain tables. Throws powermap::Error when a file
/// cannot be read or parsed at all; problems in the data are returned as diagnostics.
[[nodiscard]] LoadedMap load_maps(const std::vector<std::string>& paths,
                                  const LoadOptions& options = {});

} // namespace powermap::io
