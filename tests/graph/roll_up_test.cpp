// Corporate roll-up (who owns whom) and the money rules that lean on it: totals by parent,
// by recipient, shared contracts, on maps small enough to draw.
#include <catch2/catch.hpp>

#include "graph/algorithms/dependency/dependency.hpp"
#include "graph/algorithms/grouping/roll_up.hpp"
#include "graph/algorithms/money/totals.hpp"
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

} // namespace

//   leaf --subsidiary--> mid --subsidiary--> top        other --part_of (no role)--> top
// The roll-up follows subsidiaries up to the top; a part_of tie without the role (an office
// of an agency, a division) is no ownership and stays apart.
TEST_CASE("roll-up follows subsidiary ties transitively to the top parent", "[graph][roll-up]") {
    tests::TinyMap map;
    map.entity("top", "company").entity("mid", "company").entity("leaf", "company");
    map.entity("other", "company").entity("alone", "company");
    map.subsidiary("leaf", "mid").subsidiary("mid", "top").tie("other", "part_of", "top");
    const auto graph = map.build();
    const auto roll_up = graph::corporate_roll_up(*graph);
    CHECK(roll_up.head_of(id(*graph, "leaf")) == id(*graph, "top"));
    CHECK(roll_up.head_of(id(*graph, "mid")) == id(*graph, "top"));
    CHECK(roll_up.head_of(id(*graph, "other")) == id(*graph, "other"));
    CHECK(roll_up.head_of(id(*graph, "alone")) == id(*graph, "alone"));
    CHECK(ids(*graph, roll_up.members(id(*graph, "top"))) ==
          std::vector<std::string>{"top", "leaf", "mid"});
    CHECK(ids(*graph, roll_up.members(id(*graph, "alone"))) == std::vector<std::string>{"alone"});
    CHECK(roll_up.cycles.empty());
    CHECK(roll_up.several_parents.empty());
}

//   b --subsidiary--> c --subsidiary--> a --subsidiary--> b,   x --subsidiary--> b
// A loop must not hang the walk up; it becomes one group under its first member by id (a),
// reported once, and x, which leads into it, joins that group.
TEST_CASE("a loop of subsidiary ties is one group, reported, and never hangs", "[graph][roll-up]") {
    tests::TinyMap map;
    map.entity("a", "company").entity("b", "company").entity("c", "company");
    map.entity("x", "company");
    map.subsidiary("b", "c").subsidiary("c", "a").subsidiary("a", "b").subsidiary("x", "b");
    const auto graph = map.build();
    const auto roll_up = graph::corporate_roll_up(*graph);
    REQUIRE(roll_up.cycles.size() == 1);
    CHECK(ids(*graph, roll_up.cycles[0]) == std::vector<std::string>{"a", "b", "c"});
    for (const char* member : {"a", "b", "c", "x"}) {
        INFO(member);
        CHECK(roll_up.head_of(id(*graph, member)) == id(*graph, "a"));
    }
}

//   s --subsidiary--> p2,  s --subsidiary--> p1: two parents; s rolls up under p1 (first by id)
TEST_CASE("a subsidiary of two parents rolls up under the first by id, reported",
          "[graph][roll-up]") {
    tests::TinyMap map;
    map.entity("p1", "company").entity("p2", "company").entity("s", "company");
    map.subsidiary("s", "p2").subsidiary("s", "p1");
    const auto graph = map.build();
    const auto roll_up = graph::corporate_roll_up(*graph);
    CHECK(roll_up.head_of(id(*graph, "s")) == id(*graph, "p1"));
    CHECK(ids(*graph, roll_up.several_parents) == std::vector<std::string>{"s"});
}

