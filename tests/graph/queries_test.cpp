// Paths, dependency, cuts, totals, selectors and date filters on maps small enough to draw,
// and on the sample with answers taken from the article.
#include <algorithm>
#include <random>
#include <set>

#include <catch2/catch.hpp>

#include "graph/algorithms/connectivity/components.hpp"
#include "graph/algorithms/connectivity/cuts.hpp"
#include "graph/algorithms/dependency/dependency.hpp"
#include "graph/algorithms/money/totals.hpp"
#include "graph/algorithms/neighborhood/neighbors.hpp"
#include "graph/algorithms/paths/paths.hpp"
#include "graph/selector.hpp"
#include "io/native/map_loader.hpp"
#include "tests/graph/tiny_map.hpp"

namespace {

using namespace powermap;
using graph::EntityIndex;

EntityIndex id(const graph::EntityGraph& graph, const std::string& text) {
    auto found = graph.find_entity(text);
    INFO(text);
    REQUIRE(found.has_value());
    return *found;
}

std::vector<std::string> ids(const graph::EntityGraph& graph,
                             const std::vector<EntityIndex>& entities) {
    std::vector<std::string> out;
    for (auto entity : entities) {
        out.push_back(graph.entity(entity).id);
    }
    return out;
}

std::string entity_path(const graph::EntityGraph& graph, const graph::PathResult& path) {
    std::string text = graph.entity(path.hops.front().from).id;
    for (const auto& hop : path.hops) {
        text += ">" + graph.entity(hop.to).id;
    }
    return text;
}

struct Sample {
    io::LoadedMap loaded = io::load_maps({});
    graph::AnalyticsView view{*loaded.graph};
    graph::NameIndex names{*loaded.graph};
    const graph::EntityGraph& graph() const { return *loaded.graph; }
};

} // namespace

//   a ==tie #0== b --tie #2-- c
//   a ==tie #1== b
//   a -----tie #3---------- c
// Three loopless paths a..c: the direct tie, then a-b-c over each of the parallel ties.
TEST_CASE("k shortest paths differ by ties, not only by entities", "[graph][paths]") {
    tests::TinyMap map;
    map.entity("a").entity("b").entity("c");
    map.tie("a", "tie", "b").tie("a", "tie", "b").tie("b", "tie", "c").tie("a", "tie", "c");
    const auto graph = map.build();
    const graph::AnalyticsView view(*graph);
    const auto paths = graph::k_shortest_paths(view, id(*graph, "a"), id(*graph, "c"), 5);
    REQUIRE(paths.size() == 3);
    CHECK(paths[0].length() == 1);
    CHECK(paths[1].length() == 2);
    CHECK(paths[2].length() == 2);
    CHECK(graph::to_underlying(paths[1].hops[0].relation) == 0);
    CHECK(graph::to_underlying(paths[2].hops[0].relation) == 1);
    const auto all = graph::all_simple_paths(view, id(*graph, "a"), id(*graph, "c"), 3, 100);
    CHECK(all.counted == 3);
    CHECK_FALSE(all.over_limit);
}

//   a complete map of 6 entities: 65 simple paths from n0 to n1 within 5 hops
//   (1 + 4 + 4*3 + 4*3*2 + 4*3*2*1).
TEST_CASE("all simple paths refuses past its limit with a count", "[graph][paths]") {
    tests::TinyMap map;
    for (int idx = 0; idx < 6; ++idx) {
        map.entity("n" + std::to_string(idx));
    }
    for (int left = 0; left < 6; ++left) {
        for (int right = left + 1; right < 6; ++right) {
            map.tie("n" + std::to_string(left), "link", "n" + std::to_string(right));
        }
    }
    const auto graph = map.build();
    const graph::AnalyticsView view(*graph);
    const auto from = id(*graph, "n0");
    const auto to = id(*graph, "n1");
    const auto all = graph::all_simple_paths(view, from, to, 5, 1000);
    CHECK(all.counted == 65);
    CHECK(all.paths.size() == 65);
    CHECK(all.walk_bound >= 65);
    const auto refused = graph::all_simple_paths(view, from, to, 5, 10);
    CHECK(refused.over_limit);
    CHECK(refused.paths.empty());
    CHECK(refused.counted == 11);
    CHECK(refused.walk_bound >= 65);
    // The k shortest by hops: 1, then four of 2.
    const auto k = graph::k_shortest_paths(view, from, to, 5);
    REQUIRE(k.size() == 5);
    CHECK(k[0].length() == 1);
    CHECK(std::all_of(k.begin() + 1, k.end(), [](const auto& path) { return path.length() == 2; }));
}

