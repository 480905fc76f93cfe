// What the query commands share: the date options, printing a chain of ties (text, JSON,
// CSV cells), entity lists for selectors, and ending with the right exit code.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/context.hpp"
#include "cli/output/table.hpp"
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
/// Whether a tie should be marked "undated" in answers filtered by date.
[[nodiscard]] bool mark_undated(const graph::TimeFilter& filter, const graph::Relation& relation);

/// One hop as a JSON object: from, to, forward, words, undated, relation (with citations).
void hop_json(io::JsonOut& json, const graph::EntityGraph& graph, const graph::PathHop& hop,
              const std::string& lang, const graph::TimeFilter& filter);
/// A chain as a JSON array of hops.
void hops_json(io::JsonOut& json, const graph::EntityGraph& graph,
               const std::vector<graph::PathHop>& hops, const std::string& lang,
               const graph::TimeFilter& filter);
/// "  1. Palantir provides HSI ICM" lines, with citations when `explain`.
void print_hops(std::ostream& out, const graph::EntityGraph& graph,
                const std::vector<graph::PathHop>& hops, const std::string& lang, bool explain,
                const std::string& indent, const graph::TimeFilter& filter = {});
/// "palantir -provides-> hsi-icm -serves-> hsi": a chain on one line, by id.
[[nodiscard]] std::string chain_ids(const graph::EntityGraph& graph,
                                    const std::vector<graph::PathHop>& hops);
/// Ids joined with commas.
[[nodiscard]] std::string join_ids(const graph::EntityGraph& graph,
                                   const std::vector<graph::EntityIndex>& entities,
                                   const char* separator = ", ");
/// Resolves a --types list against the schema; throws with a hint for an unknown type.
void check_entity_types(const graph::EntityGraph& graph, const std::vector<std::string>& types);
void check_relation_types(const graph::EntityGraph& graph, const std::vector<std::string>& types);

/// Prints `table` as text or CSV (JSON callers print themselves).
void print_table(Context& ctx, const Table& table);
/// Reports a sum of money that overflowed (MoneyTotal::overflowed): an error on stderr
/// naming whose total it is ("of vendor 'x'"), and exit code 1. Tables show it as "overflow", JSON
/// as null with "overflow": true.
void money_overflow(Context& ctx, std::string_view currency, std::string_view whose);
/// Sets exit code 1 and says why on stderr (text only) when the answer is empty.
void empty_answer(Context& ctx, const std::string& why);

} // namespace powermap::cli
