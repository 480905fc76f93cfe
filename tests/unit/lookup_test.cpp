#include <catch2/catch.hpp>

#include "graph/lookup.hpp"
#include "tests/support.hpp"

using namespace powermap;
using namespace powermap::graph;

TEST_CASE("names fold case, accents and punctuation", "[graph][lookup]") {
    CHECK(normalize_name("Jacinta Gonz\u00e1lez") == "jacinta gonzalez");
    CHECK(normalize_name("  AMAZON   Web-Services ") == "amazon web services");
    CHECK(normalize_name("U.S. Immigration") == "u s immigration");
    CHECK(normalize_name("\uff30alantir") == "palantir"); // full-width P (NFKD)
}

TEST_CASE("Arabic names fold tashkeel, tatweel, hamza, alef, ya and ta marbuta",
          "[graph][lookup]") {
    // بالانتير with full tashkeel, and with a tatweel stretching the lam.
    CHECK(normalize_name(
              "\u0628\u064e\u0627\u0644\u064e\u0627\u0646\u0652\u062a\u0650\u064a\u0631") ==
          normalize_name("\u0628\u0627\u0644\u0627\u0646\u062a\u064a\u0631"));
    CHECK(normalize_name("\u0628\u0627\u0644\u0640\u0640\u0627\u0646\u062a\u064a\u0631") ==
          "\u0628\u0627\u0644\u0627\u0646\u062a\u064a\u0631");
    // أ إ آ -> ا: "الأمن" and "الامن"; "إدارة" and "ادارة".
    CHECK(normalize_name("\u0627\u0644\u0623\u0645\u0646") ==
          normalize_name("\u0627\u0644\u0627\u0645\u0646"));
    CHECK(normalize_name("\u0625\u062f\u0627\u0631\u0629") ==
          normalize_name("\u0627\u062f\u0627\u0631\u0647"));
    // ى -> ي, and an RTL mark is invisible.
    CHECK(normalize_name("\u0645\u0635\u0637\u0641\u0649\u200f") ==
          "\u0645\u0635\u0637\u0641\u064a");
}

namespace {
Entity make_entity(std::string id, std::string type, std::string name,
                   std::map<std::string, std::string> names = {},
                   std::vector<std::string> aliases = {}) {
    Entity entity;
    entity.id = std::move(id);
    entity.type = std::move(type);
    entity.name = std::move(name);
    entity.names = std::move(names);
    entity.aliases = std::move(aliases);
    return entity;
}

// "ICE" is both an id and an alias of another entity, and two agencies share the alias
// "The Department": both on purpose, to exercise precedence and ambiguity.
std::unique_ptr<EntityGraph> small_graph() {
    EntityGraphBuilder builder;
    builder.add_entity(make_entity("palantir", "company", "Palantir Technologies",
                                   {{"ar", "\u0628\u0627\u0644\u0627\u0646\u062a\u064a\u0631"}},
                                   {"Palantir"}));
    builder.add_entity(
        make_entity("dhs", "agency", "U.S. Department of Homeland Security",
                    {{"ar", "\u0648\u0632\u0627\u0631\u0629 \u0627\u0644\u0623\u0645\u0646 "
                            "\u0627\u0644\u062f\u0627\u062e\u0644\u064a"}},
                    {"DHS", "The Department"}));
    builder.add_entity(make_entity("ice", "agency", "Immigration and Customs Enforcement", {},
                                   {"ICE", "The Department"}));
    builder.add_entity(make_entity("ice-cream", "company", "Ice Cream Co", {}, {"ICE"}));
    auto result = std::move(builder).build();
    REQUIRE(result.diagnostics.empty());
    return std::move(result.graph);
}
} // namespace

TEST_CASE("resolve finds entities by id, name or alias in any language", "[graph][lookup]") {
    auto graph = small_graph();
    const NameIndex names(*graph);
    auto id_of = [&](std::string_view text) {
        return graph->entity(resolve_entity(*graph, names, text)).id;
    };
    CHECK(id_of("palantir") == "palantir");
    CHECK(id_of("Palantir Technologies") == "palantir");
    CHECK(id_of("PALANTIR") == "palantir");
    CHECK(id_of("\u0628\u064e\u0627\u0644\u064e\u0627\u0646\u0652\u062a\u0650\u064a\u0631") ==
          "palantir");
    // Without hamza on the alef, and as a partial name.
    CHECK(id_of("\u0648\u0632\u0627\u0631\u0629 \u0627\u0644\u0627\u0645\u0646") == "dhs");
    CHECK(id_of("homeland security") == "dhs");
    // An id, even in another case, beats the same text as another entity's alias.
    CHECK(id_of("ice") == "ice");
    CHECK(id_of("ICE") == "ice");
}

TEST_CASE("ambiguous and unknown names are errors that list candidates", "[graph][lookup]") {
    auto graph = small_graph();
    const NameIndex names(*graph);
    try {
        (void)resolve_entity(*graph, names, "the department");
        FAIL("expected an ambiguity error");
    } catch (const Error& error) {
        CHECK(error.diagnostic().message == "'the department' names 2 entities");
        CHECK(error.diagnostic().hint ==
              "use one of the ids: 'dhs' (U.S. Department of Homeland Security), 'ice' "
              "(Immigration and Customs Enforcement)");
    }
    try {
        (void)resolve_entity(*graph, names, "palantr");
        FAIL("expected an unknown-name error");
    } catch (const Error& error) {
        CHECK(error.diagnostic().message == "no entity matches 'palantr'");
        CHECK(error.diagnostic().hint == "did you mean 'palantir'?");
    }
}

TEST_CASE("search ranks exact over whole-word over substring matches", "[graph][lookup]") {
    auto graph = small_graph();
    const NameIndex names(*graph);
    const auto matches = names.search("ice");
    REQUIRE(matches.size() == 2);
    CHECK(graph->entity(matches[0].entity).id == "ice");
    CHECK(names.search("zzz").empty());
}