//   a --$1B--> x --$1B--> b      with --weight amount the money chain is shorter
//   a ----------------> b        (1/log10(1e9+10) per tie) than the plain direct tie
TEST_CASE("weighted paths prefer ties carrying money", "[graph][paths]") {
    tests::TinyMap map;
    map.entity("a").entity("b").entity("x");
    map.tie("a", "tie", "x", 1e9).tie("x", "tie", "b", 1e9).tie("a", "tie", "b");
    const auto graph = map.build();
    const graph::AnalyticsView view(*graph);
    graph::PathOptions options;
    CHECK(graph::cheapest_path(view, id(*graph, "a"), id(*graph, "b"), options)->length() == 1);
    options.weight = graph::PathOptions::Weight::Amount;
    const auto path = graph::cheapest_path(view, id(*graph, "a"), id(*graph, "b"), options);
    REQUIRE(path);
    CHECK(entity_path(*graph, *path) == "a>x>b");
    CHECK(path->cost == Approx(2.0 / std::log10(1e9 + 10)));
}

//   s -- hub -- t           hub also has 20 other ties
//   s -- p -- q -- t
TEST_CASE("hub penalty ranks specific chains above hubs", "[graph][paths]") {
    tests::TinyMap map;
    map.entity("s").entity("t").entity("hub").entity("p").entity("q");
    map.tie("s", "link", "hub").tie("hub", "link", "t");
    map.tie("s", "link", "p").tie("p", "link", "q").tie("q", "link", "t");
    for (int idx = 0; idx < 20; ++idx) {
        map.entity("leaf" + std::to_string(idx));
        map.tie("hub", "link", "leaf" + std::to_string(idx));
    }
    const auto graph = map.build();
    const graph::AnalyticsView view(*graph);
    graph::PathOptions options;
    CHECK(entity_path(*graph, *graph::cheapest_path(view, id(*graph, "s"), id(*graph, "t"),
                                                    options)) == "s>hub>t");
    options.hub_penalty = 1.0;
    CHECK(entity_path(*graph, *graph::cheapest_path(view, id(*graph, "s"), id(*graph, "t"),
                                                    options)) == "s>p>q>t");
    const auto ranked = graph::k_shortest_paths(view, id(*graph, "s"), id(*graph, "t"), 2, options);
    REQUIRE(ranked.size() == 2);
    CHECK(entity_path(*graph, ranked[1]) == "s>hub>t");
}

