// Source texts from the command line: hostile text_file values are refused with a warning at
// the field (queries still run, validate --strict fails), an exported map finds its texts
// from another folder (or carries them), and validate's hint tells nothing about a text.
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <sys/stat.h>

#include "tests/support.hpp"

namespace fs = std::filesystem;
using powermap::tests::run_cli;
using powermap::tests::slurp;
using powermap::tests::spit;

namespace {

const fs::path hostile = fs::path("tests") / "data" / "hostile" / "sources";

/// A copy of tests/data/hostile/sources/`name` in a fresh folder, for inputs that need a
/// file made at test time beside them.
fs::path copy_hostile(const std::string& name, const std::string& folder) {
    const fs::path dir = powermap::tests::scratch_dir(folder);
    fs::copy_file(powermap::tests::source_dir() / hostile / name, dir / name);
    return dir / name;
}

/// validate, validate --strict and a query on `map`: the first and the query exit 0 with
/// `message` (the one warning, at line 5 of every hostile map: the text_file field) printed
/// or noted; --strict exits 1.
void check_refused(const std::string& map, const std::string& message,
                   const std::vector<std::string>& extra = {}) {
    std::vector<std::string> validate{"-g", map};
    validate.insert(validate.end(), extra.begin(), extra.end());
    validate.emplace_back("validate");
    auto result = run_cli(validate);
    INFO(result.err);
    CHECK(result.code == 0);
    CHECK(result.err.find(map + ":5:") == 0);
    CHECK(result.err.find(": warning: " + message) != std::string::npos);
    CHECK(result.err.find("quotes of this source are left unchecked") != std::string::npos);
    CHECK(result.out == map + ": 0 errors, 1 warning\n");

    validate.emplace_back("--strict");
    CHECK(run_cli(validate).code == 1);

    std::vector<std::string> query{"-g", map};
    query.insert(query.end(), extra.begin(), extra.end());
    query.insert(query.end(), {"path", "acme", "records"});
    auto answer = run_cli(query);
    CHECK(answer.code == 0);
    CHECK(answer.out.find("Acme Cloud (acme)") == 0);
    CHECK(answer.err == "powermap: note: the map has 1 warning; see 'powermap validate'\n");
}

} // namespace

TEST_CASE("a text_file with ../ is refused, existing or not", "[cli][hostile]") {
    check_refused((hostile / "dotdot.json").string(),
                  "the text of source 'note' ('../../../../../../../../../../etc/passwd') lies "
                  "outside the map's folder 'tests/data/hostile/sources', so powermap does not "
                  "read it — if you trust the map, pass --sources-dir");
    check_refused((hostile / "dotdot-existing.json").string(),
                  "the text of source 'note' ('../../valid/tiny-source.txt') lies outside");
    // --sources-dir opens exactly the folder named, and the quote is then checked.
    auto allowed = run_cli({"-g", (hostile / "dotdot-existing.json").string(), "--sources-dir",
                            "tests/data/valid", "validate"});
    CHECK(allowed.code == 1);
    CHECK(allowed.err.find("error: quote not found verbatim in source 'note'") !=
          std::string::npos);
}

TEST_CASE("absolute text_file paths are refused: /etc/passwd, /proc, /dev/zero", "[cli][hostile]") {
    check_refused((hostile / "absolute.json").string(),
                  "source 'note' names its text by the absolute path '/etc/passwd', which "
                  "powermap does not read — write text_file relative to the map file's folder "
                  "(or to a folder given with --sources-dir)");
    check_refused((hostile / "proc-environ.json").string(),
                  "source 'note' names its text by the absolute path '/proc/self/environ'");
    check_refused((hostile / "dev-zero.json").string(),
                  "source 'note' names its text by the absolute path '/dev/zero'");
    // Even inside an allowed folder a device is never read (it would never end).
    const auto zero = copy_hostile("dev-zero.json", "sources_dev");
    std::string map = slurp(zero);
    map.replace(map.find("/dev/zero"), 9, "zero");
    spit(zero, map);
    auto device = run_cli({"-g", zero.string(), "--sources-dir", "/dev", "validate"});
    CHECK(device.code == 0);
    CHECK(device.err.find("warning: the text of source 'note' ('zero') is a character device, "
                          "not a regular file") != std::string::npos);
}

