#include <catch2/catch.hpp>

#include "graph/entity_graph.hpp"
#include "graph/stats.hpp"

using namespace powermap;
using namespace powermap::graph;

namespace {
Entity entity(std::string id, std::string type, std::string file = "a.json") {
    Entity out;
    out.id = std::move(id);
    out.type = std::move(type);
    out.name = out.id;
    out.origin.file = std::move(file);
    return out;
}

Relation relation(std::string from, std::string to, std::string type, std::string quote = "") {
    Relation out;
    out.from = std::move(from);
    out.to = std::move(to);
    out.type = std::move(type);
    out.origin.file = "a.json";
    if (!quote.empty()) {
        out.sources = {Citation{"doc", graph::Text::unique(quote), ""}};
    }
    return out;
}

Source source_with_text(std::string text) {
    Source source;
    source.id = "doc";
    source.origin.file = "a.json";
    source.text = std::move(text);
    return source;
}

std::vector<std::string> messages(const std::vector<Diagnostic>& diagnostics) {
    std::vector<std::string> out;
    for (const auto& diagnostic : diagnostics) {
        out.push_back(diagnostic.message);
    }
    return out;
}
} // namespace

TEST_CASE("a valid map builds with ties indexed both ways", "[graph][model]") {
    //   vendor --hosts--> system --serves--> agency
    EntityGraphBuilder builder;
    builder.add_source(
        source_with_text("The vendor hosts the system. The system serves the agency."));
    builder.add_entity(entity("vendor", "company"));
    builder.add_entity(entity("system", "system"));
    builder.add_entity(entity("agency", "agency"));
    builder.add_relation(relation("vendor", "system", "hosts", "vendor hosts the system"));
    builder.add_relation(relation("system", "agency", "serves", "system serves the agency"));
    auto result = std::move(builder).build();
    CHECK(result.diagnostics.empty());
    const EntityGraph& graph = *result.graph;
    REQUIRE(graph.relation_count() == 2);
    const auto system = *graph.find_entity("system");
    CHECK(graph.out_relations(system).size() == 1);
    CHECK(graph.in_relations(system).size() == 1);
    CHECK(graph.relation_type(graph.out_relations(system)[0]).id == "serves");
    const auto stats = compute_stats(graph);
    CHECK(stats.components == 1);
    CHECK(stats.verified == 2);
    CHECK(stats.supply == 2);
}

TEST_CASE("every problem is reported in one build", "[graph][model]") {
    EntityGraphBuilder builder;
    builder.add_source(source_with_text("The vendor hosts the system."));
    builder.add_entity(entity("vendor", "company"));
    builder.add_entity(entity("vendor", "company"));
    builder.add_entity(entity("person", "persn"));
    builder.add_entity(entity("system", "system"));
    builder.add_relation(relation("vendr", "system", "hosts", "vendor hosts the system"));
    builder.add_relation(relation("system", "vendor", "hosts", "the system hosts the vendor"));
    Relation dated = relation("vendor", "system", "hosts", "vendor hosts");
    dated.start = "2020";
    dated.end = "2019-02";
    dated.amount = Amount{-5, "usd"};
    builder.add_relation(dated);
    builder.add_relation(relation("vendor", "system", "provides"));
    auto result = std::move(builder).build();
    CHECK(messages(result.diagnostics) == std::vector<std::string>{
                                              "duplicate entity id 'vendor'",
                                              "unknown entity type 'persn'",
                                              "unknown entity 'vendr'",
                                              "quote not found verbatim in source 'doc'",
                                              "amount -5 is not a non-negative number",
                                              "currency 'usd' is not an ISO 4217 code",
                                              "relation ends (2019-02) before it starts (2020)",
                                              "relation vendor -provides-> system cites no source",
                                          });
    CHECK(result.diagnostics[1].hint == "did you mean 'person'?");
    CHECK(result.diagnostics[2].location.path == "/from"); // relative to the relation
    // The dangling relation is left out; the rest are kept.
    CHECK(result.graph->relation_count() == 3);
}

TEST_CASE("a system may host a system but a person may not host one", "[graph][model]") {
    EntityGraphBuilder builder;
    builder.add_entity(entity("jane", "person"));
    builder.add_entity(entity("records", "system"));
    builder.add_relation(relation("jane", "records", "hosts"));
    auto result = std::move(builder).build({true, false});
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].message ==
          "a 'hosts' relation cannot join person 'jane' to system 'records'");
    CHECK(result.diagnostics[0].location.path == "/from");
}

TEST_CASE("the same id in two files merges into one entity", "[graph][model]") {
    EntityGraphBuilder builder;
    Entity first = entity("aws", "company", "a.json");
    first.aliases = {"AWS"};
    first.tags = {"vendor"};
    Entity second = entity("aws", "company", "b.json");
    second.names["ar"] = "\u062e\u062f\u0645\u0627\u062a \u0623\u0645\u0627\u0632\u0648\u0646";
    second.aliases = {"AWS", "Amazon Web Services"};
    builder.add_entity(first);
    builder.add_entity(second);
    Entity conflicting = entity("aws", "agency", "c.json");
    builder.add_entity(conflicting);
    auto result = std::move(builder).build();
    REQUIRE(result.graph->entity_count() == 1);
    const Entity& merged = result.graph->entities()[0];
    CHECK(merged.aliases == std::vector<std::string>{"AWS", "Amazon Web Services"});
    CHECK(merged.names.count("ar") == 1);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].message ==
          "entity 'aws' is a 'agency' here but a 'company' in another file");
}

