// Imports of real data (freezer.csv, FollowTheMoney streams, igraph's and Gephi's GraphML
// files) checked against independent counts, and round trips through every format.
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <catch2/catch.hpp>

#include "tests/support.hpp"

using powermap::tests::python_has;
using powermap::tests::run_cli;
using powermap::tests::run_python;
using powermap::tests::scratch_dir;
using powermap::tests::shared_data_dir;
using powermap::tests::slurp;
using powermap::tests::source_dir;
using powermap::tests::spit;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string freezer_csv() {
    return (shared_data_dir() / "torn-apart-ice-awards" / "freezer.csv").string();
}

/// Imports freezer.csv once per test run with the shipped mapping.
std::string freezer_map() {
    static const std::string path = [] {
        const auto dir = scratch_dir("freezer");
        const std::string out = (dir / "freezer.json").string();
        auto result =
            run_cli({"import", freezer_csv(), "--mapping",
                     (source_dir() / "samples" / "freezer.mapping.json").string(), "-o", out});
        REQUIRE(result.code == 0);
        return out;
    }();
    return path;
}

} // namespace

TEST_CASE("freezer.csv imports with the shipped mapping and validates", "[io][csv][data]") {
    POWERMAP_SKIP_UNLESS_SHARED_DATA();
    const auto dir = scratch_dir("freezer-summary");
    auto result = run_cli({"import", freezer_csv(), "--mapping",
                           (source_dir() / "samples" / "freezer.mapping.json").string(), "-o",
                           (dir / "m.json").string()});
    INFO(result.err);
    REQUIRE(result.code == 0);
    CHECK(result.err.empty());
    // 2,203 awards, one row each; recipients and parents merged by normalised name.
    CHECK(contains(result.out, "(csv): 2203 records"));
    CHECK(contains(result.out, "skipped 0 rows"));
    CHECK(contains(result.out, "entity             contract        2203"));
    CHECK(contains(result.out, "relation (supply)  holds_contract  2203"));
    // Each award is awarded by its office and by ICE.
    CHECK(contains(result.out, "relation (supply)  awarded_by      4406"));
    CHECK(contains(result.out, "entity             division        6"));
    auto validate = run_cli({"-g", freezer_map(), "validate"});
    CHECK(validate.code == 0);
    CHECK(contains(validate.out, "no problems"));
}

// freezer.csv names each recipient's parent company (part_of, role subsidiary): with
// --roll-up, GEO Group's line takes in its subsidiaries' contracts (BI, Cornell, GEO Care),
// and what depends on Palantir Technologies includes Palantir USG's ICM contract.
TEST_CASE("freezer.csv rolled up: subsidiaries count as their parent company",
          "[io][csv][data][roll-up]") {
    POWERMAP_SKIP_UNLESS_SHARED_DATA();
    auto plain = run_cli({"-g", freezer_map(), "totals", "--by", "vendor", "--format", "csv"});
    REQUIRE(plain.code == 0);
    CHECK(contains(plain.out, "\r\nvendor,geo-group,USD,319718151.84000003,14,,\r\n"));
    CHECK(contains(plain.out, "\r\nvendor,b-i,USD,227921155.2,2,,\r\n"));
    auto rolled =
        run_cli({"-g", freezer_map(), "totals", "--by", "vendor", "--roll-up", "--format", "csv"});
    REQUIRE(rolled.code == 0);
    CHECK(contains(rolled.out, "\r\nvendor,geo-group,USD,557754293.8199999,22,,b-i "
                               "cornell-companies geo-care geo-group\r\n"));
    CHECK_FALSE(contains(rolled.out, "\r\nvendor,b-i,"));
    // One recipient names two parents: reported, never silently.
    CHECK(contains(rolled.err, "'systems-research-applicatications' is a subsidiary of several "
                               "parents"));
    auto impact =
        run_cli({"-g", freezer_map(), "impact", "palantir", "--roll-up", "--format", "csv"});
    REQUIRE(impact.code == 0);
    CHECK(contains(impact.out, "1,contract,HSCETC14C00002,Web-Enabled Investigating Case "
                               "Management (ICM) System,,palantir-usg -holds_contract-> "
                               "HSCETC14C00002\r\n"));
    auto alone = run_cli({"-g", freezer_map(), "impact", "palantir", "--format", "csv"});
    CHECK_FALSE(contains(alone.out, "HSCETC14C00002"));
}

TEST_CASE("freezer.csv totals by parent company match Python's csv module",
          "[io][csv][data][reference]") {
    POWERMAP_SKIP_UNLESS_SHARED_DATA();
    if (!python_has("csv")) {
        WARN("no /usr/bin/python3: skipped");
        return;
    }
    auto result = run_python(source_dir() / "tests" / "reference" / "freezer_totals.py",
                             {freezer_csv(), freezer_map()});
    INFO(result.out);
    CHECK(result.code == 0);
    CHECK(contains(result.out, "0 mismatches"));
    CHECK(contains(result.out, "palantir technologies 39590900.32"));
}

TEST_CASE("Palantir's ICM and FALCON awards are in the imported map", "[io][csv][data]") {
    POWERMAP_SKIP_UNLESS_SHARED_DATA();
    auto icm = run_cli({"-g", freezer_map(), "show", "HSCETC14C00002"});
    REQUIRE(icm.code == 0);
    CHECK(contains(icm.out, "Web-Enabled Investigating Case Management (ICM) System  [Contract]"));
    CHECK(contains(icm.out, "is held by Palantir USG (palantir-usg)"));
    auto falcon = run_cli({"-g", freezer_map(), "show", "HSCETC15C00001"});
    REQUIRE(falcon.code == 0);
    CHECK(contains(falcon.out, "Falcon Operations and Maintenance"));
    CHECK(contains(falcon.out, "is held by [$39.3M] Palantir Technologies (palantir)"));
    CHECK(contains(falcon.out, "was awarded by Mission Support Washington"));
    auto usg = run_cli({"-g", freezer_map(), "show", "palantir-usg"});
    CHECK(
        contains(usg.out, "Palantir USG is part of [subsidiary] Palantir Technologies (palantir)"));
}

