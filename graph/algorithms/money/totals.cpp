#include "graph/algorithms/money/totals.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace powermap::graph {

namespace {

bool is_government(const EntityGraph& graph, EntityIndex entity) {
    return graph.schema().is_a(graph.entity(entity).type, "government");
}

bool is_vendor(const EntityGraph& graph, EntityIndex entity) {
    return graph.schema().is_a(graph.entity(entity).type, "organization") &&
           !is_government(graph, entity);
}

bool is_money_thing(const EntityGraph& graph, EntityIndex entity) {
    const auto& type = graph.entity(entity).type;
    return graph.schema().is_a(type, "contract") || graph.schema().is_a(type, "program");
}

void sort_unique(const EntityGraph& graph, std::vector<EntityIndex>& entities) {
    std::sort(entities.begin(), entities.end(), [&graph](EntityIndex left, EntityIndex right) {
        return graph.entity(left).id < graph.entity(right).id;
    });
    entities.erase(std::unique(entities.begin(), entities.end()), entities.end());
}

/// One line per entity named in `who` (after roll-up when `roll_up` is given), each
/// crediting the item in full; an item naming none makes the "not named" line, when
/// `unnamed_line`.
std::vector<MoneyTotal> sum_by(const EntityGraph& graph, const std::vector<MoneyItem>& items,
                               std::vector<EntityIndex> MoneyItem::*who, const RollUp* roll_up,
                               bool unnamed_line = true) {
    std::map<std::pair<std::string, std::int64_t>, MoneyTotal> sums;
    std::vector<EntityIndex> heads;
    for (const auto& item : items) {
        if (item.same_as) {
            continue;
        }
        heads.clear();
        for (EntityIndex entity : item.*who) {
            heads.push_back(roll_up != nullptr ? roll_up->head_of(entity) : entity);
        }
        sort_unique(graph, heads);
        auto credit = [&](std::optional<EntityIndex> head) {
            auto& total =
                sums[{item.amount.currency, head ? std::int64_t{to_underlying(*head)} : -1}];
            if (head) {
                total.who = {*head};
            }
            total.currency = item.amount.currency;
            total.value += item.amount.value;
            ++total.items;
            if (heads.size() > 1) {
                total.shared_value += item.amount.value;
                ++total.shared_items;
            }
            if (roll_up != nullptr && head) {
                for (EntityIndex entity : item.*who) {
                    if (roll_up->head_of(entity) == *head) {
                        total.members.push_back(entity);
                    }
                }
            }
        };
        if (heads.empty() && unnamed_line) {
            credit(std::nullopt);
        }
        for (EntityIndex head : heads) {
            credit(head);
        }
    }
    std::vector<MoneyTotal> result;
    for (auto& [key, total] : sums) {
        sort_unique(graph, total.members);
        result.push_back(std::move(total));
    }
    auto ids = [&graph](const MoneyTotal& total) {
        std::vector<std::string> out;
        for (EntityIndex entity : total.who) {
            out.push_back(graph.entity(entity).id);
        }
        return out;
    };
    std::sort(result.begin(), result.end(), [&](const MoneyTotal& left, const MoneyTotal& right) {
        return std::forward_as_tuple(left.currency, right.value, ids(left)) <
               std::forward_as_tuple(right.currency, left.value, ids(right));
    });
    return result;
}

} // namespace