//   usg --subsidiary--> parent;  usg holds c1 ($50), parent holds c2 ($40), rival holds c3 ($60)
//   every contract awarded by ag
// By vendor, usg, parent and rival each have a line; by parent (and by vendor after roll-up)
// parent's line is $90 and names usg among its members, ahead of rival's $60.
TEST_CASE("by parent credits a subsidiary's money to its top parent", "[graph][roll-up][totals]") {
    tests::TinyMap map;
    map.entity("parent", "company").entity("usg", "company").entity("rival", "company");
    map.entity("c1", "contract").entity("c2", "contract").entity("c3", "contract");
    map.entity("ag", "agency");
    map.subsidiary("usg", "parent");
    map.tie("usg", "holds_contract", "c1", 50).tie("parent", "holds_contract", "c2", 40);
    map.tie("rival", "holds_contract", "c3", 60);
    map.tie("c1", "awarded_by", "ag").tie("c2", "awarded_by", "ag").tie("c3", "awarded_by", "ag");
    const auto graph = map.build();
    const auto roll_up = graph::corporate_roll_up(*graph);
    SECTION("by vendor alone keeps the subsidiary apart") {
        const auto totals =
            graph::money_totals(*graph, {}, {.roll_up = &roll_up, .by_parent = true});
        REQUIRE(totals.by_vendor.size() == 3);
        CHECK(ids(*graph, totals.by_vendor[0].who) == std::vector<std::string>{"rival"});
        CHECK(ids(*graph, totals.by_vendor[1].who) == std::vector<std::string>{"usg"});
        REQUIRE(totals.by_parent.size() == 2);
        CHECK(ids(*graph, totals.by_parent[0].who) == std::vector<std::string>{"parent"});
        CHECK(totals.by_parent[0].value == 90);
        CHECK(ids(*graph, totals.by_parent[0].members) ==
              std::vector<std::string>{"parent", "usg"});
        CHECK(totals.by_parent[1].value == 60);
    }
    SECTION("with the lines rolled up, by vendor is by parent") {
        const auto totals =
            graph::money_totals(*graph, {}, {.roll_up = &roll_up, .roll_up_lines = true});
        REQUIRE(totals.by_vendor.size() == 2);
        CHECK(ids(*graph, totals.by_vendor[0].who) == std::vector<std::string>{"parent"});
        CHECK(totals.by_vendor[0].value == 90);
        CHECK(totals.by_vendor[0].items == 2);
        REQUIRE(totals.by_currency.size() == 1);
        CHECK(totals.by_currency[0].value == 150);
    }
}

//   usg and parent (usg a subsidiary of parent) both hold c ($100): after roll-up it is one
//   group's money, no longer shared between two lines
TEST_CASE("money shared inside one group is that group's, not shared", "[graph][roll-up][totals]") {
    tests::TinyMap map;
    map.entity("parent", "company").entity("usg", "company").entity("c", "contract");
    map.subsidiary("usg", "parent");
    map.tie("usg", "holds_contract", "c", 100).tie("parent", "holds_contract", "c", 100);
    const auto graph = map.build();
    const auto roll_up = graph::corporate_roll_up(*graph);
    const auto totals =
        graph::money_totals(*graph, {}, {.roll_up = &roll_up, .roll_up_lines = true});
    REQUIRE(totals.by_vendor.size() == 1);
    CHECK(totals.by_vendor[0].value == 100);
    CHECK(totals.by_vendor[0].shared_items == 0);
}

//   party --funds--> candidate ($30, a donation), donor --backs--> party ($20),
//   firm --holds_contract--> c ($70): only the ties that are not supply ties have recipients
TEST_CASE("by recipient sums non-supply money by who receives it", "[graph][totals]") {
    tests::TinyMap map;
    map.entity("party", "organization").entity("candidate", "person");
    map.entity("donor", "organization").entity("firm", "company").entity("c", "contract");
    map.entity("alliance", "organization");
    map.tie("party", "tie", "candidate", 30).tie("donor", "backs", "party", 20);
    map.tie("alliance", "backs", "party", 5).tie("firm", "holds_contract", "c", 70);
    const auto graph = map.build();
    const auto totals = graph::money_totals(*graph);
    REQUIRE(totals.by_recipient.size() == 2);
    CHECK(ids(*graph, totals.by_recipient[0].who) == std::vector<std::string>{"candidate"});
    CHECK(totals.by_recipient[0].value == 30);
    CHECK(ids(*graph, totals.by_recipient[1].who) == std::vector<std::string>{"party"});
    CHECK(totals.by_recipient[1].value == 25);
    CHECK(totals.by_recipient[1].items == 2);
    REQUIRE(totals.by_currency.size() == 1);
    CHECK(totals.by_currency[0].value == 125);
}

