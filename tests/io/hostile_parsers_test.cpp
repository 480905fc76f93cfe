// Hostile input to the readers' parsing core and the input limits (issue 10): nesting
// deeper than the stack, byte order marks, repeated keys, amounts no double holds, gzip
// bombs, endless lines, too many records, and inputs that are not regular files. Each
// reproducer is a file in tests/data/hostile/parsers/ or, when big, made here; each must end
// in exit code 1 or 2 with its message, never a signal.
#include <algorithm>
#include <filesystem>
#include <string>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <sys/stat.h>
#include <zlib.h>

#include "tests/support.hpp"

using powermap::tests::run_cli;
using powermap::tests::scratch_dir;
using powermap::tests::slurp;
using powermap::tests::spit;

namespace {

const std::string data = "tests/data/hostile/parsers/";

std::string nested(std::size_t levels) {
    return std::string(levels, '[') + std::string(levels, ']');
}

/// A powermap/1 map whose one entity holds `levels` nested lists in a prop; the lists start
/// at column 86 with level 5 (root, entities, entity and props are levels 1 to 4).
std::string deep_map(std::size_t levels) {
    return R"({"format":"powermap/1","entities":[{"id":"a","type":"person","name":"A","props":{"x":)" +
           nested(levels) + "}}]}\n";
}

void write_gzip(const std::filesystem::path& path, const std::string& text, std::size_t repeat) {
    gzFile file = gzopen(path.c_str(), "wb9");
    REQUIRE(file != nullptr);
    for (std::size_t idx = 0; idx < repeat; ++idx) {
        REQUIRE(gzwrite(file, text.data(), static_cast<unsigned>(text.size())) ==
                static_cast<int>(text.size()));
    }
    REQUIRE(gzclose(file) == Z_OK);
}

std::string depth_error(const std::string& where) {
    return where + ": error: JSON nested more than 1000 levels deep, the depth limit — if the file "
                   "is genuine, raise the limit with --max-depth (at most 10000)\n";
}

} // namespace

