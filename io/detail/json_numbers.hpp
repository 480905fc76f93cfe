// JSON numbers converted exactly. With kParseNumbersAsStringsFlag RapidJSON hands a SAX
// handler each number's text (RawNumber); send_number turns it into the event RapidJSON
// itself would send (Uint, Int, Uint64, Int64 or Double), the value converted by
// std::from_chars, which rounds correctly. RapidJSON 1.1's own full-precision conversion
// does not: a zero significand with an exponent beyond the fast path reads as garbage
// (0.0e100 as 6.5e296, 0. and 24 zeros as -2.2e-193, 0.184467440737095516159 as
// -4.9e-237; Tencent/rapidjson#1249, #1441, #2326, fixed after the 1.1.0 Debian 12 ships).
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>

namespace powermap::io::detail {

/// Sends the number `text` (JSON number syntax, or NaN / Infinity / -Infinity as
/// kParseNanAndInfFlag accepts them) to `handler`; returns what the handler returns.
template <typename Handler>
bool send_number(Handler& handler, std::string_view text) {
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    const bool minus = !text.empty() && text.front() == '-';
    if (text.find_first_of(".eEIN") == std::string_view::npos) {
        // An integer, typed as RapidJSON types it; past 64 bits it is a double, as there.
        if (minus) {
            std::int64_t value = 0;
            if (const auto [ptr, ec] = std::from_chars(begin, end, value);
                ec == std::errc{} && ptr == end) {
                return value >= std::numeric_limits<std::int32_t>::min()
                           ? handler.Int(static_cast<int>(value))
                           : handler.Int64(value);
            }
        } else {
            std::uint64_t value = 0;
            if (const auto [ptr, ec] = std::from_chars(begin, end, value);
                ec == std::errc{} && ptr == end) {
                return value <= std::numeric_limits<std::uint32_t>::max()
                           ? handler.Uint(static_cast<unsigned>(value))
                           : handler.Uint64(value);
            }
        }
    }
    double value = 0;
    const auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ec == std::errc::result_out_of_range) {
        // Beyond a double either way (RapidJSON refuses most overflows before this):
        // strtod tells infinity from zero.
        value = std::strtod(std::string(text).c_str(), nullptr);
    }
    return handler.Double(value);
}

} // namespace powermap::io::detail
