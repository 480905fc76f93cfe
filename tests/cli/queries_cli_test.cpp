// The query commands on the built-in sample: text, JSON and CSV output, exit codes 0 (an
// answer), 1 (an empty answer) and 2 (bad input).
#include <catch2/catch.hpp>

#include "tests/support.hpp"

using powermap::tests::run_cli;

namespace {

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t found = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
        ++found;
    }
    return found;
}

} // namespace

TEST_CASE("path --k lists loopless paths that differ by ties", "[cli][queries]") {
    auto text = run_cli({"path", "aws", "ice", "--k", "3"});
    CHECK(text.code == 0);
    CHECK(has(text.out, "3 paths"));
    // Paths 1 and 2 pass the same entities over different ties (serves / is funded by).
    CHECK(has(text.out, "ICE technology-modernization program (FY2019) serves"));
    CHECK(has(text.out, "ICE technology-modernization program (FY2019) is funded by [$24.6M"));
    auto json = run_cli({"path", "aws", "ice", "--k", "3", "--format", "json"});
    CHECK(json.code == 0);
    CHECK(count(json.out, "\"length\": 2") == 3);
    auto csv = run_cli({"path", "aws", "ice", "--k", "2", "--format", "csv"});
    CHECK(csv.out.rfind("path,hop,from,to,relation,words,amount,currency,start,end,cost\r\n", 0) ==
          0);
    CHECK(has(csv.out, "2,2,ice-tech-modernization,ice,funds,is funded by,24600000,USD,2019,,2"));
}

TEST_CASE("path --all refuses past --limit with a count, lists within it", "[cli][queries]") {
    auto refused = run_cli({"path", "aws", "ice", "--all", "--max-hops", "6", "--limit", "20"});
    CHECK(refused.code == 2);
    CHECK(has(refused.err, "more than 20 paths of at most 6 hops"));
    CHECK(refused.out.empty());
    auto listed = run_cli({"path", "aws", "ice", "--all", "--max-hops", "2", "--directed"});
    CHECK(listed.code == 0);
    CHECK(has(listed.out, "3 paths"));
}

TEST_CASE("path: no path is exit 1, bad options exit 2", "[cli][queries]") {
    auto none = run_cli({"path", "aws", "cia", "--directed"});
    CHECK(none.code == 1);
    CHECK(has(none.err,
              "no path from Amazon Web Services (aws) to Central Intelligence Agency (cia)"));
    auto json = run_cli({"path", "aws", "cia", "--directed", "--format", "json"});
    CHECK(json.code == 1);
    CHECK(has(json.out, "\"found\": false"));
    CHECK(run_cli({"path", "aws", "ice", "--weight", "gold"}).code == 2);
    CHECK(run_cli({"path", "aws", "ice", "--as-of", "2019-13"}).code == 2);
    CHECK(run_cli({"path", "aws", "ice", "--dated-only"}).code == 2);
    CHECK(run_cli({"path", "aws", "ice", "--all", "--k", "2"}).code == 2);
}

TEST_CASE("path --weight, --hub-penalty and --as-of answer and mark undated ties",
          "[cli][queries]") {
    auto weighted = run_cli({"path", "aws", "dhs", "--weight", "amount"});
    CHECK(weighted.code == 0);
    CHECK(has(weighted.out, "cost"));
    CHECK(has(weighted.out, "holds [prime contractor, $6.8B]"));
    auto dated = run_cli({"path", "aws", "ice", "--as-of", "2019-06", "--explain"});
    CHECK(dated.code == 0);
    CHECK(has(dated.err, "as of 2019-06"));
    CHECK(has(dated.out, "(undated)"));
    auto hub = run_cli({"path", "peter-thiel", "ice", "--hub-penalty", "0.5"});
    CHECK(hub.code == 0);
}