//   a --(2020..)--> b --(..2018)--> c       a --(undated)--> c
TEST_CASE("as-of keeps ties valid at the date and marks undated ones", "[graph][paths]") {
    tests::TinyMap map;
    map.entity("a").entity("b").entity("c").entity("d");
    map.tie("a", "tie", "b", 0, "2020").tie("b", "tie", "c", 0, "", "2018").tie("a", "tie", "c");
    map.tie("c", "tie", "d", 0, "2019", "2019");
    const auto graph = map.build();
    graph::TimeFilter filter;
    filter.as_of = graph::parse_as_of("2019-06");
    CHECK_FALSE(graph::valid_at(graph->relations()[0], filter));
    CHECK_FALSE(graph::valid_at(graph->relations()[1], filter));
    CHECK(graph::valid_at(graph->relations()[2], filter));
    CHECK(graph::valid_at(graph->relations()[3], filter)); // 2019 covers 2019-06
    graph::TraversalMask mask;
    auto stats = graph::apply_time_filter(*graph, filter, mask);
    CHECK(stats.dropped_out_of_date == 2);
    CHECK(stats.undated_kept == 1);
    filter.dated_only = true;
    graph::TraversalMask dated;
    stats = graph::apply_time_filter(*graph, filter, dated);
    CHECK(stats.undated_dropped == 1);
    CHECK(dated.relation_allowed == std::vector<bool>{false, false, false, true});
    const graph::AnalyticsView view(*graph);
    graph::PathOptions options;
    options.time.as_of = graph::parse_as_of("2021");
    const auto path = graph::shortest_path(view, id(*graph, "b"), id(*graph, "c"), options);
    REQUIRE(path);
    CHECK(entity_path(*graph, *path) == "b>a>c"); // b-c ended in 2018
    CHECK_THROWS_AS(graph::parse_as_of("2019-13"), Error);
}

//   v1 --feeds--> s1 --feeds--> t          v3 --tie--> t (not a supply tie)
//   v2 --feeds--> s1
//   v2 --feeds--> s2 --feeds--> u
TEST_CASE("underpin matrix on a hand-made map", "[graph][dependency]") {
    tests::TinyMap map;
    for (const char* name : {"v1", "v2", "v3", "s1", "s2", "t", "u"}) {
        map.entity(name);
    }
    map.tie("v1", "feeds", "s1").tie("s1", "feeds", "t").tie("v2", "feeds", "s1");
    map.tie("v2", "feeds", "s2").tie("s2", "feeds", "u").tie("v3", "tie", "t");
    const auto graph = map.build();
    const graph::AnalyticsView view(*graph);
    const auto result =
        graph::underpin(view, {id(*graph, "v1"), id(*graph, "v2"), id(*graph, "v3")},
                        {id(*graph, "t"), id(*graph, "u")});
    std::vector<std::string> cells;
    for (const auto& cell : result.cells) {
        cells.push_back(graph->entity(cell.vendor).id + ">" + graph->entity(cell.target).id + ":" +
                        std::to_string(cell.chain.length()));
    }
    CHECK(cells == std::vector<std::string>{"v1>t:2", "v2>t:2", "v2>u:2"});
    graph::DependencyOptions options;
    options.avoid = {id(*graph, "s1")};
    CHECK(graph::underpin(view, {id(*graph, "v1")}, {id(*graph, "t")}, options).cells.empty());
}

//            +--> s1 --+
//   v --$50--> x        t        the $50 reaches t along two chains: counted once
//            +--> s2 --+
//   v --$7--> s2 (a second, parallel route with its own money)
TEST_CASE("impact groups by distance and sums money once per dependant", "[graph][dependency]") {
    tests::TinyMap map;
    for (const char* name : {"v", "x", "s1", "s2", "t"}) {
        map.entity(name);
    }
    map.tie("v", "feeds", "x", 50).tie("x", "feeds", "s1").tie("x", "feeds", "s2");
    map.tie("s1", "feeds", "t").tie("s2", "feeds", "t").tie("v", "feeds", "s2", 7);
    const auto graph = map.build();
    const graph::AnalyticsView view(*graph);
    const auto result = graph::impact(view, id(*graph, "v"));
    REQUIRE(result.entries.size() == 4);
    std::vector<std::string> order;
    for (const auto& entry : result.entries) {
        order.push_back(graph->entity(entry.entity).id + ":" + std::to_string(entry.distance));
    }
    CHECK(order == std::vector<std::string>{"s2:1", "x:1", "s1:2", "t:2"});
    const auto& t = result.entries[3];
    REQUIRE(t.money.size() == 1);
    CHECK(t.money[0].currency == "USD");
    CHECK(t.money[0].value == 57);                 // 50 once + 7, not 50 + 50 + 7
    CHECK(result.entries[0].money[0].value == 57); // s2 is fed by both
    CHECK(result.entries[1].money[0].value == 50);
}

