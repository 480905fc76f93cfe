// Summary figures of a map: counts by type, weak components, citation coverage.
#pragma once

#include <map>
#include <string>

#include "graph/entity_graph.hpp"

namespace powermap::graph {

struct MapStats {
    std::size_t entities = 0;
    std::size_t relations = 0;
    std::size_t sources = 0;
    std::map<std::string, std::size_t> entities_by_type;
    std::map<std::string, std::size_t> relations_by_type;
    std::size_t components = 0;        ///< weakly connected, isolated entities included
    std::size_t largest_component = 0; ///< entities in the largest one
    std::size_t isolated = 0;          ///< entities with no tie
    std::size_t cited = 0;             ///< relations with at least one citation
    std::size_t quoted = 0;            ///< ... at least one with a non-empty quote
    /// ... at least one quote found verbatim in its source's text.
    std::size_t verified = 0;
    std::size_t supply = 0; ///< relations of a supply type
};

/// O(V + E α(V)).
[[nodiscard]] MapStats compute_stats(const EntityGraph& graph);

} // namespace powermap::graph
