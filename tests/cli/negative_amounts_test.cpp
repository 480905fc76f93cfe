// Negative amounts (de-obligations, refunds): accepted with a warning on relation types that
// allow them (holds_contract, awarded_by, funds by default; any type with
// "negative_amounts": true), refused elsewhere, netted by totals, and read the same way by
// every importer and kept by the .pmap snapshot.
#include <catch2/catch.hpp>

#include "tests/support.hpp"

namespace {

using namespace powermap::tests;

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// acme holds c1 ($100) and c2, de-obligated by $30, and refunds $5 on a type of the map's own
// schema that allows negative amounts: acme's total is $65.
const char* const netted_map = R"({
  "format": "powermap/1",
  "schema": {"relation_types": [
    {"id": "refunds", "forward": "refunds", "from": ["organization"], "to": ["organization"],
     "negative_amounts": true}
  ]},
  "entities": [
    {"id": "acme", "type": "company", "name": "Acme"},
    {"id": "c1", "type": "contract", "name": "Contract 1"},
    {"id": "c2", "type": "contract", "name": "Contract 2"},
    {"id": "bureau", "type": "agency", "name": "Bureau"}
  ],
  "relations": [
    {"from": "acme", "to": "c1", "type": "holds_contract", "amount": {"value": 100, "currency": "USD"}},
    {"from": "acme", "to": "c2", "type": "holds_contract", "amount": {"value": -30, "currency": "USD"}},
    {"from": "c1", "to": "bureau", "type": "awarded_by"},
    {"from": "c2", "to": "bureau", "type": "awarded_by"},
    {"from": "acme", "to": "bureau", "type": "refunds", "amount": {"value": -5, "currency": "USD"}}
  ]
})";

} // namespace

TEST_CASE("a negative amount on a type that allows it is a warning, and totals net it",
          "[cli][money]") {
    const auto dir = scratch_dir("negative_allowed");
    spit(dir / "map.json", netted_map);
    auto valid = run_cli({"-g", (dir / "map.json").string(), "validate"});
    CHECK(valid.code == 0);
    CHECK(has(valid.out + valid.err,
              "warning: negative amount -30 on a 'holds_contract' tie: taken as money taken "
              "back (a de-obligation), netted in totals"));
    // The map's own type, allowed by "negative_amounts": true in its schema section.
    CHECK(has(valid.out + valid.err, "negative amount -5 on a 'refunds' tie"));
    auto totals = run_cli({"-g", (dir / "map.json").string(), "totals", "--format", "csv"});
    CHECK(totals.code == 0);
    // $100 - $30 on the contracts, - $5 refunded by acme on its own type.
    CHECK(has(totals.out, "vendor,acme,USD,65,3,,\r\n"));
    CHECK(has(totals.out, "agency,bureau,USD,65,3,,\r\n"));
    CHECK(has(totals.out, "currency,,USD,65,3,,\r\n"));
    CHECK(has(totals.out, "by,who,currency,total,amounts,shared,members\r\n"));

    SECTION("the snapshot keeps the amounts and the schema flag") {
        auto pack =
            run_cli({"pack", (dir / "map.json").string(), "-o", (dir / "map.pmap").string()});
        REQUIRE(pack.code == 0);
        auto packed = run_cli({"-g", (dir / "map.pmap").string(), "totals", "--format", "csv"});
        CHECK(packed.out == totals.out);
        auto json = run_cli({"-g", (dir / "map.pmap").string(), "export", "--to", "json", "-o",
                             (dir / "back.json").string()});
        REQUIRE(json.code == 0);
        const std::string back = slurp(dir / "back.json");
        CHECK(has(back, "\"negative_amounts\": true"));
        CHECK(has(back, "\"value\": -30"));
    }
}

TEST_CASE("a negative amount on a type that does not allow it is an error", "[cli][money]") {
    const auto dir = scratch_dir("negative_refused");
    std::string map = netted_map;
    map.replace(map.find("\"negative_amounts\": true"), 24, "\"supply\": false");
    spit(dir / "map.json", map);
    auto valid = run_cli({"-g", (dir / "map.json").string(), "validate"});
    CHECK(valid.code != 0);
    CHECK(has(valid.out + valid.err,
              "error: amount -5 is not a non-negative number — 'refunds' ties take no negative "
              "amounts; a de-obligation belongs on a type with \"negative_amounts\": true in the "
              "schema"));
}

