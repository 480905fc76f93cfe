#include "graph/model.hpp"

#include <charconv>

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
