#include "graph/model.hpp"

#include <algorithm>
#include <charconv>
#include <string>

namespace powermap::graph {

namespace {
bool parse_fixed(std::string_view text, std::size_t pos, std::size_t len, int& out) {
    if (pos + len > text.size()) {
        return false;
    }
    for (std::size_t idx = pos; idx < pos + len; ++idx) {
        if (text[idx] < '0' || text[idx] > '9') {
            return false;
        }
    }
    auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, out);
    return ec == std::errc{} && ptr == text.data() + pos + len;
}

bool is_leap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}
} // namespace

Origin::Origin(const SourceLocation& where)
    : file(where.file), line(where.line), column(where.column) {
    // "/relations/3" is kept as the shared "/relations" and the number 3.
    const std::size_t slash = where.path.rfind('/');
    if (slash != std::string::npos && slash + 1 < where.path.size() &&
        where.path.size() - slash - 1 <= 9 && where.path[slash + 1] != '0' &&
        std::all_of(where.path.begin() + static_cast<std::ptrdiff_t>(slash) + 1, where.path.end(),
                    [](char c) { return c >= '0' && c <= '9'; })) {
        array = Text(std::string_view(where.path).substr(0, slash));
        index = static_cast<std::uint32_t>(std::stoul(where.path.substr(slash + 1)));
    } else if (where.path.size() == slash + 2 && where.path[slash + 1] == '0') {
        array = Text(std::string_view(where.path).substr(0, slash));
        index = 0;
    } else {
        array = Text(where.path);
    }
}

SourceLocation Origin::location() const {
    SourceLocation where{file.str(), line, column, array.str()};
    if (index != no_index) {
        where.path += '/';
        where.path += std::to_string(index);
    }
    return where;
}

std::optional<PartialDate> parse_partial_date(std::string_view text) {
    PartialDate date;
    if (text.size() != 4 && text.size() != 7 && text.size() != 10) {
        return std::nullopt;
    }
    if (!parse_fixed(text, 0, 4, date.year)) {
        return std::nullopt;
    }
    if (text.size() >= 7) {
        if (text[4] != '-' || !parse_fixed(text, 5, 2, date.month) || date.month < 1 ||
            date.month > 12) {
            return std::nullopt;
        }
    }
    if (text.size() == 10) {
        static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        if (text[7] != '-' || !parse_fixed(text, 8, 2, date.day) || date.day < 1) {
            return std::nullopt;
        }
        int limit = days[date.month - 1];
        if (date.month == 2 && is_leap(date.year)) {
            limit = 29;
        }
        if (date.day > limit) {
            return std::nullopt;
        }
    }
    return date;
}

} // namespace powermap::graph