TEST_CASE("a FIFO as text_file is refused without blocking", "[cli][hostile]") {
    const auto map = copy_hostile("fifo.json", "sources_fifo");
    REQUIRE(::mkfifo((map.parent_path() / "fifo").c_str(), 0600) == 0);
    check_refused(map.string(),
                  "the text of source 'note' ('fifo') is a FIFO (named pipe), not a regular file "
                  "— point text_file at a plain text file");
}

TEST_CASE("a symlink out of the map's folder is refused", "[cli][hostile]") {
    const auto map = copy_hostile("symlink.json", "sources_symlink");
    fs::create_symlink("/etc/passwd", map.parent_path() / "escape.txt");
    check_refused(map.string(), "the text of source 'note' ('escape.txt') lies outside");
}

TEST_CASE("a source text over the cap is refused", "[cli][hostile]") {
    const auto map = copy_hostile("too-large.json", "sources_large");
    spit(map.parent_path() / "big.txt", "");
    fs::resize_file(map.parent_path() / "big.txt", (std::uintmax_t{64} << 20) + 1); // sparse
    check_refused(map.string(), "the text of source 'note' ('big.txt') is larger than 64 MiB, "
                                "the limit for source texts");
}

TEST_CASE("sources.csv and GraphML text_file are confined too", "[cli][hostile]") {
    const std::string csv = (hostile / "csv" / "sources.csv").string();
    auto table =
        run_cli({"-g", csv, "-g", (hostile / "csv" / "entities.csv").string(), "validate"});
    CHECK(table.code == 0);
    CHECK(table.err.find(csv + ":2:13: warning: the text of source 'note' "
                               "('../../../../../../../../../../etc/passwd') lies outside") == 0);
    const std::string graphml = (hostile / "absolute.graphml").string();
    auto xml = run_cli({"-g", graphml, "validate"});
    CHECK(xml.code == 0);
    CHECK(xml.err.find(graphml +
                       ":12:5: warning: source 'note' names its text by the absolute path "
                       "'/etc/passwd'") == 0);
    CHECK(run_cli({"-g", graphml, "validate", "--strict"}).code == 1);
}

TEST_CASE("the option --sources-dir must name a folder", "[cli][hostile]") {
    auto result = run_cli({"--sources-dir", "no/such/folder", "validate"});
    CHECK(result.code == 2);
    CHECK(result.err == "powermap: error: --sources-dir: 'no/such/folder' is not a folder \u2014 "
                        "see 'powermap validate --help'\n");
}

TEST_CASE("pack stores only confined texts", "[cli][hostile]") {
    const fs::path dir = powermap::tests::scratch_dir("sources_pack");
    const std::string pmap = (dir / "dotdot.pmap").string();
    auto packed = run_cli({"pack", (hostile / "dotdot.json").string(), "-o", pmap});
    REQUIRE(packed.code == 0);
    CHECK(slurp(pmap).find("root:x:0:0:root") == std::string::npos);
    // The snapshot holds no text for the refused source, so nothing checks its quote.
    auto stats = run_cli({"-g", pmap, "validate"});
    CHECK(stats.code == 0);
    CHECK(stats.out.find("0 of 1 relations (0%) quote their source verbatim") != std::string::npos);
}

