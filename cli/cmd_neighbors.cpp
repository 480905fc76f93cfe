// powermap neighbors: the registry's query (query/queries/neighbors.cpp) as a command.
#include "cli/commands.hpp"
#include "cli/query_command.hpp"

namespace powermap::cli {

void register_neighbors(CLI::App& app, Context& ctx) {
    add_query_command(app, ctx, *query::find_query("neighbors"));
}

} // namespace powermap::cli
