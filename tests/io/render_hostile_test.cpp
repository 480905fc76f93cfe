// Large diagrams and Graphviz's edge router: neato, fdp, sfdp, circo and twopi route
// splines=true edges around every node through a visibility graph whose size grows with
// the square of the nodes' outline vertices and whose time grows with their cube; a
// generated 10,000-entity map made sfdp crash there (SIGSEGV, 3 of 3 runs). Diagrams past
// the limit get straight edges and a note; the 10,000-entity render itself is the CTest
// test render_large_map_sfdp (tests/reference/check_render_large.sh), as it takes minutes.
#include <csignal>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/diagrams/dot_writer.hpp"
#include "tests/support.hpp"

using powermap::tests::run_cli;
using powermap::tests::scratch_dir;
using powermap::tests::slurp;
using powermap::tests::spit;

namespace {

/// A generated map: `entities` companies, `ties` ties from each to the next ones.
std::string ring_map(std::size_t entities, std::size_t ties) {
    std::string json = R"({"format": "powermap/1", "title": "ring",
"sources": [{"id": "doc", "title": "Doc"}],
"entities": [)";
    for (std::size_t idx = 0; idx < entities; ++idx) {
        json += fmt::format(R"({}{{"id": "e{}", "type": "company", "name": "Company {}"}})",
                            idx == 0 ? "" : ",\n", idx, idx);
    }
    json += "],\n\"relations\": [";
    for (std::size_t idx = 0; idx < ties; ++idx) {
        const std::size_t from = idx % entities;
        const std::size_t to = (from + 1 + idx / entities) % entities;
        json += fmt::format(
            R"({}{{"from": "e{}", "to": "e{}", "type": "partnered_with", "sources": [{{"source": "doc", "quote": "q"}}]}})",
            idx == 0 ? "" : ",\n", from, to);
    }
    json += "]}\n";
    return json;
}

/// The graph attribute line of a DOT text.
std::string graph_line(const std::string& dot) {
    const auto start = dot.find("  graph [");
    return start == std::string::npos ? "" : dot.substr(start, dot.find('\n', start) - start);
}

} // namespace

TEST_CASE("layouts other than dot route edges around nodes only for small diagrams",
          "[io][render][hostile]") {
    const auto dir = scratch_dir("render_routing_limit");
    const std::size_t entities = powermap::io::max_routed_entities;
    const std::size_t ties = powermap::io::max_routed_relations;
    spit(dir / "at.json", ring_map(entities, ties));       // at both limits: routed
    spit(dir / "over.json", ring_map(entities + 1, ties)); // one entity more: straight
    spit(dir / "many.json", ring_map(entities, ties + 1)); // one tie more: straight
    auto render = [&](const std::string& map, const std::string& layout) {
        return run_cli({"--graph", (dir / map).string(), "render", "--layout", layout, "-o",
                        (dir / "out.dot").string()});
    };
    for (const std::string layout : {"neato", "fdp", "sfdp", "circo", "twopi"}) {
        INFO("--layout " << layout);
        auto result = render("at.json", layout);
        REQUIRE(result.code == 0);
        CHECK(graph_line(slurp(dir / "out.dot")).find("splines=\"true\"") != std::string::npos);
        CHECK(result.err.find("note:") == std::string::npos);
        for (const std::string map : {"over.json", "many.json"}) {
            result = render(map, layout);
            REQUIRE(result.code == 0);
            CHECK(graph_line(slurp(dir / "out.dot")).find("splines=\"false\"") !=
                  std::string::npos);
            CHECK(result.err.find(fmt::format(
                      "powermap: note: ties drawn as straight lines: Graphviz's '{}' routes "
                      "them around the nodes only up to 100 entities and 500 ties",
                      layout)) == 0);
        }
    }
    // dot has a router of its own that scales: no splines attribute, no note.
    const auto result = render("over.json", "dot");
    REQUIRE(result.code == 0);
    CHECK(graph_line(slurp(dir / "out.dot")).find("splines") == std::string::npos);
    CHECK(result.err.find("note:") == std::string::npos);
    // --format json says so too.
    const auto json = run_cli({"--graph", (dir / "over.json").string(), "--format", "json",
                               "render", "--layout", "sfdp", "-o", (dir / "out.dot").string()});
    CHECK(json.out.find("\"straight_edges\": true") != std::string::npos);
}

TEST_CASE("sfdp lays out a 1,000-entity map with straight edges, never a signal",
          "[io][render][hostile]") {
    // Laid out for real (SVG), in a child process so that a crash in Graphviz shows as a
    // signal instead of ending the test run. With routed edges this took minutes.
    const auto dir = scratch_dir("render_sfdp_thousand");
    spit(dir / "map.json", ring_map(1000, 2000));
    const auto svg = (dir / "map.svg").string();
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        const auto result = run_cli(
            {"--graph", (dir / "map.json").string(), "render", "--layout", "sfdp", "-o", svg});
        ::_exit(result.code);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    INFO("signal " << (WIFSIGNALED(status) ? WTERMSIG(status) : 0));
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    const std::string picture = slurp(svg);
    CHECK(picture.find("<svg") != std::string::npos);
    CHECK(picture.find("Company 999") != std::string::npos);
}
