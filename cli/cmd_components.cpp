// powermap components: the registry's query (query/queries/components.cpp) as a command.
#include "cli/commands.hpp"
#include "cli/query_command.hpp"

namespace powermap::cli {

void register_components(CLI::App& app, Context& ctx) {
    add_query_command(app, ctx, *query::find_query("components"));
}

} // namespace powermap::cli
