// Snapshots (.pmap): a round trip must answer exactly as the JSON map does, and a damaged,
// truncated or foreign file must be a clear error (exit 2), never a crash.
#include <cstring>
#include <fstream>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "io/native/json_map.hpp"
#include "io/native/snapshot.hpp"
#include "tests/support.hpp"

using powermap::tests::run_cli;
using powermap::tests::scratch_dir;
using powermap::tests::slurp;
using powermap::tests::spit;

namespace {

std::string pack_sample(const std::filesystem::path& dir) {
    const auto path = (dir / "sample.pmap").string();
    auto result = run_cli({"pack", "-o", path});
    REQUIRE(result.code == 0);
    CHECK(result.out.find("wrote " + path + " (50 entities, 80 relations, ") == 0);
    return path;
}

} // namespace

TEST_CASE("a snapshot answers exactly as the JSON map it was packed from", "[io][snapshot]") {
    const auto dir = scratch_dir("snapshot_round_trip");
    const auto pmap = pack_sample(dir);
    // The sample has Arabic names, aliases, tags, props, amounts, dates, a source text for
    // verified quotes and undirected relation types: every field the snapshot stores.
    const std::vector<std::vector<std::string>> commands = {
        {"stats"},
        {"--format", "json", "stats"},
        {"path", "Peter Thiel", "ICE", "--explain"},
        {"--format", "json", "path", "palantir", "ice", "--directed"},
        {"path", "palantir", "dhs", "--directed"}, // no such path: exit 1 and a message
        {"--lang", "ar", "path", "aws", "ice", "--supply"},
        {"show", "palantir"},
        {"find", "امازون"},
        {"export", "--to", "json"},
        {"export", "--to", "nodelink"},
    };
    for (const auto& command : commands) {
        INFO("powermap " << command.back());
        auto from_json = run_cli(command);
        std::vector<std::string> with_snapshot{"--graph", pmap};
        with_snapshot.insert(with_snapshot.end(), command.begin(), command.end());
        auto from_snapshot = run_cli(with_snapshot);
        CHECK(from_snapshot.code == from_json.code);
        CHECK(from_snapshot.out == from_json.out);
        CHECK(from_snapshot.err == from_json.err);
    }
}

TEST_CASE("packing a snapshot of a snapshot gives the same bytes", "[io][snapshot]") {
    const auto dir = scratch_dir("snapshot_repack");
    const auto first = pack_sample(dir);
    const auto second = (dir / "again.pmap").string();
    REQUIRE(run_cli({"--graph", first, "pack", "-o", second}).code == 0);
    CHECK(slurp(first) == slurp(second));
}

TEST_CASE("damaged snapshots are clear errors", "[io][snapshot]") {
    const auto dir = scratch_dir("snapshot_damaged");
    const auto good = slurp(pack_sample(dir));
    auto load = [&](const std::string& name, const std::string& bytes) {
        const auto path = dir / name;
        spit(path, bytes);
        return run_cli({"--graph", path.string(), "stats"});
    };

    SECTION("a flipped byte fails the checksum") {
        std::string bytes = good;
        bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x10);
        auto result = load("flipped.pmap", bytes);
        CHECK(result.code == 2);
        CHECK(result.err.find("flipped.pmap: error: damaged snapshot: its checksum does not match "
                              "its contents") != std::string::npos);
    }
    SECTION("a truncated file says so, at every length") {
        // Cut inside the magic, inside the header, and inside the payload.
        for (std::size_t length : {std::size_t{0}, std::size_t{5}, std::size_t{20}, std::size_t{40},
                                   good.size() / 3, good.size() - 1}) {
            INFO("length " << length);
            auto result = load("cut.pmap", good.substr(0, length));
            CHECK(result.code == 2);
            CHECK(result.err.find("cut.pmap: error: ") != std::string::npos);
            CHECK((result.err.find("damaged snapshot") != std::string::npos ||
                   result.err.find("not a powermap snapshot") != std::string::npos));
        }
        auto result = load("cut.pmap", good.substr(0, good.size() - 1));
        CHECK(result.err.find("truncated or appended to?") != std::string::npos);
    }
    SECTION("another format version is named") {
        std::string bytes = good;
        bytes[8] = 99; // the version, little-endian, right after the 8-byte magic
        auto result = load("future.pmap", bytes);
        CHECK(result.code == 2);
        CHECK(result.err.find(fmt::format("future.pmap: error: snapshot format version 99 is not "
                                          "the version this powermap reads ({})",
                                          powermap::io::snapshot_version)) != std::string::npos);
    }
    SECTION("a file that is not a snapshot") {
        auto result = load("json.pmap", "{\"format\": \"powermap/1\"}\n");
        CHECK(result.code == 2);
        CHECK(result.err.find("json.pmap: error: not a powermap snapshot") != std::string::npos);
    }
}

