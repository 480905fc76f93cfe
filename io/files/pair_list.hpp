// Lists of entity-id pairs, one "FROM TO" per line (the benchmark's shared query list).
#pragma once

#include <string>
#include <vector>

#include "graph/diagnostics.hpp"

namespace powermap::io {

struct IdPair {
    std::string from;
    std::string to;
    SourceLocation origin; ///< file and line of the pair
};

/// Reads `path`: one pair of whitespace-separated ids per line; blank lines and lines
/// starting with '#' are skipped. Throws powermap::Error (file:line:column) on a line
/// that does not hold exactly two ids, or when the file cannot be read.
[[nodiscard]] std::vector<IdPair> read_pair_list(const std::string& path);

} // namespace powermap::io