//   a --> m1 --> t
//   a --> m2 --> t       removing m1 and m2 separates {a, b} from {t}
//   b --> m2
TEST_CASE("minimum vertex cut on a hand-made map", "[graph][cuts]") {
    tests::TinyMap map;
    for (const char* name : {"a", "b", "m1", "m2", "t"}) {
        map.entity(name);
    }
    map.tie("a", "feeds", "m1").tie("m1", "feeds", "t").tie("a", "feeds", "m2");
    map.tie("m2", "feeds", "t").tie("b", "feeds", "m2");
    {
        const auto graph = map.build();
        const graph::AnalyticsView view(*graph);
        const auto cut =
            graph::minimum_vertex_cut(view, {id(*graph, "a"), id(*graph, "b")}, {id(*graph, "t")});
        CHECK(cut.separable);
        CHECK(ids(*graph, cut.cut) == std::vector<std::string>{"m1", "m2"});
        const auto from_b = graph::minimum_vertex_cut(view, {id(*graph, "b")}, {id(*graph, "t")});
        CHECK(ids(*graph, from_b.cut) == std::vector<std::string>{"m2"});
        const auto none = graph::minimum_vertex_cut(view, {id(*graph, "t")}, {id(*graph, "a")});
        CHECK(none.separable);
        CHECK_FALSE(none.connected);
        CHECK(none.cut.empty());
    }
}

//   a --> t directly: no other entity can separate them (also over an undirected supply tie)
TEST_CASE("a direct supply tie cannot be cut", "[graph][cuts]") {
    tests::TinyMap map;
    map.entity("a").entity("t");
    map.tie("a", "feeds", "t");
    const auto graph = map.build();
    const graph::AnalyticsView view(*graph);
    const auto cut = graph::minimum_vertex_cut(view, {id(*graph, "a")}, {id(*graph, "t")});
    CHECK_FALSE(cut.separable);
    REQUIRE(cut.direct_ties.size() == 1);
    // An undirected supply tie written t -- a joins them as directly.
    tests::TinyMap piped;
    piped.entity("a").entity("t").entity("m");
    piped.tie("t", "pipe", "a").tie("a", "feeds", "m").tie("m", "feeds", "t");
    const auto piped_graph = piped.build();
    const graph::AnalyticsView piped_view(*piped_graph);
    const auto through_pipe =
        graph::minimum_vertex_cut(piped_view, {id(*piped_graph, "a")}, {id(*piped_graph, "t")});
    CHECK_FALSE(through_pipe.separable);
    CHECK(through_pipe.direct_ties.size() == 1);
    const auto same = graph::minimum_vertex_cut(view, {id(*graph, "a")}, {id(*graph, "a")});
    CHECK_FALSE(same.separable);
    CHECK(ids(*graph, same.shared) == std::vector<std::string>{"a"});
}

