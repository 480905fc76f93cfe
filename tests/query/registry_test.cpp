// The query layer called directly, as a server or the Python module will call it: the same
// parameter checks and the same answers as the CLI gives.
#include <cstdlib>
#include <string>

#include "query/registry.hpp"
#include <catch2/catch.hpp>

#include "graph/algorithms/centrality/centrality.hpp"
#include "tests/support.hpp"

using powermap::Error;
using powermap::query::ask;
using powermap::query::find_query;
using powermap::query::Format;
using powermap::query::Session;

namespace {

/// The message of the powermap::Error that `call` throws ("" when it throws none).
template <typename Call>
std::string error_of(Call&& call) {
    try {
        call();
    } catch (const Error& error) {
        return error.diagnostic().message;
    }
    return {};
}

/// The CLI's message for the same mistake: stderr without "powermap: error: " and the hint.
std::string cli_message(const std::vector<std::string>& args) {
    const auto result = powermap::tests::run_cli(args);
    CHECK(result.code == 2);
    std::string text = result.err;
    const std::string prefix = "powermap: error: ";
    REQUIRE(text.rfind(prefix, 0) == 0);
    text = text.substr(prefix.size());
    return text.substr(0, text.find(" \u2014 "));
}

} // namespace

TEST_CASE("a bad parameter value gets the CLI's error text from the registry", "[query]") {
    Session session;
    const std::string damping = error_of([&] {
        (void)ask(session, "centrality", {{"--measure", "pagerank"}, {"--damping", "2"}});
    });
    CHECK(damping == "--damping must be a number from 0 to 1, not '2'");
    CHECK(damping == cli_message({"centrality", "--measure", "pagerank", "--damping", "2"}));

    const std::string top = error_of([&] {
        (void)ask(session, "centrality", {{"--top", "99999999999"}});
    });
    CHECK(top == "--top must be a whole number from 0 to 4294967295, not '99999999999'");
    CHECK(top == cli_message({"centrality", "--top", "99999999999"}));

    CHECK(error_of([&] {
              (void)ask(session, "centrality", {{"--top", "-1"}});
          }) == "--top must be a whole number from 0 to 4294967295, not '-1'");
    CHECK(error_of([&] {
              (void)ask(session, "centrality", {{"--measure", "pagernk"}});
          }) == "--measure must be one of degree, in, out, betweenness, closeness, harmonic, "
                "pagerank, eigenvector, not 'pagernk'");
    CHECK(error_of([&] {
              (void)ask(session, "centrality", {{"--dampin", "0.5"}});
          }) == "unknown parameter '--dampin'");
    CHECK(error_of([&] { (void)ask(session, "centralty", {}); }) == "unknown query 'centralty'");
}

TEST_CASE("the registry answers as the CLI prints", "[query]") {
    Session session;
    const auto answer = ask(session, "centrality", {{"--measure", "pagerank"}, {"--top", "3"}});
    const auto cli = powermap::tests::run_cli(
        {"centrality", "--measure", "pagerank", "--top", "3", "--format", "json"});
    REQUIRE(cli.code == 0);
    CHECK(answer.json == cli.out);
    CHECK(answer.text ==
          powermap::tests::run_cli({"centrality", "--measure", "pagerank", "--top", "3"}).out);
    REQUIRE(answer.table.has_value());
    CHECK(answer.table->size() == 3);
    CHECK_FALSE(answer.empty.has_value());

    // Only the parts asked for are built.
    const auto json_only =
        ask(session, "centrality", {}, "en", powermap::query::Parts::only(Format::Json));
    CHECK_FALSE(json_only.json.empty());
    CHECK(json_only.text.empty());
    CHECK_FALSE(json_only.table.has_value());
}

TEST_CASE("every query declares each parameter once, with a default its own check accepts",
          "[query]") {
    for (const auto& query : powermap::query::queries()) {
        INFO(query.name);
        CHECK(find_query(query.name) == &query);
        for (std::size_t idx = 0; idx < query.params.size(); ++idx) {
            const auto& param = query.params[idx];
            INFO(param.name);
            for (std::size_t other = idx + 1; other < query.params.size(); ++other) {
                CHECK(query.params[other].name != param.name);
            }
            if (param.show_default) {
                CHECK_FALSE(powermap::query::value_problem(param, param.default_value));
            }
        }
    }
}

TEST_CASE("a session reloads its map and answers the same", "[query]") {
    Session session;
    const auto before = ask(session, "centrality", {{"--measure", "betweenness"}});
    session.reload();
    CHECK_FALSE(session.view_built());
    const auto after = ask(session, "centrality", {{"--measure", "betweenness"}});
    CHECK(before.json == after.json);
    CHECK(session.view_built());
}

TEST_CASE("graph::pagerank itself refuses a damping outside [0, 1]", "[query][centrality]") {
    Session session;
    powermap::graph::CentralityOptions options;
    options.damping = 2;
    CHECK_THROWS_AS(powermap::graph::pagerank(session.view(), options), Error);
    options.damping = 0.85;
    CHECK(powermap::graph::pagerank(session.view(), options).size() ==
          session.graph().entity_count());
}

TEST_CASE("docs/json-output.md lists every query's JSON document as the registry declares it",
          "[query]") {
    // The table's rows follow from the registry: "| `path FROM TO` | shape |", in help
    // order. POWERMAP_UPDATE_GOLDEN=1 rewrites them (review the diff).
    std::string rows;
    for (const auto& query : powermap::query::queries()) {
        INFO("query " << query.name);
        CHECK_FALSE(query.json_shape.empty());
        std::string usage = query.name;
        for (const auto& param : query.params) {
            if (param.positional) {
                usage += " " + param.name;
            }
        }
        rows += "| `" + usage + "` | " + query.json_shape + " |\n";
    }
    const auto doc_path = powermap::tests::source_dir() / "docs" / "json-output.md";
    std::string doc = powermap::tests::slurp(doc_path);
    const std::string header = "| command | document |\n|---|---|\n";
    const auto begin = doc.find(header);
    REQUIRE(begin != std::string::npos);
    const auto first_row = begin + header.size();
    const std::string after = "| `import`, `export`"; // the file-writing commands
    const auto end = doc.find(after, first_row);
    REQUIRE(end != std::string::npos);
    if (std::getenv("POWERMAP_UPDATE_GOLDEN") != nullptr) {
        doc.replace(first_row, end - first_row, rows);
        powermap::tests::spit(doc_path, doc);
        return;
    }
    CHECK(doc.substr(first_row, end - first_row) == rows);
}