TEST_CASE("path from Palantir to ICE runs through a real award", "[io][csv][data]") {
    POWERMAP_SKIP_UNLESS_SHARED_DATA();
    auto result = run_cli({"-g", freezer_map(), "path", "palantir", "ice", "--explain"});
    INFO(result.err);
    REQUIRE(result.code == 0);
    CHECK(result.out.rfind("Palantir Technologies (palantir) \u2192 U.S. Immigration and Customs "
                           "Enforcement (ice): 2 hops",
                           0) == 0);
    CHECK(contains(result.out, "1. Palantir Technologies holds ["));
    CHECK(contains(result.out, "was awarded by U.S. Immigration and Customs Enforcement"));
    // Along supply ties only, in their direction, the chain still holds.
    auto directed = run_cli({"-g", freezer_map(), "path", "palantir", "ice", "--directed"});
    CHECK(directed.code == 0);
    // Pinned ids make the awards join the article's map: Peter Thiel to the FALCON award.
    const std::string sample = (source_dir() / "samples" / "ice-tech.json").string();
    CHECK(run_cli({"-g", sample, "-g", freezer_map(), "validate"}).code == 0);
    auto joined =
        run_cli({"-g", sample, "-g", freezer_map(), "path", "peter-thiel", "HSCETC15C00001"});
    CHECK(joined.code == 0);
    CHECK(contains(joined.out, "1. Peter Thiel founded [co-founder] Palantir Technologies"));
    // The citation is the award's own CSV row.
    CHECK(contains(result.out, "quote:  \u201c70CMSD18FR0000094,Palantir Technologies,"));
}

TEST_CASE("underpin on the imported awards: Palantir reaches ICE through its real contracts",
          "[io][csv][data]") {
    POWERMAP_SKIP_UNLESS_SHARED_DATA();
    // Palantir USG holds the ICM contract (HSCETC14C00002); Palantir Technologies holds FALCON
    // O&M (HSCETC15C00001) and the Gotham licences (70CMSD18FR0000094). Every award is a
    // supply tie awarded by ICE, so each vendor reaches ICE in two hops.
    auto result =
        run_cli({"-g", freezer_map(), "underpin", "--vendors", "id=palantir,id=palantir-usg",
                 "--targets", "id=ice", "--format", "csv"});
    INFO(result.err);
    REQUIRE(result.code == 0);
    CHECK(contains(result.out, "palantir-usg,ice,2,palantir-usg -holds_contract-> HSCETC14C00002 "
                               "-awarded_by-> ice"));
    CHECK(contains(result.out, "palantir,ice,2,palantir -holds_contract-> "));
    auto falcon = run_cli({"-g", freezer_map(), "impact", "palantir", "--format", "csv"});
    REQUIRE(falcon.code == 0);
    CHECK(contains(falcon.out, "HSCETC15C00001"));
}

TEST_CASE("the USAspending subawards file imports from .csv.gz with its mapping",
          "[io][csv][data]") {
    POWERMAP_SKIP_UNLESS_SHARED_DATA();
    const auto dir = scratch_dir("subawards");
    const auto gz = shared_data_dir() / "usaspending-ice-mn" /
                    "Contracts_Subawards_2025-03-28_H03M23S17_1.csv.gz";
    auto result =
        run_cli({"import", gz.string(), "--mapping",
                 (source_dir() / "samples" / "usaspending-subawards.mapping.json").string(), "-o",
                 (dir / "subawards.json").string()});
    INFO(result.err);
    REQUIRE(result.code == 0);
    CHECK(contains(result.out, "(csv): 482 records"));
    CHECK(contains(result.out, "relation (supply)  sells_to"));
    auto validate = run_cli({"-g", (dir / "subawards.json").string(), "validate"});
    CHECK(validate.code == 0);
    // Merged with the freezer map, the offices are the same entities (ids by normalised name).
    auto merged = run_cli({"-g", freezer_map(), "-g", (dir / "subawards.json").string(), "show",
                           "ice-office-mission-support-washington"});
    CHECK(merged.code == 0);
}

// Issue 12's done-means on the real files: the decisions in samples/ join freezer.csv and
// the subawards, so a chain runs from a subcontractor the subawards name to a freezer award.
TEST_CASE("freezer.csv and the subawards joined by the shipped decisions: a path crosses both "
          "sources",
          "[io][csv][data][merge]") {
    POWERMAP_SKIP_UNLESS_SHARED_DATA();
    const auto dir = scratch_dir("joined");
    const auto subawards = (dir / "subawards.json").string();
    REQUIRE(run_cli({"import",
                     (shared_data_dir() / "usaspending-ice-mn" /
                      "Contracts_Subawards_2025-03-28_H03M23S17_1.csv.gz")
                         .string(),
                     "--mapping",
                     (source_dir() / "samples" / "usaspending-subawards.mapping.json").string(),
                     "-o", subawards})
                .code == 0);
    const auto judgements =
        (source_dir() / "samples" / "freezer-subawards.judgements.jsonl").string();
    auto apply = run_cli({"-g", freezer_map(), "-g", subawards, "--judgements", judgements,
                          "--format", "json", "dedupe", "apply"});
    INFO(apply.err);
    REQUIRE(apply.code == 0);
    CHECK(contains(apply.out, "\"canonical\": \"deloitte-consulting\""));
    CHECK(contains(apply.out, "\"id\": \"deloitte-consulting-llp\""));
    // Apart, 3M reaches the freezer award only through ICE; joined, through its buyer.
    const std::vector<std::string> maps{"-g", freezer_map(), "-g", subawards};
    auto ask = [&](std::vector<std::string> args, bool joined) {
        std::vector<std::string> all = maps;
        if (joined) {
            all.insert(all.end(), {"--judgements", judgements});
        }
        all.insert(all.end(), args.begin(), args.end());
        return run_cli(all);
    };
    const std::vector<std::string> path{"--format",          "json",     "path", "3m-company",
                                        "70CMSD18P00000080", "--explain"};
    auto apart = ask(path, false);
    auto joined = ask(path, true);
    REQUIRE(apart.code == 0);
    REQUIRE(joined.code == 0);
    CHECK(contains(apart.out, "\"length\": 4"));
    CHECK(contains(joined.out, "\"length\": 2"));
    CHECK(contains(joined.out, "usaspending-ice-subawards")); // 3M sells to ADS (subawards)
    CHECK(contains(joined.out, "torn-apart-freezer"));        // ADS holds the award (freezer)
    // The old id finds the merged entity.
    auto old_id = ask({"show", "atlantic-diving-supply-inc"}, true);
    CHECK(old_id.code == 0);
    CHECK(contains(old_id.out, "  id       atlantic-diving-supply\n"));
}