TEST_CASE("pack checks its output name and snapshots are not merged", "[io][snapshot]") {
    const auto dir = scratch_dir("snapshot_usage");
    auto result = run_cli({"pack", "-o", (dir / "map.json").string()});
    CHECK(result.code == 2);
    CHECK(result.err.find("does not end in .pmap") != std::string::npos);

    const auto pmap = pack_sample(dir);
    spit(dir / "other.json", "{\"format\": \"powermap/1\"}\n");
    result = run_cli({"--graph", pmap, "--graph", (dir / "other.json").string(), "stats"});
    CHECK(result.code == 2);
    CHECK(result.err.find("a snapshot (.pmap) cannot be merged with other maps") !=
          std::string::npos);
}

TEST_CASE("snapshots damaged behind a valid checksum fail cleanly, never crash", "[io][snapshot]") {
    // Flip one byte at a time across the whole payload and re-seal the checksum, as a
    // hand-edited or maliciously crafted file would be: every load must either work or
    // end in a clear error (exit 0, 1 or 2), never crash or hang (ASan runs this in CI).
    const auto dir = scratch_dir("snapshot_resealed");
    const auto good = slurp(pack_sample(dir));
    constexpr std::size_t header = 40;
    std::size_t failed_cleanly = 0;
    for (std::size_t pos = header; pos < good.size(); pos += 61) {
        std::string bytes = good;
        bytes[pos] = static_cast<char>(bytes[pos] ^ 0x5a);
        const std::uint64_t sum =
            powermap::io::snapshot_checksum(std::string_view(bytes).substr(header));
        std::memcpy(bytes.data() + 24, &sum, sizeof sum); // after magic, version, mark, size
        spit(dir / "resealed.pmap", bytes);
        auto result = run_cli({"--graph", (dir / "resealed.pmap").string(), "stats"});
        INFO("flipped byte " << pos << ": " << result.err);
        CHECK(result.code <= 2);
        if (result.code == 0 && pos % 5 == 0) {
            // Loaded: the commands that read citations, types and wordings must cope too.
            for (std::vector<std::string> command :
                 {std::vector<std::string>{"path", "palantir", "ice", "--explain"},
                  std::vector<std::string>{"show", "aws"},
                  std::vector<std::string>{"export", "--to", "json"}}) {
                command.insert(command.begin(), {"--graph", (dir / "resealed.pmap").string()});
                CHECK(run_cli(command).code <= 2);
            }
        }
        if (result.code == 2) {
            CHECK(result.err.find("damaged snapshot") != std::string::npos);
            ++failed_cleanly;
        }
    }
    CHECK(failed_cleanly > 0); // some flips must hit a length, a count or an index
}

