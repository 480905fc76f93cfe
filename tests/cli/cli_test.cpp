// The commands on the built-in sample: exit codes, the shape of their output, errors.
#include <filesystem>

#include <catch2/catch.hpp>

#include "tests/support.hpp"

using powermap::tests::run_cli;

TEST_CASE("validate passes on the sample and confirms every quote", "[cli]") {
    auto result = run_cli({"validate"});
    CHECK(result.code == 0);
    CHECK(result.err.empty());
    CHECK(result.out.find("80 of 80 relations (100%) quote their source verbatim; no problems") !=
          std::string::npos);
}

TEST_CASE("path from Peter Thiel to ICE cites each hop", "[cli]") {
    auto result = run_cli({"path", "Peter Thiel", "ICE", "--explain"});
    REQUIRE(result.code == 0);
    CHECK(result.out.find("Peter Thiel (peter-thiel)") == 0);
    CHECK(result.out.find("founded [co-founder] Palantir Technologies") != std::string::npos);
    CHECK(result.out.find("quote:  \u201c\u0648\u0634\u0627\u0631\u0643") != std::string::npos);
}

TEST_CASE("unknown entity gives a hint and exit 2", "[cli]") {
    auto result = run_cli({"path", "palantr", "ice"});
    CHECK(result.code == 2);
    CHECK(result.err ==
          "powermap: error: no entity matches 'palantr' \u2014 did you mean 'palantir'?\n");
}

TEST_CASE("export refuses to overwrite its input and leaves it untouched", "[cli]") {
    const auto dir = powermap::tests::scratch_dir("cli_export_input");
    const auto source = powermap::tests::source_dir() / "tests" / "data" / "valid";
    std::filesystem::copy_file(source / "tiny.json", dir / "tiny.json");
    std::filesystem::copy_file(source / "tiny-source.txt", dir / "tiny-source.txt");
    const std::string before = powermap::tests::slurp(dir / "tiny.json");
    const std::string map = (dir / "tiny.json").string();
    auto result = run_cli({"export", "-g", map, "-o", map});
    CHECK(result.code == 2);
    CHECK(result.err.find("refusing to overwrite input file") != std::string::npos);
    CHECK(powermap::tests::slurp(dir / "tiny.json") == before);

    SECTION("a new output is written whole and reads back to the same bytes") {
        const std::string out = (dir / "out.json").string();
        REQUIRE(run_cli({"export", "-g", map, "-o", out}).code == 0);
        std::filesystem::copy_file(dir / "out.json", dir / "copy.json");
        auto again = run_cli({"export", "-g", (dir / "copy.json").string()});
        CHECK(again.code == 0);
        CHECK(again.out == powermap::tests::slurp(dir / "out.json"));
    }
}

TEST_CASE("every subcommand has help", "[cli]") {
    for (const char* command : {"validate", "stats", "show", "find", "path", "export", "render"}) {
        auto result = run_cli({command, "--help"});
        INFO(command);
        CHECK(result.code == 0);
        CHECK(result.out.find("Usage:") != std::string::npos);
        CHECK(result.out.find(command) != std::string::npos);
    }
}
