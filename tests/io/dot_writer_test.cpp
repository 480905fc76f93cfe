// What a diagram draws and how: styles from the schema, supply ties, filters, highlighting,
// clusters; and the ego network behind --focus.
#include <algorithm>

#include <catch2/catch.hpp>

#include "graph/algorithms/neighborhood/neighbors.hpp"
#include "io/diagrams/dot_writer.hpp"

namespace graph = powermap::graph;
namespace io = powermap::io;

namespace {

//   dhs <-part_of- ice <-part_of- ero        vendor -hosts-> sys -serves-> ice
//   (agency)       (agency)       (division) (contractor)    (system)
//   vendor is a 'contractor', a type the map adds under 'company' with no style of its own.
std::unique_ptr<graph::EntityGraph> small_map() {
    graph::EntityGraphBuilder builder;
    graph::EntityType contractor;
    contractor.id = "contractor";
    contractor.parent = "company";
    contractor.label = "Contractor";
    builder.put_entity_type(contractor);
    auto add = [&](std::string id, std::string type) {
        graph::Entity entity;
        entity.id = std::move(id);
        entity.type = std::move(type);
        entity.name = entity.id;
        builder.add_entity(std::move(entity));
    };
    add("dhs", "agency");
    add("ice", "agency");
    add("ero", "division");
    add("vendor", "contractor");
    add("sys", "system");
    auto tie = [&](std::string from, std::string to, std::string type) {
        graph::Relation relation;
        relation.from = std::move(from);
        relation.to = std::move(to);
        relation.type = std::move(type);
        builder.add_relation(std::move(relation));
    };
    tie("ice", "dhs", "part_of");
    tie("ero", "ice", "part_of");
    tie("vendor", "sys", "hosts");
    tie("sys", "ice", "serves");
    graph::BuildOptions options;
    options.warn_uncited = false;
    auto built = std::move(builder).build(options);
    REQUIRE(built.graph);
    return std::move(built.graph);
}

std::string attr(const io::DotAttrs& attrs, const std::string& key) {
    auto found = std::find_if(attrs.begin(), attrs.end(),
                              [&](const auto& pair) { return pair.first == key; });
    return found == attrs.end() ? "" : found->second;
}

const io::DiagramNode& node(const io::Diagram& diagram, const std::string& name) {
    auto found = std::find_if(diagram.nodes.begin(), diagram.nodes.end(),
                              [&](const auto& item) { return item.name == name; });
    REQUIRE(found != diagram.nodes.end());
    return *found;
}

const io::DiagramEdge& edge(const io::Diagram& diagram, const std::string& from) {
    auto found = std::find_if(diagram.edges.begin(), diagram.edges.end(),
                              [&](const auto& item) { return item.from == from; });
    REQUIRE(found != diagram.edges.end());
    return *found;
}

} // namespace

TEST_CASE("a subtype without a style is drawn like its parent type", "[io][diagram]") {
    auto map = small_map();
    const auto diagram = io::build_diagram(*map, {});
    const auto company = map->schema().resolved_style("company");
    CHECK(attr(node(diagram, "vendor").attrs, "shape") == company.shape);
    CHECK(attr(node(diagram, "vendor").attrs, "fillcolor") == company.fillcolor);
    // A division sets its own fill but is still a house like every government body.
    CHECK(attr(node(diagram, "ero").attrs, "shape") == "house");
}

TEST_CASE("supply ties are solid, heavier and filled-arrowed; others are not", "[io][diagram]") {
    auto map = small_map();
    const auto diagram = io::build_diagram(*map, {});
    const auto& hosts = edge(diagram, "vendor");
    CHECK(attr(hosts.attrs, "style") == "solid");
    CHECK(attr(hosts.attrs, "penwidth") == "1.8");
    CHECK(attr(hosts.attrs, "arrowhead") == "normal");
    const auto& part_of = edge(diagram, "ero");
    CHECK(attr(part_of.attrs, "penwidth").empty());
    CHECK(attr(part_of.attrs, "arrowhead") == "empty");
}

