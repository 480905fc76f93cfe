// DOT import through cgraph: what nodes, edges, attributes and subgraphs become, how
// Graphviz's own errors are reported, and Graphviz's whole example corpus.
#include <cstdio>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "io/diagrams/dot_writer.hpp"
#include "io/formats/dot_reader.hpp"
#include "io/native/map_loader.hpp"
#include "tests/support.hpp"

namespace {

using powermap::io::read_dot_map;
namespace graph = powermap::graph;

graph::BuildResult read_text(const std::string& text, const std::string& name = "test.dot") {
    graph::EntityGraphBuilder builder;
    read_dot_map(name, text, builder);
    return std::move(builder).build();
}

const graph::Entity& entity(const graph::EntityGraph& map, const std::string& id) {
    auto found = map.find_entity(id);
    REQUIRE(found.has_value());
    return map.entity(*found);
}

} // namespace

TEST_CASE("DOT nodes become typed entities, edges relations, attributes props", "[io][dot]") {
    // palantir -> ice names a known relation type; ice -> x does not and gets linked_to;
    // x's type is unknown, so it is read as 'entity' with a warning.
    auto result = read_text(R"(digraph "My map" {
  node [shape=box];
  subgraph cluster_vendors { label="Vendors"; palantir [type=company, label="Palantir\nTechnologies", founded=2003]; }
  ice [type=agency];
  x [type=spaceship];
  palantir -> ice [type=sells_to, weight=2];
  ice -> x [label="uses?"];
})");
    REQUIRE(result.graph);
    const auto& map = *result.graph;
    CHECK(map.info().title == "My map");
    CHECK(map.entity_count() == 3);
    CHECK(map.relation_count() == 2);
    const auto& palantir = entity(map, "palantir");
    CHECK(palantir.type == "company");
    CHECK(palantir.name == "Palantir Technologies");
    CHECK(palantir.tags == std::vector<std::string>{"cluster_vendors"});
    CHECK(palantir.props.at("founded").text == "2003");
    CHECK(palantir.props.at("shape").text == "box");
    CHECK(palantir.props.count("label") == 0);
    CHECK(entity(map, "ice").name == "ice");
    CHECK(entity(map, "x").type == "entity");
    CHECK(entity(map, "x").props.at("type").text == "spaceship");
    CHECK(map.relations()[0].type == "sells_to");
    CHECK(map.relations()[0].props.at("weight").text == "2");
    CHECK(map.relations()[1].type == "linked_to");
    CHECK(map.relations()[1].props.at("label").text == "uses?");
    bool warned = false;
    for (const auto& diagnostic : result.diagnostics) {
        warned = warned ||
                 diagnostic.message == "node 'x' has unknown type 'spaceship'; read as 'entity'";
    }
    CHECK(warned);
}

TEST_CASE("undirected DOT edges become undirected linked_with ties", "[io][dot]") {
    auto result = read_text("graph { a -- b -- c }");
    REQUIRE(result.graph);
    CHECK(result.graph->relation_count() == 2);
    CHECK(result.graph->relations()[0].type == "linked_with");
    CHECK_FALSE(result.graph->schema().find_relation_type("linked_with")->directed);
}

TEST_CASE("several graphs in one DOT file stay apart", "[io][dot]") {
    // Both graphs name a node 'a': without the prefix they would merge into one entity.
    auto result = read_text("digraph G { a -> b }\ndigraph H { a -> c }\n");
    REQUIRE(result.graph);
    CHECK(result.graph->entity_count() == 4);
    CHECK(result.graph->find_entity("G/a").has_value());
    CHECK(result.graph->find_entity("H/a").has_value());
}

TEST_CASE("a DOT syntax error names the file and the line", "[io][dot]") {
    try {
        (void)read_text("digraph {\n  a -> b\n  c -> -> d\n}\n", "broken.dot");
        FAIL("no error");
    } catch (const powermap::Error& error) {
        CHECK(error.diagnostic().location.file == "broken.dot");
        CHECK(error.diagnostic().location.line == 3);
        CHECK(error.diagnostic().message == "Graphviz: syntax error near '->'");
    }
    // The reader recovers: the next file reads normally (Graphviz's lexer state is global).
    CHECK(read_text("digraph { a -> b }").graph->relation_count() == 1);
}

