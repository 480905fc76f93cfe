#include "graph/entity_graph.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

namespace powermap::graph {

namespace {

SourceLocation at(const SourceLocation& origin, std::string_view field) {
    SourceLocation where = origin;
    if (!field.empty()) {
        where.path += "/";
        where.path += field;
    }
    return where;
}

/// "'2020-13' is not a date": the one wording of this problem, for sources and relations.
Diagnostic not_a_date(SourceLocation where, std::string_view text) {
    return {Severity::Error, std::move(where), fmt::format("'{}' is not a date", text),
            "write YYYY, YYYY-MM or YYYY-MM-DD", std::nullopt};
}

std::string join_quoted(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t idx = 0; idx < items.size(); ++idx) {
        if (idx > 0) {
            out += idx + 1 == items.size() ? " or " : ", ";
        }
        out += items[idx];
    }
    return out;
}

/// The hint for a quote not found in its source. It depends on nothing at all: a
/// hint that said how much of the quote matched ("its first 17 characters match") would
/// let a map learn a text it cannot read, one character at a time, by varying the character
/// after the matched part and watching the count grow (30 characters of /etc/passwd in 844
/// runs). Whether the whole quote occurs is all that validate may tell.
std::string quote_hint() {
    return "copy the span from the source's text exactly: the same spaces, punctuation and "
           "letter forms";
}

template <typename T>
void unite(std::vector<T>& into, const std::vector<T>& from) {
    for (const auto& item : from) {
        if (std::find(into.begin(), into.end(), item) == into.end()) {
            into.push_back(item);
        }
    }
}

} // namespace

EntityGraph::EntityGraph() : schema_(Schema::default_schema()) {}

std::optional<EntityIndex> EntityGraph::find_entity(std::string_view id) const {
    const auto found = entity_by_id_.find(
        id, [this](std::uint32_t idx) -> std::string_view { return entities_[idx].id; });
    if (!found) {
        if (const auto merged = referent_by_id_.find(id); merged != referent_by_id_.end()) {
            return EntityIndex{merged->second};
        }
        return std::nullopt;
    }
    return EntityIndex{*found};
}

std::unique_ptr<EntityGraph>
EntityGraph::from_parts(Schema schema, MapInfo info, std::vector<Source> sources,
                        std::vector<Entity> entities, std::vector<Relation> relations,
                        std::vector<EntityIndex> by_id, std::optional<TieLists> lists) {
    auto bad = [](std::string what) {
        return Error("the snapshot is inconsistent: " + std::move(what),
                     "the file is damaged; pack it again from the JSON map");
    };
    // The schema is small: check it fully (a parent cycle would hang every type lookup).
    for (const auto& problem : schema.check()) {
        if (problem.severity == Severity::Error) {
            throw bad(problem.message);
        }
    }
    auto graph = std::make_unique<EntityGraph>();
    graph->schema_ = std::move(schema);
    graph->info_ = std::move(info);
    graph->sources_ = std::move(sources);
    graph->entities_ = std::move(entities);
    graph->relations_ = std::move(relations);
    const auto& stored = graph->entities_;
    const auto key_of = [&stored](std::uint32_t idx) -> std::string_view {
        return stored[idx].id;
    };
    graph->entity_by_id_.reserve(stored.size(), key_of);
    // Type names by Text handle, as for relation types below.
    std::vector<std::uint32_t> known_entity_types;
    for (std::size_t idx = 0; idx < stored.size(); ++idx) {
        const std::uint32_t handle = stored[idx].type.handle();
        if (std::find(known_entity_types.begin(), known_entity_types.end(), handle) ==
            known_entity_types.end()) {
            if (graph->schema_.find_entity_type(stored[idx].type) == nullptr) {
                throw bad(fmt::format("entity type '{}' is not in its schema", stored[idx].type));
            }
            if (known_entity_types.size() < 64) {
                known_entity_types.push_back(handle);
            }
        }
        if (!graph->entity_by_id_.insert(stored[idx].id, static_cast<std::uint32_t>(idx), key_of)
                 .second) {
            throw bad(fmt::format("entity id '{}' appears twice", stored[idx].id));
        }
    }
    graph->relation_types_.reserve(graph->relations_.size());
    // A snapshot stores each type name once, so the ties of one type share one Text
    // handle: a few handles stand for all the lookups by name.
    std::vector<std::pair<std::uint32_t, const RelationType*>> type_of_handle;
    for (const auto& relation : graph->relations_) {
        const RelationType* last = nullptr;
        for (const auto& [handle, type] : type_of_handle) {
            if (handle == relation.type.handle()) {
                last = type;
                break;
            }
        }
        if (last == nullptr) {
            last = graph->schema_.find_relation_type(relation.type);
            if (last != nullptr && type_of_handle.size() < 64) {
                type_of_handle.emplace_back(relation.type.handle(), last);
            }
        }
        if (last == nullptr) {
            throw bad(fmt::format("relation type '{}' is not in its schema", relation.type));
        }
        const auto from = to_underlying(relation.from_index);
        const auto to = to_underlying(relation.to_index);
        // Bounds only: comparing ids here would cost a cache miss per end per relation,
        // and the snapshot's checksum already vouches for the contents.
        if (from >= stored.size() || to >= stored.size()) {
            throw bad(fmt::format("relation {} -{}-> {} points at the wrong entities",
                                  relation.from, relation.type, relation.to));
        }
        graph->relation_types_.push_back(graph->type_slot(last));
    }
    if (!by_id.empty()) {
        if (by_id.size() != stored.size()) {
            throw bad("the order by id has the wrong length");
        }
        for (std::size_t pos = 0; pos < by_id.size(); ++pos) {
            // Strictly increasing ids also rule out repeats, so this is a permutation.
            if (to_underlying(by_id[pos]) >= stored.size() ||
                (pos > 0 && !(stored[to_underlying(by_id[pos - 1])].id <
                              stored[to_underlying(by_id[pos])].id))) {
                throw bad("the order by id is not sorted");
            }
        }
        graph->by_id_order_ = std::move(by_id);
    }
    if (lists) {
        const std::size_t count = stored.size();
        const std::size_t ties = graph->relations_.size();
        auto check = [&](const std::vector<std::uint32_t>& offsets,
                         const std::vector<std::uint32_t>& listed) {
            if (offsets.size() != count + 1 || offsets.front() != 0 || offsets.back() != ties ||
                listed.size() != ties) {
                throw bad("its tie lists have the wrong length");
            }
            for (std::size_t entity = 0; entity < count; ++entity) {
                // Checked before the entity's list is read: a later offset that is too
                // small would be found only after reading past the end.
                if (offsets[entity] > offsets[entity + 1] || offsets[entity + 1] > ties) {
                    throw bad("its tie lists are out of order");
                }
                for (std::uint32_t pos = offsets[entity]; pos < offsets[entity + 1]; ++pos) {
                    if (listed[pos] >= ties ||
                        (pos > offsets[entity] && listed[pos] <= listed[pos - 1])) {
                        throw bad("its tie lists are out of order");
                    }
                }
            }
        };
        check(lists->out_offsets, lists->out_relations);
        check(lists->in_offsets, lists->in_relations);
        auto as_relations = [](std::vector<std::uint32_t>& raw) {
            std::vector<RelationIndex> out(raw.size());
            if (!raw.empty()) { // a map without ties: both data() may be null
                std::memcpy(out.data(), raw.data(), raw.size() * sizeof(std::uint32_t));
            }
            return out;
        };
        graph->out_offsets_ = std::move(lists->out_offsets);
        graph->in_offsets_ = std::move(lists->in_offsets);
        graph->out_list_ = as_relations(lists->out_relations);
        graph->in_list_ = as_relations(lists->in_relations);
    }
    graph->index();
    return graph;
}

