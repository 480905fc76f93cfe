// An answer as data: what a query found, for every output format, with its notes and the
// reason when it is empty. Queries build answers; the front ends print them, through the
// one printer per format below (a server or the Python module takes the parts it needs).
#pragma once

#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "query/table.hpp"

#include "graph/diagnostics.hpp"
#include "io/native/json_output.hpp"

namespace powermap::query {

enum class Format { Text, Json, Csv };

/// Which parts of an answer to build (a front end that prints JSON does not need the text).
struct Parts {
    bool text = true;
    bool json = true;
    bool csv = true;
    [[nodiscard]] static Parts only(Format format) {
        return {format == Format::Text, format == Format::Json, format == Format::Csv};
    }
};

struct Answer {
    std::string text;              ///< for people: what --format text prints
    std::string json;              ///< the JSON document, as --format json prints it
    std::optional<Table> table;    ///< tabular answers: the rows --format csv prints
    std::vector<Diagnostic> notes; ///< notes, warnings and errors met while answering
    /// How the answer was reached, when people should know ("approximate betweenness from
    /// 1261 sampled shortest paths: ..."); JSON carries the same as data.
    std::vector<std::string> about;
    /// Why the answer is empty (no path, nothing to rank): the front end's "not found"
    /// (exit code 1 in the CLI).
    std::optional<std::string> empty;
    /// The notes are what was asked (validate: the map's problems): the JSON document lists
    /// them itself, so they are not repeated on stderr with --format json.
    bool notes_in_json = false;
    /// The answer is "problems found" though no note is an error (validate --strict and a
    /// warning): exit code 1, with nothing more printed.
    bool failed = false;

    void note(std::string message) {
        notes.push_back({Severity::Note, {}, std::move(message), {}, std::nullopt});
    }
    [[nodiscard]] bool has_errors() const;
};

/// Keeps `table` in `answer`: as its CSV table when `csv`, else printed as its text (for
/// answers whose CSV and text tables differ only in how cells are written).
void keep_table(Answer& answer, Table table, bool csv);

/// One diagnostic as a JSON object on one line (severity, file, line, column, message,
/// hint): how every diagnostic is written as JSON.
[[nodiscard]] std::string diagnostic_json(const Diagnostic& diagnostic);
/// The same object written into a document being built (validate's "diagnostics" list).
void diagnostic_json(io::JsonOut& json, const Diagnostic& diagnostic);
/// Prints diagnostics to `err`: JSON lines for Format::Json, otherwise one line each
/// ("file:line:column: error: …", or "powermap: note: …" when unlocated).
void print_diagnostics(std::span<const Diagnostic> diagnostics, Format format, std::ostream& err);

/// Prints `answer` in `format`: the part for that format to `out`; errors to `err`, and
/// with text and CSV also its notes, its `about` lines and its empty reason. Returns the exit code:
/// 1 when the answer is empty, failed or has errors, else 0.
int print_answer(const Answer& answer, Format format, std::ostream& out, std::ostream& err);

} // namespace powermap::query
