// One register_<name>() per command that writes files, each in its own cmd_<name>.cpp;
// run() calls them in help order after the queries (which come from query/registry.cpp
// through cli/query_command.hpp and have no file here).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace powermap::cli {

void register_dedupe_review(CLI::App& app, Context& ctx);
void register_export(CLI::App& app, Context& ctx);
void register_import(CLI::App& app, Context& ctx);
void register_render(CLI::App& app, Context& ctx);
void register_pack(CLI::App& app, Context& ctx);
void register_bench(CLI::App& app, Context& ctx);

} // namespace powermap::cli