const Source* EntityGraph::find_source(std::string_view id) const {
    auto found = source_by_id_.find(id);
    return found == source_by_id_.end() ? nullptr : &sources_[found->second];
}

std::uint16_t EntityGraph::type_slot(const RelationType* type) const {
    POWERMAP_ASSERT(type != nullptr);
    const auto slot = type - schema_.relation_types().data();
    POWERMAP_ASSERT(slot >= 0 && slot < 0x10000 &&
                    static_cast<std::size_t>(slot) < schema_.relation_types().size());
    return static_cast<std::uint16_t>(slot);
}

const RelationType& EntityGraph::relation_type(RelationIndex index) const {
    return schema_.relation_types()[relation_types_[to_underlying(index)]];
}

std::span<const RelationIndex> EntityGraph::out_relations(EntityIndex index) const {
    const auto idx = to_underlying(index);
    return {out_list_.data() + out_offsets_[idx], out_list_.data() + out_offsets_[idx + 1]};
}

std::span<const RelationIndex> EntityGraph::in_relations(EntityIndex index) const {
    const auto idx = to_underlying(index);
    return {in_list_.data() + in_offsets_[idx], in_list_.data() + in_offsets_[idx + 1]};
}

void EntityGraph::index() {
    if (entity_by_id_.size() != entities_.size()) { // the builder usually hands its table over
        const auto key_of = [this](std::uint32_t idx) -> std::string_view {
            return entities_[idx].id;
        };
        entity_by_id_.clear();
        entity_by_id_.reserve(entities_.size(), key_of);
        for (std::size_t idx = 0; idx < entities_.size(); ++idx) {
            entity_by_id_.insert(entities_[idx].id, static_cast<std::uint32_t>(idx), key_of);
        }
    }
    referent_by_id_.clear();
    for (std::size_t idx = 0; idx < entities_.size(); ++idx) {
        for (const auto& referent : entities_[idx].referents) {
            referent_by_id_.emplace(referent, static_cast<std::uint32_t>(idx));
        }
    }
    source_by_id_.clear();
    for (std::size_t idx = 0; idx < sources_.size(); ++idx) {
        source_by_id_.emplace(sources_[idx].id, idx);
    }
    if (relation_types_.size() != relations_.size()) { // the builder usually fills them
        relation_types_.clear();
        relation_types_.reserve(relations_.size());
        for (const auto& relation : relations_) {
            relation_types_.push_back(type_slot(schema_.find_relation_type(relation.type)));
        }
    }
    const std::size_t count = entities_.size();
    if (out_offsets_.size() == count + 1 && out_list_.size() == relations_.size() &&
        in_list_.size() == relations_.size() && !relations_.empty()) {
        // Given by from_parts, already checked; only the order by id may be missing.
        if (by_id_order_.size() != count) {
            sort_by_id();
        }
        return;
    }
    out_offsets_.assign(count + 1, 0);
    in_offsets_.assign(count + 1, 0);
    for (auto& relation : relations_) {
        ++out_offsets_[to_underlying(relation.from_index) + 1];
        ++in_offsets_[to_underlying(relation.to_index) + 1];
    }
    for (std::size_t idx = 0; idx < count; ++idx) {
        out_offsets_[idx + 1] += out_offsets_[idx];
        in_offsets_[idx + 1] += in_offsets_[idx];
    }
    out_list_.resize(relations_.size());
    in_list_.resize(relations_.size());
    std::vector<std::uint32_t> out_fill(out_offsets_.begin(), out_offsets_.end() - 1);
    std::vector<std::uint32_t> in_fill(in_offsets_.begin(), in_offsets_.end() - 1);
    for (std::size_t idx = 0; idx < relations_.size(); ++idx) {
        const RelationIndex handle{static_cast<std::uint32_t>(idx)};
        out_list_[out_fill[to_underlying(relations_[idx].from_index)]++] = handle;
        in_list_[in_fill[to_underlying(relations_[idx].to_index)]++] = handle;
    }
    if (by_id_order_.size() == count && count > 0) {
        return; // given by from_parts, already checked
    }
    sort_by_id();
}

