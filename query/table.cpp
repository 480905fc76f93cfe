#include "query/table.hpp"

#include <algorithm>
#include <ostream>

#include "io/formats/csv_writer.hpp"

namespace powermap::query {

namespace {
char32_t decode(std::string_view text, std::size_t& pos) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
    auto code = static_cast<char32_t>(extra == 0 ? lead : (lead & (0x3F >> extra)));
    ++pos;
    while (extra-- > 0 && pos < text.size()) {
        code = (code << 6) | (static_cast<unsigned char>(text[pos]) & 0x3F);
        ++pos;
    }
    return code;
}

bool zero_width(char32_t code) {
    return (code >= 0x0300 && code <= 0x036F) || (code >= 0x064B && code <= 0x065F) ||
           code == 0x0670 || (code >= 0x200B && code <= 0x200F) ||
           (code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069);
}
} // namespace

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        if (!zero_width(decode(text, pos))) {
            ++width;
        }
    }
    return width;
}

void Table::print_text(std::ostream& out) const {
    std::vector<std::size_t> widths(headers_.size(), 0);
    for (std::size_t col = 0; col < headers_.size(); ++col) {
        widths[col] = display_width(headers_[col]);
    }
    for (const auto& row : rows_) {
        for (std::size_t col = 0; col < row.size() && col < widths.size(); ++col) {
            widths[col] = std::max(widths[col], display_width(row[col]));
        }
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string text;
        for (std::size_t col = 0; col < widths.size(); ++col) {
            const std::string cell = col < cells.size() ? cells[col] : "";
            text += cell;
            if (col + 1 < widths.size()) {
                text.append(widths[col] - display_width(cell) + 2, ' ');
            }
        }
        while (!text.empty() && text.back() == ' ') {
            text.pop_back();
        }
        out << text << '\n';
    };
    line(headers_);
    std::vector<std::string> rules;
    for (auto width : widths) {
        rules.emplace_back(width, '-');
    }
    line(rules);
    for (const auto& row : rows_) {
        line(row);
    }
}

void Table::print_csv(std::ostream& out) const {
    // The one CSV writer, with the spreadsheet formula guard that export uses.
    out << io::csv_row(headers_, false) << "\r\n";
    for (const auto& row : rows_) {
        out << io::csv_row(row) << "\r\n";
    }
}

} // namespace powermap::query
