// EntityGraph: an immutable, validated map (sources, entities, relations, schema) with
// id lookup and per-entity tie lists. Built by EntityGraphBuilder, which collects every
// problem as a Diagnostic instead of stopping at the first.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/detail/id_table.hpp"
#include "graph/diagnostics.hpp"
#include "graph/model.hpp"
#include "graph/schema.hpp"

namespace powermap::graph {

struct MapInfo {
    std::string title;
    std::string description;
};

class EntityGraph {
public:
    EntityGraph();

    /// Each entity's ties in relation order, as CSR offsets (entity count + 1) and
    /// relation indices: what `out_relations` / `in_relations` return.
    struct TieLists {
        std::vector<std::uint32_t> out_offsets, out_relations, in_offsets, in_relations;
    };

    /// Reassembles a graph that was built and checked before (a snapshot): trusts the
    /// data's meaning but checks what could crash (the schema, entity and relation types
    /// present, entity indices in range, ids unique; `by_id`, when given, a permutation sorted
    /// by id, which saves sorting; `lists`, when given, offsets in order and relation indices
    /// in range and increasing per entity, which saves building them). Throws
    /// powermap::Error otherwise. O(V + E), no per-relation lookups by name.
    [[nodiscard]] static std::unique_ptr<EntityGraph>
    from_parts(Schema schema, MapInfo info, std::vector<Source> sources,
               std::vector<Entity> entities, std::vector<Relation> relations,
               std::vector<EntityIndex> by_id = {}, std::optional<TieLists> lists = {});

    [[nodiscard]] const Schema& schema() const { return schema_; }
    [[nodiscard]] const MapInfo& info() const { return info_; }
    [[nodiscard]] const std::vector<Source>& sources() const { return sources_; }
    [[nodiscard]] const std::vector<Entity>& entities() const { return entities_; }
    [[nodiscard]] const std::vector<Relation>& relations() const { return relations_; }
    [[nodiscard]] std::size_t entity_count() const { return entities_.size(); }
    [[nodiscard]] std::size_t relation_count() const { return relations_.size(); }

    [[nodiscard]] const Entity& entity(EntityIndex index) const {
        return entities_[to_underlying(index)];
    }
    [[nodiscard]] const Relation& relation(RelationIndex index) const {
        return relations_[to_underlying(index)];
    }
    /// The entity with this id, or the one it was merged into (its referents).
    [[nodiscard]] std::optional<EntityIndex> find_entity(std::string_view id) const;
    [[nodiscard]] const Source* find_source(std::string_view id) const;
    /// The type record of a relation (always present in a built graph).
    [[nodiscard]] const RelationType& relation_type(RelationIndex index) const;

    /// Relations leaving / entering an entity, in relation order.
    [[nodiscard]] std::span<const RelationIndex> out_relations(EntityIndex index) const;
    [[nodiscard]] std::span<const RelationIndex> in_relations(EntityIndex index) const;

    /// Entity indices sorted by id: the order every deterministic listing uses.
    [[nodiscard]] const std::vector<EntityIndex>& entities_by_id() const { return by_id_order_; }

private:
    friend class EntityGraphBuilder;
    void index();
    void sort_by_id();
    [[nodiscard]] std::uint16_t type_slot(const RelationType* type) const;

