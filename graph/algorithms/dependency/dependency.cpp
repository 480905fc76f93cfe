#include "graph/algorithms/dependency/dependency.hpp"

#include <algorithm>
#include <limits>
#include <set>
#include <tuple>

namespace powermap::graph {

namespace {

constexpr std::uint32_t unreached = std::numeric_limits<std::uint32_t>::max();

struct Parent {
    std::uint32_t entity = unreached;
    RelationIndex relation{};
    bool forward = true;
};

/// BFS along supply ties in their direction; fills distance and parent of every entity
/// reached. `backward` walks against the ties (who does `start` depend on).
void supply_bfs(const AnalyticsView& view, const TraversalMask& mask, EntityIndex start,
                bool backward, std::vector<std::uint32_t>& dist, std::vector<Parent>& parent,
                std::vector<std::uint32_t>& order) {
    for (std::uint32_t entity : order) {
        dist[entity] = unreached;
        parent[entity] = Parent{};
    }
    order.clear();
    dist[to_underlying(start)] = 0;
    order.push_back(to_underlying(start));
    for (std::size_t head = 0; head < order.size(); ++head) {
        const std::uint32_t at = order[head];
        auto visit = [&](const Step& step) {
            const auto next = to_underlying(step.entity);
            if (dist[next] != unreached || !mask.allows(step.relation) ||
                !mask.allows(step.entity)) {
                return;
            }
            // Forward search: out-steps, or in-steps of undirected supply types.
            const bool along = step.forward != backward;
            if (!along && view.graph().relation_type(step.relation).directed) {
                return;
            }
            dist[next] = dist[at] + 1;
            parent[next] = {at, step.relation, step.forward};
            order.push_back(next);
        };
        for (const Step& step : view.out_steps(EntityIndex{at})) {
            visit(step);
        }
        for (const Step& step : view.in_steps(EntityIndex{at})) {
            visit(step);
        }
    }
}

PathResult chain_to(const std::vector<Parent>& parent, std::uint32_t start, std::uint32_t end) {
    PathResult path;
    for (std::uint32_t at = end; at != start;) {
        const Parent& step = parent[at];
        path.hops.push_back(
            {EntityIndex{step.entity}, EntityIndex{at}, step.relation, step.forward});
        at = step.entity;
    }
    std::reverse(path.hops.begin(), path.hops.end());
    path.cost = static_cast<double>(path.hops.size());
    return path;
}

} // namespace

TraversalMask supply_mask(const AnalyticsView& view, const DependencyOptions& options) {
    TraversalMask mask;
    restrict_to_supply(view.graph(), mask);
    (void)apply_time_filter(view.graph(), options.time, mask);
    if (!options.avoid.empty()) {
        mask.entity_allowed.assign(view.entity_count(), true);
        for (EntityIndex avoided : options.avoid) {
            mask.entity_allowed[to_underlying(avoided)] = false;
        }
    }
    return mask;
}

UnderpinResult underpin(const AnalyticsView& view, const std::vector<EntityIndex>& vendors,
                        const std::vector<EntityIndex>& targets, const DependencyOptions& options) {
    const auto& graph = view.graph();
    auto by_id = [&graph](EntityIndex left, EntityIndex right) {
        return graph.entity(left).id < graph.entity(right).id;
    };
    UnderpinResult result;
    result.vendors = vendors;
    result.targets = targets;
    std::sort(result.vendors.begin(), result.vendors.end(), by_id);
    std::sort(result.targets.begin(), result.targets.end(), by_id);
    const TraversalMask mask = supply_mask(view, options);
    std::vector<std::uint32_t> dist(view.entity_count(), unreached);
    std::vector<Parent> parent(view.entity_count());
    std::vector<std::uint32_t> order;
    for (EntityIndex vendor : result.vendors) {
        if (!mask.allows(vendor)) {
            continue;
        }
        supply_bfs(view, mask, vendor, false, dist, parent, order);
        for (EntityIndex target : result.targets) {
            const auto reached = to_underlying(target);
            if (target != vendor && dist[reached] != unreached) {
                result.cells.push_back(
                    {vendor, target, chain_to(parent, to_underlying(vendor), reached)});
            }
        }
    }
    return result;
}

ImpactResult impact(const AnalyticsView& view, EntityIndex root, const DependencyOptions& options) {
    const auto& graph = view.graph();
    ImpactResult result{root, {}};
    const TraversalMask mask = supply_mask(view, options);
    const std::size_t count = view.entity_count();
    std::vector<std::uint32_t> dist(count, unreached);
    std::vector<Parent> parent(count);
    std::vector<std::uint32_t> order;
    supply_bfs(view, mask, root, false, dist, parent, order);
    const std::vector<std::uint32_t> reached = order;
    const std::vector<std::uint32_t> root_dist = dist;

    // For each dependant t: the ties u -> v with u reachable from the root and v reaching
    // t lie on some chain root -> t; each carries its amount once into t's sums.
    std::vector<std::uint32_t> back_dist(count, unreached);
    std::vector<Parent> back_parent(count);
    std::vector<std::uint32_t> back_order;
    for (std::size_t idx = 1; idx < reached.size(); ++idx) {
        const std::uint32_t target = reached[idx];
        ImpactEntry entry;
        entry.entity = EntityIndex{target};
        entry.distance = root_dist[target];
        entry.chain = chain_to(parent, to_underlying(root), target);
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
                    next == to_underlying(root)) {
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
