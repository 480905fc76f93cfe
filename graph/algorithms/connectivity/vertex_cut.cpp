// Minimum vertex cut between two sets of entities, by max-flow.
#include <algorithm>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/boykov_kolmogorov_max_flow.hpp>

#include "graph/algorithms/connectivity/cuts.hpp"
#include "graph/algorithms/connectivity/sort_by_id.hpp"

namespace powermap::graph {

using connectivity_detail::sort_by_id;

namespace {

using FlowTraits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using FlowGraph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS,
    boost::property<boost::vertex_index_t, long,
                    boost::property<boost::vertex_color_t, boost::default_color_type,
                                    boost::property<boost::vertex_distance_t, long,
                                                    boost::property<boost::vertex_predecessor_t,
                                                                    FlowTraits::edge_descriptor>>>>,
    boost::property<
        boost::edge_capacity_t, long,
        boost::property<boost::edge_residual_capacity_t, long,
                        boost::property<boost::edge_reverse_t, FlowTraits::edge_descriptor>>>>;

} // namespace

VertexCutResult minimum_vertex_cut(const AnalyticsView& view, const std::vector<EntityIndex>& from,
                                   const std::vector<EntityIndex>& to,
                                   const DependencyOptions& options) {
    const auto& graph = view.graph();
    VertexCutResult result;
    const TraversalMask mask = supply_mask(view, options);
    const auto count = static_cast<long>(view.entity_count());
    std::vector<char> role(view.entity_count(), 0); // 1 from, 2 to, 3 both
    for (EntityIndex entity : from) {
        role[to_underlying(entity)] |= 1;
    }
    for (EntityIndex entity : to) {
        role[to_underlying(entity)] |= 2;
    }
    for (std::size_t idx = 0; idx < role.size(); ++idx) {
        if (role[idx] == 3) {
            result.shared.push_back(EntityIndex{static_cast<std::uint32_t>(idx)});
        }
    }
    // Ties straight from one set to the other cannot be cut by removing other entities.
    for (EntityIndex entity : from) {
        for (const Step& step : view.out_steps(entity)) {
            if ((role[to_underlying(step.entity)] & 2) != 0 && mask.allows(step.relation) &&
                mask.allows(step.entity)) {
                result.direct_ties.push_back(step.relation);
            }
        }
        for (const Step& step : view.in_steps(entity)) {
            if ((role[to_underlying(step.entity)] & 2) != 0 && mask.allows(step.relation) &&
                mask.allows(step.entity) && !graph.relation_type(step.relation).directed) {
                result.direct_ties.push_back(step.relation);
            }
        }
    }
    std::sort(result.direct_ties.begin(), result.direct_ties.end(),
              [](RelationIndex left, RelationIndex right) {
                  return to_underlying(left) < to_underlying(right);
              });
    if (!result.shared.empty() || !result.direct_ties.empty()) {
        result.separable = false;
        result.connected = true;
        sort_by_id(graph, result.shared);
        return result;
    }

    // Entity e becomes 2e (in) -> 2e+1 (out); the super source and sink come last.
    const long infinite = count + 1;
    FlowGraph flow(static_cast<std::size_t>(2 * count + 2));
    const long source = 2 * count;
    const long sink = 2 * count + 1;
    auto capacity = boost::get(boost::edge_capacity, flow);
    auto reverse = boost::get(boost::edge_reverse, flow);
    auto residual = boost::get(boost::edge_residual_capacity, flow);
    auto add_arc = [&](long tail, long head, long cap) {
        auto forward_edge =
            boost::add_edge(static_cast<std::size_t>(tail), static_cast<std::size_t>(head), flow)
                .first;
        auto backward_edge =
            boost::add_edge(static_cast<std::size_t>(head), static_cast<std::size_t>(tail), flow)
                .first;
        capacity[forward_edge] = cap;
        capacity[backward_edge] = 0;
        reverse[forward_edge] = backward_edge;
        reverse[backward_edge] = forward_edge;
    };
    for (long entity = 0; entity < count; ++entity) {
        const EntityIndex handle{static_cast<std::uint32_t>(entity)};
        if (!mask.allows(handle)) {
            continue;
        }
        add_arc(2 * entity, 2 * entity + 1,
                role[static_cast<std::size_t>(entity)] != 0 ? infinite : 1);
        for (const Step& step : view.out_steps(handle)) {
            if (mask.allows(step.relation) && mask.allows(step.entity)) {
                add_arc(2 * entity + 1, 2 * static_cast<long>(to_underlying(step.entity)),
                        infinite);
            }
        }
        for (const Step& step : view.in_steps(handle)) {
            if (mask.allows(step.relation) && mask.allows(step.entity) &&
                !graph.relation_type(step.relation).directed) {
                add_arc(2 * entity + 1, 2 * static_cast<long>(to_underlying(step.entity)),
                        infinite);
            }
        }
    }
    for (EntityIndex entity : from) {
        add_arc(source, 2 * static_cast<long>(to_underlying(entity)), infinite);
    }
    for (EntityIndex entity : to) {
        add_arc(2 * static_cast<long>(to_underlying(entity)) + 1, sink, infinite);
    }
    const long flow_value = boost::boykov_kolmogorov_max_flow(
        flow, static_cast<std::size_t>(source), static_cast<std::size_t>(sink));
    result.connected = flow_value > 0;
    POWERMAP_ASSERT(flow_value < infinite);
    // Source side of the minimum cut: what the source still reaches in the residual graph.
    std::vector<char> reached(boost::num_vertices(flow), 0);
    std::vector<std::size_t> queue{static_cast<std::size_t>(source)};
    reached[static_cast<std::size_t>(source)] = 1;
    for (std::size_t head = 0; head < queue.size(); ++head) {
        for (auto edge : boost::make_iterator_range(boost::out_edges(queue[head], flow))) {
            const auto next = boost::target(edge, flow);
            if (reached[next] == 0 && residual[edge] > 0) {
                reached[next] = 1;
                queue.push_back(next);
            }
        }
    }
    for (long entity = 0; entity < count; ++entity) {
        if (reached[static_cast<std::size_t>(2 * entity)] != 0 &&
            reached[static_cast<std::size_t>(2 * entity + 1)] == 0) {
            result.cut.push_back(EntityIndex{static_cast<std::uint32_t>(entity)});
        }
    }
    POWERMAP_ASSERT(static_cast<long>(result.cut.size()) == flow_value);
    sort_by_id(graph, result.cut);
    return result;
}

} // namespace powermap::graph
