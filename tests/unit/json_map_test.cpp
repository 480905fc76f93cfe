#include <filesystem>

#include <catch2/catch.hpp>

#include "io/files/embedded.hpp"
#include "io/files/line_index.hpp"
#include "io/native/json_map.hpp"
#include "io/native/map_loader.hpp"
#include "tests/support.hpp"

using namespace powermap;
using powermap::tests::scratch_dir;
using powermap::tests::slurp;
using powermap::tests::spit;

namespace {
io::LoadedMap load_text(const std::filesystem::path& path, const std::string& text) {
    spit(path, text);
    return io::load_maps({path.string()});
}
} // namespace

TEST_CASE("line index counts columns in code points", "[io][json]") {
    const std::string text = "ab\n\u0628\u0627\u0644x\n\nz";
    const io::LineIndex lines(text);
    CHECK(lines.position(0) == std::pair<std::uint32_t, std::uint32_t>{1, 1});
    CHECK(lines.position(2) == std::pair<std::uint32_t, std::uint32_t>{1, 3});
    // 'x' follows three two-byte Arabic letters: byte 9, column 4.
    CHECK(lines.position(9) == std::pair<std::uint32_t, std::uint32_t>{2, 4});
    CHECK(lines.position(12) == std::pair<std::uint32_t, std::uint32_t>{4, 1});
    CHECK(lines.position(999) == std::pair<std::uint32_t, std::uint32_t>{4, 2});
}

TEST_CASE("writing is deterministic: write, read, write gives the same bytes", "[io][json]") {
    auto sample = io::load_maps({});
    REQUIRE_FALSE(has_errors(sample.diagnostics));
    const std::string first = io::write_json_map(*sample.graph);
    const auto dir = scratch_dir("json_determinism");
    // The text file must sit next to the copy for quotes to be checked again.
    spit(dir / "ice-tech-article.txt",
         std::string(*io::embedded_file("samples/ice-tech-article.txt")));
    auto again = load_text(dir / "copy.json", first);
    REQUIRE(again.diagnostics.empty());
    CHECK(io::write_json_map(*again.graph) == first);
    CHECK(again.graph->entity_count() == sample.graph->entity_count());
    CHECK(again.graph->relation_count() == sample.graph->relation_count());
}

TEST_CASE("values at the quoting boundary survive a round trip", "[io][json]") {
    // Quotes, backslashes, newlines, tabs, a leading digit, an empty prop, Arabic with
    // tashkeel and an RTL mark, a control character: each needs escaping or must not get it.
    const std::string map = R"({
  "format": "powermap/1",
  "title": "Boundary \"cases\"",
  "sources": [{"id": "s", "title": "t"}],
  "entities": [
    {"id": "0lead", "type": "person", "name": "Back\\slash \"quoted\"\nnew line\ttab",
     "names": {"ar": "بَالَانْتِير‏"}, "props": {"empty": "", "n": 1.5e3, "flag": true, "none": null, "nested": {"b": [1, 2]}, "ctl": "\u0001"}},
    {"id": "x", "type": "company", "name": "X"}
  ],
  "relations": [
    {"from": "0lead", "to": "x", "type": "works_for", "amount": {"value": 97200000.5, "currency": "USD"},
     "start": 2019, "sources": [{"source": "s", "quote": "q \"with\" quotes"}]}
  ]
})";
    const auto dir = scratch_dir("json_boundary");
    auto loaded = load_text(dir / "boundary.json", map);
    REQUIRE(loaded.diagnostics.empty());
    const auto& person = loaded.graph->entities()[0];
    CHECK(person.name == "Back\\slash \"quoted\"\nnew line\ttab");
    CHECK(person.props.at("n").text == "1500.0");
    CHECK(person.props.at("nested").text == R"({"b":[1,2]})");
    CHECK(loaded.graph->relations()[0].start == "2019"); // a bare year is read as text
    const std::string written = io::write_json_map(*loaded.graph);
    auto again = load_text(dir / "again.json", written);
    REQUIRE(again.diagnostics.empty());
    CHECK(io::write_json_map(*again.graph) == written);
    CHECK(again.graph->entities()[0].names.at("ar") ==
          "\u0628\u064e\u0627\u0644\u064e\u0627\u0646\u0652\u062a\u0650\u064a\u0631\u200f");
    CHECK(again.graph->relations()[0].amount->value == 97200000.5);
}

TEST_CASE("problems are positioned at the offending value", "[io][json]") {
    const auto dir = scratch_dir("json_positions");
    // Arabic before the error on the same line: the column counts characters, not bytes.
    auto loaded =
        load_text(dir / "m.json",
                  "{\"format\": \"powermap/1\",\n"
                  " \"entities\": [{\"id\": \"a\", \"type\": \"company\", \"name\": "
                  "\"\u0628\u0627\u0644\"},\n"
                  "  {\"id\": \"b\", \"name\": \"\u0628\u0627\u0644\", \"type\": \"compny\"}],\n"
                  " \"relations\": [{\"from\": \"a\", \"to\": \"c\", \"type\": \"uses\"}]}\n");
    REQUIRE(loaded.diagnostics.size() == 3);
    CHECK(format_diagnostic(loaded.diagnostics[0]) ==
          (dir / "m.json").string() +
              ":3:38: error: unknown entity type 'compny' \u2014 did you mean 'company'?");
    // Sorted by position: the relation's missing citation (its opening brace) comes first.
    CHECK(loaded.diagnostics[1].severity == Severity::Warning);
    CHECK(loaded.diagnostics[1].location.column == 16);
    CHECK(loaded.diagnostics[2].location.line == 4);
    CHECK(loaded.diagnostics[2].location.column == 36);
    CHECK(loaded.diagnostics[2].message == "unknown entity 'c'");
}

TEST_CASE("malformed JSON stops the load with a positioned error", "[io][json]") {
    const auto dir = scratch_dir("json_malformed");
    spit(dir / "bad.json",
         "{\"format\": \"powermap/1\",\n  \"entities\": [\n    {\"id\": \"a\",}\n  ]\n}\n");
    try {
        (void)io::load_maps({(dir / "bad.json").string()});
        FAIL("expected a parse error");
    } catch (const Error& error) {
        CHECK(error.code() == ExitCode::BadInput);
        CHECK(error.diagnostic().location.line == 3);
        CHECK(error.diagnostic().location.column == 16);
        CHECK(error.diagnostic().message == "malformed JSON: missing a name for object member");
    }
    CHECK_THROWS_AS(io::load_maps({(dir / "missing.json").string()}), Error);
}

TEST_CASE("columns on a very long line are exact past the checkpoints", "[io][json]") {
    // Minified JSON puts a whole map on one line; mix one- and two-byte characters so a
    // checkpoint that counted bytes instead of code points would be caught.
    std::string text = "x\n";
    for (int idx = 0; idx < 5000; ++idx) {
        text += idx % 3 == 0 ? "\u0628" : "a";
    }
    const io::LineIndex lines(text);
    std::uint32_t column = 1;
    std::size_t offset = 2;
    for (int idx = 0; idx < 5000; ++idx) {
        if (idx % 997 == 0 || idx == 4999) {
            INFO("character " << idx);
            CHECK(lines.position(offset) == std::pair<std::uint32_t, std::uint32_t>{2, column});
        }
        offset += idx % 3 == 0 ? 2u : 1u;
        ++column;
    }
    // Asking out of order gives the same answers.
    CHECK(lines.position(2) == std::pair<std::uint32_t, std::uint32_t>{2, 1});
    CHECK(lines.position(0) == std::pair<std::uint32_t, std::uint32_t>{1, 1});
}
