#include "graph/algorithms/connectivity/components.hpp"

#include <algorithm>

#include "graph/detail/adjacency.hpp"

namespace powermap::graph {

namespace {

/// Sorts members by id and components by size then first id, renumbering component_of.
void finish(const EntityGraph& graph, ComponentResult& result) {
    auto by_id = [&graph](EntityIndex left, EntityIndex right) {
        return graph.entity(left).id < graph.entity(right).id;
    };
    for (auto& members : result.members) {
        std::sort(members.begin(), members.end(), by_id);
    }
    std::sort(result.members.begin(), result.members.end(),
              [&](const std::vector<EntityIndex>& left, const std::vector<EntityIndex>& right) {
                  if (left.size() != right.size()) {
                      return left.size() > right.size();
                  }
                  return by_id(left.front(), right.front());
              });
    for (std::uint32_t component = 0; component < result.members.size(); ++component) {
        for (EntityIndex entity : result.members[component]) {
            result.component_of[to_underlying(entity)] = component;
        }
    }
}

} // namespace

ComponentLabels weak_component_labels(const AnalyticsView& view, const TraversalMask& mask) {
    const auto count = static_cast<std::uint32_t>(view.entity_count());
    ComponentLabels labels;
    labels.component_of.assign(count, ComponentResult::none);
    const bool masked = !mask.relation_allowed.empty() || !mask.entity_allowed.empty();
    std::vector<std::uint32_t> queue;
    queue.reserve(count);
    for (std::uint32_t start = 0; start < count; ++start) {
        if (labels.component_of[start] != ComponentResult::none ||
            !mask.allows(EntityIndex{start})) {
            continue;
        }
        const auto component = static_cast<std::uint32_t>(labels.sizes.size());
        queue.clear();
        queue.push_back(start);
        labels.component_of[start] = component;
        for (std::size_t head = 0; head < queue.size(); ++head) {
            const EntityIndex at{queue[head]};
            auto visit = [&](const Step& step) {
                const auto next = to_underlying(step.entity);
                if (labels.component_of[next] == ComponentResult::none &&
                    (!masked || (mask.allows(step.relation) && mask.allows(step.entity)))) {
                    labels.component_of[next] = component;
                    queue.push_back(next);
                }
            };
            for (const Step& step : view.out_steps(at)) {
                visit(step);
            }
            for (const Step& step : view.in_steps(at)) {
                visit(step);
            }
        }
        labels.sizes.push_back(static_cast<std::uint32_t>(queue.size()));
    }
    return labels;
}

ComponentResult weak_components(const AnalyticsView& view, const TraversalMask& mask) {
    auto labels = weak_component_labels(view, mask);
    ComponentResult result;
    result.members.resize(labels.sizes.size());
    for (std::size_t component = 0; component < labels.sizes.size(); ++component) {
        result.members[component].reserve(labels.sizes[component]);
    }
    for (std::uint32_t entity = 0; entity < labels.component_of.size(); ++entity) {
        if (labels.component_of[entity] != ComponentResult::none) {
            result.members[labels.component_of[entity]].push_back(EntityIndex{entity});
        }
    }
    result.component_of = std::move(labels.component_of);
    finish(view.graph(), result);
    return result;
}

ComponentResult strong_components(const AnalyticsView& view, const TraversalMask& mask) {
    const auto count = static_cast<std::uint32_t>(view.entity_count());
    const auto succ = detail::simple_adjacency(view, mask, true, true);
    constexpr std::uint32_t unvisited = ComponentResult::none;
    std::vector<std::uint32_t> index(count, unvisited);
    std::vector<std::uint32_t> low(count, 0);
    std::vector<bool> on_stack(count, false);
    std::vector<std::uint32_t> stack;
    struct Frame {
        std::uint32_t entity;
        std::uint32_t next_edge;
    };
    std::vector<Frame> frames;
    ComponentResult result;
    result.component_of.assign(count, ComponentResult::none);
    std::uint32_t counter = 0;
    for (std::uint32_t root = 0; root < count; ++root) {
        if (index[root] != unvisited || !mask.allows(EntityIndex{root})) {
            continue;
        }
        frames.push_back({root, succ.offsets[root]});
        index[root] = low[root] = counter++;
        stack.push_back(root);
        on_stack[root] = true;
        while (!frames.empty()) {
            Frame& frame = frames.back();
            const std::uint32_t at = frame.entity;
            if (frame.next_edge < succ.offsets[at + 1]) {
                const std::uint32_t next = succ.targets[frame.next_edge++];
                if (index[next] == unvisited) {
                    index[next] = low[next] = counter++;
                    stack.push_back(next);
                    on_stack[next] = true;
                    frames.push_back({next, succ.offsets[next]});
                } else if (on_stack[next]) {
                    low[at] = std::min(low[at], index[next]);
                }
                continue;
            }
            if (low[at] == index[at]) {
                result.members.emplace_back();
                std::uint32_t member = 0;
                do {
                    member = stack.back();
                    stack.pop_back();
                    on_stack[member] = false;
                    result.members.back().push_back(EntityIndex{member});
                } while (member != at);
            }
            frames.pop_back();
            if (!frames.empty()) {
                const std::uint32_t parent = frames.back().entity;
                low[parent] = std::min(low[parent], low[at]);
            }
        }
    }
    finish(view.graph(), result);
    return result;
}

} // namespace powermap::graph
