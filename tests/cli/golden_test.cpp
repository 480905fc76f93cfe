// Golden files: tests/golden/<command>/<case>.case, one readable file per case: a comment,
// the arguments, one per line, after "=== args", then "=== exit", "=== stdout" and
// "=== stderr" sections (see tests/golden/README.md). The run's stdout, stderr and exit
// code must equal what is recorded.
// POWERMAP_UPDATE_GOLDEN=1 rewrites the recorded results; review the diff before committing.
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string_view>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "tests/support.hpp"

namespace fs = std::filesystem;
using namespace powermap::tests;

namespace {

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

/// One .case file: its arguments and the recorded results.
struct GoldenCase {
    std::string comment; ///< lines before "=== args", kept on rewrite
    std::vector<std::string> args;
    std::string code;
    std::string out;
    std::string err;
};

constexpr std::string_view no_newline_mark = " (no newline at end)";

/// Splits a .case file into its sections; a section's text is its lines, each with its
/// newline, except where the header says "(no newline at end)".
GoldenCase read_case(const fs::path& path) {
    GoldenCase result;
    std::istringstream lines(slurp(path));
    std::string section;
    bool trim = false;
    std::string text;
    auto finish = [&] {
        if (trim && !text.empty() && text.back() == '\n') {
            text.pop_back();
        }
        if (section == "args") {
            std::istringstream args(text);
            for (std::string arg; std::getline(args, arg);) {
                result.args.push_back(arg);
            }
        } else if (section == "exit") {
            result.code = text;
        } else if (section == "stdout") {
            result.out = text;
        } else if (section == "stderr") {
            result.err = text;
        } else {
            result.comment = text;
        }
        text.clear();
    };
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("=== ", 0) == 0) {
            finish();
            section = line.substr(4);
            trim = section.size() > no_newline_mark.size() && section.ends_with(no_newline_mark);
            if (trim) {
                section.resize(section.size() - no_newline_mark.size());
            }
            continue;
        }
        text += line + "\n";
    }
    finish();
    return result;
}

std::string case_section(std::string_view name, const std::string& text) {
    if (text.empty()) {
        return fmt::format("=== {}\n", name);
    }
    const bool newline = text.back() == '\n';
    return fmt::format("=== {}{}\n{}{}", name, newline ? "" : no_newline_mark, text,
                       newline ? "" : "\n");
}

void write_case(const fs::path& path, const GoldenCase& recorded) {
    for (const std::string* output : {&recorded.out, &recorded.err}) {
        // A line that looks like a section header could not be read back.
        REQUIRE(output->rfind("=== ", 0) != 0);
        REQUIRE(output->find("\n=== ") == std::string::npos);
    }
    std::string text = recorded.comment;
    text += "=== args\n";
    for (const auto& arg : recorded.args) {
        text += arg + "\n";
    }
    text += case_section("exit", recorded.code);
    text += case_section("stdout", recorded.out);
    text += case_section("stderr", recorded.err);
    spit(path.string(), text);
}

} // namespace

TEST_CASE("golden outputs of the commands", "[cli][golden]") {
    const fs::path root = source_dir();
    fs::current_path(root); // the args name files relative to the source tree
    const bool update = std::getenv("POWERMAP_UPDATE_GOLDEN") != nullptr;
    std::vector<fs::path> case_files;
    for (const auto& entry : fs::recursive_directory_iterator(root / "tests" / "golden")) {
        if (entry.path().extension() == ".case") {
            case_files.push_back(entry.path());
        } else if (entry.is_regular_file()) {
            // A stray file (an old .args, a misnamed case) would be silently skipped.
            INFO("not a golden case: " << entry.path());
            CHECK(entry.path().filename() == "README.md");
        }
    }
    std::sort(case_files.begin(), case_files.end());
    REQUIRE(case_files.size() >= 200);
    for (const auto& case_file : case_files) {
        const std::string name =
            fs::relative(case_file, root / "tests" / "golden").replace_extension().string();
        GoldenCase recorded = read_case(case_file);
        INFO("golden case " << name);
        const CliResult result = run_cli(recorded.args);
        const std::string code = std::to_string(result.code) + "\n";
        if (update) {
            recorded.code = code;
            recorded.out = result.out;
            recorded.err = result.err;
            write_case(case_file, recorded);
            continue;
        }
        INFO("stdout " << first_difference(recorded.out, result.out));
        INFO("stderr " << first_difference(recorded.err, result.err));
        CHECK(recorded.code == code);
        CHECK(recorded.out == result.out);
        CHECK(recorded.err == result.err);
    }
}