// The oracle attack on validate's hint. A text the map's author cannot read (here beside
// the map, as a --sources-dir or a careless folder would give it) is guessed one character
// at a time: the quote is the known start, one guessed character, and a tail that is not
// in the text, so every guess fails. The old hint ("its first 20 characters match ...")
// grew by one for the right guess; now every guess must print exactly the same bytes.
// (Whether a *whole* quote occurs is the verdict itself, inherent to checking quotes; that
// is why the texts a map may reach are confined, see the tests above.)
TEST_CASE("validate's hint is no oracle on the source text", "[cli][hostile]") {
    const fs::path dir = powermap::tests::scratch_dir("sources_oracle");
    spit(dir / "secret.txt", "the password is hunter2\n");
    const std::string map = (dir / "map.json").string();
    const std::string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    REQUIRE(alphabet.find('t') != std::string::npos); // the right guess is among them
    for (const std::string format : {"text", "json"}) {
        std::vector<powermap::tests::CliResult> seen;
        for (char guess : alphabet) {
            spit(map, "{\"format\": \"powermap/1\", \"sources\": [{\"id\": \"s\", \"text_file\": "
                      "\"secret.txt\"}], \"entities\": [{\"id\": \"a\", \"type\": \"company\", "
                      "\"name\": \"A\"}, {\"id\": \"b\", \"type\": \"agency\", \"name\": \"B\"}], "
                      "\"relations\": [{\"from\": \"a\", \"to\": \"b\", \"type\": \"sells_to\", "
                      "\"sources\": [{\"source\": \"s\", \"quote\": \"the password is hun" +
                          std::string(1, guess) + "~\"}]}]}\n");
            seen.push_back(run_cli({"-g", map, "--format", format, "validate"}));
        }
        for (std::size_t idx = 0; idx < seen.size(); ++idx) {
            INFO(format << " guess '" << alphabet[idx] << "'");
            CHECK(seen[idx].code == 1);
            CHECK(seen[idx].out == seen.front().out);
            CHECK(seen[idx].err == seen.front().err);
            CHECK(seen[idx].err.find("hunter") == std::string::npos);
            CHECK(seen[idx].out.find("hunter") == std::string::npos);
        }
        const auto& any = format == "text" ? seen.front().err : seen.front().out;
        CHECK(any.find("quote not found verbatim in source 's'") != std::string::npos);
    }
}

