#include "graph/stats.hpp"

#include <numeric>

namespace powermap::graph {

namespace {
std::uint32_t find_root(std::vector<std::uint32_t>& parent, std::uint32_t node) {
    while (parent[node] != node) {
        parent[node] = parent[parent[node]];
        node = parent[node];
    }
    return node;
}
} // namespace

MapStats compute_stats(const EntityGraph& graph) {
    MapStats stats;
    stats.entities = graph.entity_count();
    stats.relations = graph.relation_count();
    stats.sources = graph.sources().size();
    for (const auto& entity : graph.entities()) {
        ++stats.entities_by_type[entity.type];
    }
    std::vector<std::uint32_t> parent(graph.entity_count());
    std::iota(parent.begin(), parent.end(), 0u);
    for (std::size_t idx = 0; idx < graph.relation_count(); ++idx) {
        const RelationIndex handle{static_cast<std::uint32_t>(idx)};
        const Relation& relation = graph.relation(handle);
        ++stats.relations_by_type[relation.type];
        if (graph.relation_type(handle).supply) {
            ++stats.supply;
        }
        const auto left = find_root(parent, to_underlying(relation.from_index));
        const auto right = find_root(parent, to_underlying(relation.to_index));
        if (left != right) {
            parent[left] = right;
        }
        bool quoted = false;
        bool verified = false;
        for (const auto& citation : relation.sources) {
            if (citation.quote.empty()) {
                continue;
            }
            quoted = true;
            const Source* source = graph.find_source(citation.source);
            if (source != nullptr && source->text &&
                source->text->find(citation.quote) != std::string::npos) {
                verified = true;
            }
        }
        stats.cited += relation.sources.empty() ? 0u : 1u;
        stats.quoted += quoted ? 1u : 0u;
        stats.verified += verified ? 1u : 0u;
    }
    std::vector<std::size_t> sizes(graph.entity_count(), 0);
    for (std::uint32_t node = 0; node < parent.size(); ++node) {
        ++sizes[find_root(parent, node)];
    }
    for (std::uint32_t node = 0; node < parent.size(); ++node) {
        if (sizes[node] > 0) {
            ++stats.components;
            stats.largest_component = std::max(stats.largest_component, sizes[node]);
        }
        const EntityIndex handle{node};
        if (graph.out_relations(handle).empty() && graph.in_relations(handle).empty()) {
            ++stats.isolated;
        }
    }
    return stats;
}

} // namespace powermap::graph
