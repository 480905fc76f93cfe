// Helpers shared by the tests: run the CLI in-process, find test data, run Python.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace powermap::tests {

struct CliResult {
    int code = 0;
    std::string out;
    std::string err;
};

/// Runs `powermap args...` in-process.
CliResult run_cli(const std::vector<std::string>& args);
/// The same, with `input` as what the command reads (dedupe review --prompt's answers).
CliResult run_cli_with_input(const std::vector<std::string>& args, const std::string& input);

/// The project's source directory (to reach samples/ and tests/data/).
std::filesystem::path source_dir();
/// ../shared/data as seen from the source directory (POWERMAP_SHARED_DATA overrides).
std::filesystem::path shared_data_dir();
/// Whether shared_data_dir() is there (a fresh clone has no ../shared next to it).
bool shared_data_present();
/// Marks the running test case as skipped for `reason`. Under CTest, which runs each case
/// in its own process (catch_discover_tests sets POWERMAP_CTEST_CASE), it prints
/// "skipped: <reason>" and ends the process with CTest's skip code 77; in a run of several
/// cases (`powermap_tests "[tag]"`) it only warns, and the caller returns, so the other
/// cases still run.
void report_skipped(const std::string& reason);
/// A fresh empty directory under the build tree for one test's outputs.
std::filesystem::path scratch_dir(const std::string& name);
/// Reads a whole file.
std::string slurp(const std::filesystem::path& path);
/// Writes a whole file (test fixtures made on the fly).
void spit(const std::filesystem::path& path, const std::string& content);

/// Runs /usr/bin/python3 with `script` (a file path) and args; returns exit code and output.
CliResult run_python(const std::filesystem::path& script, const std::vector<std::string>& args);
/// Whether /usr/bin/python3 can import `module`.
bool python_has(const std::string& module);

} // namespace powermap::tests

/// Skips the enclosing test case (see report_skipped) when ../shared/data is absent: every
/// test that reads it starts with this line.
#define POWERMAP_SKIP_UNLESS_SHARED_DATA()                                                         \
    do {                                                                                           \
        if (!::powermap::tests::shared_data_present()) {                                           \
            ::powermap::tests::report_skipped("../shared/data not found (set "                     \
                                              "POWERMAP_SHARED_DATA)");                            \
            return;                                                                                \
        }                                                                                          \
    } while (false)
