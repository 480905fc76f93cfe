#include <deque>
#include <random>

#include <catch2/catch.hpp>

#include "graph/algorithms/paths/paths.hpp"

using namespace powermap::graph;

namespace {
std::unique_ptr<EntityGraph>
build(const std::vector<std::string>& ids,
      const std::vector<std::tuple<std::string, std::string, std::string>>& ties,
      const std::string& type = "system") {
    EntityGraphBuilder builder;
    for (const auto& id : ids) {
        Entity entity;
        entity.id = id;
        entity.type = type;
        entity.name = id;
        builder.add_entity(entity);
    }
    for (const auto& [from, to, relation_type] : ties) {
        Relation relation;
        relation.from = from;
        relation.to = to;
        relation.type = relation_type;
        builder.add_relation(relation);
    }
    auto result = std::move(builder).build({true, false});
    REQUIRE(result.diagnostics.empty());
    return std::move(result.graph);
}

EntityIndex at(const EntityGraph& graph, const std::string& id) {
    return *graph.find_entity(id);
}

std::vector<std::string> walk(const EntityGraph& graph, const PathResult& path, EntityIndex from) {
    std::vector<std::string> out{graph.entity(from).id};
    for (const auto& hop : path.hops) {
        out.push_back(graph.entity(hop.to).id);
    }
    return out;
}
} // namespace

//   a --hosts--> b --hosts--> c --hosts--> d
//   a <--uses--- e ---uses--> d          (e is a shortcut only when direction is ignored)
TEST_CASE("shortest path ignores direction by default and follows it with directed",
          "[graph][paths]") {
    auto graph = build({"a", "b", "c", "d", "e"}, {{"a", "b", "hosts"},
                                                   {"b", "c", "hosts"},
                                                   {"c", "d", "hosts"},
                                                   {"e", "a", "uses"},
                                                   {"e", "d", "uses"}});
    const AnalyticsView view(*graph);
    const auto a = at(*graph, "a");
    const auto d = at(*graph, "d");
    auto undirected = shortest_path(view, a, d);
    REQUIRE(undirected);
    CHECK(walk(*graph, *undirected, a) == std::vector<std::string>{"a", "e", "d"});
    CHECK_FALSE(undirected->hops[0].forward); // a <- e walks against the tie
    CHECK(undirected->hops[1].forward);

    PathOptions directed;
    directed.directed = true;
    auto forward = shortest_path(view, a, d, directed);
    REQUIRE(forward);
    CHECK(walk(*graph, *forward, a) == std::vector<std::string>{"a", "b", "c", "d"});
    CHECK_FALSE(shortest_path(view, d, a, directed));

    SECTION("avoiding an entity or restricting relation types reroutes") {
        PathOptions avoid;
        avoid.avoid = {at(*graph, "e")};
        CHECK(shortest_path(view, a, d, avoid)->length() == 3);
        PathOptions uses_only;
        uses_only.relation_types = {"uses"};
        CHECK(shortest_path(view, a, d, uses_only)->length() == 2);
        PathOptions supply;
        supply.supply_only = true;
        CHECK(shortest_path(view, a, d, supply)->length() == 3);
    }
    SECTION("a path to itself is empty") {
        CHECK(shortest_path(view, a, a)->length() == 0);
    }
}

//   x ==hosts==> y   (two parallel ties: the lower relation index is the one named)
TEST_CASE("parallel ties: the hop names one specific tie", "[graph][paths]") {
    auto graph = build({"x", "y"}, {{"x", "y", "uses"}, {"x", "y", "hosts"}});
    const AnalyticsView view(*graph);
    auto path = shortest_path(view, at(*graph, "x"), at(*graph, "y"));
    REQUIRE(path);
    REQUIRE(path->length() == 1);
    CHECK(graph->relation(path->hops[0].relation).type == "uses");
}

TEST_CASE("bidirectional BFS agrees with a textbook BFS on random graphs", "[graph][paths]") {
    // Seeded so a failure reproduces; sparse enough that some pairs are disconnected.
    std::mt19937 random(20261129);
    for (int round = 0; round < 20; ++round) {
        const int count = 30;
        std::vector<std::string> ids;
        for (int idx = 0; idx < count; ++idx) {
            ids.push_back("n" + std::to_string(idx));
        }
        std::vector<std::tuple<std::string, std::string, std::string>> ties;
        std::uniform_int_distribution<int> pick(0, count - 1);
        for (int edge = 0; edge < 35; ++edge) {
            ties.emplace_back(ids[static_cast<std::size_t>(pick(random))],
                              ids[static_cast<std::size_t>(pick(random))], "hosts");
        }
        auto graph = build(ids, ties);
        const AnalyticsView view(*graph);
        for (int directed = 0; directed < 2; ++directed) {
            for (int source = 0; source < count; ++source) {
                // Textbook BFS from `source`.
                std::vector<int> distance(count, -1);
                std::deque<int> queue{source};
                distance[static_cast<std::size_t>(source)] = 0;
                while (!queue.empty()) {
                    const int node = queue.front();
                    queue.pop_front();
                    for (const auto& [from, to, type] : ties) {
                        const int left = std::stoi(from.substr(1));
                        const int right = std::stoi(to.substr(1));
                        int next = -1;
                        if (left == node) {
                            next = right;
                        } else if (!directed && right == node) {
                            next = left;
                        }
                        if (next >= 0 && distance[static_cast<std::size_t>(next)] < 0) {
                            distance[static_cast<std::size_t>(next)] =
                                distance[static_cast<std::size_t>(node)] + 1;
                            queue.push_back(next);
                        }
                    }
                }
                PathOptions options;
                options.directed = directed == 1;
                for (int target = 0; target < count; ++target) {
                    auto path =
                        shortest_path(view, at(*graph, ids[static_cast<std::size_t>(source)]),
                                      at(*graph, ids[static_cast<std::size_t>(target)]), options);
                    const int expected = distance[static_cast<std::size_t>(target)];
                    if (expected < 0) {
                        CHECK_FALSE(path);
                    } else {
                        REQUIRE(path);
                        CHECK(static_cast<int>(path->length()) == expected);
                        // The hops chain from source to target.
                        EntityIndex here = at(*graph, ids[static_cast<std::size_t>(source)]);
                        for (const auto& hop : path->hops) {
                            CHECK(hop.from == here);
                            const auto& tie = graph->relation(hop.relation);
                            CHECK((hop.forward ? tie.from_index : tie.to_index) == hop.from);
                            here = hop.to;
                        }
                    }
                }
            }
        }
    }
}
