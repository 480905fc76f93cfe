// RFC 4180 CSV: quoted fields with "" escapes and embedded newlines, a UTF-8 BOM, `,` `;`
// or tab delimiters (given or sniffed from the header), blank lines skipped, CRLF or LF.
// Ragged rows and broken quoting become diagnostics with line and column, never a crash.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/diagnostics.hpp"
#include "io/files/input_file.hpp"

namespace powermap::io {

struct CsvOptions {
    /// The delimiter; nullopt sniffs it from the first non-blank line (`,` `;` or tab).
    std::optional<char> delimiter;
    /// Whether the first non-blank record is a header row.
    bool header = true;
    /// Line length and record count allowed (a longer line or one record too many throws
    /// powermap::Error).
    InputLimits limits;
};

struct CsvRecord {
    std::vector<std::string> fields;
    std::vector<std::uint32_t> columns; ///< 1-based column (code points) where each field starts
    std::uint32_t line = 0;             ///< 1-based line where the record starts
    std::string_view raw;               ///< the record's text as in the file, without its line end
};

struct CsvTable {
    char delimiter = ',';
    bool had_bom = false;
    std::vector<std::string> header;
    std::vector<CsvRecord> records;
    std::size_t blank_lines = 0;
    std::vector<Diagnostic> diagnostics;
};

/// Parses `text` (kept alive by the caller: records point into it). Rows with more or
/// fewer fields than the header are kept, and reported as warnings naming line and column.
/// An unterminated quote is an error at the opening quote; the rest of the file is lost.
[[nodiscard]] CsvTable read_csv(std::string_view file_name, std::string_view text,
                                const CsvOptions& options = {});

/// The delimiter a header line most likely uses: the most frequent of `,` `;` tab outside
/// quotes; `,` on a tie or when none occurs.
[[nodiscard]] char sniff_delimiter(std::string_view first_line);

} // namespace powermap::io
