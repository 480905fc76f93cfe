#include "io/formats/csv_reader.hpp"

#include <array>

#include <fmt/format.h>

namespace powermap::io {

namespace {

std::uint32_t code_points(std::string_view text) {
    std::uint32_t count = 0;
    for (char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++count;
        }
    }
    return count;
}

bool is_blank(std::string_view line) {
    for (char c : line) {
        if (c != ' ' && c != '\t' && c != '\r') {
            return false;
        }
    }
    return true;
}

} // namespace

char sniff_delimiter(std::string_view first_line) {
    std::array<std::size_t, 3> counts{};
    constexpr std::array<char, 3> candidates{',', ';', '\t'};
    bool quoted = false;
    for (char c : first_line) {
        if (c == '"') {
            quoted = !quoted;
            continue;
        }
        if (quoted) {
            continue;
        }
        for (std::size_t idx = 0; idx < candidates.size(); ++idx) {
            if (c == candidates[idx]) {
                ++counts[idx];
            }
        }
    }
    std::size_t best = 0;
    for (std::size_t idx = 1; idx < candidates.size(); ++idx) {
        if (counts[idx] > counts[best]) {
            best = idx;
        }
    }
    return candidates[best];
}

CsvTable read_csv(std::string_view file_name, std::string_view text, const CsvOptions& options) {
    CsvTable table;
    const std::string file(file_name);
    check_line_lengths(file, text, options.limits);
    std::size_t pos = 0;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        table.had_bom = true;
        pos = 3;
    }
    std::uint32_t line = 1;
    std::size_t line_start = pos; // offset where the current line starts
    // Skip leading blank lines before sniffing.
    auto skip_blank_lines = [&] {
        while (pos < text.size()) {
            std::size_t end = text.find('\n', pos);
            if (end == std::string_view::npos) {
                end = text.size();
            }
            if (!is_blank(text.substr(pos, end - pos))) {
                return;
            }
            ++table.blank_lines;
            pos = end == text.size() ? end : end + 1;
            ++line;
            line_start = pos;
        }
    };
    skip_blank_lines();
    if (options.delimiter) {
        table.delimiter = *options.delimiter;
    } else {
        std::size_t end = text.find('\n', pos);
        table.delimiter = sniff_delimiter(
            text.substr(pos, end == std::string_view::npos ? text.size() - pos : end - pos));
    }
    const char delimiter = table.delimiter;
    // Columns are asked for left to right, so count code points on from the last answer.
    std::size_t counted_from = line_start;
    std::uint32_t counted = 0;
    auto column_at = [&](std::size_t offset) {
        if (counted_from < line_start || offset < counted_from) {
            counted_from = line_start;
            counted = 0;
        }
        counted += code_points(text.substr(counted_from, offset - counted_from));
        counted_from = offset;
        return counted + 1;
    };

    bool have_header = !options.header;
    while (pos < text.size()) {
        skip_blank_lines();
        if (pos >= text.size()) {
            break;
        }
        CsvRecord record;
        record.line = line;
        const std::size_t record_start = pos;
        std::size_t record_end = pos;
        bool done = false;
        bool broken = false;
        while (!done) {
            std::string field;
            record.columns.push_back(column_at(pos));
            if (pos < text.size() && text[pos] == '"') {
                const std::uint32_t open_line = line;
                const std::uint32_t open_column = column_at(pos);
                ++pos;
                bool closed = false;
                while (pos < text.size()) {
                    char c = text[pos];
                    if (c == '"') {
                        if (pos + 1 < text.size() && text[pos + 1] == '"') {
                            field += '"';
                            pos += 2;
                            continue;
                        }
                        ++pos;
                        closed = true;
                        break;
                    }
                    if (c == '\n') {
                        ++line;
                        line_start = pos + 1;
                    }
                    field += c;
                    ++pos;
                }
                if (!closed) {
                    table.diagnostics.push_back(
                        {Severity::Error,
                         {file, open_line, open_column, {}},
                         "quoted field is never closed",
                         "a field that starts with '\"' must end with '\"'; write a quote "
                         "inside a field as '\"\"'",
                         std::nullopt});
                    broken = true;
                    record_end = text.size();
                    break;
                }
                // Text between the closing quote and the delimiter: keep it, but say so.
                if (pos < text.size() && text[pos] != delimiter && text[pos] != '\n' &&
                    text[pos] != '\r') {
                    table.diagnostics.push_back(
                        {Severity::Warning,
                         {file, line, column_at(pos), {}},
                         "text after a closing quote",
                         "quote the whole field, and double any quote inside it",
                         std::nullopt});
                    while (pos < text.size() && text[pos] != delimiter && text[pos] != '\n' &&
                           text[pos] != '\r') {
                        field += text[pos++];
                    }
                }
            } else {
                while (pos < text.size() && text[pos] != delimiter && text[pos] != '\n' &&
                       !(text[pos] == '\r' && (pos + 1 == text.size() || text[pos + 1] == '\n'))) {
                    field += text[pos++];
                }
            }
            record.fields.push_back(std::move(field));
            if (pos < text.size() && text[pos] == delimiter) {
                ++pos;
                continue;
            }
            record_end = pos;
            if (pos < text.size() && text[pos] == '\r') {
                ++pos;
            }
            if (pos < text.size() && text[pos] == '\n') {
                ++pos;
                ++line;
                line_start = pos;
            }
            done = true;
        }
        record.raw = text.substr(record_start, record_end - record_start);
        if (broken) {
            break;
        }
        if (!have_header) {
            table.header = std::move(record.fields);
            have_header = true;
            continue;
        }
        if (options.header && record.fields.size() != table.header.size()) {
            const bool extra = record.fields.size() > table.header.size();
            const std::uint32_t column =
                extra ? record.columns[table.header.size()]
                      : code_points(text.substr(record_start, record_end - record_start)) + 1;
            table.diagnostics.push_back(
                {Severity::Warning,
                 {file, record.line, column, {}},
                 fmt::format("row has {} field{} but the header has {}", record.fields.size(),
                             record.fields.size() == 1 ? "" : "s", table.header.size()),
                 extra ? "an unquoted delimiter inside a value? quote that value"
                       : "missing values count as empty",
                 std::nullopt});
        }
        if (table.records.size() >= options.limits.max_records) {
            throw_too_many_records(file, record.line, 1, options.limits);
        }
        table.records.push_back(std::move(record));
    }
    return table;
}

} // namespace powermap::io
