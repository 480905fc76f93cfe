// Cross-check (a): betweenness and closeness against deliberately naive textbook versions
// on seeded random maps, and parallel betweenness against the single-threaded run.
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string_view>
#include <type_traits>
#include <variant>

#include <catch2/catch.hpp>

#include "graph/algorithms/centrality/centrality.hpp"
#include "tests/graph/tiny_map.hpp"

namespace {

using namespace powermap;

/// A random map of `count` entities: directed "tie"s, some undirected "link"s, some
/// parallel ties and self-loops (which the measures must ignore, as nx.Graph(G) would
/// collapse them). Seeded so a failure can be replayed.
std::unique_ptr<graph::EntityGraph> random_map(unsigned seed, int count, int ties) {
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> pick(0, count - 1);
    std::uniform_int_distribution<int> kind(0, 9);
    tests::TinyMap map;
    for (int idx = 0; idx < count; ++idx) {
        map.entity("n" + std::to_string(idx));
    }
    for (int idx = 0; idx < ties; ++idx) {
        const int from = pick(random);
        const int to = kind(random) == 0 ? from : pick(random);
        map.tie("n" + std::to_string(from), kind(random) < 2 ? "link" : "tie",
                "n" + std::to_string(to));
        if (kind(random) == 0) { // a parallel tie
            map.tie("n" + std::to_string(from), "tie", "n" + std::to_string(to));
        }
    }
    return map.build();
}

/// The simple graph as an adjacency matrix, straight from the relation list.
std::vector<std::vector<bool>> matrix(const graph::EntityGraph& graph, bool directed) {
    const std::size_t count = graph.entity_count();
    std::vector<std::vector<bool>> adjacent(count, std::vector<bool>(count, false));
    for (const auto& relation : graph.relations()) {
        const auto from = graph::to_underlying(relation.from_index);
        const auto to = graph::to_underlying(relation.to_index);
        if (from == to) {
            continue;
        }
        adjacent[from][to] = true;
        if (!directed || relation.type == "link") {
            adjacent[to][from] = true;
        }
    }
    return adjacent;
}

constexpr std::size_t far = std::numeric_limits<std::size_t>::max();

/// All-pairs distances and shortest-path counts by BFS from every entity.
void all_pairs(const std::vector<std::vector<bool>>& adjacent,
               std::vector<std::vector<std::size_t>>& dist,
               std::vector<std::vector<double>>& sigma) {
    const std::size_t count = adjacent.size();
    dist.assign(count, std::vector<std::size_t>(count, far));
    sigma.assign(count, std::vector<double>(count, 0.0));
    for (std::size_t source = 0; source < count; ++source) {
        std::vector<std::size_t> queue{source};
        dist[source][source] = 0;
        sigma[source][source] = 1;
        for (std::size_t head = 0; head < queue.size(); ++head) {
            const std::size_t at = queue[head];
            for (std::size_t next = 0; next < count; ++next) {
                if (!adjacent[at][next]) {
                    continue;
                }
                if (dist[source][next] == far) {
                    dist[source][next] = dist[source][at] + 1;
                    queue.push_back(next);
                }
                if (dist[source][next] == dist[source][at] + 1) {
                    sigma[source][next] += sigma[source][at];
                }
            }
        }
    }
}

/// Betweenness from its definition: sum over s != v != t of sigma_st(v) / sigma_st, where
/// sigma_st(v) = sigma_sv * sigma_vt when v lies on a shortest s-t path. O(n^3).
std::vector<double> naive_betweenness(const graph::EntityGraph& graph, bool directed) {
    std::vector<std::vector<std::size_t>> dist;
    std::vector<std::vector<double>> sigma;
    all_pairs(matrix(graph, directed), dist, sigma);
    const std::size_t count = graph.entity_count();
    std::vector<double> result(count, 0.0);
    for (std::size_t v = 0; v < count; ++v) {
        for (std::size_t s = 0; s < count; ++s) {
            for (std::size_t t = 0; t < count; ++t) {
                if (s == v || t == v || s == t || dist[s][t] == far || dist[s][v] == far ||
                    dist[v][t] == far || dist[s][v] + dist[v][t] != dist[s][t]) {
                    continue;
                }
                result[v] += sigma[s][v] * sigma[v][t] / sigma[s][t];
            }
        }
        if (!directed) {
            result[v] /= 2; // each unordered pair was counted both ways
        }
    }
    return result;
}

/// Closeness from its definition (NetworkX's, Wasserman–Faust improved, distances to v).
std::vector<double> naive_closeness(const graph::EntityGraph& graph, bool directed) {
    std::vector<std::vector<std::size_t>> dist;
    std::vector<std::vector<double>> sigma;
    all_pairs(matrix(graph, directed), dist, sigma);
    const std::size_t count = graph.entity_count();
    std::vector<double> result(count, 0.0);
    for (std::size_t v = 0; v < count; ++v) {
        double total = 0;
        double reach = 0;
        for (std::size_t u = 0; u < count; ++u) {
            if (u != v && dist[u][v] != far) {
                total += static_cast<double>(dist[u][v]);
                reach += 1;
            }
        }
        if (total > 0) {
            result[v] = reach / total * (reach / static_cast<double>(count - 1));
        }
    }
    return result;
}

} // namespace

