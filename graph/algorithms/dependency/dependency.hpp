// Who depends on whom through supply ties (a tie whose target depends on its source: a
// vendor hosts a system, a system serves an agency): underpin (vendor x target matrix)
// and impact (everything downstream of one entity, with the money along the way).
#pragma once

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "graph/algorithms/grouping/roll_up.hpp"
#include "graph/algorithms/paths/paths.hpp"

namespace powermap::graph {

struct DependencyOptions {
    /// Only ties valid at a date.
    TimeFilter time;
    /// Entities the chains may not pass through.
    std::vector<EntityIndex> avoid;
    /// Who owns whom: when set, a company stands for its whole group (its subsidiaries'
    /// chains are its own) and a vendor is named by its group's head.
    const RollUp* roll_up = nullptr;
};

struct UnderpinCell {
    EntityIndex vendor;
    EntityIndex target;
    PathResult chain; ///< a shortest supply chain vendor -> ... -> target (its evidence)
};

struct UnderpinResult {
    std::vector<EntityIndex> vendors; ///< as selected (after roll-up: their heads), sorted by id
    std::vector<EntityIndex> targets; ///< as selected, sorted by id
    /// One cell per (vendor, target) where the vendor reaches the target, by vendor id then
    /// target id. A vendor is not its own target (after roll-up: nor one of its group). With
    /// roll-up a chain starts at the member of the group it leaves from.
    std::vector<UnderpinCell> cells;
};

/// Which vendor reaches which target over supply ties followed in their direction, with a
/// shortest chain for each (BFS per vendor, ties in relation order so chains are
/// deterministic). O(vendors (V + E)).
[[nodiscard]] UnderpinResult underpin(const AnalyticsView& view,
                                      const std::vector<EntityIndex>& vendors,
                                      const std::vector<EntityIndex>& targets,
                                      const DependencyOptions& options = {});

/// Money summed in one currency; `ties` lists the amounts added, each once.
struct MoneySum {
    std::string currency;
    double value = 0;
    std::vector<RelationIndex> ties;
    /// Whether the sum went past the largest double (see MoneyTotal::overflowed).
    [[nodiscard]] bool overflowed() const { return !std::isfinite(value); }
};

struct ImpactEntry {
    EntityIndex entity;
    std::size_t distance = 0; ///< supply ties on the shortest chain from the root
    PathResult chain;         ///< that chain
    /// Amounts on supply ties lying on any chain from the root to this entity, each tie
    /// counted once, one sum per currency (sorted by currency). The same value in the same
    /// currency on two ties of one contract or program ("holds" and "awarded by") is the
    /// same money and is added once.
    std::vector<MoneySum> money;
};

struct ImpactResult {
    EntityIndex root; ///< after roll-up, the head of the root's group
    /// The entities the chains start from: the root, or after roll-up its whole group (head
    /// first, then by id); none of them is a dependant.
    std::vector<EntityIndex> group;
    std::vector<ImpactEntry> entries; ///< by distance, then entity type, then id
};

/// Everything that depends on `root` (after roll-up: on any member of its group) directly or
/// through a chain of supply ties.
/// O(R (V + E)) for R dependants (the money needs one backward search per dependant).
[[nodiscard]] ImpactResult impact(const AnalyticsView& view, EntityIndex root,
                                  const DependencyOptions& options = {});

/// The supply-tie mask dependency queries walk (supply ties valid at the date, avoided
/// entities removed).
[[nodiscard]] TraversalMask supply_mask(const AnalyticsView& view,
                                        const DependencyOptions& options);

} // namespace powermap::graph
