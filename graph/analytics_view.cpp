#include "graph/analytics_view.hpp"

#include <boost/range/iterator_range.hpp>

#include <algorithm>
#include <utility>

#include "graph/detail/csr.hpp"

namespace powermap::graph {

AnalyticsView::AnalyticsView(const EntityGraph& graph)
    : graph_(&graph), csr_(std::make_unique<detail::CsrGraph>()) {
    const auto& relations = graph.relations();
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ends;
    std::vector<detail::CsrEdge> props;
    ends.reserve(relations.size());
    props.reserve(relations.size());
    for (std::size_t idx = 0; idx < relations.size(); ++idx) {
        ends.emplace_back(to_underlying(relations[idx].from_index),
                          to_underlying(relations[idx].to_index));
        props.push_back({static_cast<std::uint32_t>(idx)});
    }
    const auto count = static_cast<std::uint32_t>(graph.entity_count());
    csr_->boost = detail::BoostCsr(boost::edges_are_unsorted_multi_pass, ends.begin(), ends.end(),
                                   props.begin(), count);

    // Flatten both directions; ties of one entity are ordered by relation index so that
    // every traversal is deterministic whatever order Boost's counting sort leaves.
    auto& csr = *csr_;
    csr.out_offsets.assign(count + 1u, 0);
    csr.in_offsets.assign(count + 1u, 0);
    csr.out_steps.reserve(relations.size());
    csr.in_steps.reserve(relations.size());
    for (std::uint32_t vertex = 0; vertex < count; ++vertex) {
        const auto first_out = csr.out_steps.size();
        for (auto edge : boost::make_iterator_range(boost::out_edges(vertex, csr.boost))) {
            csr.out_steps.push_back({EntityIndex{boost::target(edge, csr.boost)},
                                     RelationIndex{csr.boost[edge].relation}, true});
        }
        std::sort(csr.out_steps.begin() + static_cast<std::ptrdiff_t>(first_out),
                  csr.out_steps.end(), [](const Step& left, const Step& right) {
                      return to_underlying(left.relation) < to_underlying(right.relation);
                  });
        csr.out_offsets[vertex + 1] = static_cast<std::uint32_t>(csr.out_steps.size());
        const auto first_in = csr.in_steps.size();
        for (auto edge : boost::make_iterator_range(boost::in_edges(vertex, csr.boost))) {
            csr.in_steps.push_back({EntityIndex{boost::source(edge, csr.boost)},
                                    RelationIndex{csr.boost[edge].relation}, false});
        }
        std::sort(csr.in_steps.begin() + static_cast<std::ptrdiff_t>(first_in),
                  csr.in_steps.end(), [](const Step& left, const Step& right) {
                      return to_underlying(left.relation) < to_underlying(right.relation);
                  });
        csr.in_offsets[vertex + 1] = static_cast<std::uint32_t>(csr.in_steps.size());
    }
}

AnalyticsView::~AnalyticsView() = default;
AnalyticsView::AnalyticsView(AnalyticsView&&) noexcept = default;
AnalyticsView& AnalyticsView::operator=(AnalyticsView&&) noexcept = default;

std::size_t AnalyticsView::entity_count() const { return csr_->out_offsets.size() - 1; }
std::size_t AnalyticsView::relation_count() const { return csr_->out_steps.size(); }

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
