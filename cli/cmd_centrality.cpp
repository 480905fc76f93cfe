// powermap centrality: the registry's query (query/queries/centrality.cpp) as a command.
#include "cli/commands.hpp"
#include "cli/query_command.hpp"

namespace powermap::cli {

void register_centrality(CLI::App& app, Context& ctx) {
    add_query_command(app, ctx, *query::find_query("centrality"));
}

} // namespace powermap::cli
