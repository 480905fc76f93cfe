// Reusable search state for breadth-first searches over an AnalyticsView: visited marks are
// epoch-stamped, so starting a new search costs O(1) instead of clearing O(V) arrays, and
// after the first search on a map no query allocates. One workspace per thread.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "graph/model.hpp"

namespace powermap::graph {

/// Two-sided (bidirectional) search state: per side, a stamp and the step that reached
/// each entity, plus frontier buffers.
class BfsWorkspace {
public:
    struct Parent {
        std::uint32_t entity = 0;
        RelationIndex relation{};
        bool forward = true;
    };

    /// Starts a new search over `entity_count` entities: everything becomes unseen.
    void begin(std::size_t entity_count);

    [[nodiscard]] bool seen(int side, std::uint32_t entity) const {
        return stamps_[side][entity] == epoch_;
    }
    void mark(int side, std::uint32_t entity, Parent parent) {
        stamps_[side][entity] = epoch_;
        parents_[side][entity] = parent;
    }
    [[nodiscard]] const Parent& parent(int side, std::uint32_t entity) const {
        return parents_[side][entity];
    }

    std::vector<std::uint32_t> frontier[2];
    std::vector<std::uint32_t> next;

    /// The calling thread's workspace (grown on demand, kept for the thread's lifetime).
    static BfsWorkspace& for_this_thread();

private:
    std::vector<std::uint32_t> stamps_[2];
    std::vector<Parent> parents_[2];
    std::uint32_t epoch_ = 0;
};

} // namespace powermap::graph
