// Corporate roll-up: who owns whom. Every entity maps to the head of its group, the top of
// its chain of `part_of` ties with role "subsidiary" (Palantir USG -> Palantir Technologies),
// so that totals, impact, underpin and centrality can treat a group as one.
#pragma once

#include <map>
#include <memory>
#include <vector>

#include "graph/analytics_view.hpp"

namespace powermap::graph {

struct RollUp {
    /// The head of each entity's group, by entity index (itself when it has no parent).
    std::vector<EntityIndex> head;
    /// Each group of more than one entity: its head, then its members (head first, then by id).
    std::map<std::uint32_t, std::vector<EntityIndex>> groups;
    /// Chains of subsidiaries that loop (a is part of b, b part of a): each loop's members
    /// by id. A loop is one group whose head is its first member by id.
    std::vector<std::vector<EntityIndex>> cycles;
    /// Entities named a subsidiary of several parents: each rolls up to the parent first by id.
    std::vector<EntityIndex> several_parents;

    [[nodiscard]] EntityIndex head_of(EntityIndex entity) const {
        return head.empty() ? entity : head[to_underlying(entity)];
    }
    /// `entity`'s group, head first: just `entity` when it heads no group.
    [[nodiscard]] std::vector<EntityIndex> members(EntityIndex head_entity) const;
};

/// Whether a tie makes its source a subsidiary of its target: type `part_of` with role
/// "subsidiary" (any case), or `has_parent` (FollowTheMoney's "parent company" reference, as
/// the FtM importer names it). Ownership (FtM's Ownership, imported as `owns`) does not count:
/// a stake is not control.
[[nodiscard]] bool is_subsidiary_tie(const EntityGraph& graph, RelationIndex relation);

/// The roll-up of every entity over the subsidiary ties `mask` allows (a date filter drops a
/// subsidiary sold before it), followed transitively to the top parent. Never loops: a cycle
/// of subsidiary ties becomes one group and is reported in `cycles`. O(V + E log E).
[[nodiscard]] RollUp corporate_roll_up(const EntityGraph& graph, const TraversalMask& mask = {});

/// A map in which each corporate group is one entity, for measures that must see a group
/// as one node (centrality): the group's head, with every tie of its members.
struct ContractedGraph {
    std::unique_ptr<EntityGraph> graph; ///< the heads, and every tie between two groups
    /// The original index of each entity of `graph` (a group head or an entity in no group).
    std::vector<EntityIndex> original;
};

/// Contracts each group of `roll_up` into its head: a tie from or to a member goes from or to
/// the head, a tie inside one group is left out. Entities keep their relative order, ties
/// theirs. O(V + E).
[[nodiscard]] ContractedGraph contract_groups(const EntityGraph& graph, const RollUp& roll_up);

} // namespace powermap::graph
