#include "graph/algorithms/filters.hpp"

#include <fmt/format.h>

namespace powermap::graph {

namespace {

/// Compares two partial dates at the precision both share: -1, 0 or 1.
int compare_shared(const PartialDate& left, const PartialDate& right) {
    if (left.year != right.year) {
        return left.year < right.year ? -1 : 1;
    }
    if (left.month == 0 || right.month == 0 || left.month == right.month) {
        if (left.month == 0 || right.month == 0 || left.day == 0 || right.day == 0 ||
            left.day == right.day) {
            return 0;
        }
        return left.day < right.day ? -1 : 1;
    }
    return left.month < right.month ? -1 : 1;
}

} // namespace

bool is_dated(const Relation& relation) {
    return !relation.start.empty() || !relation.end.empty();
}

bool valid_at(const Relation& relation, const TimeFilter& filter) {
    if (!filter.as_of) {
        return true;
    }
    if (auto start = parse_partial_date(relation.start)) {
        if (compare_shared(*start, *filter.as_of) > 0) {
            return false;
        }
    }
    if (auto end = parse_partial_date(relation.end)) {
        if (compare_shared(*end, *filter.as_of) < 0) {
            return false;
        }
    }
    return true;
}

FilterStats apply_time_filter(const EntityGraph& graph, const TimeFilter& filter,
                              TraversalMask& mask) {
    FilterStats stats;
    if (!filter.active()) {
        return stats;
    }
    if (mask.relation_allowed.empty()) {
        mask.relation_allowed.assign(graph.relation_count(), true);
    }
    for (std::size_t idx = 0; idx < graph.relation_count(); ++idx) {
        if (!mask.relation_allowed[idx]) {
            continue;
        }
        const Relation& relation = graph.relations()[idx];
        if (!is_dated(relation)) {
            if (filter.dated_only) {
                mask.relation_allowed[idx] = false;
                ++stats.undated_dropped;
            } else {
                ++stats.undated_kept;
            }
        } else if (!valid_at(relation, filter)) {
            mask.relation_allowed[idx] = false;
            ++stats.dropped_out_of_date;
        }
    }
    return stats;
}

void restrict_to_supply(const EntityGraph& graph, TraversalMask& mask) {
    if (mask.relation_allowed.empty()) {
        mask.relation_allowed.assign(graph.relation_count(), true);
    }
    for (std::size_t idx = 0; idx < graph.relation_count(); ++idx) {
        if (!graph.relation_type(RelationIndex{static_cast<std::uint32_t>(idx)}).supply) {
            mask.relation_allowed[idx] = false;
        }
    }
}

PartialDate parse_as_of(std::string_view text) {
    if (auto date = parse_partial_date(text)) {
        return *date;
    }
    throw Error(fmt::format("'{}' is not a date", text),
                "write YYYY, YYYY-MM or YYYY-MM-DD, e.g. --as-of 2019-06");
}

} // namespace powermap::graph
