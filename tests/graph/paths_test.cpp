// shortest_path reuses one search workspace per thread across queries; these checks compare
// it with a textbook breadth-first search on every pair of the sample, so a stale visited
// mark from an earlier query would show up as a wrong length.
#include <deque>

#include <catch2/catch.hpp>

#include "graph/algorithms/paths/paths.hpp"
#include "io/native/map_loader.hpp"

using namespace powermap;

namespace {

/// Hop distance ignoring direction by plain BFS over the entity's tie lists.
std::vector<long> naive_distances(const graph::EntityGraph& graph, graph::EntityIndex from) {
    std::vector<long> distance(graph.entity_count(), -1);
    std::deque<std::uint32_t> queue{graph::to_underlying(from)};
    distance[graph::to_underlying(from)] = 0;
    while (!queue.empty()) {
        const auto at = queue.front();
        queue.pop_front();
        auto reach = [&](std::uint32_t other) {
            if (distance[other] < 0) {
                distance[other] = distance[at] + 1;
                queue.push_back(other);
            }
        };
        for (auto relation : graph.out_relations(graph::EntityIndex{at})) {
            reach(graph::to_underlying(graph.relation(relation).to_index));
        }
        for (auto relation : graph.in_relations(graph::EntityIndex{at})) {
            reach(graph::to_underlying(graph.relation(relation).from_index));
        }
    }
    return distance;
}

} // namespace

TEST_CASE("shortest path lengths match a textbook BFS on every pair of the sample",
          "[graph][paths]") {
    const auto loaded = io::load_maps({});
    const graph::AnalyticsView view(*loaded.graph);
    const auto count = static_cast<std::uint32_t>(loaded.graph->entity_count());
    std::size_t compared = 0;
    for (std::uint32_t from = 0; from < count; ++from) {
        const auto expected = naive_distances(*loaded.graph, graph::EntityIndex{from});
        for (std::uint32_t to = 0; to < count; ++to) {
            const auto path =
                graph::shortest_path(view, graph::EntityIndex{from}, graph::EntityIndex{to});
            const long length = path ? static_cast<long>(path->length()) : -1;
            CHECK(length == expected[to]);
            if (path) {
                // Hops chain from `from` to `to`.
                auto at = graph::EntityIndex{from};
                for (const auto& hop : path->hops) {
                    CHECK(hop.from == at);
                    at = hop.to;
                }
                CHECK(at == graph::EntityIndex{to});
            }
            ++compared;
        }
    }
    CHECK(compared == std::size_t{count} * count);
}