TEST_CASE("Brandes betweenness equals the textbook definition on random maps",
          "[graph][centrality]") {
    // Seeds 1..6, sparse and dense, so both long chains and many equal paths occur.
    for (unsigned seed = 1; seed <= 6; ++seed) {
        const int ties = seed % 2 == 0 ? 60 : 160;
        const auto map = random_map(seed, 40, ties);
        const graph::AnalyticsView view(*map);
        for (bool directed : {false, true}) {
            INFO("seed " << seed << (directed ? " directed" : " undirected"));
            graph::CentralityOptions options;
            options.directed = directed;
            options.threads = 1;
            const auto ours = graph::betweenness(view, options);
            const auto naive = naive_betweenness(*map, directed);
            for (std::size_t idx = 0; idx < ours.size(); ++idx) {
                CHECK(ours[idx] == Approx(naive[idx]).epsilon(1e-12).margin(1e-12));
            }
            const auto close_ours = graph::closeness(view, options);
            const auto close_naive = naive_closeness(*map, directed);
            for (std::size_t idx = 0; idx < ours.size(); ++idx) {
                CHECK(close_ours[idx] == Approx(close_naive[idx]).epsilon(1e-12).margin(1e-15));
            }
        }
    }
}

TEST_CASE("parallel betweenness equals the single-threaded run", "[graph][centrality]") {
    const auto map = random_map(42, 300, 900);
    const graph::AnalyticsView view(*map);
    for (bool directed : {false, true}) {
        graph::CentralityOptions options;
        options.directed = directed;
        options.threads = 1;
        const auto single = graph::betweenness(view, options);
        for (unsigned threads : {2u, 3u, 8u}) {
            INFO(threads << " threads" << (directed ? ", directed" : ""));
            options.threads = threads;
            const auto parallel = graph::betweenness(view, options);
            for (std::size_t idx = 0; idx < single.size(); ++idx) {
                CHECK(parallel[idx] == Approx(single[idx]).epsilon(1e-12).margin(1e-12));
            }
            // The same thread count always gives the same bits.
            CHECK(graph::betweenness(view, options) == parallel);
            // And the ranking never depends on the thread count.
            const auto ranked_single = graph::rank_entities(*map, single, {}, 0);
            const auto ranked_parallel = graph::rank_entities(*map, parallel, {}, 0);
            for (std::size_t idx = 0; idx < ranked_single.size(); ++idx) {
                CHECK(ranked_single[idx].entity == ranked_parallel[idx].entity);
            }
        }
    }
}

//   a -> b -> c     betweenness (directed, raw): b = 1; everyone else 0.
//   a -> b (twice)  the parallel tie counts once, as in nx.DiGraph.
TEST_CASE("parallel ties and self-loops count once in centrality", "[graph][centrality]") {
    tests::TinyMap map;
    map.entity("a").entity("b").entity("c");
    map.tie("a", "tie", "b").tie("a", "tie", "b").tie("b", "tie", "c").tie("c", "tie", "c");
    const auto graph = map.build();
    const graph::AnalyticsView view(*graph);
    graph::CentralityOptions options;
    options.directed = true;
    CHECK(graph::betweenness(view, options) == std::vector<double>{0, 1, 0});
    CHECK(graph::out_degree_centrality(view, options) == std::vector<double>{1, 1, 0});
    CHECK(graph::in_degree_centrality(view, options) == std::vector<double>{0, 1, 1});
    options.directed = false;
    CHECK(graph::degree_centrality(view, options) == std::vector<double>{1, 2, 1});
    options.normalized = true;
    CHECK(graph::degree_centrality(view, options) == std::vector<double>{0.5, 1, 0.5});
}

//   a -> b, c -> b: ranks equal scores by id and shares the rank.
TEST_CASE("rankings break ties by id and share ranks", "[graph][centrality]") {
    tests::TinyMap map;
    map.entity("c").entity("b").entity("a");
    map.tie("a", "tie", "b").tie("c", "tie", "b");
    const auto graph = map.build();
    const graph::AnalyticsView view(*graph);
    const auto scores = graph::degree_centrality(view, {});
    const auto ranked = graph::rank_entities(*graph, scores, {}, 0);
    REQUIRE(ranked.size() == 3);
    CHECK(graph->entity(ranked[0].entity).id == "b");
    CHECK(graph->entity(ranked[1].entity).id == "a");
    CHECK(graph->entity(ranked[2].entity).id == "c");
    CHECK(ranked[1].rank == 2);
    CHECK(ranked[2].rank == 2);
    CHECK(graph::rank_entities(*graph, scores, {}, 1).size() == 1);
    // Subnormal scores still rank (rounding must not overflow to infinity and NaN).
    const auto tiny = graph::rank_entities(*graph, {4.9e-324, 1e-310, 0.0}, {}, 0);
    CHECK(graph->entity(tiny[0].entity).id == "b");
    CHECK(graph->entity(tiny[1].entity).id == "c");
    CHECK(graph->entity(tiny[2].entity).id == "a");
}

