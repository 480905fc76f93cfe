// The commands on the built-in sample: exit codes, the shape of their output, errors.
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
    CHECK(result.err == "powermap: error: no entity matches 'palantr' \u2014 did you mean 'palantir'?\n");
}
