// The decisions file (judgements.jsonl): one JSON object per line, one decision per line,
// kept by the user in git beside the maps and only ever appended to (a later line on the
// same pair replaces an earlier one). A line:
//   {"a":"deloitte","b":"deloitte-consulting-llp","judgement":"same","score":0.93,
//    "who":"rana","when":"2026-12-01T19:40:00Z","note":"same UEI and address"}
// "a", "b" and "judgement" (same / different / unsure) are required; the rest optional.
#pragma once

#include <string>
#include <vector>

#include "graph/algorithms/resolution/decisions.hpp"
#include "graph/diagnostics.hpp"

namespace powermap::io {

struct JudgementsFile {
    std::vector<graph::Decision> decisions; ///< the lines that read, in file order
    std::vector<Diagnostic> diagnostics;    ///< problems, each at file:line:column
};

/// Reads a decisions file (an absent file is an empty one only when `missing_ok`). Lines
/// that are empty or start with '#' are skipped. Throws powermap::Error when the file
/// cannot be read; problems in its lines are diagnostics (the line is then left out).
[[nodiscard]] JudgementsFile read_judgements(const std::string& path, bool missing_ok = false);

/// One decision as a line of the file (no newline), its keys always in the same order.
[[nodiscard]] std::string judgement_line(const graph::Decision& decision);

/// Adds `decisions` to the end of the file at `path` (created when absent), atomically:
/// the file holds its old lines or its old lines and all the new ones.
void append_judgements(const std::string& path, const std::vector<graph::Decision>& decisions);

/// The current time as the decisions file writes it (UTC, ISO 8601 to the second).
[[nodiscard]] std::string judgement_time_now();

} // namespace powermap::io
