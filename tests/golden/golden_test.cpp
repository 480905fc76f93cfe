// Golden files: tests/golden/<command>/<case>.args holds one argument per line; the
// command's standard output must equal <case>.out byte for byte. POWERMAP_UPDATE_GOLDEN=1
// rewrites the .out files instead (review reads the diff).
#include <algorithm>
#include <cstdlib>
#include <sstream>

#include <catch2/catch.hpp>

#include "tests/support.hpp"

namespace fs = std::filesystem;
using namespace powermap::tests;

TEST_CASE("golden outputs are stable byte for byte", "[golden]") {
    const bool update = std::getenv("POWERMAP_UPDATE_GOLDEN") != nullptr;
    std::vector<fs::path> cases;
    for (const auto& item : fs::recursive_directory_iterator(source_dir() / "tests" / "golden")) {
        if (item.path().extension() == ".args") {
            cases.push_back(item.path());
        }
    }
    std::sort(cases.begin(), cases.end());
    REQUIRE(cases.size() >= 5);
    for (const auto& args_file : cases) {
        INFO(args_file.string());
        std::istringstream lines(slurp(args_file));
        std::vector<std::string> args;
        for (std::string line; std::getline(lines, line);) {
            if (!line.empty()) {
                args.push_back(line);
            }
        }
        const auto result = run_cli(args);
        CHECK(result.code == 0);
        fs::path expected = args_file;
        expected.replace_extension(".out");
        if (update) {
            spit(expected, result.out);
            continue;
        }
        REQUIRE(fs::exists(expected));
        const std::string want = slurp(expected);
        if (result.out != want) {
            // Point at the first differing line rather than dumping two whole files.
            std::istringstream got_lines(result.out);
            std::istringstream want_lines(want);
            std::string got_line;
            std::string want_line;
            std::size_t number = 0;
            while (true) {
                ++number;
                const bool got_more = static_cast<bool>(std::getline(got_lines, got_line));
                const bool want_more = static_cast<bool>(std::getline(want_lines, want_line));
                if (got_line != want_line || got_more != want_more) {
                    break;
                }
            }
            FAIL("differs at line " << number << "\n  want: " << want_line << "\n  got:  "
                                    << got_line << "\n(POWERMAP_UPDATE_GOLDEN=1 rewrites)");
        }
    }
}