void EntityGraph::sort_by_id() {
    const std::size_t count = entities_.size();
    by_id_order_.resize(count);
    for (std::size_t idx = 0; idx < count; ++idx) {
        by_id_order_[idx] = EntityIndex{static_cast<std::uint32_t>(idx)};
    }
    std::sort(by_id_order_.begin(), by_id_order_.end(),
              [this](EntityIndex left, EntityIndex right) {
                  return entities_[to_underlying(left)].id < entities_[to_underlying(right)].id;
              });
}

EntityGraphBuilder::EntityGraphBuilder() : graph_(std::make_unique<EntityGraph>()) {}

void EntityGraphBuilder::set_info(MapInfo info) {
    if (graph_->info_.title.empty()) {
        graph_->info_.title = std::move(info.title);
    }
    if (graph_->info_.description.empty()) {
        graph_->info_.description = std::move(info.description);
    }
}

void EntityGraphBuilder::clear_schema() {
    graph_->schema_ = Schema{};
}

void EntityGraphBuilder::put_entity_type(EntityType type) {
    graph_->schema_.put_entity_type(std::move(type));
}

void EntityGraphBuilder::put_relation_type(RelationType type) {
    graph_->schema_.put_relation_type(std::move(type));
}

void EntityGraphBuilder::add_source(Source source) {
    // Checked here, not by one reader, so that every format (JSON, CSV, GraphML, a CSV
    // mapping) refuses the same dates 'validate' refuses.
    if (!source.date.empty() && !parse_partial_date(source.date)) {
        diagnostics_.push_back(not_a_date(at(source.origin, "date"), source.date));
    }
    auto [slot, inserted] = source_slot_.emplace(source.id, graph_->sources_.size());
    if (!inserted) {
        const Source& first = graph_->sources_[slot->second];
        if (first.origin.file == source.origin.file) {
            diagnostics_.push_back({Severity::Error, at(source.origin, "id"),
                                    fmt::format("duplicate source id '{}'", source.id),
                                    "first defined at", at(first.origin, "id")});
        }
        return; // the same source listed by several files: the first definition wins
    }
    graph_->sources_.push_back(std::move(source));
}

void EntityGraphBuilder::add_entity(Entity entity) {
    if (entity.id.empty()) {
        // Every reader's empty id ends here: a node "" in DOT, an id cell left blank.
        diagnostics_.push_back({Severity::Error, at(entity.origin, "id"), "entity id is empty",
                                "use a short slug such as 'palantir'", std::nullopt});
        return;
    }
    auto& entities = graph_->entities_;
    const auto [slot, inserted] = entity_slot_.insert(
        entity.id, static_cast<std::uint32_t>(entities.size()),
        [&entities](std::uint32_t idx) -> std::string_view { return entities[idx].id; });
    if (inserted) {
        entities.push_back(std::move(entity));
        return;
    }
    Entity& first = entities[slot];
    if (first.origin.file == entity.origin.file) {
        diagnostics_.push_back({Severity::Error, at(entity.origin, "id"),
                                fmt::format("duplicate entity id '{}'", entity.id),
                                "first defined at", at(first.origin, "id")});
        return;
    }
    // Merge across files: the same id means the same entity.
    if (first.type != entity.type) {
        diagnostics_.push_back({Severity::Error, at(entity.origin, "type"),
                                fmt::format("entity '{}' is a '{}' here but a '{}' in another file",
                                            entity.id, entity.type, first.type),
                                "first defined at", at(first.origin, "type")});
    }
    fold_entity(first, std::move(entity), false);
}

