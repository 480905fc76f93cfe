// Inputs the fuzz harnesses once broke, kept in tests/data/hostile/fuzz/<harness>/ and
// replayed in every build through the harness's own check (fuzz/readers.cpp), as CLI11 keeps
// tests/fuzzFail/. The harnesses themselves need clang; this replay does not.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "fuzz/readers.hpp"
#include <catch2/catch.hpp>

#include "tests/support.hpp"

namespace fs = std::filesystem;
using powermap::tests::run_cli;
using powermap::tests::slurp;
using powermap::tests::source_dir;

namespace {

std::vector<fs::path> sorted_files(const fs::path& folder) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder)) {
        if (entry.is_regular_file()) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

TEST_CASE("every input a fuzzer once broke is read or refused cleanly now", "[hostile][io][fuzz]") {
    const fs::path root = source_dir() / "tests" / "data" / "hostile" / "fuzz";
    REQUIRE(fs::is_directory(root));
    std::size_t replayed = 0;
    for (const auto& folder : fs::directory_iterator(root)) {
        INFO("folder " << folder.path().string() << " (folders are named after harnesses)");
        const auto* reader = powermap::fuzz::find_reader(folder.path().filename().string());
        REQUIRE(reader != nullptr);
        for (const auto& file : sorted_files(folder.path())) {
            INFO("input " << file.string());
            const auto finding = powermap::fuzz::check_input(*reader, slurp(file));
            CHECK(finding.value_or("") == "");
            ++replayed;
        }
    }
    CHECK(replayed > 0);
}

TEST_CASE("every reader in the fuzz table has its harness, dictionary and build line",
          "[io][fuzz]") {
    const fs::path fuzz = source_dir() / "fuzz";
    const std::string cmake = slurp(fuzz / "CMakeLists.txt");
    for (const auto& reader : powermap::fuzz::readers()) {
        const std::string name(reader.name);
        INFO("reader " << name);
        CHECK(fs::is_regular_file(fuzz / (name + "_fuzzer.cpp")));
        CHECK(fs::is_regular_file(fuzz / "dict" / (name + ".dict")));
        CHECK(cmake.find("\n  " + name + "\n") != std::string::npos);
    }
}

TEST_CASE("GraphML declaring an encoding pugixml does not convert must be UTF-8",
          "[hostile][io][graphml]") {
    // Found by the graphml harness: a declaration naming an encoding other than UTF-8 skipped
    // the UTF-8 check, but pugixml converts only ISO-8859-1, UTF-16 and UTF-32; any other
    // declared encoding (windows-1252 here, or a broken declaration) passed its bytes
    // through, and import wrote a map that no command could load.
    const fs::path dir = source_dir() / "tests" / "data" / "hostile" / "fuzz" / "graphml";
    SECTION("windows-1252 declared: converted to UTF-8") {
        const std::string file = (dir / "declared-windows-1252.graphml").string();
        auto result = run_cli({"import", file, "-o", "-"});
        CHECK(result.code == 0);
        CHECK(result.out.find("\"format\": \"powermap/1\"") != std::string::npos);
    }
    SECTION("no real declaration, only the word 'encoding' before '?>'") {
        const std::string file = (dir / "encoding-word-in-prolog.graphml").string();
        auto result = run_cli({"import", file, "-o", "-"});
        CHECK(result.code == 2);
        CHECK(result.err ==
              file + ":1:43: error: the file is not UTF-8 \u2014 save it as UTF-8, or name its "
                     "encoding in the XML declaration\n");
    }
}

TEST_CASE("GraphML numbers become JSON numbers in the imported map", "[hostile][io][graphml]") {
    // Found by the graphml harness: an int key's text went into the map as it was ('02'), and
    // so did a double's in our own GraphML ('.5', '1.', '+2'); none is a JSON number, so the
    // imported map did not load ("malformed JSON: missing a comma").
    const fs::path dir = source_dir() / "tests" / "data" / "hostile" / "fuzz" / "graphml";
    const fs::path out = powermap::tests::scratch_dir("graphml-numbers");
    SECTION("an int with a leading zero, and minus zero") {
        const std::string map = (out / "ints.json").string();
        REQUIRE(
            run_cli({"import", (dir / "int-with-leading-zero.graphml").string(), "-o", map}).code ==
            0);
        CHECK(run_cli({"-g", map, "validate"}).code == 0);
        const std::string text = slurp(map);
        CHECK(text.find("\"partition\": 2\n") != std::string::npos);
        CHECK(text.find("\"partition\": 0\n") != std::string::npos);
    }
    SECTION("doubles in our own format whose text is not JSON") {
        const std::string map = (out / "doubles.json").string();
        REQUIRE(
            run_cli({"import", (dir / "own-format-number-not-json.graphml").string(), "-o", map})
                .code == 0);
        CHECK(run_cli({"-g", map, "validate"}).code == 0);
        const std::string text = slurp(map);
        CHECK(text.find("\"share\": 0.5\n") != std::string::npos);
        CHECK(text.find("\"share\": 1\n") != std::string::npos);
        CHECK(text.find("\"share\": 2\n") != std::string::npos);
    }
}

TEST_CASE("JSON numbers read as their values, zeros with exponents too", "[hostile][io][json]") {
    // Found by the json_map harness (UBSan: clz(0) in rapidjson/internal/diyfp.h). Debian
    // 12's RapidJSON 1.1.0, with kParseFullPrecisionFlag, read 0.0e100 as 6.5e296 (silently:
    // a valid amount), 0. followed by 24 zeros as -2.2e-193 and 0.184467440737095516159 as
    // -4.9e-237 (Tencent/rapidjson#1249, #1441, #2326). Numbers are now converted by
    // std::from_chars (io/detail/json_numbers.hpp); the other values pin the edges of that
    // conversion: underflow, minus zero, the 64-bit limits and just past them, the largest
    // double, a value that needs all 17 digits.
    const std::string file = (source_dir() / "tests" / "data" / "hostile" / "fuzz" / "json_map" /
                              "rapidjson-full-precision-zeros.json")
                                 .string();
    auto validate = run_cli({"-g", file, "validate"});
    INFO(validate.err);
    CHECK(validate.code == 0);
    CHECK(validate.out == file + ": 0 errors, 3 warnings\n");
    const std::string map = run_cli({"-g", file, "export"}).out;
    std::size_t zeros = 0;
    for (auto pos = map.find("\"value\": 0,"); pos != std::string::npos;
         pos = map.find("\"value\": 0,", pos + 1)) {
        ++zeros;
    }
    CHECK(zeros == 2);
    CHECK(map.find("\"value\": 0.1844674407370955,") != std::string::npos);
    for (const char* prop :
         {"\"tiny\": 0.0", "\"minus_zero\": 0", "\"max_u64\": 18446744073709551615",
          "\"min_i64\": -9223372036854775808", "\"past_u64\": 18446744073709553000.0",
          "\"max_double\": 1.7976931348623157e308", "\"third\": 0.3333333333333333"}) {
        INFO(prop);
        CHECK(map.find(prop) != std::string::npos);
    }
}

TEST_CASE("a number cell is written as a number read from JSON is, so the map round-trips",
          "[hostile][io][csv]") {
    // Found by the csv_plain harness: import kept a number cell's text ("6.00"), while the
    // same map read back from its JSON wrote 6.0, so the two writes differed.
    const fs::path out = powermap::tests::scratch_dir("number-cells");
    const std::string csv = (out / "entities.csv").string();
    powermap::tests::spit(csv, "id,type,name,prop:value_usd:number,prop:share:number\n"
                               "a,company,A,6.00,1e2\n"
                               "b,company,B,-0.50,18446744073709551616\n");
    const std::string map = (out / "map.json").string();
    REQUIRE(run_cli({"import", csv, "-o", map}).code == 0);
    const std::string text = slurp(map);
    for (const char* prop : {"\"value_usd\": 6.0\n", "\"share\": 100.0,\n", "\"value_usd\": -0.5\n",
                             "\"share\": 18446744073709553000.0,\n"}) {
        INFO(prop);
        CHECK(text.find(prop) != std::string::npos);
    }
    const std::string again = (out / "again.json").string();
    REQUIRE(run_cli({"-g", map, "export", "-o", again}).code == 0);
    CHECK(slurp(again) == text);
}

TEST_CASE("a prop no JSON number holds is an error in a map and text in an import",
          "[hostile][io][json]") {
    // Found by the json_map harness: NaN, Infinity and 1.7977e308 (read as infinity) were
    // accepted in props and written as nothing, so the exported map did not load.
    const fs::path out = powermap::tests::scratch_dir("non-finite-props");
    for (const char* value : {"NaN", "-Infinity", "1.7977931348623157e308", "[1, NaN]"}) {
        INFO(value);
        const std::string map = (out / "map.json").string();
        powermap::tests::spit(map, fmt::format("{{\"format\": \"powermap/1\", \"sources\": "
                                               "[{{\"id\": \"s\", \"title\": \"t\"}}],\n"
                                               "\"entities\": [{{\"id\": \"a\", \"type\": "
                                               "\"company\", \"name\": \"A\", \"props\": "
                                               "{{\"x\": {}}}}}], \"relations\": []}}",
                                               value));
        const auto result = run_cli({"-g", map, "validate"});
        CHECK(result.code == 1);
        CHECK(result.err.find("map.json:2:") != std::string::npos);
        CHECK(result.err.find(": error: prop 'x' holds a number that is not finite") !=
              std::string::npos);
    }
    const std::string csv = (out / "entities.csv").string();
    powermap::tests::spit(csv, "id,type,name,prop:x:number\na,company,A,1.7977931348623157e308\n");
    const std::string map = (out / "imported.json").string();
    REQUIRE(run_cli({"import", csv, "-o", map}).code == 0);
    CHECK(slurp(map).find("\"x\": \"1.7977931348623157e308\"") != std::string::npos);
    CHECK(run_cli({"-g", map, "validate"}).code == 0);
}
