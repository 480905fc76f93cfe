#include "graph/algorithms/money/totals.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

namespace powermap::graph {

namespace {

/// What an entity is for money (a government body, a vendor, a contract or program), looked
/// up once per entity type: Schema::is_a walks the type's lineage, and doing that for every
/// tie around every contract took most of the time of totals on a 100k-entity map.
class EntityKinds {
public:
    explicit EntityKinds(const EntityGraph& graph) : flags_(graph.entity_count()) {
        std::unordered_map<std::uint32_t, std::uint8_t> by_type;
        const Schema& schema = graph.schema();
        for (std::uint32_t idx = 0; idx < graph.entity_count(); ++idx) {
            const Text type = graph.entity(EntityIndex{idx}).type;
            auto [found, inserted] = by_type.try_emplace(type.handle(), std::uint8_t{0});
            if (inserted) {
                const bool government = schema.is_a(type, "government");
                found->second = static_cast<std::uint8_t>(
                    (government ? 1 : 0) |
                    (schema.is_a(type, "organization") && !government ? 2 : 0) |
                    (schema.is_a(type, "contract") || schema.is_a(type, "program") ? 4 : 0));
            }
            flags_[idx] = found->second;
        }
    }
    [[nodiscard]] bool government(EntityIndex entity) const { return (flag(entity) & 1) != 0; }
    [[nodiscard]] bool vendor(EntityIndex entity) const { return (flag(entity) & 2) != 0; }
    [[nodiscard]] bool money_thing(EntityIndex entity) const { return (flag(entity) & 4) != 0; }

private:
    [[nodiscard]] std::uint8_t flag(EntityIndex entity) const {
        return flags_[to_underlying(entity)];
    }

    std::vector<std::uint8_t> flags_;
};

/// Sorted by index and unique: the order of an item's vendors or agencies is nowhere shown
/// (lines are ordered by id when summed), and sorting a contract's holders by id string,
/// once per amount on it, was a third of totals on a 100k-entity map.
void sort_unique_index(std::vector<EntityIndex>& entities) {
    std::sort(entities.begin(), entities.end());
    entities.erase(std::unique(entities.begin(), entities.end()), entities.end());
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
    // By currency, then by the line's entity index (-1: not named). The order of lines is
    // made at the end, so the lookups need none.
    std::map<std::string, std::unordered_map<std::int64_t, MoneyTotal>> sums;
    std::vector<EntityIndex> heads;
    for (const auto& item : items) {
        if (item.same_as) {
            continue;
        }
        heads.clear();
        for (EntityIndex entity : item.*who) {
            heads.push_back(roll_up != nullptr ? roll_up->head_of(entity) : entity);
        }
        std::sort(heads.begin(), heads.end());
        heads.erase(std::unique(heads.begin(), heads.end()), heads.end());
        auto& in_currency = sums[item.amount.currency];
        auto line = [&](std::optional<EntityIndex> head) -> MoneyTotal& {
            return in_currency[head ? std::int64_t{to_underlying(*head)} : -1];
        };
        auto credit = [&](std::optional<EntityIndex> head) {
            auto& total = line(head);
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
        };
        if (heads.empty() && unnamed_line) {
            credit(std::nullopt);
        }
        for (EntityIndex head : heads) {
            credit(head);
        }
        if (roll_up != nullptr) {
            for (EntityIndex entity : item.*who) {
                auto& members = line(roll_up->head_of(entity)).members;
                if (members.empty() || members.back() != entity) {
                    members.push_back(entity);
                }
            }
        }
    }
    // Sorted by currency, value descending, then id ("not named", no id, first). The ids
    // are looked up once, not per comparison: a 100k-entity map has 10^5 lines.
    std::vector<std::pair<std::string_view, MoneyTotal>> keyed;
    keyed.reserve(sums.size());
    for (auto& [currency, lines] : sums) {
        for (auto& [key, total] : lines) {
            sort_unique(graph, total.members);
            const std::string_view id =
                total.who.empty() ? std::string_view() : graph.entity(total.who.front()).id.view();
            keyed.emplace_back(id, std::move(total));
        }
    }
    std::sort(keyed.begin(), keyed.end(), [](const auto& left, const auto& right) {
        return std::forward_as_tuple(left.second.currency, right.second.value, left.first) <
               std::forward_as_tuple(right.second.currency, left.second.value, right.first);
    });
    std::vector<MoneyTotal> result;
    result.reserve(keyed.size());
    for (auto& [id, total] : keyed) {
        result.push_back(std::move(total));
    }
    return result;
}

} // namespace

TotalsResult money_totals(const EntityGraph& graph, const TraversalMask& mask,
                          const MoneyOptions& options) {
    TotalsResult result;
    EntityKinds kinds(graph);
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
            if (kinds.money_thing(end) && !thing) {
                thing = end;
            }
        }
        for (EntityIndex end : ends) {
            if (kinds.vendor(end)) {
                item.vendors = {end};
                break;
            }
        }
        for (EntityIndex end : ends) {
            if (kinds.government(end)) {
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
                if (want_vendor && graph.relation_type(tie).supply && kinds.vendor(other)) {
                    item.vendors.push_back(other);
                }
                if (want_agency && kinds.government(other) && graph.relation(tie).type == "funds") {
                    item.agencies.push_back(other);
                }
            }
            for (RelationIndex tie : graph.out_relations(*thing)) {
                if (!mask.allows(tie)) {
                    continue;
                }
                const EntityIndex other = graph.relation(tie).to_index;
                if (want_agency && graph.relation_type(tie).supply && kinds.government(other)) {
                    item.agencies.push_back(other);
                }
            }
            sort_unique_index(item.vendors);
            sort_unique_index(item.agencies);
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
    // Sorted once each, after every share joined: a contract with thousands of holders
    // would otherwise be sorted once per holder.
    std::vector<std::size_t> joined;
    for (auto& item : result.items) {
        if (!item.same_as) {
            continue;
        }
        const std::size_t first_idx = item_of.at(to_underlying(*item.same_as));
        MoneyItem& first = result.items[first_idx];
        for (auto who : {&MoneyItem::vendors, &MoneyItem::agencies, &MoneyItem::recipients}) {
            (first.*who).insert((first.*who).end(), (item.*who).begin(), (item.*who).end());
        }
        joined.push_back(first_idx);
    }
    std::sort(joined.begin(), joined.end());
    joined.erase(std::unique(joined.begin(), joined.end()), joined.end());
    for (std::size_t idx : joined) {
        for (auto who : {&MoneyItem::vendors, &MoneyItem::agencies, &MoneyItem::recipients}) {
            sort_unique_index(result.items[idx].*who);
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
    if (options.roll_up != nullptr && options.by_parent) {
        result.by_parent = sum_by(graph, result.items, &MoneyItem::vendors, options.roll_up);
    }
    return result;
}

} // namespace powermap::graph
