// What an importer did beyond the map itself: records read, duplicates merged, rows
// skipped and why, references that point nowhere. `powermap import` prints it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "graph/diagnostics.hpp"

namespace powermap::io {

struct ImportReport {
    std::string file;
    std::string format;       ///< "csv", "graphml", "ftm", "json"
    std::size_t records = 0;  ///< rows, XML elements or JSON lines read
    bool mapped_rows = false; ///< read as rows through a mapping (a JSON array of records)
    std::size_t merged = 0;   ///< records folded into an entity or tie seen before
    std::vector<std::string> merged_examples; ///< "'Spelling' into 'id'", a few
    struct Skipped {
        std::size_t count = 0;
        std::vector<std::uint32_t> lines; ///< the first few
    };
    /// Skipped rows by reason.
    std::map<std::string, Skipped> skipped;
    std::size_t skipped_rows = 0;
    std::size_t dangling = 0;  ///< references to ids the file does not define
    std::size_t self_ties = 0; ///< ties from an entity to itself, not created
    /// Amounts read from a relation's amount_fallback_column (its amount_column was empty).
    std::size_t amount_fallbacks = 0;
    std::vector<std::string> notes;
    /// Where a powermap/1 document embedded in the file sits (GraphML's "powermap" header):
    /// problems in it, named by JSON pointer, are reported there.
    std::optional<SourceLocation> embedded_json;

    void skip(const std::string& reason, std::uint32_t line) {
        ++skipped_rows;
        auto& entry = skipped[reason];
        ++entry.count;
        if (entry.lines.size() < 5) {
            entry.lines.push_back(line);
        }
    }
};

/// Called now and then while a big file is read: bytes done, bytes in all.
using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;

} // namespace powermap::io
