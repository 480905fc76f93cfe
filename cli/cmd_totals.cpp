// powermap totals: the registry's query (query/queries/totals.cpp) as a command.
#include "cli/commands.hpp"
#include "cli/query_command.hpp"

namespace powermap::cli {

void register_totals(CLI::App& app, Context& ctx) {
    add_query_command(app, ctx, *query::find_query("totals"));
}

} // namespace powermap::cli