TEST_CASE("underpin prints the vendor x target matrix with evidence", "[cli][queries]") {
    auto text = run_cli({"underpin"});
    CHECK(text.code == 0);
    CHECK(has(text.out, "4 of 5 vendors reach"));
    CHECK(has(text.out, "dhs-case-management-systems"));
    auto explain =
        run_cli({"underpin", "--vendors", "id=palantir", "--targets", "id=hsi-icm", "--explain"});
    CHECK(explain.code == 0);
    CHECK(has(explain.out, "Palantir Technologies provides HSI case-management system"));
    CHECK(has(explain.out, "quote:"));
    auto csv = run_cli({"underpin", "--format", "csv"});
    CHECK(has(csv.out,
              "aws,dhs-case-management-systems,1,aws -hosts-> dhs-case-management-systems\r\n"));
    CHECK(has(csv.out, "palantir,hsi-icm,1,palantir -provides-> hsi-icm\r\n"));
    auto json =
        run_cli({"underpin", "--format", "json", "--vendors", "Palantir", "--targets", "id=ice"});
    CHECK(has(json.out, "\"vendor\": \"palantir\""));
    CHECK(has(json.out, "\"chain\": ["));
    auto empty = run_cli({"underpin", "--vendors", "id=cia"});
    CHECK(empty.code == 1);
    CHECK(has(empty.err, "none of the 1 vendors reaches any of the 14 targets"));
    auto bad = run_cli({"underpin", "--vendors", "type=compny"});
    CHECK(bad.code == 2);
    CHECK(has(bad.err, "did you mean 'company'?"));
}

TEST_CASE("impact groups dependants by distance with money", "[cli][queries]") {
    auto text = run_cli({"impact", "aws"});
    CHECK(text.code == 0);
    CHECK(has(text.out, "15 dependants of Amazon Web Services (aws)"));
    CHECK(has(text.out, "distance 1"));
    CHECK(has(text.out, "distance 2"));
    CHECK(has(text.out, "$6.8B"));
    auto csv = run_cli({"impact", "aws", "--format", "csv"});
    CHECK(has(csv.out, "2,agency,dhs,U.S. Department of Homeland Security,$6.8B,"));
    auto json = run_cli({"impact", "aws", "--format", "json"});
    CHECK(has(json.out, "\"value\": 6800000000"));
    auto none = run_cli({"impact", "ice"});
    CHECK(none.code == 1);
    CHECK(has(none.err, "nothing depends on"));
}

TEST_CASE("cut: vertex cut, articulation points, dominators", "[cli][queries]") {
    auto cut = run_cli({"cut", "--from", "palantir", "--to", "id=ice"});
    CHECK(cut.code == 0);
    CHECK(has(cut.out, "removing these 5 entities"));
    CHECK(has(cut.out, "falcon-search-analysis"));
    auto csv = run_cli({"cut", "--from", "palantir", "--to", "id=ice", "--format", "csv"});
    CHECK(csv.out.rfind("id,type,name\r\n", 0) == 0);
    auto direct = run_cli({"cut", "--from", "aws", "--to", "id=dhs-case-management-systems"});
    CHECK(direct.code == 1);
    CHECK(has(direct.err, "hosts [data storage] DHS immigration case-management systems directly"));
    auto apart = run_cli({"cut", "--from", "id=ice", "--to", "id=aws"});
    CHECK(apart.code == 1);
    CHECK(has(apart.err, "no supply chain joins them"));
    auto articulation = run_cli({"cut", "--articulation", "--format", "json"});
    CHECK(articulation.code == 0);
    CHECK(has(articulation.out, "\"id\": \"palantir\""));
    auto dominators = run_cli({"cut", "--dominators", "aws"});
    CHECK(dominators.code == 0);
    CHECK(has(dominators.out, "federal-agencies"));
    CHECK(run_cli({"cut"}).code == 2);
    CHECK(run_cli({"cut", "--from", "aws"}).code == 2);
}

TEST_CASE("centrality ranks with ties broken by id", "[cli][queries]") {
    auto text = run_cli({"centrality", "--measure", "betweenness", "--top", "3"});
    CHECK(text.code == 0);
    CHECK(has(text.out, "1     ice-tech-report"));
    CHECK(count(text.out, "\n") == 5);
    auto companies = run_cli({"centrality", "--type", "company", "--top", "0", "--format", "csv"});
    CHECK(companies.out.rfind("rank,id,type,name,degree\r\n", 0) == 0);
    CHECK(count(companies.out, ",company,") == 5);
    auto json = run_cli(
        {"centrality", "--measure", "pagerank", "--directed", "--format", "json", "--top", "1"});
    CHECK(has(json.out, "\"id\": \"ice\""));
    CHECK(run_cli({"centrality", "--measure", "fame"}).code == 2);
    CHECK(run_cli({"centrality", "--type", "planet"}).code == 2);
    auto threads =
        run_cli({"centrality", "--measure", "betweenness", "--threads", "1", "--format", "csv"});
    auto parallel =
        run_cli({"centrality", "--measure", "betweenness", "--threads", "2", "--format", "csv"});
    // Scores are printed to 12 significant digits, so the thread count never shows.
    CHECK(threads.out == parallel.out);
}