TEST_CASE("PageRank sums to one and redistributes dangling rank", "[graph][centrality]") {
    // a -> b: b is dangling. Boost's page_rank would lose b's rank; NetworkX spreads it.
    tests::TinyMap map;
    map.entity("a").entity("b");
    map.tie("a", "tie", "b");
    const auto graph = map.build();
    const graph::AnalyticsView view(*graph);
    graph::CentralityOptions options;
    options.directed = true;
    const auto rank = graph::pagerank(view, options);
    CHECK(rank[0] + rank[1] == Approx(1.0).epsilon(1e-9));
    CHECK(rank[1] > rank[0]);
    options.max_iterations = 1;
    CHECK_THROWS_AS(graph::pagerank(view, options), Error);
}

TEST_CASE("betweenness reports progress up to every source", "[graph][centrality]") {
    const auto map = random_map(7, 50, 120);
    const graph::AnalyticsView view(*map);
    graph::CentralityOptions options;
    options.threads = 2;
    std::size_t last_done = 0;
    std::size_t last_total = 0;
    options.progress = [&](std::size_t done, std::size_t total) {
        CHECK(done <= total);
        last_done = done;
        last_total = total;
    };
    (void)graph::betweenness(view, options);
    CHECK(last_total == 50);
    CHECK(last_done == 50);
}

TEST_CASE("approximate betweenness stays within its bound and ignores the thread count",
          "[graph][centrality]") {
    // 300 entities / 900 ties, seeded: big enough for many shortest paths, small enough
    // that exact Brandes is instant. eps 0.02 gives ~9,000 sampled paths.
    const auto map = random_map(7, 300, 900);
    const graph::AnalyticsView view(*map);
    for (bool directed : {false, true}) {
        INFO((directed ? "directed" : "undirected"));
        graph::CentralityOptions options;
        options.directed = directed;
        options.normalized = true;
        options.threads = 1;
        const auto exact = graph::betweenness(view, options);
        const auto single = graph::approximate_betweenness(view, options, 0.02, 0.1, 99);
        REQUIRE(single.samples > 1000);
        CHECK(single.bound == Approx(0.02 * 300.0 / 298.0).epsilon(1e-12));
        double worst = 0;
        for (std::size_t idx = 0; idx < exact.size(); ++idx) {
            worst = std::max(worst, std::abs(exact[idx] - single.scores[idx]));
        }
        CHECK(worst <= single.bound);
        // Every sample has its own generator: two threads give the same bits as one.
        options.threads = 2;
        CHECK(graph::approximate_betweenness(view, options, 0.02, 0.1, 99).scores == single.scores);
        // Another seed gives another estimate, within the same bound.
        const auto other = graph::approximate_betweenness(view, options, 0.02, 0.1, 100);
        CHECK(other.scores != single.scores);
    }
}

TEST_CASE("the measure table names every measure once and declares every setting it reads",
          "[graph][centrality]") {
    // The table is what the query layer builds --measure and the settings from: a row that
    // names an undeclared setting, or two rows sharing a name, would break it silently.
    std::vector<std::string_view> seen;
    for (const graph::MeasureDef& measure : graph::measures()) {
        INFO(measure.name);
        REQUIRE(measure.run != nullptr);
        CHECK(graph::find_measure(measure.name) == &measure);
        for (std::string_view alias : measure.aliases) {
            CHECK(graph::find_measure(alias) == &measure);
        }
        CHECK(std::find(seen.begin(), seen.end(), measure.name) == seen.end());
        seen.push_back(measure.name);
        for (std::string_view setting : measure.params) {
            INFO(setting);
            const auto settings = graph::measure_params();
            CHECK(std::any_of(
                settings.begin(), settings.end(),
                [&](const graph::MeasureParam& param) { return param.name == setting; }));
        }
    }
    CHECK(graph::find_measure("nope") == nullptr);
    // Every default sits in its range (the approx estimate is off by default, so 0).
    const graph::CentralityOptions defaults;
    for (const graph::MeasureParam& param : graph::measure_params()) {
        INFO(param.name);
        std::visit(
            [&](auto field) {
                const auto value = defaults.*field;
                if constexpr (std::is_same_v<std::remove_cvref_t<decltype(value)>, double>) {
                    CHECK((value == 0 || (value >= param.min && value <= param.max)));
                } else {
                    CHECK(value >= param.count_min);
                    CHECK(value <= param.count_max);
                }
            },
            param.field);
    }
}
