// Masks shared by every query: relation types, supply ties, entity types, avoided
// entities, and validity at a date. They restrict a traversal; they never copy the graph.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "graph/analytics_view.hpp"

namespace powermap::graph {

/// Keep only ties valid at a date. A tie is valid at `as_of` when its start (if any) is not
/// after it and its end (if any) is not before it, each compared at the coarser precision of
/// the two ("2019" covers 2019-06). Undated ties are kept unless `dated_only`.
struct TimeFilter {
    std::optional<PartialDate> as_of;
    bool dated_only = false;
    [[nodiscard]] bool active() const { return as_of.has_value() || dated_only; }
};

struct FilterStats {
    std::size_t dropped_out_of_date = 0; ///< ties outside the date
    std::size_t undated_kept = 0;        ///< ties without dates, kept (marked in answers)
    std::size_t undated_dropped = 0;     ///< ties without dates, dropped by dated_only
};

/// Whether `relation` is valid at `filter`'s date (always true without a date).
[[nodiscard]] bool valid_at(const Relation& relation, const TimeFilter& filter);
/// Whether a tie has a start or an end date.
[[nodiscard]] bool is_dated(const Relation& relation);

/// Narrows `mask.relation_allowed` to the ties `filter` keeps; returns what it did.
FilterStats apply_time_filter(const EntityGraph& graph, const TimeFilter& filter,
                              TraversalMask& mask);

/// Narrows `mask.relation_allowed` to supply ties (the target depends on the source).
void restrict_to_supply(const EntityGraph& graph, TraversalMask& mask);

/// Parses "2019", "2019-06" or "2019-06-30" for --as-of; throws powermap::Error otherwise.
[[nodiscard]] PartialDate parse_as_of(std::string_view text);

} // namespace powermap::graph
