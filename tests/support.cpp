#include "tests/support.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/app.hpp"

namespace powermap::tests {

CliResult run_cli(const std::vector<std::string>& args) {
    std::ostringstream out;
    std::ostringstream err;
    CliResult result;
    result.code = cli::run(args, out, err);
    result.out = out.str();
    result.err = err.str();
    return result;
}

CliResult run_cli_with_input(const std::vector<std::string>& args, const std::string& input) {
    std::istringstream in(input);
    std::ostringstream out;
    std::ostringstream err;
    CliResult result;
    result.code = cli::run(args, in, out, err);
    result.out = out.str();
    result.err = err.str();
    return result;
}

std::filesystem::path source_dir() {
    return POWERMAP_SOURCE_DIR;
}

std::filesystem::path shared_data_dir() {
    if (const char* env = std::getenv("POWERMAP_SHARED_DATA")) {
        return env;
    }
    return source_dir().parent_path() / "shared" / "data";
}

bool shared_data_present() {
    std::error_code ignored;
    return std::filesystem::is_directory(shared_data_dir(), ignored);
}

void report_skipped(const std::string& reason) {
    if (std::getenv("POWERMAP_CTEST_CASE") != nullptr) {
        std::printf("skipped: %s\n", reason.c_str());
        std::fflush(stdout);
        std::_Exit(77); // nothing to clean up: a skip comes before a test makes any files
    }
    WARN("skipped: " << reason);
}

namespace {
/// Removes this process's scratch tree at exit (POWERMAP_KEEP_SCRATCH=1 keeps it for
/// debugging a failure).
struct ScratchCleanup {
    std::filesystem::path root;
    ~ScratchCleanup() {
        if (!root.empty() && std::getenv("POWERMAP_KEEP_SCRATCH") == nullptr) {
            std::error_code ignored;
            std::filesystem::remove_all(root, ignored);
        }
    }
};
ScratchCleanup scratch_cleanup;
} // namespace

std::filesystem::path scratch_dir(const std::string& name) {
    // One tree per process: CTest runs test cases as parallel processes, and two of them
    // must never share (or delete) each other's files.
    std::filesystem::path dir =
        std::filesystem::path(POWERMAP_BINARY_DIR) / "scratch" / std::to_string(::getpid()) / name;
    scratch_cleanup.root = dir.parent_path();
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

void spit(const std::filesystem::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
}

namespace {
std::string shell_quote(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}
} // namespace

CliResult run_python(const std::filesystem::path& script, const std::vector<std::string>& args) {
    std::string command = "/usr/bin/python3 " + shell_quote(script.string());
    for (const auto& arg : args) {
        command += " " + shell_quote(arg);
    }
    command += " 2>&1";
    CliResult result;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) {
        result.code = -1;
        return result;
    }
    std::array<char, 4096> buffer{};
    std::size_t got = 0;
    while ((got = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
        result.out.append(buffer.data(), got);
    }
    const int status = ::pclose(pipe);
    result.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

bool python_has(const std::string& module) {
    const std::string command =
        "/usr/bin/python3 -c " + shell_quote("import " + module) + " >/dev/null 2>&1";
    return std::system(command.c_str()) == 0;
}

} // namespace powermap::tests
