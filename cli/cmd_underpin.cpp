// powermap underpin: the registry's query (query/queries/underpin.cpp) as a command.
#include "cli/commands.hpp"
#include "cli/query_command.hpp"

namespace powermap::cli {

void register_underpin(CLI::App& app, Context& ctx) {
    add_query_command(app, ctx, *query::find_query("underpin"));
}

} // namespace powermap::cli
