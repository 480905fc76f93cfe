// AnalyticsView: a compact, read-only adjacency of an EntityGraph (compressed sparse rows,
// 32-bit indices), built once per load. Every algorithm runs on it; each edge carries its
// RelationIndex so answers can cite the tie they used. Filters are masks, never copies.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "graph/entity_graph.hpp"

namespace powermap::graph {

namespace detail {
struct CsrGraph;
}

/// One step from an entity along a tie, in or against the tie's direction.
struct Step {
    EntityIndex entity;    ///< the entity reached
    RelationIndex relation;
    bool forward;          ///< true when walked from the tie's `from` to its `to`
};

/// Which ties and entities a traversal may use. Empty vectors mean "all".
struct TraversalMask {
    std::vector<bool> relation_allowed; ///< by RelationIndex
    std::vector<bool> entity_allowed;   ///< by EntityIndex

    [[nodiscard]] bool allows(RelationIndex relation) const {
        return relation_allowed.empty() || relation_allowed[to_underlying(relation)];
    }
    [[nodiscard]] bool allows(EntityIndex entity) const {
        return entity_allowed.empty() || entity_allowed[to_underlying(entity)];
    }
};

class AnalyticsView {
public:
    explicit AnalyticsView(const EntityGraph& graph);
    ~AnalyticsView();
    AnalyticsView(AnalyticsView&&) noexcept;
    AnalyticsView& operator=(AnalyticsView&&) noexcept;
    AnalyticsView(const AnalyticsView&) = delete;
    AnalyticsView& operator=(const AnalyticsView&) = delete;

    [[nodiscard]] const EntityGraph& graph() const { return *graph_; }
    [[nodiscard]] std::size_t entity_count() const;
    [[nodiscard]] std::size_t relation_count() const;

    /// Ties leaving / entering `entity`, as steps to the entity at the other end.
    [[nodiscard]] std::span<const Step> out_steps(EntityIndex entity) const;
    [[nodiscard]] std::span<const Step> in_steps(EntityIndex entity) const;

    /// The Boost graph, for algorithms inside graph/ only.
    [[nodiscard]] const detail::CsrGraph& csr() const { return *csr_; }

private:
    const EntityGraph* graph_;
    std::unique_ptr<detail::CsrGraph> csr_;
};

} // namespace powermap::graph
