// The CSV reader on RFC 4180 corner cases and Gephi's import edge cases, the spreadsheet
// guard, and mapping errors.
#include <catch2/catch.hpp>

#include "io/formats/csv_import.hpp"
#include "io/formats/csv_reader.hpp"
#include "io/formats/csv_writer.hpp"
#include "tests/support.hpp"

using namespace powermap;
using powermap::tests::run_cli;
using powermap::tests::scratch_dir;
using powermap::tests::shared_data_dir;
using powermap::tests::slurp;
using powermap::tests::spit;

TEST_CASE("quoted fields keep delimiters, doubled quotes and line breaks", "[io][csv]") {
    // Each value sits at a quoting boundary: a comma, a quote, a line break, spaces, empty.
    const std::string text =
        "a,b,c\r\n\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\" pad \",,\"\"\r\n";
    const auto table = io::read_csv("t.csv", text);
    REQUIRE(table.records.size() == 2);
    CHECK(table.header == std::vector<std::string>{"a", "b", "c"});
    CHECK(table.records[0].fields == std::vector<std::string>{"x,y", "say \"hi\"", "two\nlines"});
    CHECK(table.records[0].line == 2);
    CHECK(table.records[1].fields == std::vector<std::string>{" pad ", "", ""});
    CHECK(table.records[1].line == 4); // the quoted line break moved it down one line
    CHECK(table.diagnostics.empty());
}

TEST_CASE("ragged rows are reported with line and column", "[io][csv]") {
    const auto table = io::read_csv("t.csv", "a,b\n1,2,3\n4\n");
    REQUIRE(table.diagnostics.size() == 2);
    CHECK(format_diagnostic(table.diagnostics[0])
              .rfind("t.csv:2:5: warning: row has 3 fields but the header has 2", 0) == 0);
    CHECK(format_diagnostic(table.diagnostics[1])
              .rfind("t.csv:3:2: warning: row has 1 field but the header has 2", 0) == 0);
    CHECK(table.records.size() == 2);
}

TEST_CASE("an unterminated quote is an error at the opening quote", "[io][csv]") {
    const auto table = io::read_csv("t.csv", "a,b\n1,\"open\n2,3\n");
    REQUIRE(table.diagnostics.size() == 1);
    CHECK(format_diagnostic(table.diagnostics[0])
              .rfind("t.csv:2:3: error: quoted field is never closed", 0) == 0);
}

TEST_CASE("delimiters are sniffed from the header", "[io][csv]") {
    CHECK(io::sniff_delimiter("a;b;c") == ';');
    CHECK(io::sniff_delimiter("a\tb\tc,d") == '\t');
    CHECK(io::sniff_delimiter("\"x;y\",b,c") == ',');
    CHECK(io::sniff_delimiter("single") == ',');
}

TEST_CASE("Gephi's CSV edge cases: BOM, semicolons, a blank first line", "[io][csv][data]") {
    POWERMAP_SKIP_UNLESS_SHARED_DATA();
    const auto dir = shared_data_dir() / "gephi-test-resources" / "import-csv";
    SECTION("a UTF-8 BOM is not part of the first column name") {
        const std::string text = slurp(dir / "test_utf8_chars_with_bom.csv");
        const auto table = io::read_csv("bom.csv", text);
        CHECK(table.had_bom);
        REQUIRE_FALSE(table.header.empty());
        CHECK(table.header[0] == "id");
        CHECK(table.records.at(0).fields.at(3) == "\xE6\xBC\xA2\xE8\xAA\x9E"); // 漢語
    }
    SECTION("semicolon adjacency list: sniffed, ragged rows reported") {
        const std::string text = slurp(dir / "adj_list.csv");
        const auto table = io::read_csv("adj_list.csv", text, {std::nullopt, false});
        CHECK(table.delimiter == ';');
        REQUIRE(table.records.size() == 4);
        CHECK(table.records[1].fields == std::vector<std::string>{"b", "c", "d"});
        CHECK(table.records[3].fields.at(1) == " a ");
    }
    SECTION("a blank first line and blank lines between rows are skipped") {
        const std::string text = slurp(dir / "nodes_table_types_test.csv");
        const auto table = io::read_csv("nodes.csv", text);
        CHECK(table.header.at(0) == "id");
        REQUIRE(table.records.size() == 5);
        CHECK(table.records[0].line == 3);
        CHECK(table.records[1].line == 5);
        CHECK(table.records[2].line == 8);
        CHECK(table.records[0].fields.at(9) ==
              "123456789123456789123456789123456789123456789123456789");
        CHECK(table.blank_lines == 4);
        CHECK(table.diagnostics.empty());
    }
    SECTION("without a mapping, a foreign CSV is refused with its position and a hint") {
        auto result = run_cli({"import", (dir / "edges_table_types_test.csv").string(), "-o", "-"});
        CHECK(result.code == 2);
        CHECK(result.err.find("edges_table_types_test.csv:1:1: error: this CSV is not a plain "
                              "entities, relations or sources table") != std::string::npos);
        CHECK(result.err.find("--mapping") != std::string::npos);
    }
    SECTION("with a mapping, the BOM file imports; its empty row is skipped with a reason") {
        const auto scratch = scratch_dir("gephi-bom");
        spit(scratch / "m.json", R"({"format": "powermap-csv-mapping/1",
          "entities": {"node": {"type": "entity", "id_column": "id", "name_column": "label",
                                "required": true, "props": {"utf8": "utf8"}}}})");
        auto result =
            run_cli({"import", (dir / "test_utf8_chars_with_bom.csv").string(), "--mapping",
                     (scratch / "m.json").string(), "-o", (scratch / "out.json").string()});
        INFO(result.err);
        CHECK(result.code == 0);
        CHECK(result.out.find("skipped 1 row") != std::string::npos);
        CHECK(result.out.find("1 × empty 'id' (line 5)") != std::string::npos);
        CHECK(result.out.find("wrote " + (scratch / "out.json").string() +
                              ": 2 entities, 0 relations") != std::string::npos);
    }
}

