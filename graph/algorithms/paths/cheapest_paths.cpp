// The cheapest path (Dijkstra) and the k cheapest (Yen, over the same search), declared in
// paths.hpp.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <queue>
#include <set>

#include "graph/algorithms/paths/path_order.hpp"
#include "graph/algorithms/paths/paths.hpp"

namespace powermap::graph {

namespace {

constexpr double infinite = std::numeric_limits<double>::infinity();
constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

/// Dijkstra with bans, reusing its arrays across calls (epoch stamps instead of clears).
class Searcher {
public:
    Searcher(const AnalyticsView& view, const PathOptions& options, EntityIndex from,
             EntityIndex to)
        : view_(view), options_(options), target_(to_underlying(to)),
          mask_(make_path_mask(view, options, from, to)), count_(view.entity_count()),
          dist_(count_, infinite), parent_(count_), stamp_(count_, 0), banned_entity_(count_, 0),
          banned_relation_(view.graph().relation_count(), 0) {
        if (options.hub_penalty > 0) {
            node_cost_.resize(count_);
            for (std::uint32_t entity = 0; entity < count_; ++entity) {
                const auto ties = view.out_steps(EntityIndex{entity}).size() +
                                  view.in_steps(EntityIndex{entity}).size();
                node_cost_[entity] =
                    options.hub_penalty * std::log2(1.0 + static_cast<double>(ties));
            }
        }
    }

    [[nodiscard]] double tie_cost(RelationIndex relation) const {
        if (options_.weight == PathOptions::Weight::Amount) {
            const auto& amount = view_.graph().relation(relation).amount;
            if (amount && amount->value > 0) {
                return 1.0 / std::log10(10.0 + amount->value);
            }
        }
        return 1.0;
    }
    /// Cost of stepping onto `entity` over `relation` (the target costs no penalty).
    [[nodiscard]] double step_cost(std::uint32_t entity, RelationIndex relation) const {
        double cost = tie_cost(relation);
        if (!node_cost_.empty() && entity != target_) {
            cost += node_cost_[entity];
        }
        return cost;
    }
    [[nodiscard]] double cost_of(const std::vector<PathHop>& hops) const {
        double cost = 0;
        for (const auto& hop : hops) {
            cost += step_cost(to_underlying(hop.to), hop.relation);
        }
        return cost;
    }

    void new_round() { ++ban_epoch_; }
    void ban_entity(EntityIndex entity) { banned_entity_[to_underlying(entity)] = ban_epoch_; }
    void ban_relation(RelationIndex relation) {
        banned_relation_[to_underlying(relation)] = ban_epoch_;
    }

    /// Cheapest path from `start` to the target avoiding this round's bans.
    std::optional<PathResult> run(EntityIndex start) {
        ++epoch_;
        using Item = std::pair<double, std::uint32_t>;
        std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
        const auto source = to_underlying(start);
        touch(source);
        dist_[source] = 0;
        queue.push({0.0, source});
        while (!queue.empty()) {
            // Plain variables, not a structured binding: `relax` below captures them, and
            // clang before 16 cannot capture bindings in a lambda (P1091).
            const double cost = queue.top().first;
            const std::uint32_t at = queue.top().second;
            queue.pop();
            if (cost > dist_[at]) {
                continue;
            }
            if (at == target_) {
                break;
            }
            auto relax = [&](const Step& step) {
                const auto next = to_underlying(step.entity);
                if (!mask_.allows(step.relation) || !mask_.allows(step.entity) ||
                    banned_entity_[next] == ban_epoch_ ||
                    banned_relation_[to_underlying(step.relation)] == ban_epoch_ ||
                    !step_allowed(view_, step, options_.directed)) {
                    return;
                }
                touch(next);
                const double candidate = cost + step_cost(next, step.relation);
                if (candidate < dist_[next]) {
                    dist_[next] = candidate;
                    parent_[next] = {at, step.relation, step.forward};
                    queue.push({candidate, next});
                }
            };
            for (const Step& step : view_.out_steps(EntityIndex{at})) {
                relax(step);
            }
            for (const Step& step : view_.in_steps(EntityIndex{at})) {
                relax(step);
            }
        }
        if (stamp_[target_] != epoch_ || dist_[target_] == infinite) {
            return std::nullopt;
        }
        PathResult result;
        result.cost = dist_[target_];
        for (std::uint32_t at = target_; at != source;) {
            const Parent& parent = parent_[at];
            result.hops.push_back(
                {EntityIndex{parent.entity}, EntityIndex{at}, parent.relation, parent.forward});
            at = parent.entity;
        }
        std::reverse(result.hops.begin(), result.hops.end());
        return result;
    }

private:
    struct Parent {
        std::uint32_t entity = none;
        RelationIndex relation{};
        bool forward = true;
    };
    void touch(std::uint32_t entity) {
        if (stamp_[entity] != epoch_) {
            stamp_[entity] = epoch_;
            dist_[entity] = infinite;
        }
    }

