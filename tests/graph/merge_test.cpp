// Entity resolution, steps two and three: the clusters decisions make (cluster_decisions)
// and the builder merging them (EntityGraphBuilder::merge_entities), on maps drawn here.
#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "graph/algorithms/resolution/decisions.hpp"
#include "graph/entity_graph.hpp"

namespace {

using namespace powermap;
using graph::Decision;
using graph::Verdict;

Decision decide(std::string a, std::string b, Verdict verdict, std::uint32_t line) {
    Decision decision;
    decision.a = std::move(a);
    decision.b = std::move(b);
    decision.verdict = verdict;
    decision.origin = {"judgements.jsonl", line, 1, {}};
    return decision;
}

/// A drawn map being built: companies, people, ties of type "tie" (allowed between any
/// types), each citing "doc".
struct Drawn {
    graph::EntityGraphBuilder builder;
    Drawn() {
        graph::RelationType tie;
        tie.id = "tie";
        tie.wording = {"is tied to", "is tied from"};
        builder.put_relation_type(tie);
        graph::Source doc;
        doc.id = "doc";
        doc.title = "Doc";
        builder.add_source(doc);
    }
    Drawn& entity(const std::string& id, const std::string& type, const std::string& name,
                  graph::PropMap props = {}) {
        graph::Entity entity;
        entity.id = id;
        entity.type = type;
        entity.name = name;
        entity.props = std::move(props);
        entity.origin = SourceLocation{"map.json", 1, 1, {}};
        builder.add_entity(std::move(entity));
        return *this;
    }
    Drawn& tie(const std::string& from, const std::string& to, const std::string& quote,
               const std::string& role = {}) {
        graph::Relation relation;
        relation.from = from;
        relation.to = to;
        relation.type = "tie";
        relation.role = role;
        const graph::Citation citation{graph::Text("doc"), graph::Text(quote), graph::Text()};
        relation.sources = graph::PooledList<graph::Citation>(std::span(&citation, 1));
        relation.origin = SourceLocation{"map.json", 2, 1, {}};
        builder.add_relation(std::move(relation));
        return *this;
    }
    graph::BuildResult build(graph::BuildOptions options = {}) {
        options.check_quotes = false;
        return std::move(builder).build(options);
    }
};

bool has_message(const std::vector<Diagnostic>& diagnostics, const std::string& part,
                 Severity severity) {
    return std::any_of(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& found) {
        return found.severity == severity && found.message.find(part) != std::string::npos;
    });
}

} // namespace

TEST_CASE("same decisions are transitive, the latest line on a pair wins, unsure decides "
          "nothing",
          "[graph][resolution][decisions]") {
    const auto clusters = graph::cluster_decisions({
        decide("b", "a", Verdict::Same, 1),
        decide("b", "c", Verdict::Same, 2),
        decide("x", "y", Verdict::Same, 3),
        decide("y", "x", Verdict::Different, 4), // a changed mind: x and y are two
        decide("p", "q", Verdict::Unsure, 5),
    });
    REQUIRE(clusters.same.size() == 1);
    CHECK(clusters.same[0] == std::vector<std::string>{"a", "b", "c"});
    CHECK(clusters.same_origins[0].size() == 2);
    CHECK(clusters.different == std::vector<std::pair<std::string, std::string>>{{"x", "y"}});
    CHECK(clusters.problems.empty());
}

TEST_CASE("a different pair that same decisions join is an error at its line, with the chain",
          "[graph][resolution][decisions]") {
    const auto clusters = graph::cluster_decisions({
        decide("a", "b", Verdict::Same, 1),
        decide("b", "c", Verdict::Same, 2),
        decide("c", "a", Verdict::Different, 7),
    });
    REQUIRE(clusters.problems.size() == 1);
    const auto& problem = clusters.problems[0];
    CHECK(problem.severity == Severity::Error);
    CHECK(problem.location.line == 7);
    CHECK(problem.message.find("a = b (line 1), b = c (line 2)") != std::string::npos);
}

TEST_CASE("merging a cluster keeps the id that sorts first and the others as referents",
          "[graph][resolution][merge]") {
    Drawn map;
    map.entity("acme-inc", "company", "ACME, INC.",
               {{"city", {graph::PropValue::Kind::String, "RESTON"}}})
        .entity("acme", "company", "Acme",
                {{"city", {graph::PropValue::Kind::String, "Reston"}},
                 {"uei", {graph::PropValue::Kind::String, "AC1"}}})
        .entity("ice", "agency", "ICE")
        .entity("jane", "person", "Jane Roe")
        .tie("acme", "ice", "Acme sells to ICE")
        .tie("acme-inc", "ice", "ACME INC sells to ICE") // the same tie from another source
        .tie("jane", "acme-inc", "Jane works at ACME INC")
        .tie("acme-inc", "acme", "ACME INC is Acme"); // within the cluster: left out
    map.builder.merge_entities({"acme", "acme-inc"}, {{"judgements.jsonl", 3, 1, {}}});
    auto built = map.build();
    REQUIRE(!has_errors(built.diagnostics));
    const auto& graph = *built.graph;
    CHECK(graph.entity_count() == 3);
    const auto acme = graph.find_entity("acme");
    REQUIRE(acme);
    CHECK(graph.find_entity("acme-inc") == acme); // the old id still finds it
    const auto& entity = graph.entity(*acme);
    CHECK(entity.referents.get() == std::vector<std::string>{"acme-inc"});
    CHECK(std::find(entity.aliases.begin(), entity.aliases.end(), "ACME, INC.") !=
          entity.aliases.end());
    // A prop both had with different values: both kept, the other's under its id.
    CHECK(entity.props.at("city").text == "Reston");
    CHECK(entity.props.at("city (acme-inc)").text == "RESTON");
    CHECK(entity.props.at("uei").text == "AC1");
    // The two acme -> ice ties are one, citing both; jane's tie names acme now.
    REQUIRE(graph.relation_count() == 2);
    const auto out = graph.out_relations(*acme);
    REQUIRE(out.size() == 1);
    CHECK(graph.relation(out[0]).sources.size() == 2);
    CHECK(graph.in_relations(*acme).size() == 1);
    CHECK(graph.relation(graph.in_relations(*acme)[0]).from == "jane");
    CHECK(has_message(built.diagnostics, "joins two entities merged into 'acme'; left out",
                      Severity::Warning));
    REQUIRE(built.merges.size() == 1);
    const auto& report = built.merges[0];
    CHECK(report.canonical == "acme");
    CHECK(report.members == std::vector<std::string>{"acme", "acme-inc"});
    CHECK(report.ties == std::vector<std::size_t>{2, 3});
    CHECK(report.ties_dropped == 1);
    CHECK(report.ties_united == 1);
    CHECK(report.prop_conflicts == 1);
    CHECK(report.refused.empty());
}

