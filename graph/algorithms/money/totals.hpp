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
#include "graph/algorithms/grouping/roll_up.hpp"

namespace powermap::graph {

struct MoneyItem {
    RelationIndex relation;
    Amount amount;
    /// The company or other non-government organisation the money goes to, when the map
    /// says (several when it is shared, e.g. a program with two partners), by index.
    std::vector<EntityIndex> vendors;
    /// The government body the money comes from, when the map says.
    std::vector<EntityIndex> agencies;
    /// For money on a tie that is not a supply tie (funds, backs, a payment, a donation):
    /// its receiving end, the tie's target, whoever it is (person or organisation).
    std::vector<EntityIndex> recipients;
    /// Set when this is the same money as an earlier item (same contract or program, same
    /// value and currency): listed, but not added again.
    std::optional<RelationIndex> same_as;
};

struct MoneyTotal {
    std::vector<EntityIndex> who; ///< one entity (a group's head after roll-up); empty = not named
    std::string currency;
    double value = 0;
    std::size_t items = 0;
    /// Of `value`, the money this line shares with other lines (a contract held by two
    /// vendors is credited to each in full, and counted once in the currency total).
    double shared_value = 0;
    std::size_t shared_items = 0;
    /// After roll-up: the entities of the group whose money this line includes, by id.
    std::vector<EntityIndex> members;
    /// Whether the sum went past the largest double (1.8e308): every amount is finite, but
    /// a few near that bound add up to infinity. `value` then means nothing.
    [[nodiscard]] bool overflowed() const { return !std::isfinite(value); }
};

struct TotalsResult {
    std::vector<MoneyItem> items;         ///< every amount, in relation order
    std::vector<MoneyTotal> by_currency;  ///< `who` empty; sorted by currency
    std::vector<MoneyTotal> by_vendor;    ///< sorted by currency, value descending, ids
    std::vector<MoneyTotal> by_agency;    ///< the same
    std::vector<MoneyTotal> by_recipient; ///< the same, over items with recipients
    /// The vendor lines with every subsidiary credited to its top parent; filled when
    /// MoneyOptions::by_parent is set.
    std::vector<MoneyTotal> by_parent;
};

struct MoneyOptions {
    /// Who owns whom (corporate_roll_up).
    const RollUp* roll_up = nullptr;
    /// Fill `by_parent` (needs `roll_up`).
    bool by_parent = false;
    /// Credit the vendor, agency and recipient lines to group heads.
    bool roll_up_lines = false;
};

/// Sums the amounts of ties the mask allows. A tie's vendor is its endpoint that is an
/// organisation but not a government body; when neither endpoint is, and the tie concerns a
/// contract or program, the organisations supplying it (holding, providing, partnering).
/// Its agency is its endpoint that is a government body, or for a contract or program the
/// body that awarded, funds, or is served by it. Money with several vendors (agencies,
/// recipients) is credited to each line in full and marked shared; the currency total counts
/// it once. Negative amounts (de-obligations) are added as they are, lowering a line.
/// O(E + items * degree).
[[nodiscard]] TotalsResult money_totals(const EntityGraph& graph, const TraversalMask& mask = {},
                                        const MoneyOptions& options = {});

} // namespace powermap::graph