//   a - b - c - d        articulation points: b, c
//           |   |        (c-d-e is a triangle, so d is not one)
//           e --+
//   r --> x --> y        dominators from r: x <- r, y <- r (two ways in), z <- r
//   r --> z --> y
TEST_CASE("articulation points and dominators on hand-made maps", "[graph][cuts]") {
    tests::TinyMap map;
    for (const char* name : {"a", "b", "c", "d", "e", "r", "x", "y", "z"}) {
        map.entity(name);
    }
    map.tie("a", "link", "b").tie("b", "link", "c").tie("c", "link", "d").tie("d", "link", "e");
    map.tie("e", "link", "c");
    map.tie("r", "feeds", "x").tie("r", "feeds", "z").tie("x", "feeds", "y").tie("z", "feeds", "y");
    const auto graph = map.build();
    const graph::AnalyticsView view(*graph);
    CHECK(ids(*graph, graph::articulation_points(view)) == std::vector<std::string>{"b", "c"});
    const auto tree = graph::dominator_tree(view, id(*graph, "r"));
    CHECK(*tree.immediate[graph::to_underlying(id(*graph, "y"))] == id(*graph, "r"));
    CHECK(*tree.immediate[graph::to_underlying(id(*graph, "x"))] == id(*graph, "r"));
    CHECK_FALSE(tree.immediate[graph::to_underlying(id(*graph, "a"))].has_value());
    CHECK_FALSE(tree.immediate[graph::to_underlying(id(*graph, "r"))].has_value());
}

//   a -> b -> c -> a (a cycle), c -> d       strong: {a,b,c}, {d}; weak: one
TEST_CASE("weak and strong components", "[graph][components]") {
    tests::TinyMap map;
    map.entity("a").entity("b").entity("c").entity("d").entity("lonely");
    map.tie("a", "tie", "b").tie("b", "tie", "c").tie("c", "tie", "a").tie("c", "tie", "d");
    const auto graph = map.build();
    const graph::AnalyticsView view(*graph);
    const auto weak = graph::weak_components(view);
    REQUIRE(weak.count() == 2);
    CHECK(ids(*graph, weak.members[0]) == std::vector<std::string>{"a", "b", "c", "d"});
    const auto strong = graph::strong_components(view);
    REQUIRE(strong.count() == 3);
    CHECK(ids(*graph, strong.members[0]) == std::vector<std::string>{"a", "b", "c"});
}

//   c --link-- a --tie--> b --tie--> d        depth 1 from a: b, c; depth 2 adds d
//              a --tie--> b (parallel)
TEST_CASE("neighbors lists every tie that leads to each entity", "[graph][neighbors]") {
    tests::TinyMap map;
    map.entity("a").entity("b").entity("c").entity("d");
    map.tie("a", "tie", "b").tie("a", "tie", "b").tie("c", "link", "a").tie("b", "tie", "d");
    const auto graph = map.build();
    const graph::AnalyticsView view(*graph);
    const auto one = graph::neighbors(view, id(*graph, "a"), 1);
    REQUIRE(one.size() == 2);
    CHECK(graph->entity(one[0].entity).id == "b");
    CHECK(one[0].via.size() == 2);
    CHECK(graph::neighbors(view, id(*graph, "a"), 2).size() == 3);
    graph::PathOptions directed;
    directed.directed = true;
    CHECK(graph::neighbors(view, id(*graph, "d"), 3, directed).empty());
}

//   v holds c ($100); c awarded by ag ($100, the same money)
//   g funds p (EUR 5), w partners in p: vendor w, agency g, never added to the dollars
TEST_CASE("totals never add currencies and never count the same money twice", "[graph][totals]") {
    tests::TinyMap map;
    map.entity("v", "company").entity("c", "contract").entity("ag", "agency");
    map.entity("p", "program").entity("g", "agency").entity("w", "company");
    map.tie("v", "holds_contract", "c", 100).tie("c", "awarded_by", "ag", 100);
    map.tie("w", "partner_in", "p").tie("g", "funds", "p", 5, "", "", "EUR");
    const auto graph = map.build();
    const auto totals = graph::money_totals(*graph);
    REQUIRE(totals.items.size() == 3);
    CHECK_FALSE(totals.items[0].same_as.has_value());
    CHECK(totals.items[1].same_as.has_value());
    REQUIRE(totals.by_currency.size() == 2);
    CHECK(totals.by_currency[0].currency == "EUR");
    CHECK(totals.by_currency[0].value == 5);
    CHECK(totals.by_currency[1].currency == "USD");
    CHECK(totals.by_currency[1].value == 100);
    REQUIRE(totals.by_vendor.size() == 2);
    CHECK(ids(*graph, totals.by_vendor[0].who) == std::vector<std::string>{"w"}); // EUR first
    CHECK(ids(*graph, totals.by_vendor[1].who) == std::vector<std::string>{"v"});
    REQUIRE(totals.by_agency.size() == 2);
    CHECK(ids(*graph, totals.by_agency[0].who) == std::vector<std::string>{"g"});
    CHECK(ids(*graph, totals.by_agency[1].who) == std::vector<std::string>{"ag"});
}

