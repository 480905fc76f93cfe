#include <filesystem>

#include <catch2/catch.hpp>

#include "graph/diagnostics.hpp"
#include "io/atomic_file.hpp"
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
