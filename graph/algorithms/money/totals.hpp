// Money in the map: every amount on a tie, attributed to the vendors and agencies it
// concerns, summed per currency (currencies are never added together), each sum of money
// counted once even when a chain repeats it (a contract's value on both the "holds" and
// the "awarded by" tie).
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "graph/algorithms/filters.hpp"

namespace powermap::graph {

struct MoneyItem {
    RelationIndex relation;
    Amount amount;
    /// The company or other non-government organisation the money goes to, when the map
    /// says (several when it is shared, e.g. a program with two partners).
    std::vector<EntityIndex> vendors;
    /// The government body the money comes from, when the map says.
    std::vector<EntityIndex> agencies;
    /// Set when this is the same money as an earlier item (same contract or program, same
    /// value and currency): listed, but not added again.
    std::optional<RelationIndex> same_as;
};

struct MoneyTotal {
    std::vector<EntityIndex> who; ///< empty = not attributed; several = shared
    std::string currency;
    double value = 0;
    std::size_t items = 0;
    /// Whether the sum went past the largest double (1.8e308): every amount is finite, but
    /// a few near that bound add up to infinity. `value` then means nothing.
    [[nodiscard]] bool overflowed() const { return !std::isfinite(value); }
};

struct TotalsResult {
    std::vector<MoneyItem> items;        ///< every amount, in relation order
    std::vector<MoneyTotal> by_currency; ///< `who` empty; sorted by currency
    std::vector<MoneyTotal> by_vendor;   ///< sorted by currency, value descending, ids
    std::vector<MoneyTotal> by_agency;   ///< the same
};

/// Sums the amounts of ties the mask allows. A tie's vendor is its endpoint that is an
/// organisation but not a government body; when neither endpoint is, and the tie concerns a
/// contract or program, the organisations supplying it (holding, providing, partnering).
/// Its agency is its endpoint that is a government body, or for a contract or program the
/// body that awarded, funds, or is served by it. O(E + items * degree).
[[nodiscard]] TotalsResult money_totals(const EntityGraph& graph, const TraversalMask& mask = {});

} // namespace powermap::graph
