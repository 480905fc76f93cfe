#include <algorithm>
#include <csignal>
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "graph/diagnostics.hpp"
#include "io/files/atomic_file.hpp"
#include "tests/support.hpp"

using namespace powermap;
using powermap::tests::scratch_dir;
using powermap::tests::slurp;
using powermap::tests::spit;

TEST_CASE("an atomic file replaces its target only on commit", "[io][atomic]") {
    const auto dir = scratch_dir("atomic");
    const auto target = dir / "out.txt";
    spit(target, "old");
    {
        io::AtomicFile file(target);
        file.write("new content");
        // Destroyed without commit: the target keeps its old bytes and no temp file remains.
    }
    CHECK(slurp(target) == "old");
    CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 1);
    io::write_file_atomically(target, "new content");
    CHECK(slurp(target) == "new content");
    CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 1);
}

TEST_CASE("an output in a missing directory is an error, not a crash", "[io][atomic]") {
    const auto dir = scratch_dir("atomic_missing");
    CHECK_THROWS_AS(io::write_file_atomically(dir / "no" / "such" / "out.txt", "x"), Error);
}

TEST_CASE("writing over an input is refused", "[io][atomic]") {
    const auto dir = scratch_dir("atomic_input");
    spit(dir / "map.json", "{}");
    CHECK_THROWS_AS(io::refuse_overwriting_inputs(dir / "map.json", {(dir / "map.json").string()}),
                    Error);
    // The same file reached by another path is still the input.
    CHECK_THROWS_AS(
        io::refuse_overwriting_inputs(dir / "." / "map.json", {(dir / "map.json").string()}),
        Error);
    CHECK_NOTHROW(io::refuse_overwriting_inputs(dir / "other.json", {(dir / "map.json").string()}));
}

namespace {
unsigned mode_of(const std::filesystem::path& path) {
    struct stat status {};
    REQUIRE(::stat(path.c_str(), &status) == 0);
    return status.st_mode & 07777;
}
ino_t inode_of(const std::filesystem::path& path) {
    struct stat status {};
    REQUIRE(::stat(path.c_str(), &status) == 0);
    return status.st_ino;
}
std::vector<std::string> names_in(const std::filesystem::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}
const std::vector<io::OutputFile> new_set{{"a.csv", "new a"}, {"b.csv", "new b"}};
} // namespace

// Overwriting a 0600 file used to leave it 0644 (mkstemp's 0600, then the umask's default).
TEST_CASE("an output keeps the mode of the file it replaces", "[io][atomic][hostile]") {
    const auto dir = scratch_dir("atomic_mode");
    const auto target = dir / "secret.json";
    spit(target, "old");
    for (const unsigned mode : {0600U, 0640U, 0755U}) {
        REQUIRE(::chmod(target.c_str(), mode) == 0);
        io::write_file_atomically(target, "new");
        CHECK(mode_of(target) == mode);
    }
    // A new file gets 0666 less the umask, as open() would give it.
    const mode_t mask = ::umask(022);
    io::write_file_atomically(dir / "fresh.json", "x");
    ::umask(mask);
    CHECK(mode_of(dir / "fresh.json") == 0644U);
}

