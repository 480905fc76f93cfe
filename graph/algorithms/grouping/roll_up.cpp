#include "graph/algorithms/grouping/roll_up.hpp"

#include <algorithm>

namespace powermap::graph {

namespace {

bool equals_folded(std::string_view text, std::string_view lower) {
    return text.size() == lower.size() &&
           std::equal(text.begin(), text.end(), lower.begin(), [](char left, char right) {
               return (left >= 'A' && left <= 'Z' ? static_cast<char>(left - 'A' + 'a') : left) ==
                      right;
           });
}

} // namespace

std::vector<EntityIndex> RollUp::members(EntityIndex head_entity) const {
    const auto found = groups.find(to_underlying(head_entity));
    return found == groups.end() ? std::vector<EntityIndex>{head_entity} : found->second;
}

bool is_subsidiary_tie(const EntityGraph& graph, RelationIndex relation) {
    const Relation& tie = graph.relation(relation);
    return ((tie.type == "part_of" && equals_folded(tie.role, "subsidiary")) ||
            tie.type == "has_parent") &&
           tie.from_index != tie.to_index;
}

RollUp corporate_roll_up(const EntityGraph& graph, const TraversalMask& mask) {
    const std::size_t count = graph.entity_count();
    RollUp result;
    auto by_id = [&graph](EntityIndex left, EntityIndex right) {
        return graph.entity(left).id < graph.entity(right).id;
    };
    // Each entity's parent: the target of its subsidiary tie, the first by id when several.
    constexpr std::uint32_t none = ~std::uint32_t{0};
    std::vector<std::uint32_t> parent(count, none);
    bool any = false;
    for (std::uint32_t idx = 0; idx < graph.relation_count(); ++idx) {
        const RelationIndex handle{idx};
        if (!mask.allows(handle) || !is_subsidiary_tie(graph, handle)) {
            continue;
        }
        const Relation& tie = graph.relation(handle);
        if (!mask.allows(tie.from_index) || !mask.allows(tie.to_index)) {
            continue;
        }
        any = true;
        auto& current = parent[to_underlying(tie.from_index)];
        if (current == none) {
            current = to_underlying(tie.to_index);
        } else if (current != to_underlying(tie.to_index)) {
            if (result.several_parents.empty() || result.several_parents.back() != tie.from_index) {
                result.several_parents.push_back(tie.from_index);
            }
            if (by_id(tie.to_index, EntityIndex{current})) {
                current = to_underlying(tie.to_index);
            }
        }
    }
    std::sort(result.several_parents.begin(), result.several_parents.end(), by_id);
    result.several_parents.erase(
        std::unique(result.several_parents.begin(), result.several_parents.end()),
        result.several_parents.end());
    if (!any) {
        return result;
    }
    // Walk up from each entity; `state` 0 = unseen, 1 = on the current walk, 2 = head known.
    result.head.resize(count);
    std::vector<std::uint8_t> state(count, 0);
    std::vector<std::uint32_t> walk;
    for (std::uint32_t start = 0; start < count; ++start) {
        walk.clear();
        std::uint32_t at = start;
        while (state[at] == 0) {
            state[at] = 1;
            walk.push_back(at);
            if (parent[at] == none) {
                break;
            }
            at = parent[at];
        }
        EntityIndex head{at};
        if (state[at] == 2) {
            head = result.head[at];
        } else if (parent[at] != none) {
            // `at` is on this walk and has a parent: the walk from `at` on is a loop.
            const auto loop_start = std::find(walk.begin(), walk.end(), at);
            std::vector<EntityIndex> loop;
            for (auto member = loop_start; member != walk.end(); ++member) {
                loop.push_back(EntityIndex{*member});
            }
            std::sort(loop.begin(), loop.end(), by_id);
            head = loop.front();
            result.cycles.push_back(std::move(loop));
        }
        for (std::uint32_t member : walk) {
            result.head[member] = head;
            state[member] = 2;
        }
    }
    for (std::uint32_t idx = 0; idx < count; ++idx) {
        const EntityIndex head = result.head[idx];
        if (to_underlying(head) != idx) {
            auto& group = result.groups[to_underlying(head)];
            if (group.empty()) {
                group.push_back(head);
            }
            group.push_back(EntityIndex{idx});
        }
    }
    for (auto& [head, group] : result.groups) {
        std::sort(group.begin() + 1, group.end(), by_id);
    }
    std::sort(result.cycles.begin(), result.cycles.end(),
              [&by_id](const auto& left, const auto& right) {
                  return by_id(left.front(), right.front());
              });
    return result;
}

ContractedGraph contract_groups(const EntityGraph& graph, const RollUp& roll_up) {
    ContractedGraph result;
    constexpr std::uint32_t none = ~std::uint32_t{0};
    std::vector<std::uint32_t> index_of(graph.entity_count(), none);
    std::vector<Entity> entities;
    for (std::uint32_t idx = 0; idx < graph.entity_count(); ++idx) {
        if (roll_up.head_of(EntityIndex{idx}) == EntityIndex{idx}) {
            index_of[idx] = static_cast<std::uint32_t>(entities.size());
            entities.push_back(graph.entity(EntityIndex{idx}));
            result.original.push_back(EntityIndex{idx});
        }
    }
    std::vector<Relation> relations;
    for (const Relation& relation : graph.relations()) {
        const EntityIndex from = roll_up.head_of(relation.from_index);
        const EntityIndex to = roll_up.head_of(relation.to_index);
        if (from == to && relation.from_index != relation.to_index) {
            continue; // inside one group
        }
        Relation tie = relation;
        tie.from_index = EntityIndex{index_of[to_underlying(from)]};
        tie.to_index = EntityIndex{index_of[to_underlying(to)]};
        tie.from = graph.entity(from).id;
        tie.to = graph.entity(to).id;
        relations.push_back(std::move(tie));
    }
    result.graph = EntityGraph::from_parts(graph.schema(), graph.info(), graph.sources(),
                                           std::move(entities), std::move(relations));
    return result;
}

} // namespace powermap::graph
