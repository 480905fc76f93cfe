// powermap bench: the developer command behind bench/run.sh. Timings are not asserted (they
// vary); the answers and the error handling are.
#include <catch2/catch.hpp>

#include "tests/support.hpp"

using powermap::tests::run_cli;
using powermap::tests::scratch_dir;
using powermap::tests::spit;

TEST_CASE("bench answers path lengths like the path command", "[cli][bench]") {
    const auto dir = scratch_dir("bench_answers");
    // Same entity twice (0 hops), a known 2+ hop chain, and the reverse of it.
    spit(dir / "pairs.txt", "# from to\npeter-thiel ice\n\nice ice\nice peter-thiel\n");
    auto path = run_cli({"--format", "json", "path", "peter-thiel", "ice"});
    REQUIRE(path.code == 0);
    const auto at = path.out.find("\"length\": ");
    REQUIRE(at != std::string::npos);
    const std::string length =
        path.out.substr(at + 10, path.out.find_first_of(",\n", at) - at - 10);

    auto result = run_cli({"--format", "json", "bench", "--phases", "load,sp,pr", "--pairs",
                           (dir / "pairs.txt").string()});
    REQUIRE(result.code == 0);
    CHECK(result.out.find("\"lengths\": [\n        " + length + ",\n        0,\n        " + length +
                          "\n      ]") != std::string::npos);
    CHECK(result.out.find("\"pr\": {\n      \"status\": \"ok\"") != std::string::npos);
    CHECK(result.out.find("\"top10\": [") != std::string::npos);
    CHECK(result.out.find("\"entities\": ") != std::string::npos);
}

TEST_CASE("bench text output lists every phase asked for", "[cli][bench]") {
    auto result = run_cli({"bench", "--phases", "load,wcc"});
    REQUIRE(result.code == 0);
    CHECK(result.out.find("load ") != std::string::npos);
    CHECK(result.out.find("wcc ") != std::string::npos);
    CHECK(result.out.find("1 components, largest 50 entities") != std::string::npos);
}

TEST_CASE("bench rejects bad pair files with a position", "[cli][bench]") {
    const auto dir = scratch_dir("bench_bad_pairs");
    spit(dir / "three.txt", "ice peter-thiel\nice palantir aws\n");
    auto result = run_cli({"bench", "--pairs", (dir / "three.txt").string()});
    CHECK(result.code == 2);
    CHECK(result.err.find("three.txt:2:14: error: expected two entity ids on this line, found 3") !=
          std::string::npos);

    spit(dir / "unknown.txt", "ice palantr\n");
    result = run_cli({"bench", "--pairs", (dir / "unknown.txt").string()});
    CHECK(result.code == 2);
    CHECK(result.err.find("unknown.txt:1:1: error: unknown entity 'palantr'") != std::string::npos);

    result = run_cli({"bench", "--phases", "sp"});
    CHECK(result.code == 2);
    CHECK(result.err.find("the sp phase needs --pairs FILE") != std::string::npos);
}

TEST_CASE("the --stats-load option prints parse and build times", "[cli][bench]") {
    auto result = run_cli({"--stats-load", "stats"});
    REQUIRE(result.code == 0);
    CHECK(result.err.find("powermap: load: read ") != std::string::npos);
    CHECK(result.err.find(" s, parse ") != std::string::npos);
    CHECK(result.err.find(" s, build ") != std::string::npos);
}
