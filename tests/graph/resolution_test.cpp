// dedupe candidates on small maps drawn here: which pairs are proposed, how they score, and
// the evidence each carries.
#include <catch2/catch.hpp>

#include "graph/algorithms/resolution/candidates.hpp"

using namespace powermap::graph;

namespace {

struct Drawn {
    EntityGraphBuilder builder;
    Drawn() {
        Source doc;
        doc.id = "doc";
        doc.origin.file = "a.json";
        builder.add_source(doc);
    }
    Drawn& entity(const std::string& id, const std::string& type, const std::string& name,
                  const std::vector<std::pair<std::string, std::string>>& props = {}) {
        Entity out;
        out.id = id;
        out.type = type;
        out.name = name;
        out.origin.file = "a.json";
        for (const auto& [key, value] : props) {
            out.props.edit()[key] = PropValue{PropValue::Kind::String, value};
        }
        builder.add_entity(std::move(out));
        return *this;
    }
    Drawn& tie(const std::string& from, const std::string& type, const std::string& to) {
        Relation out;
        out.from = from;
        out.to = to;
        out.type = type;
        out.origin.file = "a.json";
        out.sources = {Citation{"doc", Text::unique(from + " " + type + " " + to), ""}};
        builder.add_relation(std::move(out));
        return *this;
    }
    std::unique_ptr<EntityGraph> build() {
        BuildOptions options;
        options.check_quotes = false;
        auto result = std::move(builder).build(options);
        for (const auto& problem : result.diagnostics) {
            FAIL_CHECK(problem.message);
        }
        return std::move(result.graph);
    }
};

std::vector<std::pair<std::string, std::string>> pairs_of(const EntityGraph& graph,
                                                          const std::vector<Candidate>& found) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& candidate : found) {
        out.emplace_back(graph.entity(candidate.left).id, graph.entity(candidate.right).id);
    }
    return out;
}

