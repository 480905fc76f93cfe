// powermap impact: the registry's query (query/queries/impact.cpp) as a command.
#include "cli/commands.hpp"
#include "cli/query_command.hpp"

namespace powermap::cli {

void register_impact(CLI::App& app, Context& ctx) {
    add_query_command(app, ctx, *query::find_query("impact"));
}

} // namespace powermap::cli