TEST_CASE("importers read negative amounts alike: CSV, GraphML, FollowTheMoney",
          "[cli][money][io]") {
    const auto dir = scratch_dir("negative_import");
    SECTION("CSV: an amount column on an allowing type, and on one that is not") {
        spit(dir / "awards.csv", "vendor,contract,value\nAcme,C1,100\nAcme,C2,-30\n");
        spit(dir / "awards.mapping.json", R"({"format": "powermap-csv-mapping/1",
 "entities": {"vendor": {"type": "company", "name_column": "vendor"},
              "award": {"type": "contract", "name_column": "contract"},
              "peer": {"type": "company", "name_column": "contract", "id_prefix": "peer-"}},
 "relations": [
   {"from": "vendor", "to": "award", "type": "holds_contract", "amount_column": "value", "currency": "USD"},
   {"from": "vendor", "to": "peer", "type": "sells_to", "amount_column": "value", "currency": "USD"}]})");
        auto imported =
            run_cli({"import", (dir / "awards.csv").string(), "--mapping",
                     (dir / "awards.mapping.json").string(), "-o", (dir / "awards.json").string()});
        REQUIRE(imported.code == 0);
        CHECK(has(imported.err, "negative amount -30 on a 'holds_contract' tie"));
        CHECK(has(imported.err, "'-30' in column 'value' is a negative amount, which 'sells_to' "
                                "ties do not take; kept as prop 'amount'"));
        auto totals = run_cli(
            {"-g", (dir / "awards.json").string(), "totals", "--by", "vendor", "--format", "csv"});
        // $100 + $100 on sells_to for row 1, -$30 on holds_contract for row 2; the refused
        // -30 on sells_to stays a prop.
        CHECK(has(totals.out, "vendor,acme,USD,170,3,,\r\n"));
    }
    SECTION("GraphML (as powermap writes it): the builder decides, as for a native map") {
        const std::string head = R"(<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="p" for="graph" attr.name="powermap" attr.type="string"/>
  <key id="t" for="node" attr.name="type" attr.type="string"/>
  <key id="e" for="edge" attr.name="type" attr.type="string"/>
  <key id="a" for="edge" attr.name="amount" attr.type="double"/>
  <key id="c" for="edge" attr.name="currency" attr.type="string"/>
  <graph edgedefault="directed">
    <data key="p">{"format":"powermap/1"}</data>
    <node id="acme"><data key="t">company</data></node>
    <node id="deal"><data key="t">contract</data></node>
    <node id="peer"><data key="t">company</data></node>
)";
        spit(
            dir / "ok.graphml",
            head +
                R"(    <edge source="acme" target="deal"><data key="e">holds_contract</data><data key="a">-30</data><data key="c">USD</data></edge>
  </graph>
</graphml>
)");
        auto ok =
            run_cli({"import", (dir / "ok.graphml").string(), "-o", (dir / "ok.json").string()});
        CHECK(ok.code == 0);
        CHECK(has(ok.err, "negative amount -30 on a 'holds_contract' tie"));
        spit(
            dir / "bad.graphml",
            head +
                R"(    <edge source="acme" target="peer"><data key="e">sells_to</data><data key="a">-30</data><data key="c">USD</data></edge>
  </graph>
</graphml>
)");
        auto bad =
            run_cli({"import", (dir / "bad.graphml").string(), "-o", (dir / "bad.json").string()});
        CHECK(bad.code != 0);
        CHECK(has(bad.err, "'sells_to' ties take no negative amounts"));
    }
    SECTION("FollowTheMoney: a refunded Payment is money; a negative Debt stays a prop") {
        spit(dir / "stream.ftm",
             R"({"id": "city", "schema": "PublicBody", "properties": {"name": ["City"]}}
{"id": "acme", "schema": "Company", "properties": {"name": ["Acme"]}}
{"id": "pay-1", "schema": "Payment", "properties": {"payer": ["city"], "beneficiary": ["acme"], "amount": ["-250"], "currency": ["USD"]}}
{"id": "debt-1", "schema": "Debt", "properties": {"debtor": ["acme"], "creditor": ["city"], "amount": ["-10"], "currency": ["USD"]}}
)");
        auto imported = run_cli(
            {"import", (dir / "stream.ftm").string(), "-o", (dir / "stream.json").string()});
        REQUIRE(imported.code == 0);
        CHECK(has(imported.err, "negative amount -250 on a 'paid' tie"));
        CHECK(has(imported.err, "'-10' in property 'amount' is a negative amount, which a Debt "
                                "does not take; kept as prop 'amount'"));
        auto totals = run_cli({"-g", (dir / "stream.json").string(), "totals", "--by", "recipient",
                               "--format", "csv"});
        CHECK(has(totals.out, "recipient,acme,USD,-250,1,,\r\n"));
    }
}
