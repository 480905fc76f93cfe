// Impact: everything downstream of one entity, with the money along the way.
#include <algorithm>
#include <set>
#include <tuple>

#include "graph/algorithms/dependency/dependency.hpp"
#include "graph/algorithms/dependency/supply_chain.hpp"

namespace powermap::graph {

using namespace dependency_detail;

ImpactResult impact(const AnalyticsView& view, EntityIndex root, const DependencyOptions& options) {
    const auto& graph = view.graph();
    ImpactResult result;
    result.root = options.roll_up != nullptr ? options.roll_up->head_of(root) : root;
    result.group = options.roll_up != nullptr ? options.roll_up->members(result.root)
                                              : std::vector<EntityIndex>{root};
    const TraversalMask mask = supply_mask(view, options);
    const std::size_t count = view.entity_count();
    std::vector<std::uint32_t> dist(count, unreached);
    std::vector<Parent> parent(count);
    std::vector<std::uint32_t> order;
    supply_bfs(view, mask, result.group, false, dist, parent, order);
    const std::vector<std::uint32_t> reached = order;
    const std::vector<std::uint32_t> root_dist = dist;

    // For each dependant t: the ties u -> v with u reachable from the root and v reaching
    // t lie on some chain root -> t; each carries its amount once into t's sums.
    std::vector<std::uint32_t> back_dist(count, unreached);
    std::vector<Parent> back_parent(count);
    std::vector<std::uint32_t> back_order;
    for (std::size_t idx = 0; idx < reached.size(); ++idx) {
        const std::uint32_t target = reached[idx];
        if (root_dist[target] == 0) {
            continue; // the root or a member of its group
        }
        ImpactEntry entry;
        entry.entity = EntityIndex{target};
        entry.distance = root_dist[target];
        entry.chain = chain_to(parent, target);
        supply_bfs(view, mask, EntityIndex{target}, true, back_dist, back_parent, back_order);
        std::map<std::string, MoneySum> sums;
        // The same money on two ties of one contract or program (its value on "holds" and on
        // "awarded by") is added once.
        std::set<std::tuple<std::uint32_t, std::string, double>> same_money;
        auto counted_before = [&](const Relation& relation) {
            for (EntityIndex end : {relation.from_index, relation.to_index}) {
                const auto& type = graph.entity(end).type;
                if (graph.schema().is_a(type, "contract") || graph.schema().is_a(type, "program")) {
                    return !same_money
                                .emplace(to_underlying(end), relation.amount->currency,
                                         relation.amount->value)
                                .second;
                }
            }
            return false;
        };
        for (std::uint32_t upstream : back_order) {
            if (root_dist[upstream] == unreached) {
                continue; // reaches t but not from the root
            }
            for (const Step& step : view.out_steps(EntityIndex{upstream})) {
                const auto next = to_underlying(step.entity);
                if (!mask.allows(step.relation) || !mask.allows(step.entity) ||
                    back_dist[next] == unreached || root_dist[next] == unreached ||
                    root_dist[next] == 0) {
                    continue;
                }
                const Relation& relation = graph.relation(step.relation);
                if (!relation.amount) {
                    continue;
                }
                if (counted_before(relation)) {
                    continue;
                }
                auto& sum = sums[relation.amount->currency];
                sum.currency = relation.amount->currency;
                sum.value += relation.amount->value;
                sum.ties.push_back(step.relation);
            }
        }
        for (auto& [currency, sum] : sums) {
            std::sort(sum.ties.begin(), sum.ties.end(),
                      [](RelationIndex left, RelationIndex right) {
                          return to_underlying(left) < to_underlying(right);
                      });
            entry.money.push_back(std::move(sum));
        }
        result.entries.push_back(std::move(entry));
    }
    std::sort(result.entries.begin(), result.entries.end(),
              [&graph](const ImpactEntry& left, const ImpactEntry& right) {
                  if (left.distance != right.distance) {
                      return left.distance < right.distance;
                  }
                  const auto& left_entity = graph.entity(left.entity);
                  const auto& right_entity = graph.entity(right.entity);
                  if (left_entity.type != right_entity.type) {
                      return left_entity.type < right_entity.type;
                  }
                  return left_entity.id < right_entity.id;
              });
    return result;
}

} // namespace powermap::graph
