#include "graph/selector.hpp"

#include <algorithm>
#include <set>
#include <string>

#include <fmt/format.h>

namespace powermap::graph {

namespace {

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

std::string join_limited(const std::vector<std::string>& items, std::size_t limit) {
    std::string out;
    for (std::size_t idx = 0; idx < items.size() && idx < limit; ++idx) {
        out += fmt::format("{}{}", idx == 0 ? "" : ", ", items[idx]);
    }
    if (items.size() > limit) {
        out += fmt::format(" and {} more", items.size() - limit);
    }
    return out;
}

void select_part(const EntityGraph& graph, const NameIndex& names, const std::string& part,
                 std::vector<EntityIndex>& found) {
    const auto equals = part.find('=');
    if (equals == std::string::npos) {
        found.push_back(resolve_entity(graph, names, part));
        return;
    }
    const std::string key = trim(std::string_view(part).substr(0, equals));
    const std::string value = trim(std::string_view(part).substr(equals + 1));
    if (value.empty()) {
        throw Error(fmt::format("selector '{}' has no value", part),
                    "write it as type=company, tag=enforcement or id=ice");
    }
    const std::size_t before = found.size();
    if (key == "type") {
        if (graph.schema().find_entity_type(value) == nullptr) {
            const auto known = graph.schema().entity_type_ids();
            std::string hint = did_you_mean(value, known);
            throw Error(fmt::format("unknown entity type '{}' in selector '{}'", value, part),
                        hint.empty() ? "types: " + join_limited(known, 30) : hint);
        }
        for (std::size_t idx = 0; idx < graph.entity_count(); ++idx) {
            if (graph.schema().is_a(graph.entities()[idx].type, value)) {
                found.push_back(EntityIndex{static_cast<std::uint32_t>(idx)});
            }
        }
        if (found.size() == before) {
            std::set<std::string> present;
            for (const auto& entity : graph.entities()) {
                present.insert(entity.type);
            }
            throw Error(fmt::format("no entity of type '{}' in the map", value),
                        "types present: " + join_limited({present.begin(), present.end()}, 30));
        }
    } else if (key == "tag") {
        std::set<std::string> tags;
        for (std::size_t idx = 0; idx < graph.entity_count(); ++idx) {
            const auto& entity_tags = graph.entities()[idx].tags;
            tags.insert(entity_tags.begin(), entity_tags.end());
            if (std::find(entity_tags.begin(), entity_tags.end(), value) != entity_tags.end()) {
                found.push_back(EntityIndex{static_cast<std::uint32_t>(idx)});
            }
        }
        if (found.size() == before) {
            const std::vector<std::string> known(tags.begin(), tags.end());
            std::string hint = did_you_mean(value, known);
            throw Error(fmt::format("no entity is tagged '{}'", value),
                        hint.empty() ? "tags: " + join_limited(known, 30) : hint);
        }
    } else if (key == "id") {
        if (auto entity = graph.find_entity(value)) {
            found.push_back(*entity);
            return;
        }
        std::vector<std::string> ids;
        for (const auto& entity : graph.entities()) {
            ids.push_back(entity.id);
        }
        throw Error(fmt::format("no entity has id '{}'", value), did_you_mean(value, ids));
    } else {
        throw Error(fmt::format("unknown selector key '{}' in '{}'", key, part),
                    "use type=, tag= or id=, or a plain name");
    }
}

} // namespace

std::vector<EntityIndex> select_entities(const EntityGraph& graph, const NameIndex& names,
                                         std::string_view selector) {
    std::vector<EntityIndex> found;
    std::size_t start = 0;
    bool any = false;
    while (start <= selector.size()) {
        auto comma = selector.find(',', start);
        if (comma == std::string_view::npos) {
            comma = selector.size();
        }
        const std::string part = trim(selector.substr(start, comma - start));
        if (!part.empty()) {
            select_part(graph, names, part, found);
            any = true;
        }
        start = comma + 1;
    }
    if (!any) {
        throw Error("empty selector", "write type=company, tag=enforcement, id=ice or a name");
    }
    std::sort(found.begin(), found.end(), [&graph](EntityIndex left, EntityIndex right) {
        return graph.entity(left).id < graph.entity(right).id;
    });
    found.erase(std::unique(found.begin(), found.end()), found.end());
    return found;
}

} // namespace powermap::graph
