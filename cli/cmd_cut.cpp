// powermap cut: the registry's query (query/queries/cut.cpp) as a command.
#include "cli/commands.hpp"
#include "cli/query_command.hpp"

namespace powermap::cli {

void register_cut(CLI::App& app, Context& ctx) {
    add_query_command(app, ctx, *query::find_query("cut"));
}

} // namespace powermap::cli
