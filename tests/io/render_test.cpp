// Rendering the sample through gvc: SVG, PNG and PDF are real pictures of what was asked.
#include <cmath>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <pugixml.hpp>

#include "tests/support.hpp"

using powermap::tests::run_cli;
using powermap::tests::scratch_dir;
using powermap::tests::slurp;

namespace {

/// The number of `<g class="node">` groups in an SVG, which must parse as XML.
std::size_t svg_nodes(const std::string& svg, double* width = nullptr, double* height = nullptr) {
    pugi::xml_document document;
    const auto parsed = document.load_string(svg.c_str());
    INFO(parsed.description());
    REQUIRE(parsed);
    if (width != nullptr && height != nullptr) {
        // Graphviz writes width="123pt".
        *width = std::stod(document.child("svg").attribute("width").value());
        *height = std::stod(document.child("svg").attribute("height").value());
    }
    return document.select_nodes("//g[@class='node']").size();
}

std::pair<std::uint32_t, std::uint32_t> png_size(const std::string& png) {
    REQUIRE(png.size() > 24);
    REQUIRE(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    auto be32 = [&](std::size_t at) {
        return (std::uint32_t(std::uint8_t(png[at])) << 24) |
               (std::uint32_t(std::uint8_t(png[at + 1])) << 16) |
               (std::uint32_t(std::uint8_t(png[at + 2])) << 8) |
               std::uint32_t(std::uint8_t(png[at + 3]));
    };
    return {be32(16), be32(20)};
}

} // namespace

TEST_CASE("the sample renders to SVG with one node group per entity", "[io][render]") {
    const auto dir = scratch_dir("render-svg");
    const auto svg = (dir / "sample.svg").string();
    auto result = run_cli({"render", "-o", svg});
    REQUIRE(result.code == 0);
    CHECK(result.err == "wrote " + svg + " (50 entities, 80 relations)\n");
    const std::string text = slurp(svg);
    CHECK(svg_nodes(text) == 50);
    CHECK(text.find("class=\"edge\"") != std::string::npos);

    SECTION("a legend adds one node per entity type drawn and one for the ties") {
        auto legend = run_cli({"render", "--legend", "-o", svg});
        REQUIRE(legend.code == 0);
        // The sample uses 14 entity types.
        CHECK(svg_nodes(slurp(svg)) == 50 + 14 + 1);
    }
    SECTION("--focus draws one entity's neighbourhood") {
        auto focus =
            run_cli({"--format", "json", "render", "--focus", "aws", "--depth", "1", "-o", svg});
        REQUIRE(focus.code == 0);
        CHECK(focus.out.find("\"format\": \"svg\"") != std::string::npos);
        const auto drawn = svg_nodes(slurp(svg));
        CHECK(drawn > 1);
        CHECK(drawn < 50);
        CHECK(focus.out.find(fmt::format("\"entities\": {}", drawn)) != std::string::npos);
    }
    SECTION("--path --only draws the path alone") {
        auto path = run_cli({"render", "--path", "Peter Thiel", "ICE", "--only", "-o", svg});
        REQUIRE(path.code == 0);
        // Peter Thiel -> Palantir -> FALCON -> ICE: four entities.
        CHECK(svg_nodes(slurp(svg)) == 4);
    }
    SECTION("every layout engine draws every entity") {
        for (const char* layout : {"neato", "fdp", "sfdp", "circo", "twopi"}) {
            INFO(layout);
            auto laid = run_cli({"render", "--layout", layout, "--clusters", "-o", svg});
            REQUIRE(laid.code == 0);
            CHECK(svg_nodes(slurp(svg)) == 50);
        }
    }
}

TEST_CASE("the sample renders to PNG at 96 dpi the size of its SVG", "[io][render]") {
    const auto dir = scratch_dir("render-png");
    for (const std::string lang : {"en", "ar"}) {
        INFO(lang);
        const auto svg = (dir / fmt::format("sample-{}.svg", lang)).string();
        const auto png = (dir / fmt::format("sample-{}.png", lang)).string();
        REQUIRE(run_cli({"--lang", lang, "render", "--clusters", "--legend", "-o", svg}).code == 0);
        REQUIRE(run_cli({"--lang", lang, "render", "--clusters", "--legend", "-o", png}).code == 0);
        double width = 0;
        double height = 0;
        CHECK(svg_nodes(slurp(svg), &width, &height) == 50 + 14 + 1);
        const auto [png_width, png_height] = png_size(slurp(png));
        // The same layout: points at 72 per inch become pixels at 96 per inch (±2 px of
        // rounding at each edge).
        CHECK(std::abs(double(png_width) - width * 96.0 / 72.0) <= 2.0);
        CHECK(std::abs(double(png_height) - height * 96.0 / 72.0) <= 2.0);
        CHECK(png_width > 1000);
    }
}

TEST_CASE("the sample renders to a one-page PDF", "[io][render]") {
    const auto pdf = (scratch_dir("render-pdf") / "sample.pdf").string();
    REQUIRE(run_cli({"render", "-o", pdf}).code == 0);
    const std::string bytes = slurp(pdf);
    CHECK(bytes.rfind("%PDF-1.", 0) == 0);
    CHECK(bytes.size() > 20000);
    CHECK(bytes.find("/Count 1") != std::string::npos);
}

TEST_CASE("render refuses what it cannot do, with exit 2 and a hint", "[io][render]") {
    const auto dir = scratch_dir("render-refuse");
    auto unknown = run_cli({"render", "-o", (dir / "map.jpeg").string()});
    CHECK(unknown.code == 2);
    CHECK(unknown.err.find("cannot tell the format of") != std::string::npos);
    auto type = run_cli({"render", "--types", "compny"});
    CHECK(type.code == 2);
    CHECK(type.err ==
          "powermap: error: unknown entity type 'compny' \u2014 did you mean 'company'?\n");
    auto layout = run_cli({"render", "--layout", "spring"});
    CHECK(layout.code == 2);
}

TEST_CASE("a view with nothing in it exits 1", "[io][render]") {
    auto empty = run_cli({"render", "--types", "document", "--relations", "hosts", "--focus", "ice",
                          "--depth", "0"});
    CHECK(empty.code == 1);
    CHECK(empty.err == "powermap: nothing to draw: no entity matches the view\n");
}