// Palantir USG's ICM award (HSCETC14C00002) has no current value in freezer.csv, only a
// potential one: with amount_fallback_column the tie carries that (and says so), and the
// roll-up credits it to Palantir Technologies.
TEST_CASE("with amount_fallback_column, totals --roll-up counts Palantir USG's ICM award under "
          "Palantir Technologies",
          "[io][csv][data][roll-up]") {
    POWERMAP_SKIP_UNLESS_SHARED_DATA();
    const auto dir = scratch_dir("fallback");
    std::string mapping = slurp(source_dir() / "samples" / "freezer.mapping.json");
    const std::string current = R"("amount_column": "current_total_value",)";
    REQUIRE(mapping.find(current) != std::string::npos);
    mapping.replace(mapping.find(current), current.size(),
                    current + R"( "amount_fallback_column": "potential_total_value",)");
    spit(dir / "freezer.mapping.json", mapping);
    const auto map = (dir / "freezer.json").string();
    auto imported = run_cli(
        {"import", freezer_csv(), "--mapping", (dir / "freezer.mapping.json").string(), "-o", map});
    INFO(imported.err);
    REQUIRE(imported.code == 0);
    CHECK(contains(imported.out, "51 amounts read from the fallback column"));
    auto rolled = run_cli(
        {"-g", map, "totals", "--by", "vendor", "--roll-up", "--explain", "--format", "json"});
    REQUIRE(rolled.code == 0);
    CHECK(contains(rolled.out, "HSCETC14C00002"));
    auto csv = run_cli({"-g", map, "totals", "--by", "vendor", "--roll-up", "--format", "csv"});
    CHECK(contains(csv.out,
                   "\r\nvendor,palantir,USD,92739288.71000001,3,,palantir palantir-usg\r\n"));
    auto plain =
        run_cli({"-g", freezer_map(), "totals", "--by", "vendor", "--roll-up", "--format", "csv"});
    CHECK(contains(plain.out, "\r\nvendor,palantir,USD,39590900.32,2,,palantir\r\n"));
    // Each such tie says where its amount came from.
    const auto written = (dir / "written.json").string();
    REQUIRE(run_cli({"-g", map, "export", "--to", "json", "-o", written}).code == 0);
    std::string text = slurp(written);
    std::size_t marked = 0;
    for (auto at = text.find("\"amount_column\": \"potential_total_value\"");
         at != std::string::npos;
         at = text.find("\"amount_column\": \"potential_total_value\"", at + 1)) {
        ++marked;
    }
    CHECK(marked == 51);
}

TEST_CASE("the plain entities.csv + relations.csv sample imports and validates", "[io][csv]") {
    const auto samples = source_dir() / "samples";
    const auto dir = scratch_dir("plain-sample");
    auto result =
        run_cli({"import", (samples / "sources.csv").string(), (samples / "entities.csv").string(),
                 (samples / "relations.csv").string(), "-o", (dir / "plain.json").string()});
    INFO(result.err);
    REQUIRE(result.code == 0);
    auto validate = run_cli({"-g", (dir / "plain.json").string(), "validate"});
    CHECK(validate.code == 0);
    auto path = run_cli({"-g", (dir / "plain.json").string(), "path", "acme", "city-police"});
    CHECK(path.code == 0);
}

// ---- FollowTheMoney ---------------------------------------------------------------

namespace {

struct FtmCase {
    std::string file;
    std::string entities, relations, dangling; // as the independent count prints them
};

std::string json_number(const std::string& json, const std::string& key) {
    const auto at = json.find("\"" + key + "\":");
    if (at == std::string::npos) {
        return "?";
    }
    std::size_t pos = at + key.size() + 3;
    while (pos < json.size() && json[pos] == ' ') {
        ++pos;
    }
    std::string out;
    while (pos < json.size() && std::isdigit(static_cast<unsigned char>(json[pos]))) {
        out += json[pos++];
    }
    return out;
}

} // namespace

