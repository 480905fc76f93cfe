// Printing tabular results: aligned text for people (widths in characters, so Arabic
// lines up), or CSV for spreadsheets.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace powermap::query {

class Table {
public:
    explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
    void add_row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
    [[nodiscard]] bool empty() const { return rows_.empty(); }
    [[nodiscard]] std::size_t size() const { return rows_.size(); }
    /// Columns separated by two spaces, headers underlined.
    void print_text(std::ostream& out) const;
    /// RFC 4180 (io::csv_row): cells with commas, quotes or line breaks are quoted, and a
    /// cell a spreadsheet would run as a formula gets a leading apostrophe.
    void print_csv(std::ostream& out) const;

private:
    std::vector<std::string> headers_;
    std::vector<std::vector<std::string>> rows_;
};

/// Characters a terminal shows for `text` (combining marks take no room).
[[nodiscard]] std::size_t display_width(std::string_view text);

} // namespace powermap::query