std::size_t EntityGraphBuilder::fold_entity(Entity& first, Entity&& entity, bool keep_conflicts) {
    if (first.name.empty()) {
        first.name = entity.name;
    } else if (!entity.name.empty() && entity.name != first.name) {
        // Another source's name for it stays findable.
        unite(first.aliases.edit(), std::vector<std::string>{std::string(entity.name)});
    }
    for (auto& [language, name] : entity.names) {
        first.names.emplace(language, name);
    }
    unite(first.aliases.edit(), entity.aliases.get());
    unite(first.tags.edit(), entity.tags.get());
    unite(first.referents.edit(), entity.referents.get());
    std::size_t conflicts = 0;
    for (auto& [key, value] : entity.props) {
        const auto [found, added] = first.props.emplace(key, value);
        if (added || found->second == value) {
            continue;
        }
        ++conflicts;
        if (keep_conflicts) {
            // Two merged entities' values: both kept, the other's labelled with its id.
            first.props.emplace(fmt::format("{} ({})", key, entity.id), value);
        } else {
            diagnostics_.push_back(
                {Severity::Warning, at(entity.origin, "props/" + std::string(key)),
                 fmt::format("entity '{}' has a different '{}' here than in another file; the "
                             "first is kept",
                             entity.id, key),
                 "first defined at", at(first.origin, "props/" + std::string(key))});
        }
    }
    return conflicts;
}

void EntityGraphBuilder::merge_entities(std::vector<std::string> ids,
                                        std::vector<SourceLocation> decided_at) {
    merges_.push_back({std::move(ids), std::move(decided_at)});
}