TEST_CASE("FtM streams import with the counts an independent reader finds",
          "[io][ftm][data][reference]") {
    POWERMAP_SKIP_UNLESS_SHARED_DATA();
    const auto data = shared_data_dir();
    const std::vector<std::string> files{
        (data / "ftm-german-party-donations" / "donations.ijson").string(),
        (data / "opensanctions-zala-cluster" / "entities.ftm.json").string(),
        (data / "opensanctions-zala-cluster" / "t1-eu-fsf-sample.ftm.json").string()};
    const auto dir = scratch_dir("ftm");
    for (const auto& file : files) {
        DYNAMIC_SECTION(file) {
            auto result = run_cli({"--format", "json", "import", file, "-o",
                                   (dir / "a.json").string(), "--max-warnings", "1000"});
            INFO(result.err);
            REQUIRE(result.code == 0);
            if (python_has("json")) {
                auto reference =
                    run_python(source_dir() / "tests" / "reference" / "ftm_counts.py", {file});
                REQUIRE(reference.code == 0);
                CHECK(json_number(result.out, "entities") ==
                      json_number(reference.out, "entities"));
                CHECK(json_number(result.out, "relations") ==
                      json_number(reference.out, "relations"));
                CHECK(json_number(result.out, "dangling_references") ==
                      json_number(reference.out, "dangling"));
            }
            // Every dangling reference is a warning on stderr with its line and column.
            const auto dangling = std::stoul(json_number(result.out, "dangling_references"));
            std::size_t warned = 0;
            for (std::size_t at = result.err.find("which this stream does not define");
                 at != std::string::npos;
                 at = result.err.find("which this stream does not define", at + 1)) {
                ++warned;
            }
            CHECK(warned == dangling);
        }
    }
    // The numbers the data set's README states, so a bug shared with the script cannot hide.
    auto zala = run_cli({"--format", "json", "import", files[1], "-o", (dir / "z.json").string()});
    CHECK(json_number(zala.out, "entities") == "70");
    CHECK(json_number(zala.out, "relations") == "74");
    CHECK(json_number(zala.out, "dangling_references") == "16");
    auto donations =
        run_cli({"--format", "json", "import", files[0], "-o", (dir / "d.json").string()});
    CHECK(json_number(donations.out, "entities") == "184");
    CHECK(json_number(donations.out, "relations") == "393");
}

// The German party donations, as FtM Payments: totals by recipient sums each party's
// donations. The CDU's, summed from donations.csv with Python's csv module, are EUR
// 17,356,420 over 127 rows; one of those rows (EUR 125,000 from ALTANA AG) is there twice,
// word for word, and is one Payment in the stream: EUR 17,231,420 over 126.
TEST_CASE("FtM donations total by recipient", "[io][ftm][data][money]") {
    POWERMAP_SKIP_UNLESS_SHARED_DATA();
    const auto dir = scratch_dir("ftm-donations");
    const std::string map = (dir / "d.json").string();
    REQUIRE(
        run_cli({"import",
                 (shared_data_dir() / "ftm-german-party-donations" / "donations.ijson").string(),
                 "-o", map})
            .code == 0);
    auto totals = run_cli({"-g", map, "totals", "--by", "recipient", "--format", "csv"});
    REQUIRE(totals.code == 0);
    // c326dd80...: the stream's id for the CDU.
    CHECK(contains(totals.out, "by,who,currency,total,amounts,shared,members\r\n"
                               "recipient,c326dd8021ee75fe9608f31ecb4e2e7388144102,EUR,17231420,"
                               "126,,\r\n"));
    auto cdu = run_cli({"-g", map, "show", "c326dd8021ee75fe9608f31ecb4e2e7388144102"});
    CHECK(contains(cdu.out, "CDU"));
}

TEST_CASE("FtM export then import gives the same map", "[io][ftm][data][roundtrip]") {
    POWERMAP_SKIP_UNLESS_SHARED_DATA();
    const auto data = shared_data_dir();
    const auto dir = scratch_dir("ftm-roundtrip");
    for (const auto& file : {data / "ftm-german-party-donations" / "donations.ijson",
                             data / "opensanctions-zala-cluster" / "entities.ftm.json"}) {
        const std::string first = (dir / "first.json").string();
        const std::string stream = (dir / "again.ftm").string();
        const std::string second = (dir / "second.json").string();
        REQUIRE(run_cli({"import", file.string(), "-o", first}).code == 0);
        REQUIRE(run_cli({"-g", first, "export", "--to", "ftm", "-o", stream}).code == 0);
        REQUIRE(run_cli({"import", stream, "-o", second}).code == 0);
        CHECK(slurp(first) == slurp(second));
        CHECK(slurp(first).size() > 10000);
    }
}

TEST_CASE("a Payment keeps its amount, currency and date", "[io][ftm]") {
    const auto dir = scratch_dir("ftm-payment");
    spit(dir / "p.ftm",
         "{\"id\": \"a\", \"schema\": \"Company\", \"properties\": {\"name\": [\"Acme GmbH\", "
         "\"ACME\"], \"addressEntity\": [\"nowhere\"]}}\n"
         "{\"id\": \"b\", \"schema\": \"Organization\", \"properties\": {\"name\": [\"Partei\"]}}\n"
         "\n"
         "{\"id\": \"p1\", \"schema\": \"Payment\", \"properties\": {\"payer\": [\"a\"], "
         "\"beneficiary\": [\"b\"], "
         "\"amountEur\": [\"60000.50\"], \"date\": [\"2009-10-01\"], \"purpose\": [\"Spende\"]}}\n"
         "{\"id\": \"bad\", \"schema\": Payment}\n");
    auto result = run_cli({"import", (dir / "p.ftm").string(), "-o", (dir / "p.json").string()});
    // The broken line is an error with its position, so nothing is written.
    CHECK(result.code == 1);
    CHECK_FALSE(std::filesystem::exists(dir / "p.json"));
    CHECK(contains(result.err, "powermap: error: 1 error; nothing written"));
    CHECK(contains(result.err, "p.ftm:5:25: error: malformed JSON line: invalid value"));
    CHECK(contains(result.err,
                   "p.ftm:1:98: warning: Company 'a' refers through 'addressEntity' to 'nowhere'"));
    spit(dir / "p.ftm",
         slurp(dir / "p.ftm").substr(0, slurp(dir / "p.ftm").rfind("{\"id\": \"bad\"")));
    result = run_cli({"import", (dir / "p.ftm").string(), "-o", (dir / "p.json").string()});
    REQUIRE(result.code == 0);
    const std::string map = slurp(dir / "p.json");
    CHECK(contains(map, "\"id\": \"p1\",\n      \"from\": \"a\",\n      \"to\": \"b\",\n      "
                        "\"type\": \"paid\","));
    CHECK(contains(map, "\"value\": 60000.5,\n        \"currency\": \"EUR\""));
    CHECK(contains(map, "\"start\": \"2009-10-01\""));
    CHECK(contains(map, "\"purpose\": \"Spende\""));
    CHECK(contains(map, "\"aliases\": [\n        \"ACME\""));
}

