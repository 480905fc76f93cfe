// Articulation points of the undirected map (Hopcroft-Tarjan).
#include <algorithm>
#include <iterator>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/biconnected_components.hpp>

#include "graph/algorithms/connectivity/cuts.hpp"
#include "graph/algorithms/connectivity/sort_by_id.hpp"

namespace powermap::graph {

using connectivity_detail::sort_by_id;

std::vector<EntityIndex> articulation_points(const AnalyticsView& view, const TraversalMask& mask) {
    using Undirected = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
    Undirected undirected(view.entity_count());
    for (std::uint32_t entity = 0; entity < view.entity_count(); ++entity) {
        if (!mask.allows(EntityIndex{entity})) {
            continue;
        }
        for (const Step& step : view.out_steps(EntityIndex{entity})) {
            if (mask.allows(step.relation) && mask.allows(step.entity) &&
                to_underlying(step.entity) != entity) {
                boost::add_edge(entity, to_underlying(step.entity), undirected);
            }
        }
    }
    std::vector<Undirected::vertex_descriptor> points;
    boost::articulation_points(undirected, std::back_inserter(points));
    std::vector<EntityIndex> result;
    result.reserve(points.size());
    for (auto vertex : points) {
        result.push_back(EntityIndex{static_cast<std::uint32_t>(vertex)});
    }
    sort_by_id(view.graph(), result);
    result.erase(std::unique(result.begin(), result.end()), result.end());
    return result;
}

} // namespace powermap::graph
