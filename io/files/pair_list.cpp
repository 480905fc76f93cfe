#include "io/files/pair_list.hpp"

#include <fmt/format.h>

#include "io/files/input_file.hpp"

namespace powermap::io {

std::vector<IdPair> read_pair_list(const std::string& path) {
    const std::string text = read_file(path);
    std::vector<IdPair> pairs;
    std::uint32_t line_number = 0;
    std::size_t line_start = 0;
    while (line_start < text.size()) {
        std::size_t line_end = text.find('\n', line_start);
        if (line_end == std::string::npos) {
            line_end = text.size();
        }
        ++line_number;
        const std::string_view line(text.data() + line_start, line_end - line_start);
        std::vector<std::pair<std::size_t, std::string_view>> words; // column, word
        for (std::size_t pos = 0; pos < line.size();) {
            if (line[pos] == ' ' || line[pos] == '\t' || line[pos] == '\r') {
                ++pos;
                continue;
            }
            std::size_t end = pos;
            while (end < line.size() && line[end] != ' ' && line[end] != '\t' &&
                   line[end] != '\r') {
                ++end;
            }
            words.emplace_back(pos, line.substr(pos, end - pos));
            pos = end;
        }
        line_start = line_end + 1;
        if (words.empty() || words.front().second.front() == '#') {
            continue;
        }
        if (words.size() != 2) {
            const auto column = static_cast<std::uint32_t>(
                (words.size() > 2 ? words[2].first : words[0].first) + 1);
            throw Error(Diagnostic{
                Severity::Error,
                {path, line_number, column, {}},
                fmt::format("expected two entity ids on this line, found {}", words.size()),
                "write one pair per line: FROM_ID TO_ID",
                std::nullopt});
        }
        pairs.push_back({std::string(words[0].second),
                         std::string(words[1].second),
                         {path, line_number, static_cast<std::uint32_t>(words[0].first + 1), {}}});
    }
    return pairs;
}

} // namespace powermap::io
