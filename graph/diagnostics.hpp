// Problems in a user's data (Diagnostic), the one exception for "cannot continue" (Error),
// and assertions for bugs. Every layer reports through these; only cli/ prints them.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace powermap {

enum class Severity { Error, Warning, Note };

/// Where a problem sits. `line`/`column` are 1-based (columns count code points); 0 means
/// unknown. `path` names the spot inside a structured document (a JSON pointer such as
/// "/relations/3/to") so that io/ can turn it into a line and column when it is needed.
struct SourceLocation {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::string path;
};

struct Diagnostic {
    Severity severity = Severity::Error;
    SourceLocation location;
    std::string message;
    std::string hint;
    /// A second place the hint points at ("first defined at ..."), printed after the hint.
    std::optional<SourceLocation> related;
};

[[nodiscard]] std::string_view severity_name(Severity severity);
/// "file:line:column", or just "file" when the line is unknown.
[[nodiscard]] std::string format_location(const SourceLocation& where);
/// "file:line:column: error: message — hint", the one-line form printed to stderr.
[[nodiscard]] std::string format_diagnostic(const Diagnostic& diagnostic);
[[nodiscard]] bool has_errors(const std::vector<Diagnostic>& diagnostics);
[[nodiscard]] std::size_t count_severity(const std::vector<Diagnostic>& diagnostics,
                                         Severity severity);

/// Exit codes shared by every command.
enum class ExitCode : int { Ok = 0, ProblemsFound = 1, BadInput = 2, Internal = 3 };

/// The one exception for "cannot continue": unreadable input, bad usage. Caught in cli/.
class Error : public std::runtime_error {
public:
    explicit Error(Diagnostic diagnostic, ExitCode code = ExitCode::BadInput);
    Error(std::string message, std::string hint = {}, ExitCode code = ExitCode::BadInput);
    [[nodiscard]] const Diagnostic& diagnostic() const { return diagnostic_; }
    [[nodiscard]] ExitCode code() const { return code_; }

private:
    Diagnostic diagnostic_;
    ExitCode code_;
};

/// Thrown by POWERMAP_ASSERT: a bug, never reachable from user input.
class InternalError : public std::logic_error {
public:
    using std::logic_error::logic_error;
};

[[noreturn]] void assertion_failed(const char* condition, const char* file, int line);

/// Up to `limit` candidates closest to `wanted` by edit distance (case-insensitive), best
/// first, only those similar enough to be a plausible typo.
[[nodiscard]] std::vector<std::string> nearest_candidates(std::string_view wanted,
                                                          const std::vector<std::string>& pool,
                                                          std::size_t limit = 3);
/// "did you mean 'a'?" / "did you mean 'a' or 'b'?", or "" when there is no candidate.
[[nodiscard]] std::string did_you_mean(std::string_view wanted,
                                       const std::vector<std::string>& pool);
/// Levenshtein distance over bytes.
[[nodiscard]] std::size_t edit_distance(std::string_view left, std::string_view right);

} // namespace powermap

#define POWERMAP_ASSERT(condition)                                                                 \
    do {                                                                                           \
        if (!(condition))                                                                          \
            ::powermap::assertion_failed(#condition, __FILE__, __LINE__);                          \
    } while (false)
#define POWERMAP_UNREACHABLE() ::powermap::assertion_failed("unreachable", __FILE__, __LINE__)
