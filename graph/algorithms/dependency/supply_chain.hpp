// Internal to the dependency family: the BFS over supply ties that underpin and impact share,
// and the chain it leaves behind.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "graph/algorithms/dependency/dependency.hpp"

namespace powermap::graph::dependency_detail {

inline constexpr std::uint32_t unreached = std::numeric_limits<std::uint32_t>::max();

struct Parent {
    std::uint32_t entity = unreached;
    RelationIndex relation{};
    bool forward = true;
};

/// BFS along supply ties in their direction; fills distance and parent of every entity
/// reached. `backward` walks against the ties (who does `start` depend on).
void supply_bfs(const AnalyticsView& view, const TraversalMask& mask, EntityIndex start,
                bool backward, std::vector<std::uint32_t>& dist, std::vector<Parent>& parent,
                std::vector<std::uint32_t>& order);
/// The same from several starts at once (a corporate group): each start is at distance 0.
void supply_bfs(const AnalyticsView& view, const TraversalMask& mask,
                const std::vector<EntityIndex>& starts, bool backward,
                std::vector<std::uint32_t>& dist, std::vector<Parent>& parent,
                std::vector<std::uint32_t>& order);

/// The chain to `end` that supply_bfs recorded in `parent`, from the start it was reached
/// from.
[[nodiscard]] PathResult chain_to(const std::vector<Parent>& parent, std::uint32_t end);

} // namespace powermap::graph::dependency_detail
