#include <catch2/catch.hpp>

#include "graph/diagnostics.hpp"

using namespace powermap;

TEST_CASE("edit distance counts insertions, deletions and substitutions", "[graph][diagnostics]") {
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("palantir", "palantir") == 0);
    CHECK(edit_distance("palantr", "palantir") == 1);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("hosst", "hosts") == 1); // a transposition is one slip
}

TEST_CASE("did you mean offers close candidates only", "[graph][diagnostics]") {
    const std::vector<std::string> ids{"palantir", "aws", "amazon", "ice", "dhs"};
    CHECK(did_you_mean("palantr", ids) == "did you mean 'palantir'?");
    CHECK(did_you_mean("PALANTIR", ids) == "did you mean 'palantir'?");
    // Nothing within a third of the length: no hint rather than a wild guess.
    CHECK(did_you_mean("microsoft", ids).empty());
    SECTION("several candidates are joined in plain English") {
        const std::vector<std::string> types{"hosts", "host", "posts"};
        CHECK(did_you_mean("hosst", types) == "did you mean 'host' or 'hosts'?");
    }
}

TEST_CASE("diagnostics print as file:line:column: severity: message — hint",
          "[graph][diagnostics]") {
    Diagnostic diagnostic{Severity::Error,
                          {"map.json", 12, 5, "/relations/0/to"},
                          "unknown entity 'palantr'",
                          "did you mean 'palantir'?"};
    CHECK(format_diagnostic(diagnostic) ==
          "map.json:12:5: error: unknown entity 'palantr' \u2014 did you mean 'palantir'?");
    diagnostic.location.line = 0;
    diagnostic.hint.clear();
    diagnostic.severity = Severity::Warning;
    CHECK(format_diagnostic(diagnostic) == "map.json: warning: unknown entity 'palantr'");
    Diagnostic duplicate{Severity::Error,
                         {"a.json", 9, 3, ""},
                         "duplicate entity id 'x'",
                         "first defined at",
                         SourceLocation{"a.json", 2, 3, ""}};
    CHECK(format_diagnostic(duplicate) ==
          "a.json:9:3: error: duplicate entity id 'x' \u2014 first defined at a.json:2:3");
}

TEST_CASE("errors carry their exit code", "[graph][diagnostics]") {
    const Error error("bad usage", "see --help");
    CHECK(error.code() == ExitCode::BadInput);
    CHECK(std::string(error.what()) == "error: bad usage \u2014 see --help");
    CHECK_THROWS_AS(
        [] {
            POWERMAP_ASSERT(1 + 1 == 3);
        }(),
        InternalError);
}
