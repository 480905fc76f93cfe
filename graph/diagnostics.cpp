#include "graph/diagnostics.hpp"

#include <algorithm>
#include <cctype>
#include <numeric>

#include <fmt/format.h>

namespace powermap {

std::string_view severity_name(Severity severity) {
    switch (severity) {
    case Severity::Error:
        return "error";
    case Severity::Warning:
        return "warning";
    case Severity::Note:
        return "note";
    }
    return "error";
}

std::string format_location(const SourceLocation& where) {
    std::string out = where.file;
    if (where.line > 0) {
        out += fmt::format(":{}:{}", where.line, where.column);
    }
    return out;
}

std::string format_diagnostic(const Diagnostic& diagnostic) {
    std::string out;
    if (!diagnostic.location.file.empty()) {
        out += format_location(diagnostic.location);
        out += ": ";
    }
    out += fmt::format("{}: {}", severity_name(diagnostic.severity), diagnostic.message);
    if (!diagnostic.hint.empty()) {
        out += " \u2014 ";
        out += diagnostic.hint;
        if (diagnostic.related && !diagnostic.related->file.empty()) {
            out += " ";
            out += format_location(*diagnostic.related);
        }
    }
    return out;
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
    return count_severity(diagnostics, Severity::Error) > 0;
}

std::size_t count_severity(const std::vector<Diagnostic>& diagnostics, Severity severity) {
    return static_cast<std::size_t>(
        std::count_if(diagnostics.begin(), diagnostics.end(),
                      [severity](const Diagnostic& d) { return d.severity == severity; }));
}

Error::Error(Diagnostic diagnostic, ExitCode code)
    : std::runtime_error(format_diagnostic(diagnostic)), diagnostic_(std::move(diagnostic)),
      code_(code) {}

Error::Error(std::string message, std::string hint, ExitCode code)
    : Error(Diagnostic{Severity::Error, {}, std::move(message), std::move(hint)}, code) {}

void assertion_failed(const char* condition, const char* file, int line) {
    throw InternalError(
        fmt::format("internal error: assertion '{}' failed at {}:{}", condition, file, line));
}

std::size_t edit_distance(std::string_view left, std::string_view right) {
    // Optimal string alignment: insertions, deletions, substitutions and transpositions of
    // adjacent characters each cost 1 ("hosst" is one slip away from "hosts").
    const std::size_t width = right.size() + 1;
    std::vector<std::size_t> before(width), previous(width), current(width);
    std::iota(previous.begin(), previous.end(), std::size_t{0});
    for (std::size_t left_idx = 1; left_idx <= left.size(); ++left_idx) {
        current[0] = left_idx;
        for (std::size_t right_idx = 1; right_idx <= right.size(); ++right_idx) {
            const std::size_t cost = left[left_idx - 1] == right[right_idx - 1] ? 0 : 1;
            current[right_idx] = std::min({previous[right_idx] + 1, current[right_idx - 1] + 1,
                                           previous[right_idx - 1] + cost});
            if (left_idx > 1 && right_idx > 1 && left[left_idx - 1] == right[right_idx - 2] &&
                left[left_idx - 2] == right[right_idx - 1]) {
                current[right_idx] = std::min(current[right_idx], before[right_idx - 2] + 1);
            }
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[right.size()];
}

namespace {
std::string lower_ascii(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}
} // namespace

std::vector<std::string> nearest_candidates(std::string_view wanted,
                                            const std::vector<std::string>& pool,
                                            std::size_t limit) {
    const std::string needle = lower_ascii(wanted);
    std::vector<std::pair<std::size_t, std::string>> scored;
    for (const auto& candidate : pool) {
        const std::string folded = lower_ascii(candidate);
        const std::size_t distance = edit_distance(needle, folded);
        const std::size_t longest = std::max(needle.size(), folded.size());
        // Plausible typos only: at most a third of the longer string differs, and never
        // more than 4 edits; a prefix of a candidate also counts ("palan" -> "palantir").
        const bool prefix = needle.size() >= 3 && folded.rfind(needle, 0) == 0;
        if (prefix || (distance > 0 && distance * 3 <= longest && distance <= 4) ||
            (distance == 0 && candidate != wanted)) {
            scored.emplace_back(prefix ? std::min<std::size_t>(distance, 1) : distance, candidate);
        }
    }
    std::sort(scored.begin(), scored.end());
    scored.erase(std::unique(scored.begin(), scored.end()), scored.end());
    std::vector<std::string> out;
    for (auto& [distance, candidate] : scored) {
        if (out.size() == limit) {
            break;
        }
        out.push_back(std::move(candidate));
    }
    return out;
}

std::string did_you_mean(std::string_view wanted, const std::vector<std::string>& pool) {
    const auto candidates = nearest_candidates(wanted, pool);
    if (candidates.empty()) {
        return {};
    }
    std::string out = "did you mean ";
    for (std::size_t idx = 0; idx < candidates.size(); ++idx) {
        if (idx > 0) {
            out += idx + 1 == candidates.size() ? " or " : ", ";
        }
        out += fmt::format("'{}'", candidates[idx]);
    }
    out += "?";
    return out;
}

} // namespace powermap