TEST_CASE("a delimiter the mapping gives is used: Gephi's space-separated edge table",
          "[io][csv][data]") {
    POWERMAP_SKIP_UNLESS_SHARED_DATA();
    const auto scratch = scratch_dir("gephi-space");
    spit(scratch / "m.json",
         R"({"format": "powermap-csv-mapping/1", "delimiter": " ", "cite": "none",
      "entities": {"from": {"type": "person", "name_column": "Source", "required": true},
                   "to": {"type": "person", "name_column": "Target", "required": true}},
      "relations": [{"from": "from", "to": "to", "type": "ally_of", "props": {"timeset": "timeset"}}]})");
    const auto csv = shared_data_dir() / "gephi-test-resources" / "import-csv" /
                     "edges_table_with_timeset_intervals.csv";
    auto result = run_cli({"--format", "json", "import", csv.string(), "--mapping",
                           (scratch / "m.json").string(), "-o", (scratch / "out.json").string()});
    INFO(result.err);
    REQUIRE(result.code == 0);
    CHECK(result.out.find("\"entities\": 3") != std::string::npos); // Fred, Alice, Dirk
    const std::string map = slurp(scratch / "out.json");
    CHECK(map.find("\"timeset\": \"[2016-03-04, Infinity]\"") != std::string::npos);
}

TEST_CASE("the spreadsheet guard neutralises formulas and is undone on import", "[io][csv]") {
    // "-2+3" and "-1e" are not numbers, and "'-2" must keep its own apostrophe on import.
    for (const std::string cell : {"=SUM(A1)", "+1", "-2+3", "-", "-.", "-1e", "-1e+", "-inf",
                                   "@cmd", "'=x", "''+y", "'-2", "\tz"}) {
        const std::string guarded = io::guard_cell(cell);
        CHECK(guarded == "'" + cell);
        CHECK(io::unguard_cell(guarded) == cell);
    }
    // A plain negative number is no formula: it stays a number in the sheet.
    for (const std::string cell :
         {"plain", "'quoted", "", "a=b", "1-2", "-2", "-0.5", "-.5", "-2.", "-1.5e+20", "-12E-3"}) {
        CHECK(io::guard_cell(cell) == cell);
        CHECK(io::unguard_cell(cell) == cell);
    }
    CHECK(io::csv_row({"=1+1", "a,b", "q\"q"}) == "'=1+1,\"a,b\",\"q\"\"q\"");
}

