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

std::vector<MoneyTotal> sum_by(const EntityGraph& graph, const std::vector<MoneyItem>& items,
                               std::vector<EntityIndex> MoneyItem::*who) {
    std::map<std::pair<std::string, std::vector<std::uint32_t>>, MoneyTotal> sums;
    for (const auto& item : items) {
        if (item.same_as) {
            continue;
        }
        std::vector<std::uint32_t> key;
        for (EntityIndex entity : item.*who) {
            key.push_back(to_underlying(entity));
        }
        auto& total = sums[{item.amount.currency, key}];
        total.who = item.*who;
        total.currency = item.amount.currency;
        total.value += item.amount.value;
        ++total.items;
    }
    std::vector<MoneyTotal> result;
    for (auto& [key, total] : sums) {
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

TotalsResult money_totals(const EntityGraph& graph, const TraversalMask& mask) {
    TotalsResult result;
    std::map<std::tuple<std::uint32_t, std::string, double>, RelationIndex> seen;
    for (std::uint32_t idx = 0; idx < graph.relation_count(); ++idx) {
        const RelationIndex handle{idx};
        const Relation& relation = graph.relation(handle);
        if (!relation.amount || !mask.allows(handle) || !mask.allows(relation.from_index) ||
            !mask.allows(relation.to_index)) {
            continue;
        }
        MoneyItem item{handle, *relation.amount, {}, {}, std::nullopt};
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
        const auto vendors = first.vendors.size();
        const auto agencies = first.agencies.size();
        first.vendors.insert(first.vendors.end(), item.vendors.begin(), item.vendors.end());
        first.agencies.insert(first.agencies.end(), item.agencies.begin(), item.agencies.end());
        if (first.vendors.size() != vendors) {
            sort_unique(graph, first.vendors);
        }
        if (first.agencies.size() != agencies) {
            sort_unique(graph, first.agencies);
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
    result.by_vendor = sum_by(graph, result.items, &MoneyItem::vendors);
    result.by_agency = sum_by(graph, result.items, &MoneyItem::agencies);
    return result;
}

} // namespace powermap::graph