TEST_CASE("a snapshot whose texts are mapped and not copied answers as its JSON map",
          "[io][snapshot]") {
    // Megabytes of text: the load adopts the mapped pages into the text pool instead of
    // interning each string (the sample takes the other way), on two cores.
    const auto dir = scratch_dir("snapshot_mapped_texts");
    std::string json = R"({"format": "powermap/1", "title": "big",
"sources": [{"id": "doc", "title": "Doc"}],
"entities": [)";
    constexpr int entity_count = 2000;
    constexpr int tie_count = 50000;
    for (int idx = 0; idx < entity_count; ++idx) {
        json += fmt::format(R"({}{{"id": "e{}", "type": "company", "name": "Company number {}",
"aliases": ["C{}"], "props": {{"rank": {}}}}})",
                            idx == 0 ? "" : ",\n", idx, idx, idx, idx);
    }
    json += "],\n\"relations\": [";
    for (int idx = 0; idx < tie_count; ++idx) {
        json += fmt::format(
            R"({}{{"from": "e{}", "to": "e{}", "type": "partnered_with", "start": "20{:02}",
"sources": [{{"source": "doc", "quote": "tie {} is described at length in this rather long quote so that the texts pass four MiB"}}]}})",
            idx == 0 ? "" : ",\n", idx % entity_count, (idx * 7 + 1) % entity_count, idx % 25, idx);
    }
    json += "]}\n";
    const auto map = (dir / "big.json").string();
    spit(map, json);
    const auto pmap = (dir / "big.pmap").string();
    const auto packed = run_cli({"--graph", map, "pack", "-o", pmap});
    INFO(packed.err);
    REQUIRE(packed.code == 0);
    for (const std::vector<std::string>& command :
         {std::vector<std::string>{"export", "--to", "json"},
          std::vector<std::string>{"--format", "json", "path", "e1", "e1999", "--explain"},
          std::vector<std::string>{"show", "e42"}}) {
        std::vector<std::string> from_json{"--graph", map};
        std::vector<std::string> from_pmap{"--graph", pmap};
        from_json.insert(from_json.end(), command.begin(), command.end());
        from_pmap.insert(from_pmap.end(), command.begin(), command.end());
        const auto expected = run_cli(from_json);
        const auto got = run_cli(from_pmap);
        INFO("powermap " << command.front());
        CHECK(got.code == expected.code);
        CHECK(got.out == expected.out);
    }
    // Read in passes that drop the pages behind them (what files of 256 MB and more get):
    // the same map.
    {
        powermap::io::SnapshotReadOptions passes;
        passes.release_from_bytes = 0;
        const auto whole = powermap::io::read_snapshot(pmap);
        const auto released = powermap::io::read_snapshot(pmap, passes);
        CHECK(powermap::io::write_json_map(*released.graph) ==
              powermap::io::write_json_map(*whole.graph));
        CHECK(released.view.out_entities == whole.view.out_entities);
        CHECK(released.view.in_entities == whole.view.in_entities);
    }
    // The citation of tie 123 moved into the middle of its quote, checksum re-sealed: a
    // clear error. Texts are records [u32 length][bytes][NUL] from the first entity's id.
    std::string bytes = slurp(pmap);
    constexpr std::size_t header = 40;
    const auto region = bytes.find(std::string("\x02\0\0\0e0\0", 7));
    const auto quote = bytes.find("tie 123 is described");
    REQUIRE(region != std::string::npos);
    REQUIRE(quote != std::string::npos);
    std::uint64_t region_size = 0; // stored just before the texts
    std::memcpy(&region_size, bytes.data() + region - 8, 8);
    CHECK(region_size > (std::uint64_t{256} << 10)); // so the load maps them
    const auto handle = static_cast<std::uint32_t>((1u << 20) | (quote - 4 - region) / 8);
    const auto stored = bytes.find(std::string(reinterpret_cast<const char*>(&handle), 4), quote);
    REQUIRE(stored != std::string::npos);
    const std::uint32_t inside = handle + 1; // 8 bytes on: inside the 100-byte quote
    std::memcpy(bytes.data() + stored, &inside, 4);
    const std::uint64_t sum =
        powermap::io::snapshot_checksum(std::string_view(bytes).substr(header));
    std::memcpy(bytes.data() + 24, &sum, sizeof sum);
    spit(dir / "moved.pmap", bytes);
    const auto moved = run_cli({"--graph", (dir / "moved.pmap").string(), "stats"});
    CHECK(moved.code == 2);
    CHECK(moved.err.find("damaged snapshot") != std::string::npos);
}
