#include "graph/algorithms/paths/bfs_workspace.hpp"

#include <algorithm>

namespace powermap::graph {

void BfsWorkspace::begin(std::size_t entity_count) {
    if (stamps_[0].size() < entity_count) {
        for (int side = 0; side < 2; ++side) {
            stamps_[side].assign(entity_count, 0);
            parents_[side].resize(entity_count);
        }
        epoch_ = 0;
    }
    if (epoch_ == std::numeric_limits<std::uint32_t>::max()) {
        // After 4 billion searches the stamps wrap: clear them once.
        for (auto& stamps : stamps_) {
            std::fill(stamps.begin(), stamps.end(), 0);
        }
        epoch_ = 0;
    }
    ++epoch_;
    frontier[0].clear();
    frontier[1].clear();
    next.clear();
}

BfsWorkspace& BfsWorkspace::for_this_thread() {
    thread_local BfsWorkspace workspace;
    return workspace;
}

} // namespace powermap::graph
