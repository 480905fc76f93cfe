// powermap find: the registry's query (query/queries/find.cpp) as a command.
#include "cli/commands.hpp"
#include "cli/query_command.hpp"

namespace powermap::cli {

void register_find(CLI::App& app, Context& ctx) {
    add_query_command(app, ctx, *query::find_query("find"));
}

} // namespace powermap::cli