TEST_CASE("mapping mistakes point into the mapping file with a hint", "[io][csv][cli]") {
    const auto scratch = scratch_dir("mapping-errors");
    // The header and first row of ../shared/data's freezer.csv: the mistakes are in the
    // mapping, so a copy made here keeps the test running in a clone without shared data.
    const auto freezer = (scratch / "freezer.csv").string();
    spit(freezer, "award_id,recipient_name,parent_name,recipient_city,recipient_state,"
                  "current_total_value,potential_total_value,awarding_office_name,"
                  "awarding_office_cat,naics_description,naics_cat,award_description,"
                  "product_combo,company_combo\n"
                  "HSCEDM14F00011,Alutiiq Diversified Services,Afognak Native,Anchorage,AK,"
                  "5135635.83,5573643.41,Detention Compliance And Removals,Detention Compliance "
                  "And Removals,Administrative Management,Consulting,Facilities Maintenance "
                  "Solicitation,Administrative Management||Consulting,Alutiiq Diversified "
                  "Services||Afognak Native\n");
    SECTION("an unknown column") {
        spit(scratch / "m.json", "{\"format\": \"powermap-csv-mapping/1\",\n"
                                 " \"entities\": {\"vendor\": {\"type\": \"company\",\n"
                                 "   \"name_column\": \"recipient_nme\"}}}\n");
        auto result =
            run_cli({"import", freezer, "--mapping", (scratch / "m.json").string(), "-o", "-"});
        CHECK(result.code == 2);
        CHECK(
            result.err ==
            (scratch / "m.json").string() +
                ":3:19: error: column 'recipient_nme' is not in the header of '" + freezer +
                "' \u2014 did you mean 'recipient_name', 'recipient_city' or 'recipient_state'?\n");
    }
    SECTION("a relation naming no entity key") {
        spit(scratch / "m.json", R"({"format": "powermap-csv-mapping/1",
 "entities": {"vendor": {"type": "company", "name_column": "recipient_name"}},
 "relations": [{"from": "vendr", "to": "vendor", "type": "part_of"}]})");
        auto result =
            run_cli({"import", freezer, "--mapping", (scratch / "m.json").string(), "-o", "-"});
        CHECK(result.code == 2);
        INFO(result.err);
        CHECK(result.err.find("m.json:3:25: error: 'vendr' is not an entity key of this mapping "
                              "\u2014 did you mean 'vendor'?") != std::string::npos);
    }
    SECTION("malformed JSON") {
        spit(scratch / "m.json", "{\"format\": \"powermap-csv-mapping/1\",\n \"entities\": {,}}\n");
        auto result =
            run_cli({"import", freezer, "--mapping", (scratch / "m.json").string(), "-o", "-"});
        CHECK(result.code == 2);
        CHECK(result.err.find("m.json:2:15: error: malformed JSON in the mapping") !=
              std::string::npos);
    }
    SECTION("the output may not overwrite an input") {
        auto result =
            run_cli({"import", freezer, "--mapping",
                     (powermap::tests::source_dir() / "samples" / "freezer.mapping.json").string(),
                     "-o", freezer});
        CHECK(result.code == 2);
        CHECK(slurp(freezer).rfind("award_id,", 0) == 0);
    }
}

TEST_CASE("merging by an id column, a row without an id joins the entity its name has",
          "[io][csv][merge]") {
    const auto scratch = scratch_dir("id-name-fallback");
    spit(scratch / "people.csv", "agency,name,funding,pid\n"
                                 "FHFA,Alex Pollock,Volunteer,12393\n"
                                 "FSOC,Alex Pollock,Volunteer,\n"
                                 "State,Kiron Skinner,Transition Entity,\n"
                                 "NSC,Kiron Skinner,Transition entity,131158\n"
                                 "DOD,Pat Doe,Private,1\n"
                                 "DOE,Pat Doe,Private,2\n"
                                 "DOT,Pat Doe,Private,\n");
    spit(scratch / "m.json", R"({"format": "powermap-csv-mapping/1",
 "entities": {
   "agency": {"type": "agency", "name_column": "agency", "id_prefix": "agency-"},
   "person": {"type": "person", "id_column": "pid", "name_column": "name", "merge": "id",
              "id_prefix": "p-"}},
 "relations": [{"from": "person", "to": "agency", "type": "member_of",
                "role_column": "funding"}]}
)");
    const auto output = scratch / "people.json";
    const auto result = run_cli({"import", (scratch / "people.csv").string(), "--mapping",
                                 (scratch / "m.json").string(), "-o", output.string()});
    INFO(result.err);
    REQUIRE(result.code == 0);
    const auto show = [&](const std::string& id) {
        return run_cli({"-g", output.string(), "show", id});
    };
    // Alex Pollock and Kiron Skinner: one person each, under their LittleSis-style ids.
    CHECK(show("p-12393").out.find("FSOC") != std::string::npos);
    CHECK(show("p-131158").out.find("State") != std::string::npos);
    // A name two ids share is two people, and its row without an id a third, by name.
    CHECK(show("p-1").code == 0);
    CHECK(show("p-2").code == 0);
    CHECK(show("p-pat-doe").code == 0);
    const std::string map = slurp(output);
    CHECK(map.find("\"p-alex-pollock\"") == std::string::npos);
    CHECK(map.find("\"p-kiron-skinner\"") == std::string::npos);
    // Role cells differing only in case are one role, spelled as first seen.
    CHECK(map.find("\"role\": \"Transition Entity\"") != std::string::npos);
    CHECK(map.find("\"role\": \"Transition entity\"") == std::string::npos);
}