TEST_CASE("a DOT file that is not UTF-8 is read as Latin-1 with a warning", "[io][dot]") {
    // "Zoë" in Latin-1: 0xEB alone is not valid UTF-8.
    auto result = read_text("digraph {\n  n [label=\"Zo\xEB\"];\n}\n");
    REQUIRE(result.graph);
    CHECK(entity(*result.graph, "n").name == "Zo\u00eb");
    REQUIRE_FALSE(result.diagnostics.empty());
    CHECK(result.diagnostics[0].location.line == 2);
    CHECK(result.diagnostics[0].message == "the file is not valid UTF-8; read it as Latin-1");
}

TEST_CASE("an empty DOT file is an error, not an empty map", "[io][dot]") {
    CHECK_THROWS_AS(read_text("  \n// nothing\n"), powermap::Error);
}

TEST_CASE("names that could break DOT survive writing and reading back", "[io][dot]") {
    // Quotes, backslashes (also final, doubled, before a quote and before 'n'), Graphviz
    // escapes (\N, \G, \n), HTML, ampersands and character references, record syntax,
    // spaces at both ends, a tab, Arabic with tashkeel and an RTL mark: each one a quoting,
    // substitution or decoding boundary. Every name must come back byte for byte.
    const std::vector<std::string> names{"say \"hi\"",
                                         "back\\slash\\",
                                         "C:\\new",
                                         "two\\\\ \\\"q\\\" end\\\\",
                                         "\\N and \\G",
                                         "<img src=x onerror=alert(1)>",
                                         "AT&T &amp; co &#92; &lt;",
                                         "\u0645\u064f\u062d\u064e\u0645\u0651\u064e\u062f\u200f",
                                         "}; x -> y; {",
                                         "{a|<p> b}",
                                         "  spaced  ",
                                         "tab\there"};
    graph::EntityGraphBuilder builder;
    for (std::size_t idx = 0; idx < names.size(); ++idx) {
        graph::Entity item;
        item.id = fmt::format("e{}", idx);
        item.type = "person";
        item.name = names[idx];
        builder.add_entity(item);
    }
    auto built = std::move(builder).build();
    REQUIRE(built.graph);
    const std::string dot = powermap::io::write_dot(*built.graph);
    auto back = read_text(dot);
    REQUIRE(back.graph);
    CHECK(back.graph->entity_count() == names.size());
    for (std::size_t idx = 0; idx < names.size(); ++idx) {
        CHECK(entity(*back.graph, fmt::format("e{}", idx)).name == names[idx]);
    }
}

TEST_CASE("labels decode as Graphviz draws them: substitutions, references, escapes", "[io][dot]") {
    // Graphviz's order (make_label): \N and \G first, then character references, then
    // escapes. So "&#92;n" is a backslash-n escape, a line break; "\\N" is a backslash and
    // an N; line breaks become one space and none at either end.
    auto result = read_text(R"(digraph G {
  a [label="C:&#92;new"];
  b [label="C:\\new"];
  c [label="\N of \G"];
  d [label="\nAT&amp;T&nbsp;&eacute;&#x41;&#66; &bogus; &#0; &\n\n"];
  e [label="x\l\ly\rz"];
})");
    REQUIRE(result.graph);
    CHECK(entity(*result.graph, "a").name == "C: ew");
    CHECK(entity(*result.graph, "b").name == "C:\\new");
    CHECK(entity(*result.graph, "c").name == "c of G");
    CHECK(entity(*result.graph, "d").name == "AT&T\u00a0\u00e9AB &bogus; &#0; &");
    CHECK(entity(*result.graph, "e").name == "x y z");
}

