// Ranking entities by score, equal scores sharing a rank.
#include <algorithm>
#include <cmath>

#include "graph/algorithms/centrality/centrality.hpp"

namespace powermap::graph {

std::vector<RankedEntity> rank_entities(const EntityGraph& graph, const std::vector<double>& scores,
                                        const std::vector<std::string>& types, std::size_t top,
                                        const TraversalMask* mask) {
    struct Keyed {
        double key;
        RankedEntity entry;
    };
    // 40 bits of mantissa (about 12 decimal digits): safe for every finite value, and
    // coarse enough that summation order cannot reorder equal scores.
    auto rounded = [](double value) {
        if (value == 0.0 || !std::isfinite(value)) {
            return value;
        }
        int exponent = 0;
        const double mantissa = std::frexp(value, &exponent);
        return std::ldexp(std::round(std::ldexp(mantissa, 40)), exponent - 40);
    };
    std::vector<Keyed> keyed;
    for (std::uint32_t idx = 0; idx < graph.entity_count(); ++idx) {
        const EntityIndex entity{idx};
        if (mask != nullptr && !mask->allows(entity)) {
            continue;
        }
        if (!types.empty() &&
            std::none_of(types.begin(), types.end(), [&](const std::string& type) {
                return graph.schema().is_a(graph.entity(entity).type, type);
            })) {
            continue;
        }
        keyed.push_back({rounded(scores[idx]), {entity, scores[idx], 0}});
    }
    std::sort(keyed.begin(), keyed.end(), [&graph](const Keyed& left, const Keyed& right) {
        if (left.key != right.key) {
            return left.key > right.key;
        }
        return graph.entity(left.entry.entity).id < graph.entity(right.entry.entity).id;
    });
    std::vector<RankedEntity> ranked;
    for (std::size_t idx = 0; idx < keyed.size() && (top == 0 || idx < top); ++idx) {
        RankedEntity entry = keyed[idx].entry;
        entry.rank = idx > 0 && keyed[idx].key == keyed[idx - 1].key ? ranked.back().rank : idx + 1;
        ranked.push_back(entry);
    }
    return ranked;
}

} // namespace powermap::graph
