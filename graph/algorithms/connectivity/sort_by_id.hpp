// Internal to the connectivity family: answers list entities by id.
#pragma once

#include <algorithm>
#include <vector>

#include "graph/entity_graph.hpp"

namespace powermap::graph::connectivity_detail {

inline void sort_by_id(const EntityGraph& graph, std::vector<EntityIndex>& entities) {
    std::sort(entities.begin(), entities.end(), [&graph](EntityIndex left, EntityIndex right) {
        return graph.entity(left).id < graph.entity(right).id;
    });
}

} // namespace powermap::graph::connectivity_detail
