// powermap find TEXT: entities whose id, name or alias matches, in any language.
#include <memory>
#include <ostream>

#include "query/describe.hpp"
#include "query/table.hpp"
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/usage.hpp"
#include "io/json_output.hpp"
#include "io/labels.hpp"

namespace powermap::cli {

void register_find(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "find", "Search entities by id, name or alias; case, diacritics and Arabic letter "
                "variants are ignored. Exit 1 when nothing matches");
    auto text = std::make_shared<std::string>();
    auto limit = std::make_shared<std::size_t>(20);
    cmd->add_option("TEXT", *text, "What to look for")->required();
    cmd->add_option("--limit", *limit, "At most this many matches")
        ->check(whole_number(1, max_count))
        ->capture_default_str();
    cmd->callback([&ctx, text, limit] {
        const auto& graph = ctx.graph();
        const auto matches = ctx.names().search(*text, *limit);
        if (ctx.json()) {
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
            ctx.out << json.str();
        } else {
            Table table({"id", "type", "name", "matched"});
            for (const auto& match : matches) {
                const auto& entity = graph.entity(match.entity);
                table.add_row({entity.id, entity.type, io::display_name(entity, ctx.options.lang),
                               match.matched});
            }
            if (ctx.csv()) {
                table.print_csv(ctx.out);
            } else if (!table.empty()) {
                table.print_text(ctx.out);
            }
        }
        if (matches.empty()) {
            if (!ctx.json()) {
                ctx.err << fmt::format("powermap: no entity matches '{}'\n", *text);
            }
            ctx.exit_code = static_cast<int>(ExitCode::ProblemsFound);
        }
    });
}

} // namespace powermap::cli