// ---- GraphML ---------------------------------------------------------------------------

TEST_CASE(
    "every GraphML test file imports with the reference counts or is rejected with a position",
    "[io][graphml][data]") {
    POWERMAP_SKIP_UNLESS_SHARED_DATA();
    const auto data = shared_data_dir();
    const auto dir = scratch_dir("graphml-corpus");
    std::size_t checked = 0;
    for (const auto& folder : {data / "igraph-graphml-tests", data / "gephi-test-resources"}) {
        std::ifstream counts(folder / "counts.tsv");
        REQUIRE(counts.good());
        std::string line;
        std::getline(counts, line); // header
        while (std::getline(counts, line)) {
            std::vector<std::string> cells;
            std::stringstream stream(line);
            std::string cell;
            while (std::getline(stream, cell, '\t')) {
                cells.push_back(cell);
            }
            if (cells.size() < 8 || cells[0].find(".gexf") != std::string::npos) {
                continue; // GEXF is written, not read
            }
            const std::string file = (folder / cells[0]).string();
            const bool well_formed = cells[5] == "ok";
            DYNAMIC_SECTION(cells[0]) {
                auto result =
                    run_cli({"--format", "json", "import", file, "-o", (dir / "g.json").string()});
                if (well_formed) {
                    INFO(result.err);
                    // igraph's verdict (column 8) is "ok N/M"; ours must agree on both counts.
                    CHECK(result.code == 0);
                    CHECK(cells[7] == "ok " + cells[3] + "/" + cells[4]);
                    CHECK(json_number(result.out, "entities") == cells[3]);
                    CHECK(json_number(result.out, "relations") == cells[4]);
                } else {
                    // Rejected by expat, NetworkX and igraph: we reject too, at a line and column.
                    CHECK(result.code == 2);
                    CHECK(contains(result.err, "\"file\": \"" + file + "\""));
                    CHECK(contains(result.err, "\"line\": "));
                    CHECK((contains(result.err, "not well-formed XML") ||
                           contains(result.err, "the file is not UTF-8")));
                }
                ++checked;
            }
        }
    }
    CHECK(checked >= 1); // sections run one per pass; the count proves the loop saw files
}

TEST_CASE("GraphML from yEd, igraph and Gephi keeps names and typed attributes",
          "[io][graphml][data]") {
    POWERMAP_SKIP_UNLESS_SHARED_DATA();
    const auto data = shared_data_dir();
    const auto dir = scratch_dir("graphml-attrs");
    auto yed =
        run_cli({"import", (data / "igraph-graphml-tests" / "unit" / "graphml-yed.xml").string(),
                 "-o", (dir / "yed.json").string()});
    REQUIRE(yed.code == 0);
    const std::string yed_map = slurp(dir / "yed.json");
    CHECK(contains(yed_map, "\"id\": \"n0\",\n      \"type\": \"entity\",\n      \"name\": \"A\""));
    auto ws = run_cli({"import", (data / "igraph-graphml-tests" / "unit" / "test.graphml").string(),
                       "-o", (dir / "ws.json").string()});
    REQUIRE(ws.code == 0);
    CHECK(contains(slurp(dir / "ws.json"), "\"props\": {"));
    auto cdata = run_cli(
        {"import", (data / "gephi-test-resources" / "import-graphml" / "cdata.graphml").string(),
         "-o", (dir / "cdata.json").string()});
    REQUIRE(cdata.code == 0);
    const std::string cdata_map = slurp(dir / "cdata.json");
    CHECK(contains(cdata_map, "\"name\": \"foo\""));
    CHECK(contains(cdata_map, "\"label\": \"foobar\""));
}

TEST_CASE("GraphML: unknown key types and undeclared keys are warnings, entities are not expanded",
          "[io][graphml]") {
    const auto dir = scratch_dir("graphml-hostile");
    spit(dir / "x.graphml", R"(<?xml version="1.0"?>
<!DOCTYPE graphml [ <!ENTITY secret SYSTEM "file:///etc/passwd"> <!ENTITY lol "lollollol"> ]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="w" for="edge" attr.name="weight" attr.type="decimal"/>
  <key id="n" for="node" attr.name="name" attr.type="string"/>
  <graph edgedefault="undirected">
    <node id="a"><data key="n">&secret;&lol;</data></node>
    <node id="b"><data key="zz">x</data></node>
    <edge source="a" target="b"><data key="w">1.5</data></edge>
  </graph>
</graphml>
)");
    auto result =
        run_cli({"import", (dir / "x.graphml").string(), "-o", (dir / "x.json").string()});
    INFO(result.err);
    REQUIRE(result.code == 0);
    CHECK(contains(result.err, "x.graphml:4:3: warning: key 'w' has unknown type 'decimal'"));
    CHECK(contains(result.err, "x.graphml:8:18: warning: data uses undeclared key 'zz'"));
    const std::string map = slurp(dir / "x.json");
    CHECK_FALSE(contains(map, "root:"));
    CHECK_FALSE(contains(map, "lollollol"));
    CHECK(contains(map, "\"directed\": false")); // linked_to follows edgedefault
}