namespace {

struct Expected {
    std::string file;
    std::size_t graphs = 0;
    std::size_t nodes = 0;
    std::size_t edges = 0;
};

/// Reads `path` as a map: "ok" with matching counts, or a clear error with a location.
void check_import(const std::filesystem::path& path, std::size_t nodes, std::size_t edges,
                  std::size_t& matched, std::size_t& refused) {
    INFO(path.string());
    try {
        auto loaded = powermap::io::load_maps({path.string()});
        REQUIRE(loaded.graph);
        CHECK(loaded.graph->entity_count() == nodes);
        CHECK(loaded.graph->relation_count() == edges);
        ++matched;
    } catch (const powermap::Error& error) {
        CHECK(error.diagnostic().location.file == path.string());
        CHECK(error.diagnostic().location.line > 0);
        CHECK_FALSE(error.diagnostic().message.empty());
        ++refused;
    }
}

std::string run_command(const std::string& command) {
    std::string out;
    if (FILE* pipe = ::popen(command.c_str(), "r")) {
        char buffer[4096];
        std::size_t got = 0;
        while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
            out.append(buffer, got);
        }
        ::pclose(pipe);
    }
    return out;
}

} // namespace

TEST_CASE("every graph of Graphviz's regression corpus imports with gc's counts or a clear "
          "error",
          "[io][dot][corpus]") {
    POWERMAP_SKIP_UNLESS_SHARED_DATA();
    const auto root = powermap::tests::shared_data_dir() / "graphviz-rtest";
    std::ifstream table(root / "counts.tsv");
    REQUIRE(table);
    std::string line;
    std::getline(table, line); // header
    std::size_t matched = 0;
    std::size_t refused = 0;
    while (std::getline(table, line)) {
        std::istringstream fields(line);
        Expected row;
        fields >> row.file >> line >> row.graphs >> row.nodes >> row.edges;
        if (row.file.size() > 4 && row.file.substr(row.file.size() - 4) == ".gml") {
            continue;
        }
        // `gc -n -e` adds a "total" line when a file holds several graphs, and counts.tsv
        // summed every line, so those rows count each graph twice.
        if (row.graphs > 1) {
            row.nodes /= 2;
            row.edges /= 2;
        }
        check_import(root / row.file, row.nodes, row.edges, matched, refused);
    }
    // 1411.dot is a syntax error; 1676.dot holds one graph and then fuzzed bytes that
    // Graphviz also rejects (gc only warns because it stops after the first graph).
    CHECK(refused == 2);
    CHECK(matched == 287);
}

TEST_CASE("every example graph Debian's graphviz ships imports with gc's counts",
          "[io][dot][corpus]") {
    const std::filesystem::path examples = "/usr/share/doc/graphviz";
    if (!std::filesystem::exists(examples) || run_command("command -v gc").empty()) {
        WARN("graphviz examples or gc not installed");
        return;
    }
    const auto scratch = powermap::tests::scratch_dir("dot-examples");
    std::size_t matched = 0;
    std::size_t refused = 0;
    std::size_t seen = 0;
    for (const auto& item : std::filesystem::recursive_directory_iterator(examples)) {
        std::filesystem::path path = item.path();
        const std::string name = path.filename().string();
        if (name.ends_with(".gv.gz")) {
            const auto plain =
                scratch / fmt::format("{}-{}", seen, name.substr(0, name.size() - 3));
            run_command(fmt::format("gzip -dc '{}' > '{}'", path.string(), plain.string()));
            path = plain;
        } else if (!name.ends_with(".gv")) {
            continue;
        }
        ++seen;
        std::istringstream counts(
            run_command(fmt::format("gc -n -e '{}' 2>/dev/null | tail -n 1", path.string())));
        std::size_t nodes = 0;
        std::size_t edges = 0;
        counts >> nodes >> edges;
        check_import(path, nodes, edges, matched, refused);
    }
    INFO(seen << " example files");
    CHECK(matched == seen);
    CHECK(refused == 0);
}