const CandidateFeature* feature(const Candidate& candidate, const std::string& name) {
    for (const auto& found : candidate.features) {
        if (found.name == name) {
            return &found;
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("name tokens drop legal forms, a leading 'the' and join spelled-out letters",
          "[graph][resolution]") {
    using V = std::vector<std::string>;
    CHECK(name_tokens("DELOITTE CONSULTING LLP") == V{"deloitte", "consulting"});
    CHECK(name_tokens("Deloitte Consulting") == V{"deloitte", "consulting"});
    CHECK(name_tokens("ACCENTURE INC.") == V{"accenture"});
    CHECK(name_tokens("THE MITRE CORPORATION") == V{"mitre"});
    CHECK(name_tokens("Dell Federal Systems L.P.") == V{"dell", "federal", "systems"});
    CHECK(name_tokens("ADS TACTICAL  INC.") == V{"ads", "tactical"});
    CHECK(name_tokens("Müller GmbH") == V{"muller"});
    // A legal form alone is the name.
    CHECK(name_tokens("Inc.") == V{"inc"});
    // The possessive, USAspending's appended numbers, LittleSis' tenure notes, legal forms
    // spelled out and filler words.
    CHECK(name_tokens("STREICHER'S, INC.") == V{"streichers"});
    CHECK(name_tokens("FASTENAL COMPANY (8415) 3928") == V{"fastenal"});
    CHECK(name_tokens("3M COMPANY (7775)") == V{"3m"});
    CHECK(name_tokens("United States Army (Retired)") == V{"united", "states", "army"});
    CHECK(name_tokens("Former DoD") == V{"dod"});
    CHECK(name_tokens("WECSYS LIMITED LIABILITY COMPANY (6769)") == V{"wecsys"});
    CHECK(name_tokens("SHERBURNE, COUNTY OF (INC)") == V{"sherburne", "county"});
    CHECK(name_tokens("Level 3 Communications") == V{"level", "3", "communications"});
    // Initials of a person stay single letters.
    CHECK(name_tokens("J. Keith Kellogg") == V{"j", "keith", "kellogg"});
}

TEST_CASE("Jaro-Winkler gives the published values", "[graph][resolution]") {
    // Winkler (1990) and the usual textbook pairs.
    CHECK(jaro_winkler("MARTHA", "MARHTA") == Approx(0.9611).epsilon(1e-3));
    CHECK(jaro_winkler("DWAYNE", "DUANE") == Approx(0.84).epsilon(1e-3));
    CHECK(jaro_winkler("DIXON", "DICKSONX") == Approx(0.8133).epsilon(1e-3));
    CHECK(jaro_winkler("abc", "abc") == 1);
    CHECK(jaro_winkler("abc", "xyz") == 0);
    CHECK(jaro_winkler("", "") == 1);
    CHECK(jaro_winkler("a", "") == 0);
}

TEST_CASE("the same firm written two ways is a likely pair; a sister firm is not",
          "[graph][resolution]") {
    Drawn map;
    map.entity("deloitte-consulting", "company", "Deloitte Consulting")
        .entity("deloitte-consulting-llp", "company", "DELOITTE CONSULTING LLP")
        .entity("deloitte-touche-llp", "company", "DELOITTE & TOUCHE LLP")
        .entity("ice", "agency", "ICE");
    const auto graph = map.build();
    CandidateOptions options;
    options.min_score = 0.5;
    const auto found = dedupe_candidates(*graph, options);
    REQUIRE_FALSE(found.empty());
    CHECK(pairs_of(*graph, found).front() ==
          std::pair<std::string, std::string>{"deloitte-consulting", "deloitte-consulting-llp"});
    CHECK(found.front().score == Approx(1.0));
    CHECK(candidate_verdict(found.front().score) == "likely same");
    for (const auto& candidate : found) {
        if (graph->entity(candidate.right).id == "deloitte-touche-llp") {
            CHECK(candidate.score < 0.75); // another legal entity: at most "unlikely"
        }
    }
}

TEST_CASE("an equal identifier is decisive, a different one counts against",
          "[graph][resolution]") {
    Drawn map;
    map.entity("a", "company", "Acme Holdings", {{"recipient_uei", "ABC123"}})
        .entity("b", "company", "Zenith Partners", {{"uei", "abc123"}})
        .entity("c", "company", "Acme Holdings Inc", {{"uei", "XYZ999"}});
    const auto graph = map.build();
    CandidateOptions options;
    options.min_score = 0;
    const auto found = dedupe_candidates(*graph, options);
    REQUIRE(found.size() == 2); // a-b by identifier, a-c by name; b-c share nothing
    const auto& first = found.front();
    CHECK(pairs_of(*graph, {first}).front() == std::pair<std::string, std::string>{"a", "b"});
    CHECK(first.score == Approx(0.99));
    REQUIRE(feature(first, "identifier") != nullptr);
    CHECK(feature(first, "identifier")->detail == "same uei ABC123");
    for (const auto& candidate : found) {
        if (graph->entity(candidate.right).id == "c" && graph->entity(candidate.left).id == "a") {
            REQUIRE(feature(candidate, "identifier") != nullptr);
            CHECK(feature(candidate, "identifier")->detail == "different uei ABC123 / XYZ999");
            CHECK(candidate.score == Approx(0.8));
        }
    }
    options.identifiers.clear();
    const auto without = dedupe_candidates(*graph, options);
    CHECK(pairs_of(*graph, without) ==
          std::vector<std::pair<std::string, std::string>>{{"a", "c"}});
}

TEST_CASE("a subsidiary tied to its parent, and a person named like a firm, score low",
          "[graph][resolution]") {
    Drawn map;
    map.entity("palantir", "company", "Palantir Technologies")
        .entity("palantir-usg", "company", "Palantir Technologies USG")
        .entity("kellogg-co", "company", "Kellogg Company")
        .entity("kellogg", "person", "Kellogg")
        .tie("palantir-usg", "part_of", "palantir");
    const auto graph = map.build();
    CandidateOptions options;
    options.min_score = 0;
    const auto found = dedupe_candidates(*graph, options);
    REQUIRE(found.size() == 2);
    for (const auto& candidate : found) {
        const std::string left = graph->entity(candidate.left).id;
        if (left == "palantir") {
            REQUIRE(feature(candidate, "tied") != nullptr);
            CHECK(candidate.score < 0.5);
        } else {
            CHECK(left == "kellogg");
            REQUIRE(feature(candidate, "type") != nullptr);
            CHECK(feature(candidate, "type")->value == 0);
            CHECK(candidate.score < 0.5);
        }
    }
    options.types = {"company"};
    CHECK(pairs_of(*graph, dedupe_candidates(*graph, options)) ==
          std::vector<std::pair<std::string, std::string>>{{"palantir", "palantir-usg"}});
}

TEST_CASE("a person's initial does not count against the same person", "[graph][resolution]") {
    Drawn map;
    map.entity("keith-kellogg", "person", "Keith Kellogg")
        .entity("j-keith-kellogg", "person", "J. Keith Kellogg")
        .entity("keith-smith", "person", "Keith Smith")
        .entity("j-smith", "person", "J. Smith")
        .entity("k-smith", "person", "K. Smith");
    const auto graph = map.build();
    const auto found = dedupe_candidates(*graph, CandidateOptions{});
    REQUIRE(found.size() == 1);
    CHECK(pairs_of(*graph, found).front() ==
          std::pair<std::string, std::string>{"j-keith-kellogg", "keith-kellogg"});
}

TEST_CASE("a name that matches only in another script is at most unsure", "[graph][resolution]") {
    Drawn map;
    map.entity("palantir", "company", "Palantir")
        .entity("palantir-ar", "company", "\u0628\u0627\u0644\u0627\u0646\u062a\u064a\u0631");
    const auto graph = map.build();
    CandidateOptions options;
    options.min_score = 0;
    const auto found = dedupe_candidates(*graph, options);
    // Arabic has no letter for "p": "balantyr" shares no word with "palantir", so the pair
    // is never even proposed from words. Blocking works on words only.
    for (const auto& candidate : found) {
        CHECK(candidate.score <= 0.89);
    }
}

TEST_CASE("a token shared by too many entities does not pair them", "[graph][resolution]") {
    Drawn map;
    for (int idx = 0; idx < 30; ++idx) {
        map.entity("s" + std::to_string(idx), "company", "Services " + std::to_string(idx * 7919));
    }
    const auto graph = map.build();
    CandidateOptions options;
    options.min_score = 0;
    options.block_limit = 10;
    std::size_t compared = 99;
    const auto found = dedupe_candidates(*graph, options, &compared);
    CHECK(found.empty());
    CHECK(compared == 0);
    options.block_limit = 100;
    CHECK(dedupe_candidates(*graph, options, &compared).size() == 30 * 29 / 2);
}