TEST_CASE("type filters include subtypes; relation filters name types", "[io][diagram]") {
    auto map = small_map();
    io::DotOptions options;
    options.entity_types = {"government"};
    auto diagram = io::build_diagram(*map, options);
    // agency and division descend from government.
    CHECK(diagram.entities_drawn == 3);
    CHECK(diagram.relations_drawn == 2);
    options.entity_types.clear();
    options.relation_types = {"hosts"};
    diagram = io::build_diagram(*map, options);
    CHECK(diagram.entities_drawn == 5);
    CHECK(diagram.relations_drawn == 1);
}

TEST_CASE("highlighting fades the rest; --only drops it", "[io][diagram]") {
    auto map = small_map();
    io::DotOptions options;
    options.highlight_entities = {*map->find_entity("vendor"), *map->find_entity("sys")};
    options.highlight_relations = {graph::RelationIndex{2}};
    auto diagram = io::build_diagram(*map, options);
    CHECK(attr(node(diagram, "vendor").attrs, "penwidth") == "2.5");
    CHECK(attr(node(diagram, "dhs").attrs, "fillcolor") == "#f4f4f4");
    CHECK(attr(edge(diagram, "sys").attrs, "color") == "#d4d4d4");
    options.only_highlighted = true;
    diagram = io::build_diagram(*map, options);
    CHECK(diagram.entities_drawn == 2);
    CHECK(diagram.relations_drawn == 1);
}

TEST_CASE("part_of chains nest as clusters", "[io][diagram]") {
    auto map = small_map();
    io::DotOptions options;
    options.clusters = true;
    const auto diagram = io::build_diagram(*map, options);
    REQUIRE(diagram.clusters.size() == 1);
    const auto& dhs = diagram.clusters[0];
    CHECK(dhs.name == "cluster_dhs");
    CHECK(dhs.nodes == std::vector<std::string>{"dhs"});
    REQUIRE(dhs.children.size() == 1);
    CHECK(dhs.children[0].name == "cluster_ice");
    CHECK(dhs.children[0].nodes == std::vector<std::string>{"ice", "ero"});
    const std::string dot = io::write_dot(diagram);
    CHECK(dot.find("  subgraph \"cluster_dhs\" {\n") != std::string::npos);
    CHECK(dot.find("    subgraph \"cluster_ice\" {\n") != std::string::npos);
}

TEST_CASE("a part_of cycle is broken at one link, not followed forever", "[io][diagram]") {
    // a -part_of-> b -part_of-> a: the first link (by entity) closing the cycle is dropped,
    // the other still draws one box.
    graph::EntityGraphBuilder builder;
    for (const char* id : {"a", "b"}) {
        graph::Entity entity;
        entity.id = id;
        entity.type = "organization";
        builder.add_entity(entity);
    }
    for (auto [from, to] : {std::pair{"a", "b"}, std::pair{"b", "a"}}) {
        graph::Relation relation;
        relation.from = from;
        relation.to = to;
        relation.type = "part_of";
        builder.add_relation(relation);
    }
    auto built = std::move(builder).build();
    REQUIRE(built.graph);
    io::DotOptions options;
    options.clusters = true;
    const auto diagram = io::build_diagram(*built.graph, options);
    REQUIRE(diagram.clusters.size() == 1);
    CHECK(diagram.clusters[0].nodes == std::vector<std::string>{"a", "b"});
    CHECK(diagram.clusters[0].children.empty());
}

TEST_CASE("the ego network reaches N ties out, both ways", "[graph][ego]") {
    auto map = small_map();
    const auto ice = *map->find_entity("ice");
    const graph::AnalyticsView view(*map);
    CHECK(graph::ego_network(view, ice, 0).entities.size() == 1);
    // ice's neighbours: dhs (it is part of), ero (part of it), sys (serves it).
    const auto one = graph::ego_network(view, ice, 1);
    CHECK(one.entities.size() == 4);
    CHECK(one.relations.size() == 3);
    CHECK(graph::ego_network(view, ice, 2).entities.size() == 5);
}
