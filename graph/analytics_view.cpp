#include "graph/analytics_view.hpp"

#include <cstdint>
#include <vector>

namespace powermap::graph {

namespace detail {

/// The view's storage: flattened steps in CSR order, so hot loops read one contiguous
/// array per entity.
struct CsrGraph {
    std::vector<std::uint32_t> out_offsets, in_offsets;
    std::vector<Step> out_steps, in_steps;
};

} // namespace detail

AnalyticsView::AnalyticsView(const EntityGraph& graph)
    : graph_(&graph), csr_(std::make_unique<detail::CsrGraph>()) {
    // Counting sort by entity, walking relations in index order: each entity's steps come
    // out ordered by relation index, so traversals are deterministic without a sort.
    const auto& relations = graph.relations();
    const auto count = graph.entity_count();
    auto& csr = *csr_;
    csr.out_offsets.assign(count + 1, 0);
    csr.in_offsets.assign(count + 1, 0);
    for (const auto& relation : relations) {
        ++csr.out_offsets[to_underlying(relation.from_index) + 1];
        ++csr.in_offsets[to_underlying(relation.to_index) + 1];
    }
    for (std::size_t idx = 0; idx < count; ++idx) {
        csr.out_offsets[idx + 1] += csr.out_offsets[idx];
        csr.in_offsets[idx + 1] += csr.in_offsets[idx];
    }
    csr.out_steps.resize(relations.size());
    csr.in_steps.resize(relations.size());
    std::vector<std::uint32_t> out_fill(csr.out_offsets.begin(), csr.out_offsets.end() - 1);
    std::vector<std::uint32_t> in_fill(csr.in_offsets.begin(), csr.in_offsets.end() - 1);
    for (std::size_t idx = 0; idx < relations.size(); ++idx) {
        const RelationIndex handle{static_cast<std::uint32_t>(idx)};
        const auto from = relations[idx].from_index;
        const auto to = relations[idx].to_index;
        csr.out_steps[out_fill[to_underlying(from)]++] = {to, handle, true};
        csr.in_steps[in_fill[to_underlying(to)]++] = {from, handle, false};
    }
}

AnalyticsView::AnalyticsView(const EntityGraph& graph, const ViewArrays& arrays)
    : graph_(&graph), csr_(std::make_unique<detail::CsrGraph>()) {
    const auto& relations = graph.relations();
    const std::size_t count = graph.entity_count();
    auto bad = [] {
        return Error("the snapshot's analytics view does not match its map",
                     "the file is damaged; pack it again from the JSON map");
    };
    auto& csr = *csr_;
    // The steps follow the graph's own tie lists (checked when the graph was assembled);
    // only the far ends come from `arrays`.
    auto adopt_lists = [&](const std::vector<std::uint32_t>& entities, bool forward,
                           std::vector<std::uint32_t>& offsets_out, std::vector<Step>& steps_out) {
        if (entities.size() != relations.size()) {
            throw bad();
        }
        steps_out.resize(relations.size());
        offsets_out.assign(count + 1, 0);
        std::size_t pos = 0;
        for (std::size_t entity = 0; entity < count; ++entity) {
            const EntityIndex here{static_cast<std::uint32_t>(entity)};
            for (const RelationIndex relation :
                 forward ? graph.out_relations(here) : graph.in_relations(here)) {
                const std::uint32_t there = entities[pos];
                if (there >= count) {
                    throw bad();
                }
                steps_out[pos++] = {EntityIndex{there}, relation, forward};
            }
            offsets_out[entity + 1] = static_cast<std::uint32_t>(pos);
        }
    };
    if (!arrays.out_offsets.empty() || !arrays.in_offsets.empty() ||
        !arrays.out_relations.empty() || !arrays.in_relations.empty()) {
        throw bad(); // those columns belong to the graph (EntityGraph::TieLists)
    }
    adopt_lists(arrays.out_entities, true, csr.out_offsets, csr.out_steps);
    adopt_lists(arrays.in_entities, false, csr.in_offsets, csr.in_steps);
}

ViewArrays AnalyticsView::arrays() const {
    const auto& csr = *csr_;
    ViewArrays arrays{csr.out_offsets, csr.in_offsets, {}, {}, {}, {}};
    for (const Step& step : csr.out_steps) {
        arrays.out_entities.push_back(to_underlying(step.entity));
        arrays.out_relations.push_back(to_underlying(step.relation));
    }
    for (const Step& step : csr.in_steps) {
        arrays.in_entities.push_back(to_underlying(step.entity));
        arrays.in_relations.push_back(to_underlying(step.relation));
    }
    return arrays;
}

AnalyticsView::~AnalyticsView() = default;
AnalyticsView::AnalyticsView(AnalyticsView&&) noexcept = default;
AnalyticsView& AnalyticsView::operator=(AnalyticsView&&) noexcept = default;

std::size_t AnalyticsView::entity_count() const {
    return csr_->out_offsets.size() - 1;
}
std::size_t AnalyticsView::relation_count() const {
    return csr_->out_steps.size();
}

std::span<const Step> AnalyticsView::out_steps(EntityIndex entity) const {
    const auto idx = to_underlying(entity);
    return {csr_->out_steps.data() + csr_->out_offsets[idx],
            csr_->out_steps.data() + csr_->out_offsets[idx + 1]};
}

std::span<const Step> AnalyticsView::in_steps(EntityIndex entity) const {
    const auto idx = to_underlying(entity);
    return {csr_->in_steps.data() + csr_->in_offsets[idx],
            csr_->in_steps.data() + csr_->in_offsets[idx + 1]};
}

} // namespace powermap::graph
