// powermap validate: the registry's query (query/queries/validate.cpp) as a command.
#include "cli/commands.hpp"
#include "cli/query_command.hpp"

namespace powermap::cli {

void register_validate(CLI::App& app, Context& ctx) {
    add_query_command(app, ctx, *query::find_query("validate"));
}

} // namespace powermap::cli