TEST_CASE("neighbors, components and totals", "[cli][queries]") {
    auto neighbors = run_cli({"neighbors", "ice", "--depth", "1", "--format", "csv"});
    CHECK(neighbors.code == 0);
    CHECK(has(neighbors.out, "1,hsi,division,"));
    auto lonely = run_cli({"neighbors", "ice", "--relations", "founded"});
    CHECK(lonely.code == 1);
    auto components = run_cli({"components"});
    CHECK(components.code == 0);
    CHECK(has(components.out, "1 weakly connected component"));
    auto strong = run_cli({"components", "--strong", "--format", "json"});
    CHECK(has(strong.out, "\"kind\": \"strong\""));
    auto totals = run_cli({"totals"});
    CHECK(totals.code == 0);
    // The programs AWS and Palantir partner in are credited to each of them, marked shared.
    CHECK(has(totals.out, "vendor    aws       USD       $6.9B    4 (3 shared)"));
    CHECK(has(totals.out, "vendor    palantir  USD       $133.7M  3 (3 shared)"));
    auto explained = run_cli({"totals", "--explain"});
    CHECK(count(explained.out, "quote:") >= 4);
    auto earlier = run_cli({"totals", "--as-of", "2018", "--format", "csv"});
    CHECK(has(earlier.out, "currency,,USD,6800000000,1,,\r\n"));
    auto dated = run_cli({"totals", "--as-of", "2018", "--dated-only"});
    CHECK(dated.code == 1);
    CHECK(has(dated.err, "no tie in the map carries an amount"));
}

//   acme --holds $100--> deal --awarded_by $100--> bureau      (the same $100 twice)
//   acme --hosts--> db --serves--> bureau
//   beta --provides--> db
TEST_CASE("queries on a hand-made map file: same money once, cut, impact", "[cli][queries]") {
    const auto dir = powermap::tests::scratch_dir("queries-hand-made");
    const auto path = (dir / "tiny.json").string();
    powermap::tests::spit(path, R"({
  "format": "powermap/1",
  "entities": [
    {"id": "acme", "type": "company", "name": "Acme"},
    {"id": "beta", "type": "company", "name": "Beta"},
    {"id": "deal", "type": "contract", "name": "Deal"},
    {"id": "db", "type": "system", "name": "Database"},
    {"id": "bureau", "type": "agency", "name": "Bureau"}
  ],
  "relations": [
    {"from": "acme", "to": "deal", "type": "holds_contract", "amount": {"value": 100, "currency": "USD"}},
    {"from": "deal", "to": "bureau", "type": "awarded_by", "amount": {"value": 100, "currency": "USD"}},
    {"from": "acme", "to": "db", "type": "hosts"},
    {"from": "db", "to": "bureau", "type": "serves"},
    {"from": "beta", "to": "db", "type": "provides"}
  ]
})");
    auto totals = run_cli({"-g", path, "totals", "--explain"});
    CHECK(totals.code == 0);
    auto csv = run_cli({"-g", path, "totals", "--format", "csv"});
    CHECK(has(csv.out, "currency,,USD,100,1,,\r\n"));
    CHECK(has(totals.out, "(same money as acme holds_contract deal; not added again)"));
    auto cut = run_cli(
        {"-g", path, "cut", "--from", "type=company", "--to", "id=bureau", "--format", "csv"});
    CHECK(cut.code == 0);
    CHECK(cut.out == "id,type,name\r\ndb,system,Database\r\ndeal,contract,Deal\r\n");
    auto impact = run_cli({"-g", path, "impact", "acme", "--format", "csv"});
    CHECK(has(impact.out, "2,agency,bureau,Bureau,$100,")); // not $200: the same money twice
    auto underpin = run_cli({"-g", path, "underpin", "--format", "csv"});
    CHECK(has(underpin.out, "beta,bureau,2,beta -provides-> db -serves-> bureau\r\n"));
    CHECK(has(underpin.out, "acme,db,1,acme -hosts-> db\r\n"));
}
