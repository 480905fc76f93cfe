// One register_<name>() per subcommand, each in its own cmd_<name>.cpp; run() calls them
// in help order.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace powermap::cli {

void register_validate(CLI::App& app, Context& ctx);
void register_stats(CLI::App& app, Context& ctx);
void register_show(CLI::App& app, Context& ctx);
void register_find(CLI::App& app, Context& ctx);
void register_path(CLI::App& app, Context& ctx);
void register_underpin(CLI::App& app, Context& ctx);
void register_impact(CLI::App& app, Context& ctx);
void register_cut(CLI::App& app, Context& ctx);
void register_centrality(CLI::App& app, Context& ctx);
void register_neighbors(CLI::App& app, Context& ctx);
void register_components(CLI::App& app, Context& ctx);
void register_totals(CLI::App& app, Context& ctx);
void register_export(CLI::App& app, Context& ctx);
void register_import(CLI::App& app, Context& ctx);
void register_render(CLI::App& app, Context& ctx);
void register_pack(CLI::App& app, Context& ctx);
void register_bench(CLI::App& app, Context& ctx);

} // namespace powermap::cli
