// powermap stats: the registry's query (query/queries/stats.cpp) as a command.
#include "cli/commands.hpp"
#include "cli/query_command.hpp"

namespace powermap::cli {

void register_stats(CLI::App& app, Context& ctx) {
    add_query_command(app, ctx, *query::find_query("stats"));
}

} // namespace powermap::cli
