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
    std::unordered_map<std::string_view, std::size_t> source_by_id_;
    /// Each relation's type, as its position in schema_.relation_types() (2 bytes a tie).
    std::vector<std::uint16_t> relation_types_;
    std::vector<std::uint32_t> out_offsets_, in_offsets_;
    std::vector<RelationIndex> out_list_, in_list_;
    std::vector<EntityIndex> by_id_order_;
};

struct BuildResult {
    std::unique_ptr<EntityGraph> graph;
    std::vector<Diagnostic> diagnostics;
};

struct BuildOptions {
    /// Check every quote verbatim against its source's text when the text is known.
    bool check_quotes = true;
    /// A relation without any citation is a warning (as DESIGN.md asks).
    bool warn_uncited = true;
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
    /// A problem the reader found; kept with the builder's own.
    void add_diagnostic(Diagnostic diagnostic);
    /// The schema so far (the default, or what the map's schema put), for readers that
    /// decide by a relation type's settings (CSV: may an amount be negative).
    [[nodiscard]] const Schema& schema() const;

    [[nodiscard]] BuildResult build(const BuildOptions& options = {}) &&;

private:
    /// `again` (the same relation id from another file) folded into `first`.
    void merge_relation(Relation& first, Relation&& again);

    std::unique_ptr<EntityGraph> graph_;
    std::vector<Diagnostic> diagnostics_;
    detail::IdTable entity_slot_; ///< id -> index into graph_->entities_
    std::unordered_map<std::string, std::size_t> source_slot_;
};

} // namespace powermap::graph
