// Cross-check (b): NetworkX's answers on real graphs, committed in tests/reference/ by
// make_reference.py, against ours. Floats agree to 1e-9 relative; the rest exactly.
// The graphs: Florentine families, Davis southern women (two-mode: women and events),
// Zachary's karate club, Les Miserables, and the sample map (directed and undirected).
#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "graph/algorithms/centrality/centrality.hpp"
#include "graph/algorithms/connectivity/components.hpp"
#include "graph/algorithms/connectivity/cuts.hpp"
#include "graph/algorithms/paths/paths.hpp"
#include "io/native/map_loader.hpp"
#include "tests/support.hpp"

namespace {

using namespace powermap;
using graph::EntityIndex;

struct Line {
    std::string kind, mode, key, value;
};

std::vector<Line> read_expected(const std::string& name) {
    std::ifstream in(tests::source_dir() / "tests" / "reference" / (name + ".expected.tsv"));
    REQUIRE(in.good());
    std::vector<Line> lines;
    std::string text;
    while (std::getline(in, text)) {
        std::istringstream fields(text);
        Line line;
        std::getline(fields, line.kind, '\t');
        std::getline(fields, line.mode, '\t');
        std::getline(fields, line.key, '\t');
        std::getline(fields, line.value, '\t');
        lines.push_back(line);
    }
    return lines;
}

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    if (text.empty()) {
        return parts;
    }
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, separator)) {
        parts.push_back(part);
    }
    return parts;
}

bool close(double ours, double theirs) {
    return std::abs(ours - theirs) <= 1e-9 * std::max(std::abs(ours), std::abs(theirs)) ||
           std::abs(ours - theirs) <= 1e-15;
}

struct Checker {
    io::LoadedMap loaded;
    std::unique_ptr<graph::AnalyticsView> view;
    std::map<std::pair<std::string, std::string>, std::vector<double>> cache;
    std::size_t checked = 0;

    explicit Checker(const std::vector<std::string>& paths) : loaded(io::load_maps(paths)) {
        REQUIRE(loaded.graph);
        view = std::make_unique<graph::AnalyticsView>(*loaded.graph);
    }
    const graph::EntityGraph& graph() const { return *loaded.graph; }
    EntityIndex find(const std::string& id) const {
        auto entity = graph().find_entity(id);
        INFO(id);
        REQUIRE(entity.has_value());
        return *entity;
    }
    const std::vector<double>& scores(const std::string& kind, const std::string& mode) {
        auto& slot = cache[{kind, mode}];
        if (slot.empty()) {
            graph::CentralityOptions options;
            options.directed = mode == "directed";
            options.normalized = kind != "betweenness-raw";
            const std::string measure = kind == "betweenness-raw" ? "betweenness" : kind;
            slot = graph::find_measure(measure)->run(*view, options);
        }
        return slot;
    }
    std::string ids(std::vector<EntityIndex> entities) const {
        std::vector<std::string> names;
        for (auto entity : entities) {
            names.push_back(graph().entity(entity).id);
        }
        std::sort(names.begin(), names.end());
        std::string text;
        for (const auto& name : names) {
            text += (text.empty() ? "" : ",") + name;
        }
        return text;
    }
    std::string components(const graph::ComponentResult& result) const {
        std::vector<std::string> parts;
        for (const auto& members : result.members) {
            parts.push_back(ids(members));
        }
        std::sort(parts.begin(), parts.end());
        std::string text;
        for (const auto& part : parts) {
            text += (text.empty() ? "" : "|") + part;
        }
        return text;
    }