    const AnalyticsView& view_;
    const PathOptions& options_;
    std::uint32_t target_;
    TraversalMask mask_;
    std::size_t count_;
    std::vector<double> dist_;
    std::vector<Parent> parent_;
    std::vector<std::uint32_t> stamp_;
    std::vector<std::uint32_t> banned_entity_;
    std::vector<std::uint32_t> banned_relation_;
    std::vector<double> node_cost_;
    std::uint32_t epoch_ = 0;
    std::uint32_t ban_epoch_ = 1;
};

} // namespace

std::optional<PathResult> cheapest_path(const AnalyticsView& view, EntityIndex from, EntityIndex to,
                                        const PathOptions& options) {
    if (from == to) {
        return PathResult{};
    }
    if (options.weight == PathOptions::Weight::None && options.hub_penalty <= 0) {
        auto path = shortest_path(view, from, to, options);
        if (path) {
            path->cost = static_cast<double>(path->hops.size());
        }
        return path;
    }
    Searcher searcher(view, options, from, to);
    return searcher.run(from);
}

std::vector<PathResult> k_shortest_paths(const AnalyticsView& view, EntityIndex from,
                                         EntityIndex to, std::size_t k,
                                         const PathOptions& options) {
    std::vector<PathResult> found;
    if (k == 0) {
        return found;
    }
    if (from == to) {
        found.push_back(PathResult{});
        return found;
    }
    Searcher searcher(view, options, from, to);
    auto first = searcher.run(from);
    if (!first) {
        return found;
    }
    found.push_back(*first);
    std::set<PathResult, paths_detail::CandidateOrder> candidates;
    std::set<std::vector<std::uint32_t>> seen{paths_detail::relation_sequence(*first)};
    while (found.size() < k) {
        const PathResult& previous = found.back();
        for (std::size_t spur_idx = 0; spur_idx < previous.hops.size(); ++spur_idx) {
            const EntityIndex spur = previous.hops[spur_idx].from;
            searcher.new_round();
            // Ban the next tie of every found path sharing this root, and the root's entities.
            for (const auto& path : found) {
                if (path.hops.size() > spur_idx &&
                    std::equal(path.hops.begin(),
                               path.hops.begin() + static_cast<std::ptrdiff_t>(spur_idx),
                               previous.hops.begin(),
                               [](const PathHop& left, const PathHop& right) {
                                   return left.relation == right.relation;
                               })) {
                    searcher.ban_relation(path.hops[spur_idx].relation);
                }
            }
            for (std::size_t hop_idx = 0; hop_idx < spur_idx; ++hop_idx) {
                searcher.ban_entity(previous.hops[hop_idx].from);
            }
            auto spur_path = searcher.run(spur);
            if (!spur_path) {
                continue;
            }
            PathResult candidate;
            candidate.hops.assign(previous.hops.begin(),
                                  previous.hops.begin() + static_cast<std::ptrdiff_t>(spur_idx));
            candidate.hops.insert(candidate.hops.end(), spur_path->hops.begin(),
                                  spur_path->hops.end());
            candidate.cost = searcher.cost_of(candidate.hops);
            if (seen.insert(paths_detail::relation_sequence(candidate)).second) {
                candidates.insert(std::move(candidate));
            }
        }
        if (candidates.empty()) {
            break;
        }
        found.push_back(*candidates.begin());
        candidates.erase(candidates.begin());
    }
    return found;
}

} // namespace powermap::graph
