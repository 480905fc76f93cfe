// Internal to the paths family: the one order in which path searches list paths of equal
// cost, so answers are deterministic.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "graph/algorithms/paths/paths.hpp"

namespace powermap::graph::paths_detail {

inline std::vector<std::uint32_t> relation_sequence(const PathResult& path) {
    std::vector<std::uint32_t> sequence;
    sequence.reserve(path.hops.size());
    for (const auto& hop : path.hops) {
        sequence.push_back(to_underlying(hop.relation));
    }
    return sequence;
}

/// Orders candidates: cost, then hops, then relation indices (deterministic).
struct CandidateOrder {
    bool operator()(const PathResult& left, const PathResult& right) const {
        // Costs within rounding noise are equal, so the order does not depend on summation.
        if (std::abs(left.cost - right.cost) > 1e-12 * std::max(1.0, std::abs(left.cost))) {
            return left.cost < right.cost;
        }
        if (left.hops.size() != right.hops.size()) {
            return left.hops.size() < right.hops.size();
        }
        return relation_sequence(left) < relation_sequence(right);
    }
};

} // namespace powermap::graph::paths_detail
