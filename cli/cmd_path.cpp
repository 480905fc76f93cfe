// powermap path: the registry's query (query/queries/path.cpp) as a command.
#include "cli/commands.hpp"
#include "cli/query_command.hpp"

namespace powermap::cli {

void register_path(CLI::App& app, Context& ctx) {
    add_query_command(app, ctx, *query::find_query("path"));
}

} // namespace powermap::cli