TotalsResult money_totals(const EntityGraph& graph, const TraversalMask& mask,
                          const MoneyOptions& options) {
    TotalsResult result;
    std::map<std::tuple<std::uint32_t, std::string, double>, RelationIndex> seen;
    for (std::uint32_t idx = 0; idx < graph.relation_count(); ++idx) {
        const RelationIndex handle{idx};
        const Relation& relation = graph.relation(handle);
        if (!relation.amount || !mask.allows(handle) || !mask.allows(relation.from_index) ||
            !mask.allows(relation.to_index)) {
            continue;
        }
        MoneyItem item{handle, *relation.amount, {}, {}, {}, std::nullopt};
        if (!graph.relation_type(handle).supply) {
            item.recipients = {relation.to_index};
        }
        const EntityIndex ends[2] = {relation.from_index, relation.to_index};
        std::optional<EntityIndex> thing;
        for (EntityIndex end : ends) {
            if (is_money_thing(graph, end) && !thing) {
                thing = end;
            }
        }
        for (EntityIndex end : ends) {
            if (is_vendor(graph, end)) {
                item.vendors = {end};
                break;
            }
        }
        for (EntityIndex end : ends) {
            if (is_government(graph, end)) {
                item.agencies = {end};
                break;
            }
        }
        if (thing && (item.vendors.empty() || item.agencies.empty())) {
            const bool want_vendor = item.vendors.empty();
            const bool want_agency = item.agencies.empty();
            for (RelationIndex tie : graph.in_relations(*thing)) {
                if (!mask.allows(tie)) {
                    continue;
                }
                const EntityIndex other = graph.relation(tie).from_index;
                if (want_vendor && graph.relation_type(tie).supply && is_vendor(graph, other)) {
                    item.vendors.push_back(other);
                }
                if (want_agency && is_government(graph, other) &&
                    graph.relation(tie).type == "funds") {
                    item.agencies.push_back(other);
                }
            }
            for (RelationIndex tie : graph.out_relations(*thing)) {
                if (!mask.allows(tie)) {
                    continue;
                }
                const EntityIndex other = graph.relation(tie).to_index;
                if (want_agency && graph.relation_type(tie).supply && is_government(graph, other)) {
                    item.agencies.push_back(other);
                }
            }
            sort_unique(graph, item.vendors);
            sort_unique(graph, item.agencies);
        }
        if (thing) {
            auto [found, inserted] = seen.emplace(
                std::make_tuple(to_underlying(*thing), item.amount.currency, item.amount.value),
                handle);
            if (!inserted) {
                item.same_as = found->second;
            }
        }
        result.items.push_back(std::move(item));
    }
    // The same money reached by another tie (a contract held by two vendors: each holder's
    // tie carries its value) is the earlier item's money shared: its vendors and agencies
    // join that item, so no holder vanishes from "by vendor".
    std::map<std::uint32_t, std::size_t> item_of;
    for (std::size_t idx = 0; idx < result.items.size(); ++idx) {
        item_of.emplace(to_underlying(result.items[idx].relation), idx);
    }
    for (auto& item : result.items) {
        if (!item.same_as) {
            continue;
        }
        MoneyItem& first = result.items[item_of.at(to_underlying(*item.same_as))];
        for (auto who : {&MoneyItem::vendors, &MoneyItem::agencies, &MoneyItem::recipients}) {
            const auto before = (first.*who).size();
            (first.*who).insert((first.*who).end(), (item.*who).begin(), (item.*who).end());
            if ((first.*who).size() != before) {
                sort_unique(graph, first.*who);
            }
        }
    }
    std::map<std::string, MoneyTotal> currencies;
    for (const auto& item : result.items) {
        if (item.same_as) {
            continue;
        }
        auto& total = currencies[item.amount.currency];
        total.currency = item.amount.currency;
        total.value += item.amount.value;
        ++total.items;
    }
    for (auto& [currency, total] : currencies) {
        result.by_currency.push_back(std::move(total));
    }
    const RollUp* lines = options.roll_up_lines ? options.roll_up : nullptr;
    result.by_vendor = sum_by(graph, result.items, &MoneyItem::vendors, lines);
    result.by_agency = sum_by(graph, result.items, &MoneyItem::agencies, lines);
    result.by_recipient = sum_by(graph, result.items, &MoneyItem::recipients, lines, false);
    if (options.roll_up != nullptr) {
        result.by_parent = sum_by(graph, result.items, &MoneyItem::vendors, options.roll_up);
    }
    return result;
}

} // namespace powermap::graph
