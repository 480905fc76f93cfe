// Usage errors in the project's own words: every CLI11 parse error rewritten as a sentence
// that starts in lower case and keeps option and argument names as they are spelled
// ("TO", "--top"), with a did-you-mean for an unknown command or option; and the range
// checks every numeric option uses, so that each refusal names the option and its range.
#pragma once

#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

namespace powermap::cli {

struct UsageMessage {
    std::string message; ///< "unknown command 'pth'"
    std::string hint;    ///< "did you mean 'path'?"
};

/// The message for a CLI11 parse error raised while parsing `app` (which still holds what
/// it parsed: the subcommand chosen, the arguments left over).
[[nodiscard]] UsageMessage describe_usage_error(const CLI::ParseError& error, const CLI::App& app);

/// CLI11's own text with its first letter lower-cased only when it begins with an ordinary
/// capitalised word ("The following…" -> "the following…"); a leading name such as "TO"
/// or "--top" is left as it is.
[[nodiscard]] std::string sentence_case(std::string text);

/// A check that the value is a whole number from `min` to `max`: otherwise "must be a
/// whole number from MIN to MAX, not 'VALUE'" (CLI11 puts the option's name in front).
[[nodiscard]] CLI::Validator whole_number(std::uint64_t min, std::uint64_t max);
/// The same for a real number (finite; decimal or exponent notation).
[[nodiscard]] CLI::Validator real_number(double min, double max);

/// Largest count an option can ask for: entities and ties are numbered with 32 bits.
inline constexpr std::uint64_t max_count = 4294967295u;
/// Most threads an option may ask for (0 means one per core).
inline constexpr std::uint64_t max_threads = 1024;

} // namespace powermap::cli
