// Loads one or more map files (or the built-in sample when none is given) into one
// validated EntityGraph, with every problem positioned by file, line and column.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "graph/entity_graph.hpp"

namespace powermap::io {

struct LoadOptions {
    graph::BuildOptions build;
};

struct LoadedMap {
    std::unique_ptr<graph::EntityGraph> graph;
    std::vector<Diagnostic> diagnostics; ///< sorted by file, line, column
    std::vector<std::string> inputs;     ///< the files read (empty for the sample)
};

/// Reads every path (merging them) or, when `paths` is empty, the embedded sample. The
/// format follows the extension: .json is powermap/1. Throws powermap::Error when a file
/// cannot be read or parsed at all; problems in the data are returned as diagnostics.
[[nodiscard]] LoadedMap load_maps(const std::vector<std::string>& paths,
                                  const LoadOptions& options = {});

} // namespace powermap::io