TEST_CASE("GraphML nested thousands of levels deep is refused, not a stack overflow",
          "[io][graphml]") {
    const auto dir = scratch_dir("graphml-deep");
    std::string text = "<graphml><graph>";
    for (int level = 0; level < 3000; ++level) {
        text += "<node id=\"n" + std::to_string(level) + "\"><graph>";
    }
    for (int level = 0; level < 3000; ++level) {
        text += "</graph></node>";
    }
    text += "</graph></graphml>\n";
    spit(dir / "deep.graphml", text);
    auto result =
        run_cli({"import", (dir / "deep.graphml").string(), "-o", (dir / "deep.json").string()});
    CHECK(result.code == 2);
    CHECK(contains(result.err, "deep.graphml:1:"));
    CHECK(contains(result.err, "error: graphs nested more than 256 levels deep"));
}

// ---- round trips -----------------------------------------------------------------------

namespace {

/// A map whose values sit at every quoting boundary of the formats: spaces, quotes,
/// backslashes, line breaks, leading formula characters, empty names, Arabic with
/// tashkeel and an RTL mark, XML specials, numbers, booleans, null and JSON as props.
/// `full` adds what only GraphML carries: a title, a schema extension, undirected ties.
std::string tricky_map(bool full) {
    std::string out = "{\n  \"format\": \"powermap/1\",\n";
    if (full) {
        out += R"json(  "title": "Quoting <boundaries> & \"friends\"",
  "schema": {"relation_types": [{"id": "knows", "forward": "knows", "reverse": "is known by", "directed": false, "supply": false}]},
)json";
    }
    out += R"json(  "sources": [{"id": "s1", "title": "A, \"quoted\" source", "date": "2020-01"}],
  "entities": [
    {"id": "a", "type": "company", "name": " padded , comma ", "names": {"ar": "شَرِكَة\u200f"}, "aliases": ["=cmd()", "a|b?"], "tags": ["t 1"],
     "props": {"n": 1.5, "flag": true, "nested": {"k": [1, 2]}, "none": null, "text": "line1\nline2\\", "minus": "-5"}},
    {"id": "b", "type": "person", "name": "", "props": {"n": 7}},
    {"id": "c d", "type": "agency", "name": "<&>'\""}
  ],
  "relations": [
    {"id": "r1", "from": "a", "to": "c d", "type": "partnered_with", "role": "@role", "amount": {"value": 0.1, "currency": "EUR"}, "start": "2019", "end": "2020-02-29",
     "props": {"w": 2}, "sources": [{"source": "s1", "quote": "said \"so\"", "note": "p. 3"}, {"source": "s1", "quote": "and\nmore"}]})json";
    if (full) {
        out += R"json(,
    {"from": "b", "to": "a", "type": "knows"},
    {"from": "b", "to": "a", "type": "knows"})json";
    }
    out += "\n  ]\n}\n";
    return out;
}

} // namespace

TEST_CASE("round trips through GraphML are byte-identical in native JSON",
          "[io][graphml][roundtrip]") {
    const auto dir = scratch_dir("roundtrip-graphml");
    SECTION("the sample") {
        spit(dir / "ice-tech-article.txt",
             slurp(source_dir() / "samples" / "ice-tech-article.txt"));
        REQUIRE(run_cli({"export", "-o", (dir / "native.json").string()}).code == 0);
        REQUIRE(run_cli({"export", "--to", "graphml", "-o", (dir / "map.graphml").string()}).code ==
                0);
        REQUIRE(
            run_cli({"import", (dir / "map.graphml").string(), "-o", (dir / "back.json").string()})
                .code == 0);
        CHECK(slurp(dir / "native.json") == slurp(dir / "back.json"));
    }
    SECTION("values at the quoting boundaries") {
        spit(dir / "tricky.json", tricky_map(true));
        REQUIRE(run_cli({"-g", (dir / "tricky.json").string(), "export", "-o",
                         (dir / "native.json").string()})
                    .code == 0);
        REQUIRE(run_cli({"-g", (dir / "native.json").string(), "export", "--to", "graphml", "-o",
                         (dir / "t.graphml").string()})
                    .code == 0);
        auto back =
            run_cli({"import", (dir / "t.graphml").string(), "-o", (dir / "back.json").string()});
        INFO(back.err);
        REQUIRE(back.code == 0);
        CHECK(slurp(dir / "native.json") == slurp(dir / "back.json"));
    }
}

TEST_CASE("round trips through CSV tables and map-header.json are byte-identical",
          "[io][csv][roundtrip]") {
    const auto dir = scratch_dir("roundtrip-csv");
    spit(dir / "tricky.json", tricky_map(true));
    auto native = run_cli(
        {"-g", (dir / "tricky.json").string(), "export", "-o", (dir / "native.json").string()});
    INFO(native.err);
    REQUIRE(native.code == 0);
    REQUIRE(run_cli({"-g", (dir / "native.json").string(), "export", "--to", "csv", "-o",
                     (dir / "t-").string()})
                .code == 0);
    const std::string entities = slurp(dir / "t-entities.csv");
    CHECK(contains(entities, "'=cmd()|a|b?")); // the formula guard on the first alias
    CHECK(contains(slurp(dir / "t-relations.csv"), ",'@role,")); // and on a role
    auto back = run_cli({"import", (dir / "t-map-header.json").string(),
                         (dir / "t-sources.csv").string(), (dir / "t-entities.csv").string(),
                         (dir / "t-relations.csv").string(), "-o", (dir / "back.json").string()});
    INFO(back.err);
    REQUIRE(back.code == 0);
    std::string expected = slurp(dir / "native.json");
    // The one documented loss: an alias containing '|' splits in two.
    const auto at = expected.find("\"a|b?\"");
    REQUIRE(at != std::string::npos);
    expected.replace(at, 6, "\"a\",\n        \"b?\"");
    CHECK(expected == slurp(dir / "back.json"));
    SECTION("the sample") {
        spit(dir / "ice-tech-article.txt",
             slurp(source_dir() / "samples" / "ice-tech-article.txt"));
        REQUIRE(run_cli({"export", "-o", (dir / "sample.json").string()}).code == 0);
        REQUIRE(run_cli({"export", "--to", "csv", "-o", dir.string()}).code == 0);
        REQUIRE(
            run_cli({"import", (dir / "map-header.json").string(), (dir / "sources.csv").string(),
                     (dir / "entities.csv").string(), (dir / "relations.csv").string(), "-o",
                     (dir / "sample-back.json").string()})
                .code == 0);
        CHECK(slurp(dir / "sample.json") == slurp(dir / "sample-back.json"));
    }
}

