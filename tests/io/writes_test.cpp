// Writes that never lie (issue 10): Cypher that stays data, the spreadsheet guard on query
// CSV, stdout errors, kept file modes, temp files removed on signals, and file sets that
// are swapped in whole. The kill and disk-full runs of the real binary are in
// tests/reference/check_kill_writes.sh; Kùzu loading the Cypher is check_neo4j_kuzu.sh.
#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/app.hpp"
#include "cli/output/stdout_stream.hpp"
#include "io/formats/neo4j_writer.hpp"
#include "tests/support.hpp"

using powermap::tests::run_cli;
using powermap::tests::scratch_dir;
using powermap::tests::slurp;
using powermap::tests::source_dir;

namespace {
bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}
const std::filesystem::path hostile = source_dir() / "tests" / "data" / "hostile" / "writes";
} // namespace

// The map's title carries "\nMATCH (n) DETACH DELETE n;\n", its language codes and prop keys
// carry backticks and line breaks, a custom type carries a quote, a backslash and a
// newline: every place where text from the map reaches load.cypher.
TEST_CASE("neo4j export quotes every name and string from the map", "[io][neo4j][hostile]") {
    const auto dir = scratch_dir("neo4j_injection");
    const auto result = run_cli({"--graph", (hostile / "neo4j-injection.json").string(), "export",
                                 "--to", "neo4j", "-o", (dir / "out/").string()});
    REQUIRE(result.code == 0);
    const std::string cypher = slurp(dir / "out" / "load.cypher");
    // The title stays inside its comment: line breaks (CR, LF) become spaces.
    CHECK(cypher.rfind("// Payloadsx MATCH (n) DETACH DELETE n; // y  CREATE (:Pwned {by: "
                       "'crlf'});  : load nodes.csv",
                       0) == 0);
    // No statement starts with a payload: outside quoted names, each line is ours.
    CHECK(!contains(cypher, "\nMATCH (n) DETACH DELETE n;\n"));
    // Names in backticks, a backtick doubled; the column name is the CSV header's.
    CHECK(contains(cypher, "e.`prop_k`` = 1 MATCH (n) DETACH DELETE n //` = "
                           "row.`prop_k`` = 1 MATCH (n) DETACH DELETE n //`"));
    CHECK(contains(cypher, "e.`name_x``) MATCH (n) DETACH DELETE n; //` = "));
    CHECK(contains(cypher, "e.`prop_b``` = toBoolean(row.`prop_b``:boolean`)"));
    // A type with a quote and a backslash is one string literal.
    CHECK(contains(cypher, "WITH row WHERE row.`type` = 't\\'\\\\`x\nMATCH (n) DETACH DELETE n;'\n"
                           "MERGE (e:`TXMATCHNDETACHDELETEN`:`Organization`:`Entity` "));
    // `end` is a keyword in some Cypher dialects (Kùzu): property names are always quoted.
    CHECK(contains(cypher, "r.`end` = row.`end`"));
}

TEST_CASE("neo4j labels and relationship types are plain names", "[io][neo4j]") {
    CHECK(powermap::io::neo4j_label("holds contract`) x") == "HoldsContractX");
    CHECK(powermap::io::neo4j_relationship_type("r`\n;") == "R___");
}

// Names a spreadsheet would run as formulas (=, +, -, @), and one that is a plain negative
// number: the query commands print CSV through export's writer, guard included.
TEST_CASE("query CSV output has export's spreadsheet formula guard", "[cli][csv][hostile]") {
    const std::string map = (hostile / "formula-names.json").string();
    const auto centrality = run_cli({"--graph", map, "centrality", "--format", "csv"});
    REQUIRE(centrality.code == 0);
    CHECK(contains(centrality.out, "\r\n2,dde,company,'=cmd|' /C calc'!A0,1\r\n"));
    CHECK(contains(centrality.out, "\r\n2,minus,company,'-2+3,1\r\n"));
    CHECK(contains(centrality.out, "\r\n4,at,company,'@SUM(A1:A9),0\r\n"));
    CHECK(contains(centrality.out, "\r\n4,plus,company,'+1+1,0\r\n"));
    // A number stays a number, sign and all.
    CHECK(contains(centrality.out, "\r\n4,negative,company,-12.5,0\r\n"));
    const auto neighbors = run_cli({"--graph", map, "neighbors", "payer", "--format", "csv"});
    REQUIRE(neighbors.code == 0);
    CHECK(contains(neighbors.out, "1,dde,company,'=cmd|' /C calc'!A0,payer funds [$5]\r\n"));
    // The text table is for people and stays as it is.
    const auto text = run_cli({"--graph", map, "centrality"});
    CHECK(contains(text.out, " =cmd|' /C calc'!A0 "));
}