std::vector<MergeReport> EntityGraphBuilder::apply_merges(const BuildOptions& options) {
    auto& entities = graph_->entities_;
    const auto key_of = [&entities](std::uint32_t idx) -> std::string_view {
        return entities[idx].id;
    };
    // An entity's referents (from a map written after a merge) that another map defines
    // again: the same merge, implied.
    for (const auto& entity : entities) {
        std::vector<std::string> cluster;
        for (const auto& referent : entity.referents) {
            if (entity_slot_.find(referent, key_of)) {
                cluster.push_back(referent);
            }
        }
        if (!cluster.empty()) {
            cluster.push_back(entity.id.str());
            merges_.push_back({std::move(cluster), {entity.origin.location()}, true});
        }
    }
    if (merges_.empty()) {
        return {};
    }
    // Clusters that share a member are one cluster (a decision and a referent may overlap).
    std::vector<std::vector<std::uint32_t>> clusters;
    std::vector<std::vector<SourceLocation>> where;
    std::vector<bool> checked; // a decision asks for it now (not only a map's referents)
    {
        std::vector<std::uint32_t> parent(entities.size());
        for (std::uint32_t idx = 0; idx < parent.size(); ++idx) {
            parent[idx] = idx;
        }
        auto root = [&parent](std::uint32_t node) {
            while (parent[node] != node) {
                node = parent[node] = parent[parent[node]];
            }
            return node;
        };
        std::map<std::uint32_t, std::vector<SourceLocation>> decided;
        std::vector<std::uint32_t> touched;
        std::vector<std::uint32_t> newly_decided; // members of merges a decision asks now
        for (auto& merge : merges_) {
            std::optional<std::uint32_t> head;
            for (const auto& id : merge.ids) {
                const auto found = entity_slot_.find(id, key_of);
                if (!found) {
                    continue; // a member not in the loaded maps
                }
                touched.push_back(*found);
                if (!merge.implied) {
                    newly_decided.push_back(*found);
                }
                if (head) {
                    const auto left = root(*head);
                    const auto right = root(*found);
                    parent[std::max(left, right)] = std::min(left, right);
                } else {
                    head = *found;
                }
            }
            if (head) {
                auto& list = decided[*head];
                list.insert(list.end(), merge.decided_at.begin(), merge.decided_at.end());
            }
        }
        std::map<std::uint32_t, std::vector<std::uint32_t>> members;
        std::sort(touched.begin(), touched.end());
        touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
        for (const auto idx : touched) {
            members[root(idx)].push_back(idx);
        }
        for (auto& [head, list] : members) {
            if (list.size() < 2) {
                continue;
            }
            std::vector<SourceLocation> places;
            for (auto& [decided_head, locations] : decided) {
                if (root(decided_head) == head) {
                    places.insert(places.end(), locations.begin(), locations.end());
                }
            }
            const bool decided_now = std::any_of(list.begin(), list.end(), [&](auto idx) {
                return std::find(newly_decided.begin(), newly_decided.end(), idx) !=
                       newly_decided.end();
            });
            clusters.push_back(std::move(list));
            where.push_back(std::move(places));
            checked.push_back(decided_now);
        }
    }
    merges_.clear();
    if (clusters.empty()) {
        return {};
    }
    // Ties per member, counted once over all relations.
    std::unordered_map<std::string_view, std::size_t> ties;
    for (const auto& cluster : clusters) {
        for (const auto idx : cluster) {
            ties.emplace(entities[idx].id, 0);
        }
    }
    for (const auto& relation : graph_->relations_) {
        for (const Text* end : {&relation.from, &relation.to}) {
            if (auto found = ties.find(*end); found != ties.end()) {
                ++found->second;
            }
        }
    }
    const Schema& schema = graph_->schema_;
    std::vector<MergeReport> reports;
    std::vector<bool> gone(entities.size(), false);
    std::unordered_map<std::string, Text> renamed; // member id -> canonical id
    for (std::size_t number = 0; number < clusters.size(); ++number) {
        auto& cluster = clusters[number];
        std::sort(cluster.begin(), cluster.end(), [&](auto left, auto right) {
            return entities[left].id.view() < entities[right].id.view();
        });
        MergeReport report;
        report.decided_at = where[number];
        report.canonical = entities[cluster.front()].id.str();
        for (const auto idx : cluster) {
            report.members.push_back(entities[idx].id.str());
            report.ties.push_back(ties[entities[idx].id]);
        }
        const SourceLocation decided = report.decided_at.empty()
                                           ? entities[cluster.front()].origin.location()
                                           : report.decided_at.front();
        // The most specific type among the members, when each is a kind of the next.
        Text type = entities[cluster.front()].type;
        for (const auto idx : cluster) {
            const Text& other = entities[idx].type;
            if (other == type || schema.is_a(type, other)) {
                continue;
            }
            if (schema.is_a(other, type)) {
                type = other;
                continue;
            }
            report.refused = fmt::format("'{}' is a '{}' but '{}' is a '{}'", report.canonical,
                                         type, entities[idx].id, other);
            break;
        }
        const std::size_t hubs = static_cast<std::size_t>(std::count_if(
            report.ties.begin(), report.ties.end(), [&](auto n) { return n >= options.hub_ties; }));
        if (report.refused.empty() && hubs >= 2 && !options.force_merge && checked[number]) {
            std::vector<std::string> counts;
            for (std::size_t idx = 0; idx < report.members.size(); ++idx) {
                counts.push_back(fmt::format("'{}' {}", report.members[idx], report.ties[idx]));
            }
            report.refused = fmt::format("{} of its entities have {} ties or more ({})", hubs,
                                         options.hub_ties, fmt::join(counts, ", "));
            diagnostics_.push_back(
                {Severity::Error, decided,
                 fmt::format("will not merge {}: {}", fmt::join(report.members, " + "),
                             report.refused),
                 "merging two heavily connected entities changes many answers: check the pair "
                 "(powermap dedupe apply shows what would change), then pass --force-merge",
                 std::nullopt});
        } else if (!report.refused.empty()) {
            diagnostics_.push_back(
                {Severity::Error, decided,
                 fmt::format("cannot merge {}: {}", fmt::join(report.members, " + "),
                             report.refused),
                 "entities of unrelated types are not the same entity: decide the pair "
                 "\"different\", or fix the type in the map",
                 std::nullopt});
        }
        if (report.refused.empty()) {
            Entity& head = entities[cluster.front()];
            head.type = type;
            for (std::size_t pos = 1; pos < cluster.size(); ++pos) {
                Entity& other = entities[cluster[pos]];
                const std::string other_id = other.id.str();
                report.prop_conflicts += fold_entity(head, std::move(other), true);
                unite(head.referents.edit(), std::vector<std::string>{other_id});
                renamed.emplace(other_id, head.id);
                gone[cluster[pos]] = true;
            }
            auto& referents = head.referents.edit();
            std::erase(referents, head.id.str()); // two maps naming each other's ids
            std::sort(referents.begin(), referents.end());
        }
        reports.push_back(std::move(report));
    }
    if (renamed.empty()) {
        return reports;
    }
    // Ties naming a merged-away id now name its cluster's id; a tie within a cluster goes.
    std::unordered_map<std::string_view, MergeReport*> report_of;
    for (auto& report : reports) {
        if (report.refused.empty()) {
            for (const auto& member : report.members) {
                report_of.emplace(member, &report);
            }
        }
    }
    auto& relations = graph_->relations_;
    // A tie that two sources give (now naming the same ends) is one tie citing both.
    using TieKey = std::tuple<std::string_view, std::string_view, std::string_view,
                              std::string_view, std::string_view, std::string_view,
                              std::optional<std::pair<double, std::string_view>>>;
    std::map<TieKey, std::size_t> tie_at; // ties of merged entities -> place among kept
    std::size_t kept = 0;
    for (std::size_t pos = 0; pos < relations.size(); ++pos) {
        Relation& relation = relations[pos];
        MergeReport* report = nullptr;
        for (Text* end : {&relation.from, &relation.to}) {
            if (auto found = report_of.find(*end); found != report_of.end()) {
                report = found->second;
                if (auto name = renamed.find(end->str()); name != renamed.end()) {
                    *end = name->second;
                    ++report->ties_moved;
                }
            }
        }
        if (report != nullptr && relation.from == relation.to) {
            ++report->ties_dropped;
            diagnostics_.push_back(
                {Severity::Warning, relation.origin,
                 fmt::format("relation {} -{}-> {} joins two entities merged into '{}'; left out",
                             relation.from, relation.type, relation.to, report->canonical),
                 "a tie of an entity with itself says nothing; if the two are tied, they are "
                 "not the same entity",
                 std::nullopt});
            continue;
        }
        if (report != nullptr && relation.id.empty()) {
            std::optional<std::pair<double, std::string_view>> amount;
            if (relation.amount) {
                amount.emplace(relation.amount->value, relation.amount->currency.view());
            }
            const TieKey key{relation.from.view(),
                             relation.to.view(),
                             relation.type.view(),
                             relation.role.view(),
                             relation.start.view(),
                             relation.end.view(),
                             amount};
            const auto [found, added] = tie_at.emplace(key, kept);
            if (!added) {
                Relation& first = relations[found->second];
                std::vector<Citation> citations(first.sources.begin(), first.sources.end());
                unite(citations,
                      std::vector<Citation>(relation.sources.begin(), relation.sources.end()));
                first.sources = PooledList<Citation>(std::span<const Citation>(citations));
                for (const auto& [prop, value] : relation.props.get()) {
                    first.props.emplace(prop, value);
                }
                ++report->ties_united;
                continue;
            }
        }
        if (kept != pos) {
            relations[kept] = std::move(relation);
        }
        ++kept;
    }
    relations.resize(kept);
    // Drop the merged-away entities and index the rest again.
    std::size_t next = 0;
    for (std::size_t pos = 0; pos < entities.size(); ++pos) {
        if (gone[pos]) {
            continue;
        }
        if (next != pos) {
            entities[next] = std::move(entities[pos]);
        }
        ++next;
    }
    entities.resize(next);
    entity_slot_.clear();
    entity_slot_.reserve(entities.size(), key_of);
    for (std::size_t idx = 0; idx < entities.size(); ++idx) {
        entity_slot_.insert(entities[idx].id, static_cast<std::uint32_t>(idx), key_of);
    }
    std::sort(reports.begin(), reports.end(),
              [](const auto& left, const auto& right) { return left.canonical < right.canonical; });
    return reports;
}