TEST_CASE("a mapping that applies to none of the inputs is an error", "[io][csv]") {
    const auto result = run_cli({"import", "samples/ice-tech.json", "--mapping",
                                 "samples/freezer.mapping.json", "-o", "-"});
    CHECK(result.code == 2);
    CHECK(result.err == "samples/freezer.mapping.json: error: this mapping applies to none of "
                        "the inputs \u2014 a mapping reads CSV files (.csv, .tsv, .txt, also "
                        ".gz); give the CSV file, or drop --mapping\n");
}

TEST_CASE("LittleSis landing teams: one Keith Kellogg, one Alex Pollock, one Kiron Skinner, "
          "one 'Transition entity' role",
          "[io][csv][data][merge]") {
    POWERMAP_SKIP_UNLESS_SHARED_DATA();
    const auto scratch = scratch_dir("landing-teams");
    const auto output = (scratch / "lt.json").string();
    const auto imported =
        run_cli({"import",
                 (shared_data_dir() / "littlesis-trump-transition" / "landing_teams.csv").string(),
                 "--mapping", "samples/littlesis-landing-teams.mapping.json", "-o", output});
    INFO(imported.err);
    REQUIRE(imported.code == 0);
    for (const std::string name : {"Keith Kellogg", "Alex Pollock", "Kiron Skinner"}) {
        const auto found = run_cli({"-g", output, "find", name, "--format", "json"});
        INFO(name << ": " << found.out);
        // One entity whose name or alias matches exactly.
        std::size_t exact = 0;
        for (std::size_t at = found.out.find("\"exact\": true"); at != std::string::npos;
             at = found.out.find("\"exact\": true", at + 1)) {
            ++exact;
        }
        CHECK(exact == 1);
    }
    const std::string map = slurp(output);
    CHECK(map.find("\"role\": \"Transition entity\"") != std::string::npos);
    CHECK(map.find("\"role\": \"Transition Entity\"") == std::string::npos);
    const auto kellogg = run_cli({"-g", output, "show", "littlesis-224854"});
    CHECK(kellogg.out.find("J. Keith Kellogg") != std::string::npos); // kept as an alias
}

TEST_CASE("a mapping gives the map a title, reads a file without a header by column numbers, "
          "and takes each row's type from a column",
          "[io][csv]") {
    const auto scratch = scratch_dir("headerless");
    spit(scratch / "rows.csv", "Acme Corp,Company,Jane Roe,Person\n"
                               "Beta LLC,company,John Poe,\n"
                               "Gamma,Agency,Ann Lee,person\n");
    spit(scratch / "m.json", R"({"format": "powermap-csv-mapping/1", "title": "Who works where",
 "header": false,
 "entities": {"org": {"type_column": "2", "name_column": "1"},
              "who": {"type": "person", "type_column": 4, "name_column": 3}},
 "relations": [{"from": "who", "to": "org", "type": "works_for"}]}
)");
    const auto output = (scratch / "out.json").string();
    const auto result = run_cli({"import", (scratch / "rows.csv").string(), "--mapping",
                                 (scratch / "m.json").string(), "-o", output});
    INFO(result.err);
    REQUIRE(result.code == 0);
    const auto stats = run_cli({"-g", output, "stats", "--format", "csv"});
    CHECK(stats.out.find("entity,agency,1\r\n") != std::string::npos);
    CHECK(stats.out.find("entity,company,2\r\n") != std::string::npos);
    CHECK(stats.out.find("entity,person,3\r\n") != std::string::npos); // "John Poe": the default
    CHECK(run_cli({"-g", output, "stats"}).out.rfind("Who works where\n", 0) == 0);
    SECTION("a column number past the widest row is an unknown column") {
        spit(scratch / "bad.json", R"({"format": "powermap-csv-mapping/1", "header": false,
 "entities": {"org": {"type": "company", "name_column": 9}}}
)");
        const auto bad = run_cli({"import", (scratch / "rows.csv").string(), "--mapping",
                                  (scratch / "bad.json").string(), "-o", "-"});
        CHECK(bad.code == 2);
        CHECK(bad.err.find("column '9' is not in the header") != std::string::npos);
    }
}