TEST_CASE("a second file's name and props join the entity; a second value is a warning",
          "[graph][model]") {
    EntityGraphBuilder builder;
    Entity first = entity("amazon", "company", "a.json");
    first.name = "Amazon";
    first.props.edit()["hq"] = PropValue{PropValue::Kind::String, "Seattle"};
    Entity second = entity("amazon", "company", "b.json");
    second.name = "Amazon.com, Inc.";
    second.props.edit()["hq"] = PropValue{PropValue::Kind::String, "Arlington"};
    second.props.edit()["uei"] = PropValue{PropValue::Kind::String, "ABC123"};
    builder.add_entity(first);
    builder.add_entity(second);
    auto result = std::move(builder).build();
    REQUIRE(result.graph->entity_count() == 1);
    const Entity& merged = result.graph->entities()[0];
    CHECK(merged.name == "Amazon");
    CHECK(merged.aliases == std::vector<std::string>{"Amazon.com, Inc."});
    CHECK(merged.props.get().at("hq") == PropValue{PropValue::Kind::String, "Seattle"});
    CHECK(merged.props.get().at("uei") == PropValue{PropValue::Kind::String, "ABC123"});
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].severity == Severity::Warning);
    CHECK(result.diagnostics[0].message ==
          "entity 'amazon' has a different 'hq' here than in another file; the first is kept");
    CHECK(result.diagnostics[0].location.file == "b.json");
    REQUIRE(result.diagnostics[0].related);
    CHECK(result.diagnostics[0].related->file == "a.json");
}

TEST_CASE("the same relation id in two files is one tie with both files' citations",
          "[graph][model]") {
    auto build = [](Relation again) {
        EntityGraphBuilder builder;
        builder.add_entity(entity("aws", "company"));
        builder.add_entity(entity("ice", "system"));
        builder.add_entity(entity("dhs", "system"));
        Source doc;
        doc.id = "doc";
        doc.origin.file = "a.json";
        builder.add_source(doc);
        Relation first = relation("aws", "ice", "hosts", "hosts ICE");
        first.id = "r1";
        builder.add_relation(first);
        again.id = "r1";
        again.origin.file = "b.json";
        builder.add_relation(std::move(again));
        return std::move(builder).build();
    };
    SECTION("the same tie: merged, citations united") {
        auto result = build(relation("aws", "ice", "hosts", "AWS hosts ICE's data"));
        CHECK(result.diagnostics.empty());
        REQUIRE(result.graph->relation_count() == 1);
        const auto& sources = result.graph->relations()[0].sources;
        REQUIRE(sources.size() == 2);
        CHECK(sources[0].quote == "hosts ICE");
        CHECK(sources[1].quote == "AWS hosts ICE's data");
    }
    SECTION("an identical copy adds nothing") {
        auto result = build(relation("aws", "ice", "hosts", "hosts ICE"));
        CHECK(result.diagnostics.empty());
        REQUIRE(result.graph->relation_count() == 1);
        CHECK(result.graph->relations()[0].sources.size() == 1);
    }
    SECTION("another end is a conflict, reported at both places") {
        auto result = build(relation("aws", "dhs", "hosts", "hosts ICE"));
        REQUIRE(result.diagnostics.size() == 1);
        const auto& problem = result.diagnostics[0];
        CHECK(problem.severity == Severity::Error);
        CHECK(problem.message == "relation 'r1': its to is 'dhs' here but 'ice' in another file");
        CHECK(problem.location.file == "b.json");
        REQUIRE(problem.related);
        CHECK(problem.related->file == "a.json");
        CHECK(result.graph->relation_count() == 1);
    }
    SECTION("another amount is a conflict") {
        Relation again = relation("aws", "ice", "hosts", "hosts ICE");
        again.amount = Amount{5, "USD"};
        auto result = build(std::move(again));
        REQUIRE(result.diagnostics.size() == 1);
        CHECK(result.diagnostics[0].message ==
              "relation 'r1' has amount 5 USD here but none in another file");
    }
    SECTION("the same id twice in one file is still an error") {
        Relation again = relation("aws", "ice", "hosts", "hosts ICE");
        auto result = [&] {
            EntityGraphBuilder builder;
            builder.add_entity(entity("aws", "company"));
            builder.add_entity(entity("ice", "system"));
            Relation first = again;
            first.id = "r1";
            builder.add_relation(first);
            builder.add_relation(first);
            return std::move(builder).build();
        }();
        CHECK(messages(result.diagnostics) == std::vector<std::string>{"unknown source 'doc'",
                                                                       "duplicate relation id 'r1'",
                                                                       "unknown source 'doc'"});
    }
}

TEST_CASE("dates accept years, months and days and reject impossible ones", "[graph][model]") {
    CHECK(parse_partial_date("2019") == PartialDate{2019, 0, 0});
    CHECK(parse_partial_date("2019-06") == PartialDate{2019, 6, 0});
    CHECK(parse_partial_date("2020-02-29") == PartialDate{2020, 2, 29});
    CHECK_FALSE(parse_partial_date("2019-02-29"));
    CHECK_FALSE(parse_partial_date("2019-13"));
    CHECK_FALSE(parse_partial_date("19"));
    CHECK_FALSE(parse_partial_date("2019/06"));
    CHECK_FALSE(parse_partial_date("FY2019"));
}
