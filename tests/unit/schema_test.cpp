#include <catch2/catch.hpp>

#include "graph/schema.hpp"

using namespace powermap::graph;

TEST_CASE("subtypes are their ancestors", "[graph][schema]") {
    const Schema& schema = Schema::default_schema();
    CHECK(schema.is_a("company", "organization"));
    CHECK(schema.is_a("division", "government"));
    CHECK(schema.is_a("division", "entity"));
    CHECK_FALSE(schema.is_a("person", "organization"));
    CHECK_FALSE(schema.is_a("no-such-type", "entity"));
    CHECK(schema.lineage("division") ==
          std::vector<std::string>{"division", "agency", "government", "organization", "entity"});
}

TEST_CASE("relation types allow endpoint types and their subtypes", "[graph][schema]") {
    const Schema& schema = Schema::default_schema();
    const RelationType& hosts = *schema.find_relation_type("hosts");
    CHECK(hosts.supply);
    CHECK(schema.allows(hosts, "company", "system"));
    CHECK_FALSE(schema.allows(hosts, "person", "system"));
    const RelationType& ally = *schema.find_relation_type("ally_of");
    CHECK_FALSE(ally.directed);
    CHECK(schema.allows(ally, "person", "company")); // undirected: either way round
    CHECK(schema.allows(ally, "company", "person"));
    CHECK(schema.wording(hosts, "en").reverse == "is hosted by");
    CHECK(schema.wording(hosts, "ar").forward == "\u064a\u0633\u062a\u0636\u064a\u0641");
    CHECK(schema.wording(hosts, "fr").forward == "hosts"); // falls back to English
}

TEST_CASE("styles inherit from the parent type", "[graph][schema]") {
    Schema schema = Schema::default_schema();
    EntityType vendor;
    vendor.id = "vendor";
    vendor.parent = "company";
    vendor.style.color = "#ff0000";
    schema.put_entity_type(vendor);
    const Style style = schema.resolved_style("vendor");
    CHECK(style.color == "#ff0000");
    CHECK(style.shape == schema.resolved_style("company").shape);
    CHECK(schema.check().empty());
}

TEST_CASE("schema problems are reported, cycles included", "[graph][schema]") {
    Schema schema;
    schema.put_entity_type({"a", "b", "A", {}, {}, {}});
    schema.put_entity_type({"b", "a", "B", {}, {}, {}});
    schema.put_entity_type({"c", "missing", "C", {}, {}, {}});
    RelationType relation;
    relation.id = "r";
    relation.from = {"nope"};
    schema.put_relation_type(relation);
    const auto problems = schema.check();
    REQUIRE(problems.size() == 4);
    CHECK(problems[0].message == "entity type 'a' is its own ancestor");
    CHECK(problems[2].message == "entity type 'c' has unknown parent 'missing'");
    CHECK(problems[3].message == "relation type 'r' names unknown entity type 'nope'");
}