TEST_CASE("a JSON array of records reads through a mapping as rows", "[io][csv][json]") {
    const auto scratch = scratch_dir("json-records");
    spit(scratch / "swamped.json", R"([
  {"name": "Robin Townley", "position": "Senior Director, NSC", "where_to": "Sonoran Group",
   "years": 2},
  {"name": "Mike \"General\" Flynn", "where_to": null, "extra": {"nested": [1, 2]}},
  {"name": "Katie Walsh", "where_to": "RNC"}
]
)");
    spit(scratch / "m.json", R"({"format": "powermap-csv-mapping/1",
 "entities": {"person": {"type": "person", "name_column": "name", "required": true,
                         "props": {"position": "position", "years": "years",
                                   "extra": "extra"}},
              "destination": {"type": "organization", "name_column": "where_to"}},
 "relations": [{"from": "person", "to": "destination", "type": "works_for"}]}
)");
    const auto output = (scratch / "out.json").string();
    const auto result = run_cli({"import", (scratch / "swamped.json").string(), "--mapping",
                                 (scratch / "m.json").string(), "-o", output});
    INFO(result.err);
    REQUIRE(result.code == 0);
    CHECK((result.err + result.out).find("(json): 3 records") != std::string::npos);
    CHECK((result.err + result.out).find("wrote " + output + ": 5 entities, 2 relations") !=
          std::string::npos);
    const auto townley = run_cli({"-g", output, "show", "Robin Townley"});
    CHECK(townley.out.find("Senior Director, NSC") != std::string::npos);
    CHECK(townley.out.find("works for Sonoran Group") != std::string::npos);
    const auto flynn = run_cli({"-g", output, "show", "Flynn"});
    CHECK(flynn.out.find("Mike \"General\" Flynn") != std::string::npos);
    CHECK(flynn.out.find("{\"nested\":[1,2]}") != std::string::npos); // non-string: its JSON
    SECTION("an item that is not an object is an error at the item") {
        spit(scratch / "bad.json", "[\n  {\"name\": \"A\"},\n  \"B\"\n]\n");
        const auto bad = run_cli({"import", (scratch / "bad.json").string(), "--mapping",
                                  (scratch / "m.json").string(), "-o", "-"});
        CHECK(bad.code == 2);
        CHECK(bad.err.find("bad.json:3:3: error: item 1 of the array is not an object") !=
              std::string::npos);
    }
}

TEST_CASE("amount_fallback_column is read where the amount column is empty, and the tie says "
          "so",
          "[io][csv]") {
    const auto scratch = scratch_dir("amount-fallback");
    spit(scratch / "awards.csv", "award,vendor,current,potential\n"
                                 "A1,Acme,100,500\n"
                                 "A2,Acme,,700\n"
                                 "A3,Acme,,\n");
    const std::string mapping = R"({"format": "powermap-csv-mapping/1",
 "entities": {
   "award": {"type": "contract", "id_column": "award", "name_column": "award"},
   "vendor": {"type": "company", "name_column": "vendor"}},
 "relations": [{"from": "vendor", "to": "award", "type": "holds_contract",
                "amount_column": "current", "amount_fallback_column": "potential"}]}
)";
    spit(scratch / "m.json", mapping);
    const auto output = scratch / "awards.json";
    const auto result = run_cli({"import", (scratch / "awards.csv").string(), "--mapping",
                                 (scratch / "m.json").string(), "-o", output.string()});
    INFO(result.err);
    REQUIRE(result.code == 0);
    CHECK(result.out.find("1 amount read from the fallback column") != std::string::npos);
    const std::string map = slurp(output);
    CHECK(map.find("\"value\": 100") != std::string::npos); // the current value wins
    CHECK(map.find("\"value\": 500") == std::string::npos);
    CHECK(map.find("\"value\": 700") != std::string::npos);
    CHECK(map.find("\"amount_column\": \"potential\"") != std::string::npos);
    auto totals = run_cli({"-g", output.string(), "totals", "--by", "vendor", "--format", "csv"});
    CHECK(totals.out.find("vendor,acme,USD,800,2") != std::string::npos);
    // A fallback without the column it falls back from is a mistake in the mapping.
    std::string broken = mapping;
    broken.replace(broken.find(R"("amount_column": "current", )"), 27, "");
    spit(scratch / "broken.json", broken);
    const auto refused =
        run_cli({"import", (scratch / "awards.csv").string(), "--mapping",
                 (scratch / "broken.json").string(), "-o", (scratch / "x.json").string()});
    CHECK(refused.code == 2);
    CHECK(refused.err.find("amount_fallback_column needs amount_column") != std::string::npos);
}
