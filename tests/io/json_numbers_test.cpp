// JSON numbers as every reader gets them (io/detail/json_reading.hpp converts each number's
// text with std::from_chars). Cross-checked against glibc's strtod, which rounds correctly,
// on the numbers RapidJSON 1.1 reads wrong and the usual hard cases of decimal conversion.
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "io/detail/json_reading.hpp"

using powermap::io::detail::parse_small_json;

namespace {

rapidjson::Document parsed(const std::string& text) {
    rapidjson::Document doc;
    REQUIRE(parse_small_json(doc, text, 10));
    return doc;
}

} // namespace

TEST_CASE("JSON numbers read as the correctly rounded double", "[io][json]") {
    const std::string long_digits = "0." + std::string(800, '3') + "e1";
    const std::vector<std::string> texts = {"0.0e100",
                                            "0." + std::string(24, '0'),
                                            "0.184467440737095516159",
                                            "1e23",
                                            "2.2250738585072011e-308",
                                            "2.2250738585072014e-308",
                                            "4.9e-324",
                                            "2.4703282292062327e-324",
                                            "9007199254740993.0",
                                            "0.1",
                                            "0.3333333333333333",
                                            "1.7976931348623157e308",
                                            "-0.0",
                                            "123456789012345678901234567890e-10",
                                            "1e-400",
                                            "-1e-400",
                                            long_digits,
                                            "7.2057594037927933e16",
                                            "8.98846567431158e307"};
    for (const std::string& text : texts) {
        INFO(text);
        const auto doc = parsed(text);
        REQUIRE(doc.IsDouble());
        const double expected = std::strtod(text.c_str(), nullptr);
        CHECK(doc.GetDouble() == expected);
        CHECK(std::signbit(doc.GetDouble()) == std::signbit(expected));
    }
}

TEST_CASE("JSON integers keep RapidJSON's types, and past 64 bits become doubles", "[io][json]") {
    CHECK(parsed("4294967295").IsUint());
    CHECK(parsed("-2147483648").IsInt());
    CHECK(parsed("-0").IsInt());
    CHECK(parsed("-0").GetInt() == 0);
    const auto u64 = parsed("4294967296");
    CHECK((u64.IsUint64() && !u64.IsUint()));
    CHECK(parsed("18446744073709551615").GetUint64() == 18446744073709551615ULL);
    const auto i64 = parsed("-2147483649");
    CHECK((i64.IsInt64() && !i64.IsInt()));
    CHECK(parsed("-9223372036854775808").GetInt64() == INT64_MIN);
    const auto past = parsed("18446744073709551616");
    REQUIRE(past.IsDouble());
    CHECK(past.GetDouble() == 18446744073709551616.0);
    const auto below = parsed("-9223372036854775809");
    REQUIRE(below.IsDouble());
    CHECK(below.GetDouble() == -9223372036854775808.0);
}

TEST_CASE("numbers inside lists and objects are converted too, and syntax errors stay errors",
          "[io][json]") {
    const auto doc = parsed(R"({"a": [0.0e100, 1.5, 7], "b": -3})");
    CHECK(doc["a"][0].GetDouble() == 0.0);
    CHECK(doc["a"][1].GetDouble() == 1.5);
    CHECK(doc["a"][2].GetUint() == 7);
    CHECK(doc["b"].GetInt() == -3);
    rapidjson::Document bad;
    for (const char* text : {"01", "1.", ".5", "+1", "1e", "-", "0x10", "1e400"}) {
        INFO(text);
        CHECK_FALSE(parse_small_json(bad, text, 10));
    }
}
