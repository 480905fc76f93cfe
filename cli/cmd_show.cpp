// powermap show: the registry's query (query/queries/show.cpp) as a command.
#include "cli/commands.hpp"
#include "cli/query_command.hpp"

namespace powermap::cli {

void register_show(CLI::App& app, Context& ctx) {
    add_query_command(app, ctx, *query::find_query("show"));
}

} // namespace powermap::cli
