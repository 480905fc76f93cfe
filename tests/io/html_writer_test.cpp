// The HTML page as text: self-contained, its data unable to close its <script> element.
// (tests/reference/check_html.sh runs it in Chromium.)
#include <catch2/catch.hpp>

#include "io/diagrams/html_writer.hpp"
#include "tests/support.hpp"

using powermap::io::json_for_script;
using powermap::tests::run_cli;

TEST_CASE("JSON inside a script element cannot end it or open a comment", "[io][html]") {
    CHECK(json_for_script(R"({"name":"</script><!--x-->&"})") ==
          R"({"name":"\u003c/script\u003e\u003c!--x--\u003e\u0026"})");
    // U+2028 and U+2029 end a line in older JavaScript parsers.
    CHECK(json_for_script("\"a\u2028b\u2029c\"") == "\"a\\u2028b\\u2029c\"");
    // Arabic passes through untouched.
    CHECK(json_for_script("\"\u0628\u0627\u0644\u0627\u0646\u062a\u064a\u0631\"") ==
          "\"\u0628\u0627\u0644\u0627\u0646\u062a\u064a\u0631\"");
}

TEST_CASE("export --to html writes one self-contained page", "[io][html]") {
    auto result = run_cli({"export", "--to", "html"});
    REQUIRE(result.code == 0);
    const std::string& page = result.out;
    CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
    // One inline SVG with every entity, the data, and no external resource.
    CHECK(page.find("<svg") != std::string::npos);
    CHECK(page.find("<?xml") == std::string::npos);
    CHECK(page.find("id=\"powermap-data\"") != std::string::npos);
    CHECK(page.find("src=\"http") == std::string::npos);
    CHECK(page.find("href=\"http") == std::string::npos);
    CHECK(page.find("default-src 'none'") != std::string::npos);
    std::size_t nodes = 0;
    for (auto at = page.find("class=\"node\""); at != std::string::npos;
         at = page.find("class=\"node\"", at + 1)) {
        ++nodes;
    }
    CHECK(nodes == 50);
    // Exactly the data block and the page's script: nothing from the map added one.
    std::size_t scripts = 0;
    for (auto at = page.find("<script"); at != std::string::npos;
         at = page.find("<script", at + 1)) {
        ++scripts;
    }
    CHECK(scripts == 2);
}

TEST_CASE("export --to html bakes in a path; other formats refuse --path", "[io][html]") {
    auto path = run_cli({"export", "--to", "html", "--path", "Peter Thiel", "ICE"});
    REQUIRE(path.code == 0);
    CHECK(path.out.find("\"path\":[") != std::string::npos);
    CHECK(path.out.find("\"path\":[]") == std::string::npos);
    auto refused = run_cli({"export", "--to", "json", "--path", "Peter Thiel", "ICE"});
    CHECK(refused.code == 2);
    CHECK(refused.err ==
          "powermap: error: --path needs --to html \u2014 other formats hold the whole map\n");
}
