// Chains of ties in answers (a hop as JSON, "1. Palantir provides HSI ICM" lines, a chain
// by id), lists of ids, and the checks that type names given to a query exist.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "graph/algorithms/filters.hpp"
#include "graph/algorithms/paths/paths.hpp"
#include "graph/entity_graph.hpp"
#include "io/native/json_output.hpp"

namespace powermap::query {

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
/// The members of a corporate group for a table cell: "a, b, c", past three "a, b, c and 2
/// more" (CSV and JSON list them all).
[[nodiscard]] std::string members_text(const graph::EntityGraph& graph,
                                       std::vector<graph::EntityIndex> members);
/// Resolves a --types list against the schema; throws with a hint for an unknown type.
void check_entity_types(const graph::EntityGraph& graph, const std::vector<std::string>& types);
void check_relation_types(const graph::EntityGraph& graph, const std::vector<std::string>& types);

} // namespace powermap::query