TEST_CASE("an exported map finds its texts from another folder", "[cli]") {
    const fs::path dir = powermap::tests::scratch_dir("sources_travel");
    fs::create_directories(dir / "a");
    const fs::path valid = powermap::tests::source_dir() / "tests" / "data" / "valid";
    fs::copy_file(valid / "tiny.json", dir / "a" / "tiny.json");
    fs::copy_file(valid / "tiny-source.txt", dir / "a" / "tiny-source.txt");
    const std::string input = (dir / "a" / "tiny.json").string();
    const std::string clean = "2 of 2 relations (100%) quote their source verbatim; no problems";

    SECTION("into a parent folder: the path is rewritten and stays inside") {
        const std::string out = (dir / "tiny.json").string();
        auto exported = run_cli({"-g", input, "export", "-o", out});
        REQUIRE(exported.code == 0);
        CHECK(exported.err == "wrote " + out + " (3 entities, 2 relations)\n");
        CHECK(slurp(out).find("\"text_file\": \"a/tiny-source.txt\"") != std::string::npos);
        CHECK(run_cli({"-g", out, "validate"}).out.find(clean) != std::string::npos);
    }
    SECTION("into a sibling folder: queries run, --sources-dir finds the text") {
        const std::string out = (dir / "b" / "tiny.json").string();
        fs::create_directories(dir / "b");
        auto exported = run_cli({"-g", input, "export", "-o", out});
        REQUIRE(exported.code == 0);
        CHECK(exported.err.find("powermap: note: 1 source text is not inside the output's folder "
                                "('note' is at '../a/tiny-source.txt') — add --embed-sources to "
                                "carry the texts in the map, or load it with --sources-dir\n") !=
              std::string::npos);
        CHECK(slurp(out).find("\"text_file\": \"../a/tiny-source.txt\"") != std::string::npos);
        auto query = run_cli({"-g", out, "path", "acme", "agency"});
        CHECK(query.code == 0);
        CHECK(query.out.find("Acme Cloud (acme)") == 0);
        auto checked = run_cli({"-g", out, "--sources-dir", (dir / "a").string(), "validate"});
        CHECK(checked.code == 0);
        CHECK(checked.out.find(clean) != std::string::npos);
    }
    SECTION("with --embed-sources the map needs no file: json, graphml and csv") {
        const std::string json = (dir / "b" / "tiny.json").string();
        const std::string graphml = (dir / "b" / "tiny.graphml").string();
        fs::create_directories(dir / "b");
        REQUIRE(run_cli({"-g", input, "export", "--embed-sources", "-o", json}).code == 0);
        REQUIRE(
            run_cli({"-g", input, "export", "--to", "graphml", "--embed-sources", "-o", graphml})
                .code == 0);
        REQUIRE(run_cli({"-g", input, "export", "--to", "csv", "--embed-sources", "-o",
                         (dir / "c").string() + "/"})
                    .code == 0);
        fs::remove_all(dir / "a"); // the texts are gone from the disk
        CHECK(slurp(json).find("\"text\": \"Acme hosts the records system, which the agency "
                               "uses.\\n\"") != std::string::npos);
        CHECK(run_cli({"-g", json, "validate"}).out.find(clean) != std::string::npos);
        CHECK(run_cli({"-g", graphml, "validate"}).out.find(clean) != std::string::npos);
        auto tables = run_cli({"-g", (dir / "c" / "sources.csv").string(), "-g",
                               (dir / "c" / "entities.csv").string(), "-g",
                               (dir / "c" / "relations.csv").string(), "validate"});
        CHECK(tables.out.find(clean) != std::string::npos);
        // The map's own texts are kept by a plain export, byte for byte.
        const std::string again = (dir / "b" / "again.json").string(); // same folder: same paths
        REQUIRE(run_cli({"-g", json, "export", "-o", again}).code == 0);
        CHECK(slurp(again).find("\"text\": \"Acme hosts") != std::string::npos);
        CHECK(run_cli({"-g", again, "export"}).out == run_cli({"-g", json, "export"}).out);
    }
    SECTION("import writes the paths for its output's folder too") {
        fs::create_directories(dir / "b");
        const std::string out = (dir / "b" / "imported.json").string();
        REQUIRE(run_cli({"import", input, "-o", out}).code == 0);
        CHECK(slurp(out).find("\"text_file\": \"../a/tiny-source.txt\"") != std::string::npos);
        CHECK(run_cli({"-g", out, "--sources-dir", (dir / "a").string(), "validate"})
                  .out.find(clean) != std::string::npos);
    }
    SECTION("a snapshot packed elsewhere exports paths that still point at the text") {
        fs::create_directories(dir / "p");
        const std::string pmap = (dir / "p" / "tiny.pmap").string();
        REQUIRE(run_cli({"pack", input, "-o", pmap}).code == 0);
        const std::string out = (dir / "tiny.json").string();
        REQUIRE(run_cli({"-g", pmap, "export", "-o", out}).code == 0);
        CHECK(slurp(out).find("\"text_file\": \"a/tiny-source.txt\"") != std::string::npos);
        CHECK(run_cli({"-g", out, "validate"}).out.find(clean) != std::string::npos);
    }
    SECTION("the sample's text is built in: the export says how to carry it") {
        const std::string out = (dir / "sample.json").string();
        auto exported = run_cli({"export", "-o", out});
        CHECK(exported.err.find("('article' is built into powermap) — add --embed-sources") !=
              std::string::npos);
        auto query = run_cli({"-g", out, "stats"});
        CHECK(query.code == 0);
        REQUIRE(run_cli({"export", "--embed-sources", "-o", out}).code == 0);
        CHECK(run_cli({"-g", out, "validate"}).out.find("80 of 80 relations (100%)") !=
              std::string::npos);
    }
    SECTION("--embed-sources is refused by formats without the sources list") {
        auto result = run_cli({"-g", input, "export", "--to", "gexf", "--embed-sources"});
        CHECK(result.code == 2);
        CHECK(result.err == "powermap: error: '--to gexf' does not carry source texts \u2014 "
                            "--embed-sources works with --to json, graphml and csv\n");
    }
}
