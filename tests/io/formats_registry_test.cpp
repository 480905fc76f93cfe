#include <string>

#include <catch2/catch.hpp>

#include "io/formats/registry.hpp"

using namespace powermap;

TEST_CASE("the hint for an unknown extension names every extension the loader reads",
          "[io][formats]") {
    const std::string hint = io::readable_formats_hint();
    for (const auto& format : io::map_formats()) {
        for (const auto extension : format.extensions) {
            CHECK(hint.find(std::string(extension)) != std::string::npos);
            // ...and the loader reads that extension (under .gz too).
            const std::string path = "map" + std::string(extension);
            CHECK(io::format_for_file(path, "", 64) == &format);
            CHECK(io::format_for_file(path + ".gz", "", 64) == &format);
        }
    }
    CHECK(hint.find(".txt") != std::string::npos);
    CHECK(io::format_for_file("map.foo", "", 64) == nullptr);
}

TEST_CASE("a .json file is powermap/1 unless its first line is a FollowTheMoney entity",
          "[io][formats]") {
    CHECK(io::format_for_file("m.json", R"({"format": "powermap/1"})", 64)->name == "json");
    CHECK(io::format_for_file("m", R"({"format": "powermap/1"})", 64)->name == "json");
    const std::string ftm = R"({"id": "a", "schema": "Person", "properties": {}})"
                            "\n";
    CHECK(io::format_for_file("m.json", ftm, 64)->name == "ftm");
    // Without an extension an FtM stream is not guessed at.
    CHECK(io::format_for_file("m", ftm, 64) == nullptr);
}

TEST_CASE("every format export lists has a writer, and the drawing is html", "[io][formats]") {
    for (const auto& name : io::writable_format_names()) {
        CHECK(io::map_format(name).write != nullptr);
    }
    CHECK(io::map_format("html").draws);
    CHECK_THROWS_AS(io::map_format("xlsx"), Error);
    CHECK(io::join_names({"a", "b", "c"}) == "a, b and c");
    CHECK(io::join_names({"a", "b"}, " or ") == "a or b");
}