//   v1 and v2 both hold c, each tie with the contract's $100: one sum of money, shared
TEST_CASE("a contract held by two vendors is their shared money, counted once", "[graph][totals]") {
    tests::TinyMap map;
    map.entity("v1", "company").entity("v2", "company").entity("c", "contract");
    map.entity("ag", "agency");
    map.tie("v1", "holds_contract", "c", 100).tie("v2", "holds_contract", "c", 100);
    map.tie("c", "awarded_by", "ag");
    const auto graph = map.build();
    const auto totals = graph::money_totals(*graph);
    REQUIRE(totals.items.size() == 2);
    CHECK(totals.items[1].same_as.has_value());
    REQUIRE(totals.by_currency.size() == 1);
    CHECK(totals.by_currency[0].value == 100);
    // Before, v2 vanished: only v1 held the $100. Then both shared one "v1 + v2" line; now
    // each vendor's line shows the $100, marked shared, and the currency total has it once.
    REQUIRE(totals.by_vendor.size() == 2);
    for (std::size_t line = 0; line < 2; ++line) {
        CHECK(ids(*graph, totals.by_vendor[line].who) ==
              std::vector<std::string>{line == 0 ? "v1" : "v2"});
        CHECK(totals.by_vendor[line].value == 100);
        CHECK(totals.by_vendor[line].shared_value == 100);
        CHECK(totals.by_vendor[line].shared_items == 1);
    }
    REQUIRE(totals.by_agency.size() == 1);
    CHECK(ids(*graph, totals.by_agency[0].who) == std::vector<std::string>{"ag"});
}

TEST_CASE("selectors: types with subtypes, tags, ids, names, unions", "[graph][selector]") {
    Sample sample;
    const auto& graph = sample.graph();
    CHECK(ids(graph, graph::select_entities(graph, sample.names, "type=company")) ==
          std::vector<std::string>{"amazon", "aws", "empower-llc", "microsoft", "palantir"});
    // division < agency < government: hsi is an agency by descent.
    const auto agencies = ids(graph, graph::select_entities(graph, sample.names, "type=agency"));
    CHECK(std::find(agencies.begin(), agencies.end(), "hsi") != agencies.end());
    CHECK(ids(graph, graph::select_entities(graph, sample.names, "id=ice, Palantir,id=ice")) ==
          std::vector<std::string>{"ice", "palantir"});
    CHECK(graph::select_entities(graph, sample.names, "tag=case-management").size() == 2);
    auto message = [&](const std::string& selector) {
        try {
            (void)graph::select_entities(graph, sample.names, selector);
        } catch (const Error& error) {
            return error.diagnostic().message + " | " + error.diagnostic().hint;
        }
        return std::string("no error");
    };
    CHECK(message("type=compny") ==
          "unknown entity type 'compny' in selector 'type=compny' | did you mean 'company'?");
    CHECK(message("tag=nothing-like-it")
              .rfind("no entity is tagged 'nothing-like-it' | tags: advocacy, agreement", 0) == 0);
    CHECK(message("type=event").rfind("unknown entity type 'event'", 0) == 0);
    CHECK(
        message("colour=red") ==
        "unknown selector key 'colour' in 'colour=red' | use type=, tag= or id=, or a plain name");
    CHECK(message("id=palantr") == "no entity has id 'palantr' | did you mean 'palantir'?");
    CHECK(message(" , ") ==
          "empty selector | write type=company, tag=enforcement, id=ice or a name");
}