void EntityGraphBuilder::add_relation(Relation relation) {
    graph_->relations_.push_back(std::move(relation));
}

void EntityGraphBuilder::merge_relation(Relation& first, Relation&& again) {
    // What the tie is: it must agree. What backs it (citations, props) is united.
    const std::pair<const char*, std::pair<const Text*, const Text*>> fields[] = {
        {"from", {&first.from, &again.from}},    {"to", {&first.to, &again.to}},
        {"type", {&first.type, &again.type}},    {"role", {&first.role, &again.role}},
        {"start", {&first.start, &again.start}}, {"end", {&first.end, &again.end}},
    };
    for (const auto& [field, values] : fields) {
        if (*values.first != *values.second) {
            diagnostics_.push_back(
                {Severity::Error, at(again.origin, field),
                 fmt::format("relation '{}': its {} is '{}' here but '{}' in another file",
                             again.id, field, *values.second, *values.first),
                 "the same relation id must name the same tie; give one of them another id, "
                 "first defined at",
                 at(first.origin, field)});
            return;
        }
    }
    if (first.amount != again.amount) {
        auto words = [](const std::optional<Amount>& amount) {
            return amount ? fmt::format("{} {}", amount->value, amount->currency)
                          : std::string("none");
        };
        diagnostics_.push_back(
            {Severity::Error, at(again.origin, "amount"),
             fmt::format("relation '{}' has amount {} here but {} in another file", again.id,
                         words(again.amount), words(first.amount)),
             "the same relation id must name the same tie; give one of them another id, first "
             "defined at",
             at(first.origin, "amount")});
        return;
    }
    std::vector<Citation> citations(first.sources.begin(), first.sources.end());
    const std::size_t before = citations.size();
    unite(citations, std::vector<Citation>(again.sources.begin(), again.sources.end()));
    if (citations.size() != before) {
        first.sources = PooledList<Citation>(std::span<const Citation>(citations));
    }
    for (const auto& [key, value] : again.props.get()) {
        const auto& props = first.props.get();
        const auto found = props.find(key);
        if (found == props.end()) {
            first.props.edit().emplace(key, value);
        } else if (found->second != value) {
            diagnostics_.push_back(
                {Severity::Warning, at(again.origin, "props/" + std::string(key)),
                 fmt::format("relation '{}' has a different '{}' here than in another file; the "
                             "first is kept",
                             again.id, key),
                 "first defined at", at(first.origin, "props/" + std::string(key))});
        }
    }
}

void EntityGraphBuilder::add_diagnostic(Diagnostic diagnostic) {
    diagnostics_.push_back(std::move(diagnostic));
}

const Schema& EntityGraphBuilder::schema() const {
    return graph_->schema();
}