TEST_CASE("neo4j export has the headers neo4j-admin reads and one row per entity and tie",
          "[io][neo4j]") {
    const auto dir = scratch_dir("neo4j");
    auto result = run_cli({"export", "--to", "neo4j", "-o", (dir / "out/").string()});
    REQUIRE(result.code == 0);
    const std::string nodes = slurp(dir / "out" / "nodes.csv");
    const std::string ties = slurp(dir / "out" / "relationships.csv");
    CHECK(nodes.rfind(
              "id:ID,:LABEL,type,name,name_ar,aliases:string[],tags:string[],prop_description,",
              0) == 0);
    CHECK(contains(nodes, ",prop_value_usd:double\n")); // a number-only prop is typed
    CHECK(contains(nodes,
                   "\npalantir,\"Company;Organization;Entity\",company,Palantir Technologies,"));
    CHECK(ties.rfind(
              ":START_ID,:END_ID,:TYPE,relation_id,role,amount:double,currency,start,end,sources",
              0) == 0);
    CHECK(contains(ties, "\naws,dhs-cloud-migration-contract,HOLDS_CONTRACT,r-aws-holds-dhs-cloud-"
                         "contract,prime contractor,6800000000,USD,"));
    CHECK(std::count(nodes.begin(), nodes.end(), '\n') >= 51);
    const std::string cypher = slurp(dir / "out" / "load.cypher");
    CHECK(contains(
        cypher,
        "neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv"));
    CHECK(contains(cypher, "CREATE (a)-[r:`HOLDS_CONTRACT`]->(b)"));
    auto refused = run_cli({"export", "--to", "neo4j"});
    CHECK(refused.code == 2);
    CHECK(contains(refused.err, "give -o a directory"));
}

TEST_CASE("text that is not UTF-8 never reaches the map as broken bytes", "[io][encoding]") {
    const auto dir = scratch_dir("encoding");
    SECTION("a Windows-1252 CSV (as Excel saves it) is converted, with a warning") {
        spit(dir / "latin1.csv", "id,type,name\nx,company,Caf\xe9 \x93M\xfcller\x94\n");
        auto result =
            run_cli({"import", (dir / "latin1.csv").string(), "-o", (dir / "l.json").string()});
        CHECK(result.code == 0);
        CHECK(contains(result.err,
                       "latin1.csv:2:14: warning: the file is not UTF-8; read as Windows-1252"));
        CHECK(contains(slurp(dir / "l.json"), "\"name\": \"Caf\u00e9 \u201cM\u00fcller\u201d\""));
        CHECK(run_cli({"-g", (dir / "l.json").string(), "validate"}).code == 0);
    }
    SECTION("GraphML declaring ISO-8859-1 is converted; undeclared bad bytes are an error") {
        spit(dir / "latin1.graphml",
             "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<graphml><graph>"
             "<node id=\"a\"/><node id=\"b\"/><edge source=\"a\" target=\"b\"/>"
             "<!-- M\xfcnchen --></graph></graphml>\n");
        CHECK(
            run_cli({"import", (dir / "latin1.graphml").string(), "-o", (dir / "g.json").string()})
                .code == 0);
        spit(dir / "bad.graphml", "<graphml><graph>\n<node id=\"M\xfc\"/></graph></graphml>\n");
        auto bad =
            run_cli({"import", (dir / "bad.graphml").string(), "-o", (dir / "b.json").string()});
        CHECK(bad.code == 2);
        CHECK(contains(bad.err, "bad.graphml:2:12: error: the file is not UTF-8"));
    }
    SECTION("an FtM stream with bad bytes is refused at their position") {
        spit(dir / "bad.ftm",
             "{\"id\": \"a\", \"schema\": \"Person\", \"properties\": {\"name\": [\"M\xfc\"]}}\n");
        auto bad = run_cli({"import", (dir / "bad.ftm").string(), "-o", (dir / "f.json").string()});
        CHECK(bad.code == 2);
        CHECK(contains(bad.err, "bad.ftm:1:59: error: the stream is not UTF-8"));
    }
}

