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
    EntityIndex entity; ///< the entity reached
    RelationIndex relation;
    bool forward; ///< true when walked from the tie's `from` to its `to`
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

/// The view's arrays as stored in a snapshot: per direction, offsets (entity count + 1)
/// and, for each step in CSR order, the entity reached and the relation used.
struct ViewArrays {
    std::vector<std::uint32_t> out_offsets, in_offsets;
    std::vector<std::uint32_t> out_entities, out_relations, in_entities, in_relations;
};

class AnalyticsView {
public:
    /// Builds the view in one counting-sort pass over the relations: O(V + E).
    explicit AnalyticsView(const EntityGraph& graph);
    /// Adopts the entity columns of arrays read back from a snapshot: the steps follow the
    /// graph's tie lists (which a snapshot hands to EntityGraph::from_parts as its offsets
    /// and relation columns, so those must be empty here), and every entity index is
    /// checked to be in range (throws powermap::Error otherwise). O(V + E).
    AnalyticsView(const EntityGraph& graph, const ViewArrays& arrays);
    /// The view's arrays, for writing a snapshot.
    [[nodiscard]] ViewArrays arrays() const;
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

private:
    const EntityGraph* graph_;
    std::unique_ptr<detail::CsrGraph> csr_;
};

} // namespace powermap::graph