BuildResult EntityGraphBuilder::build(const BuildOptions& options) && {
    EntityGraph& graph = *graph_;
    const Schema& schema = graph.schema_;
    auto report = [this](Severity severity, SourceLocation where, std::string message,
                         std::string hint = {}) {
        diagnostics_.push_back(
            {severity, std::move(where), std::move(message), std::move(hint), std::nullopt});
    };
    for (auto& problem : schema.check()) {
        diagnostics_.push_back(std::move(problem));
    }
    std::vector<MergeReport> merges = apply_merges(options);
    // Referent ids -> their entity, for ties that name an entity by an id merged into it.
    std::unordered_map<std::string_view, std::uint32_t> referent_at;
    for (std::uint32_t idx = 0; idx < graph.entities_.size(); ++idx) {
        for (const auto& referent : graph.entities_[idx].referents) {
            referent_at.emplace(referent, idx);
        }
    }

    const auto entity_types = schema.entity_type_ids();
    const auto relation_types = schema.relation_type_ids();
    // Each entity's type record, looked up once (relations check their ends' types).
    std::vector<const EntityType*> entity_type_of;
    entity_type_of.reserve(graph.entities_.size());
    for (const auto& entity : graph.entities_) {
        entity_type_of.push_back(schema.find_entity_type(entity.type));
        if (entity_type_of.back() == nullptr) {
            report(Severity::Error, at(entity.origin, "type"),
                   fmt::format("unknown entity type '{}'", entity.type),
                   did_you_mean(entity.type, entity_types));
        }
    }
    // The pools of "did you mean" hints, built only when a hint is needed.
    std::vector<std::string> entity_ids;
    auto entity_hint = [&](std::string_view wanted) {
        if (entity_ids.empty()) {
            entity_ids.reserve(graph.entities_.size());
            for (const auto& entity : graph.entities_) {
                entity_ids.push_back(entity.id.str());
            }
        }
        return did_you_mean(wanted, entity_ids);
    };
    std::vector<std::string> source_ids;
    for (const auto& source : graph.sources_) {
        source_ids.push_back(source.id);
    }
    const auto entity_key = [&graph](std::uint32_t idx) -> std::string_view {
        return graph.entities_[idx].id;
    };
    std::unordered_map<Text, std::size_t> source_at;
    for (std::size_t idx = 0; idx < graph.sources_.size(); ++idx) {
        source_at.emplace(graph.sources_[idx].id, idx);
    }
    // Whether the schema allows a relation type between two entity types, by record
    // address: a map has few types, so this memo stays tiny and saves walking type
    // lineages once per relation.
    std::map<std::tuple<const RelationType*, const EntityType*, const EntityType*>, bool> allowed;
    auto allows = [&](const RelationType& type, const EntityType& from, const EntityType& to) {
        const auto key = std::make_tuple(&type, &from, &to);
        auto found = allowed.find(key);
        if (found == allowed.end()) {
            found = allowed.emplace(key, schema.allows(type, from.id, to.id)).first;
        }
        return found->second;
    };

    // id -> where first defined, and its place among the kept relations (npos: not kept).
    struct FirstDefinition {
        Origin origin;
        std::size_t kept = std::string::npos;
    };
    std::unordered_map<std::string, FirstDefinition> relation_ids;
    std::vector<std::uint16_t> kept_types;
    kept_types.reserve(graph.relations_.size());
    std::size_t kept = 0; // relations_[0, kept) are the usable ones, compacted in place
    for (std::size_t position = 0; position < graph.relations_.size(); ++position) {
        Relation& relation = graph.relations_[position];
        bool usable = true;
        bool first_of_id = false; // this relation is the first with its id
        if (!relation.id.empty()) {
            // The origin is copied: relations move while they are compacted below.
            auto [first, inserted] =
                relation_ids.emplace(relation.id, FirstDefinition{relation.origin, kept});
            first_of_id = inserted;
            if (!inserted) {
                const FirstDefinition& defined = first->second;
                if (defined.origin.file == relation.origin.file) {
                    diagnostics_.push_back({Severity::Error, at(relation.origin, "id"),
                                            fmt::format("duplicate relation id '{}'", relation.id),
                                            "first defined at", at(defined.origin, "id")});
                } else {
                    // The same tie in another file (two versions of a map, a map and its
                    // export): merged when it says the same, a conflict when it does not.
                    if (defined.kept != std::string::npos) {
                        merge_relation(graph.relations_[defined.kept], std::move(relation));
                    }
                    continue;
                }
            }
        }
        const RelationType* type = schema.find_relation_type(relation.type);
        if (type == nullptr) {
            report(Severity::Error, at(relation.origin, "type"),
                   fmt::format("unknown relation type '{}'", relation.type),
                   did_you_mean(relation.type, relation_types));
            usable = false;
        }
        const Entity* ends[2] = {nullptr, nullptr};
        const EntityType* end_types[2] = {nullptr, nullptr};
        const Text* names[2] = {&relation.from, &relation.to};
        const char* fields[2] = {"from", "to"};
        for (int end = 0; end < 2; ++end) {
            auto found = entity_slot_.find(*names[end], entity_key);
            if (!found && !referent_at.empty()) {
                // An id merged into another entity (a referent) names that entity.
                if (const auto merged = referent_at.find(*names[end]);
                    merged != referent_at.end()) {
                    found = merged->second;
                    *(end == 0 ? &relation.from : &relation.to) = graph.entities_[*found].id;
                }
            }
            if (!found) {
                report(Severity::Error, at(relation.origin, fields[end]),
                       fmt::format("unknown entity '{}'", *names[end]), entity_hint(*names[end]));
                usable = false;
            } else {
                ends[end] = &graph.entities_[*found];
                end_types[end] = entity_type_of[*found];
                (end == 0 ? relation.from_index : relation.to_index) = EntityIndex{*found};
            }
        }
        if (type != nullptr && end_types[0] != nullptr && end_types[1] != nullptr &&
            !allows(*type, *end_types[0], *end_types[1])) {
            const bool from_ok =
                schema.allows(*type, ends[0]->type, ends[1]->type) || type->from.empty() ||
                std::any_of(type->from.begin(), type->from.end(),
                            [&](const auto& t) { return schema.is_a(ends[0]->type, t); });
            report(Severity::Error, at(relation.origin, from_ok ? "to" : "from"),
                   fmt::format("a '{}' relation cannot join {} '{}' to {} '{}'", type->id,
                               ends[0]->type, ends[0]->id, ends[1]->type, ends[1]->id),
                   fmt::format("'{}' goes from {} to {}", type->id,
                               type->from.empty() ? "any type" : join_quoted(type->from),
                               type->to.empty() ? "any type" : join_quoted(type->to)));
        }
        if (relation.amount) {
            const Amount& amount = *relation.amount;
            if (!std::isfinite(amount.value) ||
                (amount.value < 0 && (type == nullptr || !type->negative_amounts))) {
                report(Severity::Error, at(relation.origin, "amount/value"),
                       fmt::format("amount {} is not a non-negative number", amount.value),
                       amount.value < 0 && type != nullptr
                           ? fmt::format("'{}' ties take no negative amounts; a de-obligation "
                                         "belongs on a type with \"negative_amounts\": true in "
                                         "the schema",
                                         type->id)
                           : "write the value as a plain number, e.g. 6800000000");
            } else if (amount.value < 0) {
                report(Severity::Warning, at(relation.origin, "amount/value"),
                       fmt::format("negative amount {} on a '{}' tie: taken as money taken back "
                                   "(a de-obligation), netted in totals",
                                   amount.value, type->id),
                       "");
            }
            const bool iso = amount.currency.size() == 3 &&
                             std::all_of(amount.currency.begin(), amount.currency.end(),
                                         [](char c) { return c >= 'A' && c <= 'Z'; });
            if (!iso) {
                report(Severity::Error, at(relation.origin, "amount/currency"),
                       fmt::format("currency '{}' is not an ISO 4217 code", amount.currency),
                       "use three capital letters such as 'USD' or 'EUR'");
            }
        }
        std::optional<PartialDate> dates[2];
        const Text* date_text[2] = {&relation.start, &relation.end};
        const char* date_field[2] = {"start", "end"};
        for (int end = 0; end < 2; ++end) {
            if (date_text[end]->empty()) {
                continue;
            }
            dates[end] = parse_partial_date(*date_text[end]);
            if (!dates[end]) {
                diagnostics_.push_back(
                    not_a_date(at(relation.origin, date_field[end]), *date_text[end]));
            }
        }
        if (dates[0] && dates[1] &&
            dates[1]->year * 10000 + dates[1]->month * 100 + dates[1]->day <
                dates[0]->year * 10000 + dates[0]->month * 100 + dates[0]->day) {
            report(Severity::Error, at(relation.origin, "end"),
                   fmt::format("relation ends ({}) before it starts ({})", relation.end,
                               relation.start),
                   "swap 'start' and 'end'");
        }
        if (relation.sources.empty() && options.warn_uncited) {
            report(Severity::Warning, relation.origin,
                   fmt::format("relation {} -{}-> {} cites no source", relation.from, relation.type,
                               relation.to),
                   "add \"sources\": [{\"source\": ..., \"quote\": ...}]");
        }
        for (std::size_t cite_idx = 0; cite_idx < relation.sources.size(); ++cite_idx) {
            const Citation& citation = relation.sources[cite_idx];
            const std::string field = fmt::format("sources/{}", cite_idx);
            auto found = source_at.find(citation.source);
            if (found == source_at.end()) {
                report(Severity::Error, at(relation.origin, field + "/source"),
                       fmt::format("unknown source '{}'", citation.source),
                       did_you_mean(citation.source, source_ids));
                continue;
            }
            if (citation.quote.empty()) {
                report(Severity::Warning, at(relation.origin, field), "citation has no quote",
                       "add the verbatim span of the source that supports this tie");
                continue;
            }
            const Source& source = graph.sources_[found->second];
            if (options.check_quotes && source.text &&
                source.text->find(citation.quote) == std::string::npos) {
                report(Severity::Error, at(relation.origin, field + "/quote"),
                       fmt::format("quote not found verbatim in source '{}'", source.id),
                       quote_hint());
            }
        }
        if (first_of_id && !usable) {
            relation_ids[std::string(relation.id)].kept = std::string::npos;
        }
        if (usable) {
            if (kept != position) {
                graph.relations_[kept] = std::move(relation);
            }
            kept_types.push_back(graph.type_slot(type));
            ++kept;
        }
    }
    graph.relations_.resize(kept);
    graph.relation_types_ = std::move(kept_types);
    graph.entity_by_id_ = std::move(entity_slot_);
    graph.index();
    return {std::move(graph_), std::move(diagnostics_), std::move(merges)};
}

} // namespace powermap::graph
