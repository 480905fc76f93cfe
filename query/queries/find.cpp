// find: entities whose id, name or alias matches, in any language.
#include <limits>
#include <sstream>

#include "query/registry.hpp"
#include <fmt/format.h>

#include "graph/lookup.hpp"
#include "io/display/labels.hpp"
#include "io/native/json_output.hpp"

namespace powermap::query {

namespace {

std::vector<Param> find_params() {
    return {
        {.name = "TEXT",
         .kind = ParamKind::Text,
         .help = "What to look for",
         .positional = true,
         .required = true},
        {.name = "--limit",
         .kind = ParamKind::Count,
         .help = "At most this many matches",
         .default_value = "20", // graph::NameIndex::search's default
         .count_min = 1,
         .count_max = std::numeric_limits<std::uint32_t>::max(),
         .show_default = true},
    };
}

Answer run_find(const Request& request) {
    Answer answer;
    Session& session = request.session;
    const auto& graph = session.graph();
    const std::string& text = request.args.text("TEXT");
    const auto matches = session.names().search(text, request.args.count("--limit"));
    if (request.parts.json) {
        io::JsonOut json;
        json.begin_array();
        for (const auto& match : matches) {
            const auto& entity = graph.entity(match.entity);
            json.begin_object();
            json.key("id").string(entity.id);
            json.key("type").string(entity.type);
            json.field("name", entity.name);
            json.key("matched").string(match.matched);
            json.key("exact").boolean(match.score == 3);
            json.end_object();
        }
        json.end_array();
        answer.json = json.str();
    }
    if (request.parts.text || request.parts.csv) {
        Table table({"id", "type", "name", "matched"});
        for (const auto& match : matches) {
            const auto& entity = graph.entity(match.entity);
            table.add_row(
                {entity.id, entity.type, io::display_name(entity, request.lang), match.matched});
        }
        if (request.parts.text && !table.empty()) {
            std::ostringstream out;
            table.print_text(out);
            answer.text = out.str();
        }
        if (request.parts.csv) {
            answer.table = std::move(table); // the header alone when nothing matches
        }
    }
    if (matches.empty()) {
        answer.empty = fmt::format("no entity matches '{}'", text);
    }
    return answer;
}

} // namespace

// Not find_query(): that name is the registry's lookup by name.
QueryDef find_entities_query() {
    return {.name = "find",
            .summary = "Search entities by id, name or alias; case, diacritics and Arabic letter "
                       "variants are ignored. Exit 1 when nothing matches",
            .json_shape = R"(`[{"id", "type", "name", "matched", "exact"}]`)",
            .params = find_params(),
            .tabular = true,
            .run = run_find};
}

} // namespace powermap::query
