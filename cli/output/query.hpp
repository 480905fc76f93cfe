// What the query commands share: the date options, printing a chain of ties (text, JSON,
// CSV cells), entity lists for selectors, and ending with the right exit code.
#pragma once

#include <string>
#include <vector>

#include "query/chains.hpp"
#include "query/table.hpp"
#include <CLI/CLI.hpp>

#include "cli/context.hpp"
#include "graph/algorithms/filters.hpp"
#include "graph/algorithms/paths.hpp"
#include "io/json_output.hpp"

namespace powermap::cli {

struct TimeArgs {
    std::string as_of;
    bool dated_only = false;
};

/// Adds --as-of and --dated-only to a query command.
void add_time_options(CLI::App* cmd, TimeArgs& args);
/// The filter the options ask for; throws powermap::Error for a malformed date. Prints a
/// note to stderr (text output only) when undated ties were kept.
[[nodiscard]] graph::TimeFilter time_filter(Context& ctx, const TimeArgs& args);
/// Prints `table` as text or CSV (JSON callers print themselves).
void print_table(Context& ctx, const Table& table);
/// Reports a sum of money that overflowed (MoneyTotal::overflowed): an error on stderr
/// naming whose total it is ("of vendor 'x'"), and exit code 1. Tables show it as "overflow", JSON
/// as null with "overflow": true.
void money_overflow(Context& ctx, std::string_view currency, std::string_view whose);
/// Sets exit code 1 and says why on stderr (text only) when the answer is empty.
void empty_answer(Context& ctx, const std::string& why);

} // namespace powermap::cli
