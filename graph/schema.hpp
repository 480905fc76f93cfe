// The entity and relation types in force for a map: a built-in default that a map may
// extend (add or override types) or replace. Subtypes inherit their parent's allowances
// and style (a company is an organization).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/diagnostics.hpp"

namespace powermap::graph {

/// Graphviz-style look; empty fields inherit from the parent type.
struct Style {
    std::string shape;
    std::string color;
    std::string fillcolor;
    std::string style;
    friend bool operator==(const Style&, const Style&) = default;
};

struct EntityType {
    std::string id;
    std::string parent;                        ///< empty for a root type
    std::string label;                         ///< human name, e.g. "Company"
    std::map<std::string, std::string> labels; ///< by language
    Style style;
    SourceLocation origin;
};

/// How a relation reads in one language, both ways ("hosts" / "is hosted by").
struct Wording {
    std::string forward;
    std::string reverse;
    friend bool operator==(const Wording&, const Wording&) = default;
};

struct RelationType {
    std::string id;
    Wording wording;                         ///< English
    std::map<std::string, Wording> wordings; ///< other languages, by code
    std::vector<std::string> from;           ///< allowed source types; empty = any
    std::vector<std::string> to;             ///< allowed target types; empty = any
    bool directed = true;
    /// A supply tie: its target depends on its source (a vendor hosts a system).
    bool supply = false;
    /// Amounts on ties of this type may be negative (a de-obligation, a refund): accepted
    /// with a warning and netted in totals. Otherwise a negative amount is an error.
    bool negative_amounts = false;
    Style style;
    SourceLocation origin;
};

class Schema {
public:
    /// The built-in schema every map starts from.
    [[nodiscard]] static const Schema& default_schema();

    /// Adds or replaces a type. Replacing keeps the position of the first definition.
    void put_entity_type(EntityType type);
    void put_relation_type(RelationType type);

    [[nodiscard]] const EntityType* find_entity_type(std::string_view id) const;
    [[nodiscard]] const RelationType* find_relation_type(std::string_view id) const;
    [[nodiscard]] const std::vector<EntityType>& entity_types() const { return entity_types_; }
    [[nodiscard]] const std::vector<RelationType>& relation_types() const {
        return relation_types_;
    }
    [[nodiscard]] std::vector<std::string> entity_type_ids() const;
    [[nodiscard]] std::vector<std::string> relation_type_ids() const;

    /// True when `type` is `ancestor` or descends from it. Unknown types are nothing.
    [[nodiscard]] bool is_a(std::string_view type, std::string_view ancestor) const;
    /// The chain type, parent, grandparent... (stops on a cycle).
    [[nodiscard]] std::vector<std::string> lineage(std::string_view type) const;
    /// Whether a relation of `relation` may join an entity of type `from` to one of `to`.
    [[nodiscard]] bool allows(const RelationType& relation, std::string_view from,
                              std::string_view to) const;
    /// The style of an entity type with unset fields filled from its ancestors.
    [[nodiscard]] Style resolved_style(std::string_view entity_type) const;
    /// Problems in the schema itself: unknown parents, parent cycles, unknown endpoint types.
    [[nodiscard]] std::vector<Diagnostic> check() const;

    /// Wording of a relation type in `language`, falling back to English.
    [[nodiscard]] const Wording& wording(const RelationType& type, std::string_view language) const;

private:
    std::vector<EntityType> entity_types_;
    std::vector<RelationType> relation_types_;
    std::map<std::string, std::size_t, std::less<>> entity_by_id_;
    std::map<std::string, std::size_t, std::less<>> relation_by_id_;
};

} // namespace powermap::graph
