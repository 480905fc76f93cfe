// A query of the registry (query/registry.hpp) as a CLI subcommand: its options bound from
// the query's parameter declarations, its answer printed by the one printer of the chosen
// --format. Every query command is made here; none has code of its own.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "query/registry.hpp"
#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace powermap::cli {

/// A subcommand's options bound from parameter declarations: what CLI11 fills in (one text
/// per option, lists one per item, flags as booleans), read back as query::Arguments.
struct BoundParams {
    std::vector<query::Param> params;
    std::map<std::string, std::string> texts;
    std::map<std::string, std::vector<std::string>> lists;
    std::map<std::string, bool> flags;
    std::map<std::string, CLI::Option*> options;
    /// The values given, checked (throws powermap::Error as Arguments does).
    [[nodiscard]] query::Arguments arguments() const;
};

/// Adds one option per parameter to `cmd` (with their excludes and needs).
[[nodiscard]] std::shared_ptr<BoundParams> bind_params(CLI::App* cmd,
                                                       const std::vector<query::Param>& params);

/// The subcommand of `app` for a group of commands ("dedupe"), made on first use.
[[nodiscard]] CLI::App* group_command(CLI::App& app, const std::string& group);

/// Adds `query` to `app` as a subcommand of the same name.
void add_query_command(CLI::App& app, Context& ctx, const query::QueryDef& query);

} // namespace powermap::cli
