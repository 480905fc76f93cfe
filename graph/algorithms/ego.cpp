#include "graph/algorithms/ego.hpp"

#include <vector>

namespace powermap::graph {

EgoNetwork ego_network(const EntityGraph& graph, EntityIndex centre, int depth) {
    EgoNetwork ego;
    ego.entities.insert(centre);
    std::vector<EntityIndex> frontier{centre};
    for (int level = 0; level < depth && !frontier.empty(); ++level) {
        std::vector<EntityIndex> next;
        auto visit = [&](EntityIndex other) {
            if (ego.entities.insert(other).second) {
                next.push_back(other);
            }
        };
        for (EntityIndex entity : frontier) {
            for (RelationIndex relation : graph.out_relations(entity)) {
                visit(graph.relation(relation).to_index);
            }
            for (RelationIndex relation : graph.in_relations(entity)) {
                visit(graph.relation(relation).from_index);
            }
        }
        frontier = std::move(next);
    }
    for (EntityIndex entity : ego.entities) {
        for (RelationIndex relation : graph.out_relations(entity)) {
            if (ego.entities.count(graph.relation(relation).to_index) != 0) {
                ego.relations.insert(relation);
            }
        }
    }
    return ego;
}

} // namespace powermap::graph
