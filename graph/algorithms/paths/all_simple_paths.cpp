// Every simple path within a number of hops, declared in paths.hpp.
#include <algorithm>
#include <limits>
#include <vector>

#include "graph/algorithms/paths/path_order.hpp"
#include "graph/algorithms/paths/paths.hpp"

namespace powermap::graph {

namespace {

constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

} // namespace

AllPathsResult all_simple_paths(const AnalyticsView& view, EntityIndex from, EntityIndex to,
                                std::size_t max_hops, std::size_t limit,
                                const PathOptions& options) {
    AllPathsResult result;
    const TraversalMask mask = make_path_mask(view, options, from, to);
    const std::size_t count = view.entity_count();
    auto walkable = [&](const Step& step) {
        return mask.allows(step.relation) && mask.allows(step.entity) &&
               step_allowed(view, step, options.directed);
    };
    // Hops still needed to reach `to`, by a BFS walking steps backwards from it.
    std::vector<std::uint32_t> to_target(count, none);
    {
        std::vector<std::uint32_t> queue{to_underlying(to)};
        to_target[to_underlying(to)] = 0;
        for (std::size_t head = 0; head < queue.size(); ++head) {
            const std::uint32_t at = queue[head];
            if (to_target[at] >= max_hops) {
                continue;
            }
            // A step u -> at is walkable from u; seen from `at` it is the reverse step.
            auto visit = [&](const Step& seen_from_at) {
                const Step forward_step{EntityIndex{at}, seen_from_at.relation,
                                        !seen_from_at.forward};
                const auto before = to_underlying(seen_from_at.entity);
                if (to_target[before] == none && walkable(forward_step) &&
                    mask.allows(seen_from_at.entity)) {
                    to_target[before] = to_target[at] + 1;
                    queue.push_back(before);
                }
            };
            for (const Step& step : view.in_steps(EntityIndex{at})) {
                visit(step);
            }
            for (const Step& step : view.out_steps(EntityIndex{at})) {
                visit(step);
            }
        }
    }
    // An upper bound: walks of at most max_hops ties (dynamic programming over steps).
    {
        std::vector<double> walks(count, 0.0);
        std::vector<double> next(count, 0.0);
        walks[to_underlying(from)] = 1.0;
        for (std::size_t hop = 0; hop < max_hops; ++hop) {
            std::fill(next.begin(), next.end(), 0.0);
            for (std::uint32_t at = 0; at < count; ++at) {
                if (walks[at] == 0.0 || at == to_underlying(to)) {
                    continue;
                }
                auto spread = [&](const Step& step) {
                    if (walkable(step)) {
                        next[to_underlying(step.entity)] += walks[at];
                    }
                };
                for (const Step& step : view.out_steps(EntityIndex{at})) {
                    spread(step);
                }
                for (const Step& step : view.in_steps(EntityIndex{at})) {
                    spread(step);
                }
            }
            walks.swap(next);
            result.walk_bound += walks[to_underlying(to)];
        }
    }
    if (from == to) {
        result.paths.push_back(PathResult{});
        result.counted = 1;
        return result;
    }
    std::vector<bool> on_path(count, false);
    std::vector<PathHop> hops;
    on_path[to_underlying(from)] = true;
    // Depth-first, ties in relation order; stops as soon as the limit is passed.
    auto search = [&](auto&& self, std::uint32_t at) -> void {
        if (result.over_limit) {
            return;
        }
        auto follow = [&](const Step& step) {
            if (result.over_limit || !walkable(step)) {
                return;
            }
            const auto next = to_underlying(step.entity);
            if (on_path[next] || to_target[next] == none ||
                hops.size() + 1 + to_target[next] > max_hops) {
                return;
            }
            hops.push_back({EntityIndex{at}, step.entity, step.relation, step.forward});
            if (next == to_underlying(to)) {
                ++result.counted;
                if (result.counted > limit) {
                    result.over_limit = true;
                } else {
                    PathResult path;
                    path.hops = hops;
                    path.cost = static_cast<double>(hops.size());
                    result.paths.push_back(std::move(path));
                }
            } else {
                on_path[next] = true;
                self(self, next);
                on_path[next] = false;
            }
            hops.pop_back();
        };
        for (const Step& step : view.out_steps(EntityIndex{at})) {
            follow(step);
        }
        for (const Step& step : view.in_steps(EntityIndex{at})) {
            follow(step);
        }
    };
    search(search, to_underlying(from));
    if (result.over_limit) {
        result.paths.clear();
    } else {
        std::sort(result.paths.begin(), result.paths.end(), paths_detail::CandidateOrder{});
    }
    return result;
}

} // namespace powermap::graph