TEST_CASE("merging refuses unrelated types, and two hubs unless forced",
          "[graph][resolution][merge]") {
    SECTION("a person and a company are not one entity") {
        Drawn map;
        map.entity("jane", "person", "Jane").entity("jane-llc", "company", "Jane LLC");
        map.builder.merge_entities({"jane", "jane-llc"}, {{"judgements.jsonl", 2, 1, {}}});
        auto built = map.build();
        CHECK(has_message(built.diagnostics,
                          "cannot merge jane + jane-llc: 'jane' is a 'person' "
                          "but 'jane-llc' is a 'company'",
                          Severity::Error));
        CHECK(built.graph->entity_count() == 2);
    }
    SECTION("a company and an organisation merge as the company (the more specific type)") {
        Drawn map;
        map.entity("acme", "organization", "Acme").entity("acme-co", "company", "Acme Co");
        map.builder.merge_entities({"acme", "acme-co"}, {});
        auto built = map.build();
        REQUIRE(!has_errors(built.diagnostics));
        CHECK(built.graph->entity(*built.graph->find_entity("acme")).type == "company");
    }
    auto hubs = [](graph::BuildOptions options) {
        Drawn map;
        map.entity("a", "company", "A").entity("b", "company", "B");
        for (const auto* other : {"x", "y", "z"}) {
            map.entity(other, "company", other);
            map.tie("a", other, std::string("a-") + other);
            map.tie("b", other, std::string("b-") + other);
        }
        map.builder.merge_entities({"a", "b"}, {{"judgements.jsonl", 4, 1, {}}});
        options.hub_ties = 3;
        return map.build(options);
    };
    SECTION("two hubs are refused, at the decision's line") {
        auto built = hubs({});
        REQUIRE(has_errors(built.diagnostics));
        const auto found = std::find_if(
            built.diagnostics.begin(), built.diagnostics.end(),
            [](const Diagnostic& d) { return d.message.find("will not merge a + b") == 0; });
        REQUIRE(found != built.diagnostics.end());
        CHECK(found->location.line == 4);
        CHECK(found->hint.find("--force") != std::string::npos);
        CHECK(built.graph->entity_count() == 5);
        CHECK(!built.merges.at(0).refused.empty());
    }
    SECTION("--force-merge merges them") {
        graph::BuildOptions forced;
        forced.force_merge = true;
        auto built = hubs(forced);
        REQUIRE(!has_errors(built.diagnostics));
        CHECK(built.graph->entity_count() == 4);
        CHECK(built.merges.at(0).refused.empty());
    }
}

TEST_CASE("a map written after a merge merges again with a map that defines a referent",
          "[graph][resolution][merge]") {
    // The merged map keeps "acme-inc" as a referent of "acme"; a newer source that still
    // names acme-inc joins it without any decision.
    Drawn map;
    graph::Entity merged;
    merged.id = "acme";
    merged.type = "company";
    merged.name = "Acme";
    merged.referents = std::vector<std::string>{"acme-inc"};
    merged.origin = SourceLocation{"merged.json", 1, 1, {}};
    map.builder.add_entity(std::move(merged));
    map.entity("acme-inc", "company", "ACME, INC.").entity("ice", "agency", "ICE");
    map.tie("acme-inc", "ice", "ACME INC sells to ICE");
    auto built = map.build();
    REQUIRE(!has_errors(built.diagnostics));
    CHECK(built.graph->entity_count() == 2);
    const auto acme = built.graph->find_entity("acme-inc");
    REQUIRE(acme);
    CHECK(built.graph->entity(*acme).id == "acme");
    CHECK(built.graph->out_relations(*acme).size() == 1);
}

TEST_CASE("two maps that each keep the other's id as a referent merge into one, never naming "
          "itself",
          "[graph][resolution][merge]") {
    Drawn map;
    for (const auto& [id, other] : {std::pair{"acme", "acme-inc"}, std::pair{"acme-inc", "acme"}}) {
        graph::Entity entity;
        entity.id = id;
        entity.type = "company";
        entity.name = id;
        entity.referents = std::vector<std::string>{other};
        entity.origin = SourceLocation{std::string(id) + ".json", 1, 1, {}};
        map.builder.add_entity(std::move(entity));
    }
    auto built = map.build();
    REQUIRE(!has_errors(built.diagnostics));
    REQUIRE(built.graph->entity_count() == 1);
    const auto& entity = built.graph->entity(graph::EntityIndex{0});
    CHECK(entity.id == "acme");
    CHECK(entity.referents.get() == std::vector<std::string>{"acme-inc"});
}
