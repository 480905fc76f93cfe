// A query of the registry (query/registry.hpp) as a CLI subcommand: its options bound from
// the query's parameter declarations, its answer printed by the one printer of the chosen
// --format. Every query command is made here; none has code of its own.
#pragma once

#include "query/registry.hpp"
#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace powermap::cli {

/// Adds `query` to `app` as a subcommand of the same name.
void add_query_command(CLI::App& app, Context& ctx, const query::QueryDef& query);

} // namespace powermap::cli
