// The readers the fuzz harnesses drive, and the properties every input must keep. Shared by
// the libFuzzer harnesses (fuzz/<reader>_fuzzer.cpp, clang only) and by the Catch2 test that
// replays tests/data/hostile/fuzz/<reader>/ in every build, so a finding is checked the same
// way in both. Adding a reader: one line in the table in readers.cpp, a two-line harness
// file and its name in fuzz/CMakeLists.txt.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "graph/entity_graph.hpp"

namespace powermap::fuzz {

/// What a reader made of one input: the built map and every problem found.
struct Loaded {
    std::unique_ptr<graph::EntityGraph> graph;
    std::vector<Diagnostic> diagnostics;
};

struct Reader {
    std::string_view name; ///< harness and folder name: "json_map", "dot", ...
    /// The read, as the loader does it for this format (throws powermap::Error to refuse).
    Loaded (*read)(std::string_view input);
    /// Whether "accepted without errors" must survive writing the map as native JSON and
    /// reading it back (true for every importer; a snapshot is trusted as it was packed).
    bool keeps_validity;
};

/// Every reader that has a harness, in the order the CI runs them.
[[nodiscard]] std::span<const Reader> readers();
/// The reader of that name, or nullptr.
[[nodiscard]] const Reader* find_reader(std::string_view name);

/// Reads `input` with `reader` as `powermap import` (or a command on a .pmap) would, then
/// checks: no exception other than powermap::Error; the map written as native JSON parses;
/// if the input was accepted without errors (and the reader keeps validity), so is the
/// written map; and writing the map read back gives the same bytes. Returns nullopt when
/// all hold, else what broke (the first line says which property).
[[nodiscard]] std::optional<std::string> check_input(const Reader& reader, std::string_view input);

} // namespace powermap::fuzz