TEST_CASE("a set written into a directory is swapped in whole", "[io][atomic]") {
    const auto dir = scratch_dir("atomic_set");
    const auto out = dir / "out";
    SECTION("a new directory") {
        CHECK(io::write_file_set(out / "", new_set) == io::SetReplacement::Whole);
        CHECK(slurp(out / "a.csv") == "new a");
        CHECK(names_in(dir) == std::vector<std::string>{"out"});
    }
    SECTION("a directory holding an older set: swapped, modes kept, the old set deleted") {
        std::filesystem::create_directories(out);
        spit(out / "a.csv", "old a");
        spit(out / "b.csv", "old b");
        REQUIRE(::chmod(out.c_str(), 0750) == 0);
        REQUIRE(::chmod((out / "a.csv").c_str(), 0600) == 0);
        const ino_t before = inode_of(out);
        CHECK(io::write_file_set(out, new_set) == io::SetReplacement::Whole);
        CHECK(inode_of(out) != before); // a new folder took the name in one rename
        CHECK(slurp(out / "a.csv") == "new a");
        CHECK(slurp(out / "b.csv") == "new b");
        CHECK(mode_of(out) == 0750U);
        CHECK(mode_of(out / "a.csv") == 0600U);
        CHECK(names_in(dir) == std::vector<std::string>{"out"});
        CHECK(names_in(out) == std::vector<std::string>{"a.csv", "b.csv"});
    }
    SECTION("a directory with other files is never swapped: its files are replaced in turn") {
        std::filesystem::create_directories(out);
        spit(out / "a.csv", "old a");
        spit(out / "notes.txt", "the user's");
        const ino_t before = inode_of(out);
        CHECK(io::write_file_set(out, new_set) == io::SetReplacement::FileByFile);
        CHECK(inode_of(out) == before);
        CHECK(slurp(out / "notes.txt") == "the user's");
        CHECK(slurp(out / "b.csv") == "new b");
        CHECK(names_in(out) == std::vector<std::string>{"a.csv", "b.csv", "notes.txt"});
    }
    SECTION("a symbolic link to the directory stays a link; the folder behind it is swapped") {
        std::filesystem::create_directories(dir / "real");
        spit(dir / "real" / "a.csv", "old a");
        std::filesystem::create_directory_symlink("real", out);
        CHECK(io::write_file_set(out, new_set) == io::SetReplacement::Whole);
        CHECK(std::filesystem::is_symlink(out));
        CHECK(slurp(dir / "real" / "b.csv") == "new b");
        CHECK(names_in(dir) == std::vector<std::string>{"out", "real"});
    }
    SECTION("the current directory is never swapped, however it is named") {
        std::filesystem::create_directories(out);
        spit(out / "a.csv", "old a");
        const auto previous = std::filesystem::current_path();
        std::filesystem::current_path(out);
        const ino_t before = inode_of(".");
        const auto dot = io::write_file_set(".", new_set);
        const auto parent = io::write_file_set("../out/", new_set);
        std::filesystem::current_path(previous);
        CHECK(dot == io::SetReplacement::FileByFile);
        CHECK(parent == io::SetReplacement::FileByFile);
        CHECK(inode_of(out) == before);
        CHECK(slurp(out / "b.csv") == "new b");
    }
    SECTION("a prefix: every file written before the first is renamed") {
        spit(dir / "map-a.csv", "old a");
        io::write_file_set_with_prefix((dir / "map-").string(), new_set);
        CHECK(slurp(dir / "map-a.csv") == "new a");
        CHECK(names_in(dir) == std::vector<std::string>{"map-a.csv", "map-b.csv"});
    }
}

// SIGTERM/SIGINT during a write used to leave the temp file (10-126 MB) behind. A child
// process gets the signal mid-write: the temp is gone, the target old, and the child died of
// the signal itself (the exit status stays honest).
TEST_CASE("a temp file is removed when a signal ends the process", "[io][atomic][hostile]") {
    const auto dir = scratch_dir("atomic_signal");
    const auto target = dir / "map.json";
    for (const int signal_number : {SIGTERM, SIGINT, SIGHUP}) {
        spit(target, "old");
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            // Catch2 handles some signals while a test runs; the CLI starts with defaults.
            ::signal(signal_number, SIG_DFL);
            io::AtomicFile file(target);
            file.write(std::string(1 << 20, 'x'));
            ::raise(signal_number);
            ::_exit(0); // not reached when the signal ends the process
        }
        int status = 0;
        REQUIRE(::waitpid(child, &status, 0) == child);
        CHECK(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == signal_number);
        CHECK(slurp(target) == "old");
        CHECK(names_in(dir) == std::vector<std::string>{"map.json"});
    }
}
