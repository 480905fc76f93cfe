// Usage errors: every numeric option of every command refuses a value outside its range
// with a message naming the option and the range; no numeric option goes unchecked;
// CLI11's messages keep the case of the names they start with. (The full messages of each
// kind of usage error are golden files: tests/golden/usage/.)
#include <regex>
#include <sstream>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "cli/usage.hpp"
#include "tests/support.hpp"

using powermap::tests::run_cli;

TEST_CASE("every numeric option refuses values outside its range, naming both", "[cli][usage]") {
    struct Case {
        std::vector<std::string> args; ///< the command; the bad value goes last
        std::string option;
        std::string range; ///< as the message states it
        std::vector<std::string> bad;
    };
    const std::vector<Case> cases = {
        {{"centrality", "--top"},
         "--top",
         "a whole number from 0 to 4294967295",
         {"-1", "x", "1.5"}},
        {{"centrality", "--threads"}, "--threads", "a whole number from 0 to 1024", {"-1", "1025"}},
        {{"centrality", "--damping"}, "--damping", "a number from 0 to 1", {"-0.1", "1.01", "nan"}},
        {{"centrality", "--tolerance"}, "--tolerance", "a number from 1e-15 to 1", {"0", "2"}},
        {{"centrality", "--max-iter"}, "--max-iter", "a whole number from 1 to 1000000", {"0"}},
        {{"centrality", "--approx"}, "--approx", "a number from 0.0001 to 0.5", {"0", "0.6"}},
        {{"centrality", "--delta"}, "--delta", "a number from 1e-06 to 0.5", {"0", "1"}},
        {{"centrality", "--seed"},
         "--seed",
         "a whole number from 0 to 18446744073709551615",
         {"-1", "18446744073709551616"}},
        {{"components", "--members"}, "--members", "a whole number from 0 to 4294967295", {"-1"}},
        {{"find", "x", "--limit"}, "--limit", "a whole number from 1 to 4294967295", {"0", "-3"}},
        {{"import", "x.csv", "--max-warnings"},
         "--max-warnings",
         "a whole number from 0 to 4294967295",
         {"-1"}},
        {{"neighbors", "ice", "--depth"}, "--depth", "a whole number from 1 to 64", {"0", "65"}},
        {{"path", "palantir", "ice", "--k"}, "--k", "a whole number from 1 to 100000", {"0"}},
        {{"path", "palantir", "ice", "--all", "--max-hops"},
         "--max-hops",
         "a whole number from 1 to 64",
         {"0", "65"}},
        {{"path", "palantir", "ice", "--all", "--limit"},
         "--limit",
         "a whole number from 1 to 10000000",
         {"0"}},
        {{"path", "palantir", "ice", "--hub-penalty"},
         "--hub-penalty",
         "a number from 0 to 100",
         {"-1", "101", "inf"}},
        {{"render", "--focus", "ice", "--depth"},
         "--depth",
         "a whole number from 0 to 100",
         {"101"}},
        {{"bench", "--threads"}, "--threads", "a whole number from 0 to 1024", {"-1"}},
        {{"bench", "--approx"}, "--approx", "a number from 0.0001 to 0.5", {"1"}},
    };
    for (const auto& test : cases) {
        for (const auto& value : test.bad) {
            std::vector<std::string> args = test.args;
            args.push_back(value);
            const auto result = run_cli(args);
            INFO("powermap " << args.front() << " " << test.option << " " << value);
            CHECK(result.code == 2);
            CHECK(
                result.err ==
                fmt::format("powermap: error: {} must be {}, not '{}' — see 'powermap {} --help'\n",
                            test.option, test.range, value, args.front()));
        }
    }
    // The bounds themselves are allowed.
    CHECK(run_cli({"centrality", "--top", "0"}).code == 0);
    CHECK(run_cli({"centrality", "--measure", "pagerank", "--damping", "1"}).code == 0);
    CHECK(run_cli({"neighbors", "ice", "--depth", "64"}).code == 0);
    CHECK(run_cli({"path", "palantir", "ice", "--hub-penalty", "+0.5"}).code == 0);
}

TEST_CASE("no numeric option of any command goes without a range", "[cli][usage]") {
    // Every option whose value CLI11 types as a number shows its checked range in --help
    // ("--top UINT:[0 - 4294967295]"): a new numeric option without one fails here.
    const auto top = run_cli({"--help"});
    REQUIRE(top.code == 0);
    std::vector<std::string> commands;
    {
        std::istringstream lines(top.out.substr(top.out.find("Subcommands:")));
        std::string line;
        std::getline(lines, line);
        static const std::regex command(R"(^  ([a-z]+) )");
        for (std::smatch match; std::getline(lines, line);) {
            if (std::regex_search(line, match, command)) {
                commands.push_back(match[1].str());
            }
        }
    }
    REQUIRE(commands.size() >= 17);
    static const std::regex numeric(R"(^\s+(-\S+) (U?INT|FLOAT|EPS)\b(\S*))");
    std::size_t checked = 0;
    for (const auto& name : commands) {
        const auto help = run_cli({name, "--help"});
        std::istringstream lines(top.out + help.out); // the global options too
        for (std::string line; std::getline(lines, line);) {
            std::smatch match;
            if (std::regex_search(line, match, numeric)) {
                INFO("powermap " << name << ": " << line);
                CHECK(match[3].str().rfind(":[", 0) == 0);
                ++checked;
            }
        }
    }
    CHECK(checked >= 19);
}

TEST_CASE("CLI11's messages keep the case of a leading name", "[cli][usage]") {
    using powermap::cli::sentence_case;
    CHECK(sentence_case("The following argument was not expected: x") ==
          "the following argument was not expected: x");
    CHECK(sentence_case("A subcommand is required") == "a subcommand is required");
    CHECK(sentence_case("Could not convert: --top = x") == "could not convert: --top = x");
    CHECK(sentence_case("TO is required") == "TO is required");
    CHECK(sentence_case("FROM is required") == "FROM is required");
    CHECK(sentence_case("--top: Value -1 not in range") == "--top: Value -1 not in range");
    CHECK(sentence_case("").empty());

    // Through the command line: the names stay as the help spells them.
    auto result = run_cli({"path", "palantir"});
    CHECK(result.err == "powermap: error: missing argument TO — see 'powermap path --help'\n");
    result = run_cli({"show"});
    CHECK(result.err == "powermap: error: missing argument ENTITY — see 'powermap show --help'\n");
}