    Schema schema_;
    MapInfo info_;
    std::vector<Source> sources_;
    std::vector<Entity> entities_;
    std::vector<Relation> relations_;
    detail::IdTable entity_by_id_; ///< id -> index into entities_
    /// A referent id (an entity merged away) -> the entity it was merged into.
    std::unordered_map<std::string_view, std::uint32_t> referent_by_id_;
    std::unordered_map<std::string_view, std::size_t> source_by_id_;
    /// Each relation's type, as its position in schema_.relation_types() (2 bytes a tie).
    std::vector<std::uint16_t> relation_types_;
    std::vector<std::uint32_t> out_offsets_, in_offsets_;
    std::vector<RelationIndex> out_list_, in_list_;
    std::vector<EntityIndex> by_id_order_;
};

/// What merging one cluster of "same" entities did (or would do), for dry-run reports.
struct MergeReport {
    std::string canonical;            ///< the id the merged entity keeps
    std::vector<std::string> members; ///< every id merged, canonical first, then by id
    std::vector<std::size_t> ties;    ///< ties of each member before the merge
    std::size_t ties_moved = 0;       ///< ties whose end now names the canonical id
    std::size_t ties_dropped = 0;     ///< ties between two members, left out
    /// Ties that now say the same as another (same ends, type, role, dates, amount) and
    /// were folded into it, their citations and props united.
    std::size_t ties_united = 0;
    std::size_t prop_conflicts = 0; ///< props kept twice, the other under "key (id)"
    std::string refused;            ///< why it was not merged (empty: merged)
    std::vector<SourceLocation> decided_at;
};

struct BuildResult {
    std::unique_ptr<EntityGraph> graph;
    std::vector<Diagnostic> diagnostics;
    /// One per cluster that had two or more members in the maps, sorted by canonical id.
    std::vector<MergeReport> merges;
};

struct BuildOptions {
    /// Check every quote verbatim against its source's text when the text is known.
    bool check_quotes = true;
    /// A relation without any citation is a warning (as DESIGN.md asks).
    bool warn_uncited = true;
    /// A cluster with two members of at least this many ties each is refused (an error)
    /// unless force_merge: merging two hubs changes most answers, so a person checks it.
    std::size_t hub_ties = 50;
    bool force_merge = false;
};

/// Accepts the pieces of one or more map files, then checks and freezes them. Entities with
/// the same id from *different* files are merged (names, aliases, tags and props united; a
/// second name becomes an alias; a prop with two values keeps the first, with a warning at
/// both places; two types are an error). Relations with the same id from different files are
/// one tie: their citations and props are united when from, to, type, role, dates and
/// amount agree, and any difference is an error at both places. The same id twice in one
/// file is an error. Relations whose endpoints do not resolve are reported and left out of
/// the built graph.
class EntityGraphBuilder {
public:
    EntityGraphBuilder();

    void set_info(MapInfo info);
    /// Start from an empty schema instead of the default (a map's "replace": true).
    void clear_schema();
    void put_entity_type(EntityType type);
    void put_relation_type(RelationType type);
    void add_source(Source source);
    void add_entity(Entity entity);
    void add_relation(Relation relation);
    /// Entities decided to be one (a cluster of a decisions file, decided at `decided_at`):
    /// at build time the members present become one entity under the id that sorts first;
    /// the others become its referents, so every tie and selector naming them still finds
    /// it. Names, aliases, tags, props and citations are united; a prop the members hold
    /// with different values keeps the canonical's under its key and each other under
    /// "key (member id)". Members of incompatible types are refused (an error).
    void merge_entities(std::vector<std::string> ids, std::vector<SourceLocation> decided_at);
    /// A problem the reader found; kept with the builder's own.
    void add_diagnostic(Diagnostic diagnostic);
    /// The schema so far (the default, or what the map's schema put), for readers that
    /// decide by a relation type's settings (CSV: may an amount be negative).
    [[nodiscard]] const Schema& schema() const;

    [[nodiscard]] BuildResult build(const BuildOptions& options = {}) &&;

private:
    /// `again` (the same relation id from another file) folded into `first`.
    void merge_relation(Relation& first, Relation&& again);
    /// The merges asked for (and those the entities' referents imply), applied before the
    /// relations are resolved.
    std::vector<MergeReport> apply_merges(const BuildOptions& options);
    /// `other` folded into `first`: names, aliases, tags, props (conflicts as
    /// fold_entity's caller says). Returns the number of conflicting props.
    std::size_t fold_entity(Entity& first, Entity&& other, bool keep_conflicts);

    std::unique_ptr<EntityGraph> graph_;
    std::vector<Diagnostic> diagnostics_;
    detail::IdTable entity_slot_; ///< id -> index into graph_->entities_
    std::unordered_map<std::string, std::size_t> source_slot_;
    struct PendingMerge {
        std::vector<std::string> ids;
        std::vector<SourceLocation> decided_at;
        /// Implied by a merged map's referents: decided (and checked) when it was merged.
        bool implied = false;
    };
    std::vector<PendingMerge> merges_;
};

} // namespace powermap::graph