TEST_CASE("a negative number prop is exported unguarded and imported as a number",
          "[io][csv][hostile]") {
    const auto dir = scratch_dir("csv_negative");
    const std::string map = (hostile / "formula-names.json").string();
    REQUIRE(
        run_cli({"--graph", map, "export", "--to", "csv", "-o", (dir / "out/").string()}).code ==
        0);
    const std::string entities = slurp(dir / "out" / "entities.csv");
    CHECK(contains(entities, "\r\nnegative,company,-12.5,,,-7\r\n"));
    CHECK(contains(entities, "\r\nminus,company,'-2+3,,,\r\n"));
    const auto out = dir / "out";
    REQUIRE(run_cli({"import", (out / "map-header.json").string(), (out / "sources.csv").string(),
                     (out / "entities.csv").string(), (out / "relations.csv").string(), "-o",
                     (dir / "back.json").string()})
                .code == 0);
    const std::string back = slurp(dir / "back.json");
    CHECK(contains(back, "\"balance\": -7"));
    CHECK(contains(back, "\"name\": \"-2+3\""));
}

namespace {
/// Runs the CLI with standard output on /dev/full, as `powermap ARGS > /dev/full` does.
powermap::tests::CliResult run_to_dev_full(const std::vector<std::string>& args) {
    const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    powermap::tests::CliResult result;
    {
        powermap::cli::FdStreamBuf buffer(fd);
        std::ostream out(&buffer);
        std::ostringstream err;
        result.code = powermap::cli::run(args, out, err);
        result.err = err.str();
    }
    ::close(fd);
    return result;
}

/// A stream that refuses every byte, like a reader that has gone.
struct RefusingBuffer : std::streambuf {
    int_type overflow(int_type) override { return traits_type::eof(); }
};
} // namespace

// `export -o - > /dev/full` used to exit 0: stdout errors were never looked at.
TEST_CASE("a command whose output cannot be written fails with exit 2", "[cli][stdout][hostile]") {
    const std::string message = "powermap: error: cannot write to standard output: No space "
                                "left on device \u2014 check the free space, or where the output "
                                "is redirected\n";
    SECTION("a small table, written at the end") {
        const auto result = run_to_dev_full({"stats"});
        CHECK(result.code == 2);
        CHECK(result.err == message);
    }
    SECTION("a map larger than the buffer, written at once") {
        const auto result = run_to_dev_full({"export", "-o", "-"});
        CHECK(result.code == 2);
        CHECK(result.err == message);
    }
    SECTION("import to standard output") {
        const auto result = run_to_dev_full(
            {"import", (source_dir() / "samples" / "example.graphml").string(), "-o", "-"});
        CHECK(result.code == 2);
        CHECK(result.err == message);
    }
    SECTION("help") {
        CHECK(run_to_dev_full({"--help"}).code == 2);
    }
    SECTION("a stream that does not say why") {
        RefusingBuffer refusing;
        std::ostream out(&refusing);
        std::ostringstream err;
        CHECK(powermap::cli::run({"find", "palantir"}, out, err) == 2);
        CHECK(err.str() == "powermap: error: cannot write to standard output \u2014 check the "
                           "free space, or where the output is redirected\n");
    }
    SECTION("an error already reported keeps its own message") {
        const auto result = run_to_dev_full({"find"});
        CHECK(result.code == 2);
        CHECK(!contains(result.err, "standard output"));
    }
}