//   usg --subsidiary--> parent
//   usg --holds_contract--> icm ($53) --awarded_by--> ice
//   parent --hosts--> gotham --serves--> cbp
// What depends on parent, rolled up, includes what depends on usg (icm, ice), but neither
// parent nor usg is its own dependant; without roll-up only gotham and cbp.
TEST_CASE("impact with roll-up: a parent stands for its whole group", "[graph][roll-up]") {
    tests::TinyMap map;
    map.entity("parent", "company").entity("usg", "company").entity("icm", "contract");
    map.entity("ice", "agency").entity("gotham", "system").entity("cbp", "agency");
    map.subsidiary("usg", "parent");
    map.tie("usg", "holds_contract", "icm", 53).tie("icm", "awarded_by", "ice");
    map.tie("parent", "hosts", "gotham").tie("gotham", "serves", "cbp");
    const auto graph = map.build();
    const graph::AnalyticsView view(*graph);
    const auto roll_up = graph::corporate_roll_up(*graph);
    auto dependants = [&](const graph::ImpactResult& result) {
        std::vector<EntityIndex> out;
        for (const auto& entry : result.entries) {
            out.push_back(entry.entity);
        }
        return ids(*graph, out);
    };
    CHECK(dependants(graph::impact(view, id(*graph, "parent"))) ==
          std::vector<std::string>{"gotham", "cbp"});
    graph::DependencyOptions options;
    options.roll_up = &roll_up;
    for (const char* asked : {"parent", "usg"}) {
        INFO(asked);
        const auto result = graph::impact(view, id(*graph, asked), options);
        CHECK(result.root == id(*graph, "parent"));
        CHECK(ids(*graph, result.group) == std::vector<std::string>{"parent", "usg"});
        CHECK(dependants(result) == std::vector<std::string>{"icm", "gotham", "cbp", "ice"});
        // The money on the way to ice is usg's contract, and the chain starts at usg.
        const auto& to_ice = result.entries.back();
        REQUIRE(to_ice.money.size() == 1);
        CHECK(to_ice.money[0].value == 53);
        CHECK(to_ice.chain.hops.front().from == id(*graph, "usg"));
    }
}

//   same map: underpin --vendors usg names parent, with usg's chain to ice as evidence
TEST_CASE("underpin with roll-up names the parent instead of the subsidiary", "[graph][roll-up]") {
    tests::TinyMap map;
    map.entity("parent", "company").entity("usg", "company").entity("icm", "contract");
    map.entity("ice", "agency").entity("gotham", "system").entity("cbp", "agency");
    map.subsidiary("usg", "parent");
    map.tie("usg", "holds_contract", "icm").tie("icm", "awarded_by", "ice");
    map.tie("parent", "hosts", "gotham").tie("gotham", "serves", "cbp");
    const auto graph = map.build();
    const graph::AnalyticsView view(*graph);
    const auto roll_up = graph::corporate_roll_up(*graph);
    graph::DependencyOptions options;
    options.roll_up = &roll_up;
    const std::vector<EntityIndex> targets{id(*graph, "ice"), id(*graph, "cbp"), id(*graph, "usg")};
    const auto plain = graph::underpin(view, {id(*graph, "usg")}, targets);
    REQUIRE(plain.cells.size() == 1);
    CHECK(plain.cells[0].vendor == id(*graph, "usg"));
    const auto rolled =
        graph::underpin(view, {id(*graph, "usg"), id(*graph, "parent")}, targets, options);
    CHECK(ids(*graph, rolled.vendors) == std::vector<std::string>{"parent"});
    // usg, a member of parent's group, is no target of its own group.
    REQUIRE(rolled.cells.size() == 2);
    CHECK(rolled.cells[0].target == id(*graph, "cbp"));
    CHECK(rolled.cells[1].target == id(*graph, "ice"));
    CHECK(rolled.cells[1].vendor == id(*graph, "parent"));
    CHECK(rolled.cells[1].chain.hops.front().from == id(*graph, "usg"));
}

//   usg --subsidiary--> parent;  usg -- a,  usg -- b,  parent -- b,  c -- d
// Contracted, parent is one entity with the ties of both: to a and b (b twice, parallel),
// the subsidiary tie itself left out; c and d keep theirs.
TEST_CASE("contracting groups gives the head every tie of its members", "[graph][roll-up]") {
    tests::TinyMap map;
    map.entity("parent", "company").entity("usg", "company").entity("a").entity("b");
    map.entity("c").entity("d");
    map.subsidiary("usg", "parent");
    map.tie("usg", "link", "a").tie("usg", "link", "b").tie("parent", "link", "b");
    map.tie("c", "link", "d");
    const auto graph = map.build();
    const auto roll_up = graph::corporate_roll_up(*graph);
    const auto contracted = graph::contract_groups(*graph, roll_up);
    REQUIRE(contracted.graph);
    CHECK(contracted.graph->entity_count() == 5);
    CHECK_FALSE(contracted.graph->find_entity("usg").has_value());
    const auto parent = contracted.graph->find_entity("parent");
    REQUIRE(parent.has_value());
    CHECK(contracted.original[graph::to_underlying(*parent)] == id(*graph, "parent"));
    CHECK(contracted.graph->relation_count() == 4);
    CHECK(contracted.graph->out_relations(*parent).size() == 3);
    for (auto tie : contracted.graph->out_relations(*parent)) {
        CHECK(contracted.graph->relation(tie).from == "parent");
    }
}
