// Golden files: tests/golden/<command>/<case>.args holds one argument per line; the run's
// stdout, stderr and exit code must equal <case>.out, <case>.err and <case>.code.
// POWERMAP_UPDATE_GOLDEN=1 rewrites them; review the diff before committing.
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include <catch2/catch.hpp>

#include "tests/support.hpp"

namespace fs = std::filesystem;
using namespace powermap::tests;

namespace {

std::vector<std::string> read_args(const fs::path& path) {
    std::vector<std::string> args;
    std::istringstream lines(slurp(path));
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty()) {
            args.push_back(line);
        }
    }
    return args;
}

/// The first line that differs, for a readable failure.
std::string first_difference(const std::string& expected, const std::string& actual) {
    std::istringstream left(expected);
    std::istringstream right(actual);
    std::string left_line;
    std::string right_line;
    for (int line = 1;; ++line) {
        const bool more_left = static_cast<bool>(std::getline(left, left_line));
        const bool more_right = static_cast<bool>(std::getline(right, right_line));
        if (!more_left && !more_right) {
            return "identical";
        }
        if (left_line != right_line || more_left != more_right) {
            return "line " + std::to_string(line) +
                   ":\n  expected: " + (more_left ? left_line : "<end>") +
                   "\n  actual:   " + (more_right ? right_line : "<end>");
        }
    }
}

} // namespace

TEST_CASE("golden outputs of the commands", "[cli][golden]") {
    const fs::path root = source_dir();
    fs::current_path(root); // the args name files relative to the source tree
    const bool update = std::getenv("POWERMAP_UPDATE_GOLDEN") != nullptr;
    std::vector<fs::path> cases;
    for (const auto& entry : fs::recursive_directory_iterator(root / "tests" / "golden")) {
        if (entry.path().extension() == ".args") {
            cases.push_back(entry.path());
        }
    }
    std::sort(cases.begin(), cases.end());
    REQUIRE(cases.size() >= 20);
    for (const auto& args_file : cases) {
        const fs::path stem = args_file.parent_path() / args_file.stem();
        const std::string name = fs::relative(stem, root / "tests" / "golden").string();
        const CliResult result = run_cli(read_args(args_file));
        const std::string code = std::to_string(result.code) + "\n";
        if (update) {
            spit(stem.string() + ".out", result.out);
            spit(stem.string() + ".err", result.err);
            spit(stem.string() + ".code", code);
            continue;
        }
        INFO("golden case " << name);
        const std::string expected_out = slurp(stem.string() + ".out");
        const std::string expected_err = slurp(stem.string() + ".err");
        INFO("stdout " << first_difference(expected_out, result.out));
        INFO("stderr " << first_difference(expected_err, result.err));
        CHECK(slurp(stem.string() + ".code") == code);
        CHECK(expected_out == result.out);
        CHECK(expected_err == result.err);
    }
}