TEST_CASE("the small import examples in samples/ import and validate", "[io]") {
    const auto samples = source_dir() / "samples";
    const auto dir = scratch_dir("samples");
    auto ftm =
        run_cli({"import", (samples / "example.ftm").string(), "-o", (dir / "ftm.json").string()});
    REQUIRE(ftm.code == 0);
    CHECK(contains(ftm.out, "wrote " + (dir / "ftm.json").string() +
                                ": 5 entities, 4 relations, 0 warnings"));
    const std::string map = slurp(dir / "ftm.json");
    CHECK(contains(map, "\"role\": \"CEO\",\n      \"start\": \"2019-04-01\""));
    CHECK(contains(map, "\"value\": 250000,\n        \"currency\": \"USD\"\n      },\n      "
                        "\"start\": \"2021-03-01\""));
    CHECK(run_cli({"-g", (dir / "ftm.json").string(), "validate"}).code == 0);
    // example.graphml is `export --to graphml` of the plain CSV example: the same map.
    REQUIRE(
        run_cli({"import", (samples / "example.graphml").string(), "-o", (dir / "g.json").string()})
            .code == 0);
    REQUIRE(
        run_cli({"import", (samples / "sources.csv").string(), (samples / "entities.csv").string(),
                 (samples / "relations.csv").string(), "-o", (dir / "csv.json").string()})
            .code == 0);
    CHECK(slurp(dir / "g.json") == slurp(dir / "csv.json"));
}

TEST_CASE("two versions of one map load as one: the sample twice, the sample and its exports",
          "[io][merge]") {
    const auto sample = (source_dir() / "samples" / "ice-tech.json").string();
    const auto alone = run_cli({"-g", sample, "stats", "--format", "json"});
    REQUIRE(alone.code == 0);
    SECTION("the same file named twice is read once, with a note") {
        const auto twice = run_cli({"-g", sample, "-g", sample, "stats", "--format", "json"});
        CHECK(twice.code == 0);
        CHECK(twice.out == alone.out);
        const auto checked =
            run_cli({"-g", sample, "-g", "samples/../samples/ice-tech.json", "validate"});
        CHECK(checked.code == 0);
        CHECK(checked.err.find("note: this file is named more than once; it is read once") !=
              std::string::npos);
    }
    for (const std::string format : {"graphml", "csv"}) {
        DYNAMIC_SECTION("the sample and its " << format << " export") {
            const auto dir = scratch_dir("merge-" + format);
            const auto output =
                format == "csv" ? (dir / "set/").string() : (dir / "sample.graphml").string();
            REQUIRE(
                run_cli({"-g", sample, "export", "--to", format, "--embed-sources", "-o", output})
                    .code == 0);
            std::vector<std::string> args{"-g", sample};
            if (format == "csv") {
                for (const auto* file : {"entities.csv", "relations.csv", "sources.csv"}) {
                    args.insert(args.end(), {"-g", (dir / "set" / file).string()});
                }
            } else {
                args.insert(args.end(), {"-g", output});
            }
            auto validate = args;
            validate.push_back("validate");
            const auto checked = run_cli(validate);
            INFO(checked.err);
            CHECK(checked.code == 0);
            CHECK(checked.out.find("50 entities, 80 relations, 1 source") != std::string::npos);
            CHECK(checked.out.find("no problems") != std::string::npos);
            args.insert(args.end(), {"stats", "--format", "json"});
            const auto merged = run_cli(args);
            CHECK(merged.code == 0);
            CHECK(merged.out == alone.out);
        }
    }
}

TEST_CASE("two versions of one map that disagree report both places", "[io][merge]") {
    const auto dir = scratch_dir("merge-conflict");
    const std::string base = R"({"format": "powermap/1",
 "sources": [{"id": "doc", "title": "Doc"}],
 "entities": [{"id": "aws", "type": "company", "name": "AWS"},
              {"id": "ice", "type": "agency", "name": "ICE"},
              {"id": "dhs", "type": "agency", "name": "DHS"}],
 "relations": [{"id": "r1", "from": "aws", "to": "TO", "type": "sells_to",
                "sources": [{"source": "doc", "quote": "q"}]}]}
)";
    auto version = [&](const std::string& name, const std::string& to) {
        std::string text = base;
        text.replace(text.find("TO"), 2, to);
        spit(dir / name, text);
        return (dir / name).string();
    };
    const auto first = version("v1.json", "ice");
    const auto second = version("v2.json", "dhs");
    const auto result = run_cli({"-g", first, "-g", second, "validate"});
    CHECK(result.code == 1);
    CHECK(result.err.find(second + ":6:") != std::string::npos);
    CHECK(result.err.find("relation 'r1': its to is 'dhs' here but 'ice' in another file") !=
          std::string::npos);
    CHECK(result.err.find("first defined at " + first + ":6:") != std::string::npos);
}

// OpenSanctions keeps the ids merged into an entity as "referents": they are the entity's
// referents here, so an old id finds it, a reference to one is a tie to it, and FtM export
// writes them back.
TEST_CASE("FtM referents find their entity, carry ties, and survive export", "[io][ftm][merge]") {
    const auto dir = scratch_dir("ftm-referents");
    spit(
        dir / "cluster.ftm.json",
        R"({"id": "NK-1", "schema": "Person", "referents": ["ofac-46001", "usgsa-9"], "properties": {"name": ["Maria Osetrova"]}}
{"id": "co-1", "schema": "Company", "properties": {"name": ["Acme Trading"]}}
{"id": "own-1", "schema": "Ownership", "properties": {"owner": ["ofac-46001"], "asset": ["co-1"]}}
)");
    const auto stream = (dir / "cluster.ftm.json").string();
    auto show = run_cli({"-g", stream, "show", "usgsa-9"});
    INFO(show.err);
    REQUIRE(show.code == 0);
    CHECK(contains(show.out, "  id       NK-1\n"));
    CHECK(contains(show.out, "  merged   ofac-46001, usgsa-9"));
    // The Ownership names the person by an old id: it is the person's tie.
    CHECK(contains(show.out, "Maria Osetrova owns"));
    CHECK_FALSE(contains(show.err, "does not define"));
    const auto exported = (dir / "out.ftm.json").string();
    REQUIRE(run_cli({"-g", stream, "export", "--to", "ftm", "-o", exported}).code == 0);
    CHECK(contains(slurp(exported), R"("referents":["ofac-46001","usgsa-9"])"));
}