// The article: AWS and Palantir underpin ICE's case-management and biometric systems
// (AWS hosts DHS's case-management and biometric systems; Palantir provides ICE's
// Investigative Case Management and partners in the biometric identity matching service).
TEST_CASE("on the sample, AWS and Palantir underpin case-management and biometric systems",
          "[graph][dependency][sample]") {
    Sample sample;
    const auto& graph = sample.graph();
    const auto result = graph::underpin(
        sample.view, graph::select_entities(graph, sample.names, "id=aws,id=palantir"),
        graph::select_entities(graph, sample.names, "tag=case-management,tag=biometrics"));
    std::vector<std::string> cells;
    for (const auto& cell : result.cells) {
        cells.push_back(graph.entity(cell.vendor).id + ">" + graph.entity(cell.target).id + ":" +
                        std::to_string(cell.chain.length()));
    }
    CHECK(std::find(cells.begin(), cells.end(), "aws>dhs-case-management-systems:1") !=
          cells.end());
    CHECK(std::find(cells.begin(), cells.end(), "aws>dhs-biometric-system:1") != cells.end());
    CHECK(std::find(cells.begin(), cells.end(), "palantir>hsi-icm:1") != cells.end());
    CHECK(std::find(cells.begin(), cells.end(), "palantir>biometric-identity-matching-service:1") !=
          cells.end());
    // Both reach ICE itself in two supply ties (a system or program that serves it).
    const auto ice = graph::underpin(
        sample.view, graph::select_entities(graph, sample.names, "id=aws,id=palantir"),
        {id(graph, "ice")});
    REQUIRE(ice.cells.size() == 2);
    CHECK(ice.cells[0].chain.length() == 2);
    CHECK(ice.cells[1].chain.length() == 2);
}

// The article: AWS is prime contractor of the $6.8 billion DHS cloud-migration contract.
TEST_CASE("on the sample, AWS's impact carries the $6.8B contract to DHS",
          "[graph][dependency][sample]") {
    Sample sample;
    const auto& graph = sample.graph();
    const auto result = graph::impact(sample.view, id(graph, "aws"));
    auto find = [&](const std::string& which) {
        auto found =
            std::find_if(result.entries.begin(), result.entries.end(),
                         [&](const auto& entry) { return graph.entity(entry.entity).id == which; });
        REQUIRE(found != result.entries.end());
        return *found;
    };
    const auto dhs = find("dhs");
    CHECK(dhs.distance == 2);
    REQUIRE(dhs.money.size() == 1);
    CHECK(dhs.money[0].value == 6.8e9);
    CHECK(find("dhs-cloud-migration-contract").distance == 1);
    CHECK(find("dhs-case-management-systems").distance == 1);
    CHECK(find("ice").distance == 2);
    CHECK(find("ice").money.empty());
}

// The article: Palantir reaches ICE through FALCON, the tech platforms and the three FY2019
// programs it partners in; removing those five cuts every supply chain (HSI's ICM serves HSI,
// whose tie to ICE is "part of", not supply).
TEST_CASE("on the sample, the cut between Palantir and ICE is its five products",
          "[graph][cuts][sample]") {
    Sample sample;
    const auto& graph = sample.graph();
    const auto cut =
        graph::minimum_vertex_cut(sample.view, {id(graph, "palantir")}, {id(graph, "ice")});
    CHECK(cut.separable);
    CHECK(ids(graph, cut.cut) ==
          std::vector<std::string>{"automated-recognition-system",
                                   "biometric-identity-matching-service", "falcon-search-analysis",
                                   "ice-tech-modernization", "tech-platforms"});
    // As of 2018 the FY2019 programs are not yet in force: FALCON and the platforms remain.
    graph::DependencyOptions options;
    options.time.as_of = graph::parse_as_of("2018");
    const auto earlier = graph::minimum_vertex_cut(sample.view, {id(graph, "palantir")},
                                                   {id(graph, "ice")}, options);
    CHECK(ids(graph, earlier.cut) ==
          std::vector<std::string>{"falcon-search-analysis", "tech-platforms"});
}