TEST_CASE("a map nested 50,000 levels deep stops at the depth limit, streamed or unpacked",
          "[hostile][io]") {
    // The release binary crashed here: RapidJSON's recursive parse overflowed the stack.
    const auto dir = scratch_dir("deep-map");
    const std::string map = deep_map(50'000);
    spit(dir / "deep.json", map);
    auto result = run_cli({"validate", "-g", (dir / "deep.json").string()});
    CHECK(result.code == 2);
    CHECK(result.err == depth_error((dir / "deep.json").string() + ":1:1082")); // 86 + 996

    write_gzip(dir / "deep.json.gz", map, 1); // read whole, parsed from memory
    result = run_cli({"stats", "-g", (dir / "deep.json.gz").string()});
    CHECK(result.code == 2);
    CHECK(result.err == depth_error((dir / "deep.json.gz").string() + ":1:1082"));

    spit(dir / "list.json", nested(50'000)); // not even an object
    result = run_cli({"stats", "-g", (dir / "list.json").string()});
    CHECK(result.code == 2);
    CHECK(result.err == depth_error((dir / "list.json").string() + ":1:1001"));
}

TEST_CASE("an FtM line nested 110,000 levels deep stops at the depth limit", "[hostile][io]") {
    const auto dir = scratch_dir("deep-ftm");
    const std::string first =
        R"({"id": "p1", "schema": "Person", "properties": {"name": ["Ann"]}})";
    const std::string deep =
        R"({"id": "p2", "schema": "Person", "properties": {}, "x": )" + nested(110'000) + "}";
    spit(dir / "deep.ftm", first + "\n" + deep + "\n");
    auto result = run_cli({"import", (dir / "deep.ftm").string()});
    CHECK(result.code == 2);
    // `"x": ` ends at column 56; its lists are levels 2 and up, so level 1001 is at 57 + 999.
    CHECK(result.err == depth_error((dir / "deep.ftm").string() + ":2:1056"));

    // As the first line of a .json file it is not taken for FtM, and the map reader stops.
    spit(dir / "deep.json", deep + "\n" + first + "\n");
    result = run_cli({"import", (dir / "deep.json").string()});
    CHECK(result.code == 2);
    CHECK(result.err == depth_error((dir / "deep.json").string() + ":1:1056"));
}

TEST_CASE("a mapping file nested too deep stops at the depth limit", "[hostile][io]") {
    const auto dir = scratch_dir("deep-mapping");
    spit(dir / "deep.mapping.json",
         R"({"format": "powermap-csv-mapping/1", "x": )" + nested(60'000) + "}\n");
    const auto result = run_cli(
        {"import", data + "vendors.csv", "--mapping", (dir / "deep.mapping.json").string()});
    CHECK(result.code == 2);
    CHECK(result.err == depth_error((dir / "deep.mapping.json").string() + ":1:1042"));
}

TEST_CASE("the depth limit rises with --max-depth to 10,000 levels, which load and write back",
          "[hostile][io]") {
    // The deepest map the options allow goes through every recursive step: the parse, the
    // copy of a root member (notes), a prop written back as JSON, and the pass that places
    // a warning (the unknown field). Under ASan this shows the ceiling fits the stack.
    const auto dir = scratch_dir("ceiling");
    const std::size_t levels = 9'990;
    const std::string map = R"({"format":"powermap/1","notes":)" + nested(levels - 1) +
                            R"(,"entities":[{"id":"a","type":"person","name":"A","bogus":1,)"
                            R"("props":{"x":)" +
                            nested(levels - 4) + "}}]}\n";
    spit(dir / "deep.json", map);
    auto result = run_cli({"validate", "-g", (dir / "deep.json").string()});
    CHECK(result.code == 2);

    result = run_cli({"validate", "--max-depth", "10000", "-g", (dir / "deep.json").string()});
    CHECK(result.code == 0);
    CHECK(result.err.find("warning: unknown field 'bogus' in entity") != std::string::npos);

    result = run_cli({"export", "--max-depth", "10000", "-g", (dir / "deep.json").string(), "--to",
                      "json", "-o", (dir / "back.json").string()});
    REQUIRE(result.code == 0);
    CHECK(slurp(dir / "back.json").find(nested(levels - 4)) != std::string::npos);
    result = run_cli({"stats", "--max-depth", "10000", "-g", (dir / "back.json").string()});
    CHECK(result.code == 0);

    result = run_cli({"stats", "--max-depth", "10001"});
    CHECK(result.code == 2);
    CHECK(result.err.find("--max-depth") != std::string::npos);
    CHECK(result.err.find("10001 not in range 1 to 10000") != std::string::npos);
}

TEST_CASE("a byte order mark is skipped in JSON maps, FtM streams and mappings", "[hostile][io]") {
    // It was "invalid value" at 1:1. Columns on line 1 do not count it.
    auto result = run_cli({"validate", "-g", data + "bom.json"});
    CHECK(result.code == 0);
    CHECK(result.err == "tests/data/hostile/parsers/bom.json:1:91: warning: unknown field 'bogus' "
                        "in entity — it is ignored; put free data under \"props\"\n");

    const auto dir = scratch_dir("bom");
    write_gzip(dir / "bom.json.gz", slurp(data + "bom.json"), 1);
    result = run_cli({"validate", "-g", (dir / "bom.json.gz").string()});
    CHECK(result.code == 0);
    CHECK(result.err.find("bom.json.gz:1:91: warning: unknown field 'bogus'") != std::string::npos);

    result = run_cli({"validate", "-g", data + "bom.ftm"});
    CHECK(result.code == 0);
    CHECK(result.out.find("2 entities") != std::string::npos);

    result = run_cli({"import", data + "vendors.csv", "--mapping", data + "bom.mapping.json"});
    CHECK(result.code == 0);
    CHECK(result.out.find("\"name\": \"Acme\"") != std::string::npos);
}

TEST_CASE("a key repeated in an object is an error at both places", "[hostile][io]") {
    // The first one used to win silently; JSON tools disagree on which counts.
    const std::string expected =
        "tests/data/hostile/parsers/duplicate-keys.json:5:50: error: key 'name' appears twice in "
        "one object — keep one of them (JSON tools disagree on which one counts); the first is "
        "at tests/data/hostile/parsers/duplicate-keys.json:5:35\n"
        "tests/data/hostile/parsers/duplicate-keys.json:7:27: error: key 'x\"y' appears twice in "
        "one object — keep one of them (JSON tools disagree on which one counts); the first is "
        "at tests/data/hostile/parsers/duplicate-keys.json:7:16\n"
        "tests/data/hostile/parsers/duplicate-keys.json:9:3: error: key 'title' appears twice in "
        "one object — keep one of them (JSON tools disagree on which one counts); the first is "
        "at tests/data/hostile/parsers/duplicate-keys.json:3:3\n";
    auto result = run_cli({"validate", "-g", data + "duplicate-keys.json"});
    CHECK(result.code == 1);
    CHECK(result.err == expected);

    SECTION("the same positions when the map is read from memory") {
        const auto dir = scratch_dir("duplicate-keys");
        const auto gz = dir / "duplicate-keys.json.gz";
        write_gzip(gz, slurp(data + "duplicate-keys.json"), 1);
        result = run_cli({"validate", "-g", gz.string()});
        CHECK(result.code == 1);
        std::string in_gz = expected;
        for (std::size_t at = 0;
             (at = in_gz.find(data + "duplicate-keys.json", at)) != std::string::npos;) {
            in_gz.replace(at, data.size() + 19, gz.string());
            at += gz.string().size();
        }
        CHECK(result.err == in_gz);
    }
    SECTION("in an FtM line") {
        result = run_cli({"validate", "-g", data + "duplicate-keys.ftm"});
        CHECK(result.code == 1);
        CHECK(result.err.find("duplicate-keys.ftm:2:34: error: key 'schema' appears twice in one "
                              "object — keep one of them (JSON tools disagree on which one "
                              "counts); the first is at tests/data/hostile/parsers/"
                              "duplicate-keys.ftm:2:14\n") != std::string::npos);
    }
    SECTION("in a mapping") {
        result = run_cli(
            {"import", data + "vendors.csv", "--mapping", data + "duplicate-keys.mapping.json"});
        CHECK(result.code == 2);
        CHECK(result.err == "tests/data/hostile/parsers/duplicate-keys.mapping.json:3:71: error: "
                            "key 'type' appears twice in one object — keep one of them (JSON tools "
                            "disagree on which one counts); the first is at tests/data/hostile/"
                            "parsers/duplicate-keys.mapping.json:3:27\n");
    }
}

TEST_CASE("amounts no finite number holds are refused where they are written", "[hostile][io]") {
    auto result = run_cli({"validate", "-g", data + "infinite-amount.json"});
    CHECK(result.code == 1);
    CHECK(result.err.find("infinite-amount.json:6:37: error: amount 'Infinity' is not a finite "
                          "number — amounts are plain numbers below 1.8e308, e.g. 6800000000\n") !=
          std::string::npos);

    result = run_cli({"validate", "-g", data + "number-too-big.json"});
    CHECK(result.code == 2);
    CHECK(result.err == "tests/data/hostile/parsers/number-too-big.json:6:37: error: malformed "
                        "JSON: number too big to be stored in double — a number must be below "
                        "1.8e308, the largest a double holds\n");

    result = run_cli({"validate", "-g", data + "infinite-amount.ftm"});
    CHECK(result.code == 1);
    CHECK(result.err.find("infinite-amount.ftm:3:103: error: amount '1e400' is not a finite "
                          "number") != std::string::npos);

    result = run_cli(
        {"import", data + "amount-too-big.csv", "--mapping", data + "amount-too-big.mapping.json"});
    CHECK(result.code == 1);
    CHECK(result.err.find("amount-too-big.csv:2:6: error: amount '1e400' is not a finite "
                          "number") != std::string::npos);

    SECTION("in GraphML") {
        const auto dir = scratch_dir("graphml-amount");
        REQUIRE(run_cli({"export", "-g", data + "huge-amounts.json", "--to", "graphml", "-o",
                         (dir / "map.graphml").string()})
                    .code == 0);
        std::string graphml = slurp(dir / "map.graphml");
        const auto at = graphml.find(">1.7e+308<");
        REQUIRE(at != std::string::npos);
        graphml.replace(at, 10, ">1e999<");
        spit(dir / "map.graphml", graphml);
        result = run_cli({"validate", "-g", (dir / "map.graphml").string()});
        CHECK(result.code == 1);
        CHECK(result.err.find("error: amount '1e999' is not a finite number") != std::string::npos);
    }
}

TEST_CASE("sums of money past the largest double are reported, never printed as inf",
          "[hostile][cli]") {
    // Two amounts of 1.7e308 are each finite; their sum is not (it printed as $infT).
    const std::string map = data + "huge-amounts.json";
    const std::string overflow_end =
        " is too large to add up (beyond 1.8e308) — an amount is probably mistyped; 'powermap "
        "totals --explain' lists them all\n";
    auto result = run_cli({"totals", "-g", map});
    CHECK(result.code == 1);
    CHECK(result.out.find("inf") == std::string::npos);
    CHECK(result.out.find("vendor    acme  USD       overflow USD  2") != std::string::npos);
    CHECK(result.err == "powermap: error: the USD total" + overflow_end +
                            "powermap: error: the USD total of vendor 'acme'" + overflow_end +
                            "powermap: error: the USD total of agency 'ice'" + overflow_end);

    result = run_cli({"totals", "-g", map, "--by", "vendor", "--format", "csv"});
    CHECK(result.code == 1);
    CHECK(result.out == "by,who,currency,total,amounts,shared,members\r\nvendor,acme,USD,,2,,\r\n");

    result = run_cli({"totals", "-g", map, "--by", "vendor", "--format", "json"});
    CHECK(result.code == 1);
    CHECK(result.out.find("\"value\": null,\n      \"overflow\": true") != std::string::npos);
    CHECK(result.err.find("\"message\": \"the USD total of vendor 'acme' is too large to add up") !=
          std::string::npos);

    result = run_cli({"impact", "acme", "-g", map});
    CHECK(result.code == 1);
    CHECK(result.out.find("agency  ice  ICE   overflow USD") != std::string::npos);
    CHECK(result.out.find("$1.7e+308") != std::string::npos);
    CHECK(result.err ==
          "powermap: error: the USD total of money on the way to 'ice'" + overflow_end);
}

TEST_CASE("a gzip bomb stops at the input-size limit", "[hostile][io]") {
    // 4.2 MB of .csv.gz unpacked to 4 GiB in memory. 200 MiB of one repeated line packs
    // into well under 1 MiB, so the limit is the 64 MiB floor or 100 times the packed size.
    const auto dir = scratch_dir("gzip-bomb");
    const auto bomb = dir / "bomb.csv.gz";
    const std::string row = "id,type,name\n" + std::string(1 << 20, ',') + "\n";
    write_gzip(bomb, row, 200);
    const auto packed = std::filesystem::file_size(bomb);
    REQUIRE(packed * 100 < (std::uintmax_t{64} << 20));
    auto result = run_cli({"import", bomb.string()});
    CHECK(result.code == 2);
    CHECK(result.err ==
          bomb.string() +
              fmt::format(": error: the file unpacks to more than 64 MiB, the input-size limit "
                          "for it (by default 100 times its compressed size of {:.1f} KiB, at "
                          "least 64 MiB and at most 4 GiB) — if the file is genuine, raise the "
                          "limit with --max-input-size, e.g. --max-input-size 128M\n",
                          static_cast<double>(packed) / 1024));

    result = run_cli({"--max-input-size", "1M", "stats", "-g", bomb.string()});
    CHECK(result.code == 2);
    CHECK(result.err == bomb.string() +
                            ": error: the file unpacks to more than 1 MiB, the input-size limit "
                            "for it (set with --max-input-size) — if the file is genuine, raise "
                            "the limit with --max-input-size, e.g. --max-input-size 2M\n");

    SECTION("a genuine .gz within the limit still loads") {
        write_gzip(dir / "map.json.gz", slurp(data + "bom.json"), 1);
        CHECK(run_cli({"--max-input-size", "1K", "stats", "-g", (dir / "map.json.gz").string()})
                  .code == 0);
    }
    SECTION("a plain file over the limit is refused before it is read") {
        result = run_cli({"--max-input-size", "100", "stats", "-g", data + "bom.ftm"});
        CHECK(result.code == 2);
        CHECK(result.err ==
              "tests/data/hostile/parsers/bom.ftm: error: the file is 134 bytes, more than the "
              "input-size limit of 100 bytes (set with --max-input-size) — if the file is "
              "genuine, raise the limit with --max-input-size, e.g. --max-input-size 1M\n");
    }
    SECTION("sizes take binary units") {
        result = run_cli({"--max-input-size", "2X", "stats"});
        CHECK(result.code == 2);
        CHECK(result.err.find("--max-input-size: x unit not recognized") != std::string::npos);
        CHECK(run_cli({"--max-input-size", "2G", "stats"}).code == 0);
    }
}

TEST_CASE("a line past the line-length limit stops CSV and FtM readers", "[hostile][io]") {
    // A 2 GiB single line took about 8 GB. 65 MiB is just over the default 64 MiB.
    const auto dir = scratch_dir("long-line");
    const auto csv = dir / "entities.csv";
    spit(csv, "id,type,name\na,person," + std::string((std::size_t{65} << 20), 'x') + "\n");
    auto result = run_cli({"import", csv.string()});
    CHECK(result.code == 2);
    CHECK(result.err == csv.string() +
                            ":2:67108865: error: line 2 is 65.0 MiB long, more than the "
                            "line-length limit of 64 MiB — if the file is genuine, raise the "
                            "limit with --max-line-length, e.g. --max-line-length 66M\n");
    spit(dir / "short.csv", "id,type,name\na,person," + std::string(3000, 'x') + "\n");
    CHECK(run_cli({"--max-line-length", "4K", "import", (dir / "short.csv").string()}).code == 0);

    const auto ftm = dir / "long.ftm";
    spit(ftm, slurp(data + "bom.ftm") +
                  R"({"id": "p3", "schema": "Person", "properties": {"name": [")" +
                  std::string(3000, 'y') + "\"]}}\n");
    result = run_cli({"--max-line-length", "2K", "validate", "-g", ftm.string()});
    CHECK(result.code == 2);
    CHECK(result.err == ftm.string() +
                            ":3:2049: error: line 3 is 3.0 KiB long, more than the line-length "
                            "limit of 2 KiB — if the file is genuine, raise the limit with "
                            "--max-line-length, e.g. --max-line-length 1M\n");
}

TEST_CASE("more records than the record limit stop every line of readers", "[hostile][io]") {
    const std::string expected_end =
        ": error: more than 2 records in one file, the record limit — if the file is genuine, "
        "raise the limit with --max-records\n";
    const auto dir = scratch_dir("records");
    spit(dir / "three.json", "{\"format\": \"powermap/1\", \"entities\": [\n"
                             "  {\"id\": \"a\", \"type\": \"person\", \"name\": \"A\"},\n"
                             "  {\"id\": \"b\", \"type\": \"person\", \"name\": \"B\"},\n"
                             "  {\"id\": \"c\", \"type\": \"person\", \"name\": \"C\"}]}\n");
    auto result = run_cli({"--max-records", "2", "stats", "-g", (dir / "three.json").string()});
    CHECK(result.code == 2);
    CHECK(result.err == (dir / "three.json").string() + ":4:3" + expected_end);
    CHECK(run_cli({"--max-records", "3", "stats", "-g", (dir / "three.json").string()}).code == 0);

    write_gzip(dir / "three.json.gz", slurp(dir / "three.json"), 1);
    result = run_cli({"--max-records", "2", "stats", "-g", (dir / "three.json.gz").string()});
    CHECK(result.code == 2);
    CHECK(result.err == (dir / "three.json.gz").string() + ":4:3" + expected_end);

    spit(dir / "three.ftm", slurp(data + "bom.ftm").substr(3) +
                                R"({"id": "p3", "schema": "Person", "properties": {}})" + "\n");
    result = run_cli({"--max-records", "2", "stats", "-g", (dir / "three.ftm").string()});
    CHECK(result.code == 2);
    CHECK(result.err == (dir / "three.ftm").string() + ":3:1" + expected_end);

    spit(dir / "entities.csv", "id,type,name\na,person,A\nb,person,B\nc,person,C\n");
    result = run_cli({"--max-records", "2", "import", (dir / "entities.csv").string()});
    CHECK(result.code == 2);
    CHECK(result.err == (dir / "entities.csv").string() + ":4:1" + expected_end);
}

TEST_CASE("inputs that are not regular files are refused before they are opened", "[hostile][io]") {
    // -g /dev/zero grew memory without bound; a FIFO would block forever.
    const std::string hint =
        " — powermap reads input from regular files only, since a stream may never end and "
        "cannot be read twice; save it to a file first\n";
    auto result = run_cli({"stats", "-g", "/dev/zero"});
    CHECK(result.code == 2);
    CHECK(result.err == "/dev/zero: error: is a character device, not a regular file" + hint);

    const auto dir = scratch_dir("not-regular");
    const auto fifo = dir / "map.json";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    result = run_cli({"import", fifo.string()});
    CHECK(result.code == 2);
    CHECK(result.err ==
          fifo.string() + ": error: is a FIFO (named pipe), not a regular file" + hint);

    std::filesystem::create_symlink("/dev/zero", dir / "zero.pmap");
    result = run_cli({"stats", "-g", (dir / "zero.pmap").string()});
    CHECK(result.code == 2);
    CHECK(result.err == (dir / "zero.pmap").string() +
                            ": error: is a character device, not a regular file" + hint);

    result = run_cli({"import", data + "vendors.csv", "--mapping", "/dev/zero"});
    CHECK(result.code == 2);
    CHECK(result.err == "/dev/zero: error: is a character device, not a regular file" + hint);

    result = run_cli({"stats", "-g", dir.string()});
    CHECK(result.code == 2);
    CHECK(result.err == dir.string() + ": error: is a directory, not a file\n");
}
