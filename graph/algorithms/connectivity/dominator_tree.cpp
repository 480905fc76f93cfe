// Dominator tree of a supply chain (Lengauer-Tarjan).
#include <algorithm>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dominator_tree.hpp>

#include "graph/algorithms/connectivity/cuts.hpp"
#include "graph/algorithms/connectivity/sort_by_id.hpp"

namespace powermap::graph {

using connectivity_detail::sort_by_id;

DominatorResult dominator_tree(const AnalyticsView& view, EntityIndex root,
                               const DependencyOptions& options) {
    using Bidirectional = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;
    using Vertex = boost::graph_traits<Bidirectional>::vertex_descriptor;
    const TraversalMask mask = supply_mask(view, options);
    const std::size_t count = view.entity_count();
    // Only ties leaving entities the root reaches: Boost 1.74's Lengauer-Tarjan gives wrong
    // (missing) dominators when unreachable entities have ties into the reachable part.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ties;
    std::vector<char> reached(count, 0);
    std::vector<std::uint32_t> queue{to_underlying(root)};
    reached[to_underlying(root)] = 1;
    for (std::size_t head = 0; head < queue.size(); ++head) {
        const std::uint32_t entity = queue[head];
        auto follow = [&](const Step& step, bool along) {
            if (!mask.allows(step.relation) || !mask.allows(step.entity) ||
                (!along && view.graph().relation_type(step.relation).directed)) {
                return;
            }
            const auto next = to_underlying(step.entity);
            ties.emplace_back(entity, next);
            if (reached[next] == 0) {
                reached[next] = 1;
                queue.push_back(next);
            }
        };
        for (const Step& step : view.out_steps(EntityIndex{entity})) {
            follow(step, true);
        }
        for (const Step& step : view.in_steps(EntityIndex{entity})) {
            follow(step, false);
        }
    }
    Bidirectional chain(count);
    for (const auto& [tail, head] : ties) {
        boost::add_edge(tail, head, chain);
    }
    std::vector<Vertex> dominator(count, boost::graph_traits<Bidirectional>::null_vertex());
    auto index_map = boost::get(boost::vertex_index, chain);
    auto dominator_map = boost::make_iterator_property_map(dominator.begin(), index_map);
    boost::lengauer_tarjan_dominator_tree(chain, static_cast<Vertex>(to_underlying(root)),
                                          dominator_map);
    DominatorResult result{root, std::vector<std::optional<EntityIndex>>(count)};
    for (std::size_t entity = 0; entity < count; ++entity) {
        if (dominator[entity] != boost::graph_traits<Bidirectional>::null_vertex() &&
            entity != to_underlying(root)) {
            result.immediate[entity] = EntityIndex{static_cast<std::uint32_t>(dominator[entity])};
        }
    }
    return result;
}

} // namespace powermap::graph