    void check(const Line& line) {
        INFO(line.kind << " " << line.mode << " " << line.key);
        ++checked;
        const bool directed = line.mode == "directed";
        static const std::set<std::string> measures{
            "degree",    "in",       "out",      "betweenness", "betweenness-raw",
            "closeness", "harmonic", "pagerank", "eigenvector"};
        if (measures.count(line.kind) != 0) {
            const double ours = scores(line.kind, line.mode)[graph::to_underlying(find(line.key))];
            const double theirs = std::stod(line.value);
            INFO("ours " << ours << " networkx " << theirs);
            CHECK(close(ours, theirs));
        } else if (line.kind == "spl") {
            const EntityIndex source = find(line.key);
            std::map<std::string, std::size_t> expected;
            for (const auto& item : split(line.value, ',')) {
                const auto colon = item.rfind(':');
                expected[item.substr(0, colon)] = std::stoul(item.substr(colon + 1));
            }
            graph::PathOptions options;
            options.directed = directed;
            for (auto target : graph().entities_by_id()) {
                const auto path = graph::shortest_path(*view, source, target, options);
                const auto& id = graph().entity(target).id;
                auto found = expected.find(id);
                INFO("to " << id);
                if (found == expected.end()) {
                    CHECK_FALSE(path.has_value());
                } else {
                    REQUIRE(path.has_value());
                    CHECK(path->length() == found->second);
                }
            }
        } else if (line.kind == "articulation") {
            CHECK(ids(graph::articulation_points(*view)) == line.value);
        } else if (line.kind == "weak") {
            CHECK(components(graph::weak_components(*view)) == line.value);
        } else if (line.kind == "strong") {
            CHECK(components(graph::strong_components(*view)) == line.value);
        } else if (line.kind == "kpaths" || line.kind == "kpaths-shorter" ||
                   line.kind == "allpaths4") {
            const auto arrow = line.key.find('>');
            const EntityIndex from = find(line.key.substr(0, arrow));
            const EntityIndex to = find(line.key.substr(arrow + 1));
            graph::PathOptions options;
            options.directed = directed;
            if (line.kind == "allpaths4") {
                const auto all = graph::all_simple_paths(*view, from, to, 4, 1000000, options);
                CHECK(all.counted == std::stoul(line.value));
                CHECK(static_cast<double>(all.counted) <= all.walk_bound);
                return;
            }
            const auto expected_lengths =
                split(kind_value(line.kind == "kpaths" ? line : find_line(line)), ',');
            const auto paths =
                graph::k_shortest_paths(*view, from, to, expected_lengths.size(), options);
            REQUIRE(paths.size() == expected_lengths.size());
            if (line.kind == "kpaths") {
                for (std::size_t idx = 0; idx < paths.size(); ++idx) {
                    CHECK(paths[idx].length() == std::stoul(expected_lengths[idx]));
                }
            } else {
                const std::size_t last = paths.back().length();
                std::vector<std::string> shorter;
                for (const auto& path : paths) {
                    if (path.length() < last) {
                        std::string text = graph().entity(path.hops.front().from).id;
                        for (const auto& hop : path.hops) {
                            text += "/" + graph().entity(hop.to).id;
                        }
                        shorter.push_back(text);
                    }
                }
                std::sort(shorter.begin(), shorter.end());
                std::string text;
                for (const auto& item : shorter) {
                    text += (text.empty() ? "" : ";") + item;
                }
                CHECK(text == line.value);
            }
        } else if (line.kind == "dominators") {
            const auto result = graph::dominator_tree(*view, find(line.key));
            std::string text;
            for (auto entity : graph().entities_by_id()) {
                if (auto dominator = result.immediate[graph::to_underlying(entity)]) {
                    text += (text.empty() ? "" : ",") + graph().entity(entity).id + ":" +
                            graph().entity(*dominator).id;
                }
            }
            CHECK(text == line.value);
        } else if (line.kind == "eigenvector-fails") {
            graph::CentralityOptions options;
            options.directed = directed;
            CHECK_THROWS_AS(graph::eigenvector(*view, options), Error);
        } else {
            FAIL("unknown reference line kind " << line.kind);
        }
    }

    // kpaths-shorter lines need the k of the matching kpaths line.
    std::vector<Line> lines;
    const Line& find_line(const Line& shorter) const {
        for (const auto& line : lines) {
            if (line.kind == "kpaths" && line.mode == shorter.mode && line.key == shorter.key) {
                return line;
            }
        }
        FAIL("no kpaths line for " << shorter.key);
        return shorter;
    }
    static const std::string& kind_value(const Line& line) { return line.value; }
};

void check_reference(const std::string& name, const std::vector<std::string>& maps) {
    Checker checker(maps);
    checker.lines = read_expected(name);
    for (const auto& line : checker.lines) {
        checker.check(line);
    }
    CHECK(checker.checked > 100);
}

std::string reference_map(const std::string& name) {
    return (tests::source_dir() / "tests" / "reference" / (name + ".json")).string();
}

} // namespace

TEST_CASE("Florentine families agree with NetworkX", "[graph][reference]") {
    check_reference("florentine", {reference_map("florentine")});
}

TEST_CASE("Davis southern women (two-mode) agree with NetworkX", "[graph][reference]") {
    check_reference("davis", {reference_map("davis")});
}

TEST_CASE("Zachary's karate club agrees with NetworkX", "[graph][reference]") {
    check_reference("karate", {reference_map("karate")});
}

TEST_CASE("Les Miserables agrees with NetworkX", "[graph][reference]") {
    check_reference("lesmis", {reference_map("lesmis")});
}

TEST_CASE("the sample agrees with NetworkX, directed and undirected", "[graph][reference]") {
    check_reference("sample", {});
}

TEST_CASE("make_reference.py knows the schema's undirected and supply types",
          "[graph][reference]") {
    // make_reference.py hard-codes these to build the sample's NetworkX graphs.
    std::set<std::string> undirected;
    std::set<std::string> supply;
    for (const auto& type : graph::Schema::default_schema().relation_types()) {
        if (!type.directed) {
            undirected.insert(type.id);
        }
        if (type.supply) {
            supply.insert(type.id);
        }
    }
    CHECK(undirected == std::set<std::string>{"ally_of", "partnered_with", "shares_data_with"});
    CHECK(supply == std::set<std::string>{"holds_contract", "awarded_by", "provides", "hosts",
                                          "serves", "sells_to", "partner_in"});
}