// The article: $6.8B (AWS, DHS contract) and ICE's FY2019 budget lines of $24.6M, $97.2M
// and $11.9M in programs AWS and Palantir partner in.
TEST_CASE("on the sample, totals by vendor and agency", "[graph][totals][sample]") {
    Sample sample;
    const auto& graph = sample.graph();
    const auto totals = graph::money_totals(graph);
    REQUIRE(totals.by_currency.size() == 1);
    CHECK(totals.by_currency[0].value == Approx(6.8e9 + 24.6e6 + 97.2e6 + 11.9e6));
    REQUIRE(totals.by_agency.size() == 2);
    CHECK(ids(graph, totals.by_agency[0].who) == std::vector<std::string>{"dhs"});
    CHECK(ids(graph, totals.by_agency[1].who) == std::vector<std::string>{"ice"});
    CHECK(totals.by_agency[1].value == Approx(133.7e6));
    // The three programs both partner in are credited to each in full, as shared money.
    REQUIRE(totals.by_vendor.size() == 2);
    CHECK(ids(graph, totals.by_vendor[0].who) == std::vector<std::string>{"aws"});
    CHECK(totals.by_vendor[0].value == Approx(6.8e9 + 133.7e6));
    CHECK(totals.by_vendor[0].shared_items == 3);
    CHECK(ids(graph, totals.by_vendor[1].who) == std::vector<std::string>{"palantir"});
    CHECK(totals.by_vendor[1].value == Approx(133.7e6));
    CHECK(totals.by_vendor[1].shared_value == Approx(133.7e6));
}

// Yen's k shortest against brute force: every simple path (all_simple_paths with no
// practical hop bound), sorted by hops, on seeded random multigraphs with parallel ties.
TEST_CASE("k shortest paths match brute-force enumeration on random maps", "[graph][paths]") {
    for (unsigned seed = 1; seed <= 5; ++seed) {
        std::mt19937 random(seed);
        std::uniform_int_distribution<int> pick(0, 8);
        tests::TinyMap map;
        for (int idx = 0; idx < 9; ++idx) {
            map.entity("n" + std::to_string(idx));
        }
        for (int idx = 0; idx < 16; ++idx) {
            map.tie("n" + std::to_string(pick(random)), idx % 3 == 0 ? "link" : "tie",
                    "n" + std::to_string(pick(random)));
        }
        const auto graph = map.build();
        const graph::AnalyticsView view(*graph);
        for (bool directed : {false, true}) {
            graph::PathOptions options;
            options.directed = directed;
            const auto from = id(*graph, "n0");
            const auto to = id(*graph, "n8");
            const auto all = graph::all_simple_paths(view, from, to, 9, 100000, options);
            const auto k = graph::k_shortest_paths(view, from, to, 12, options);
            INFO("seed " << seed << (directed ? " directed" : ""));
            REQUIRE(k.size() == std::min<std::size_t>(12, all.paths.size()));
            std::set<std::vector<std::uint32_t>> distinct;
            for (std::size_t idx = 0; idx < k.size(); ++idx) {
                CHECK(k[idx].length() == all.paths[idx].length());
                std::vector<std::uint32_t> ties;
                std::set<std::uint32_t> entities{graph::to_underlying(from)};
                for (const auto& hop : k[idx].hops) {
                    ties.push_back(graph::to_underlying(hop.relation));
                    CHECK(entities.insert(graph::to_underlying(hop.to)).second); // loopless
                }
                CHECK(distinct.insert(ties).second);
            }
        }
    }
}
