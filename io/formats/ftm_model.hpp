// How FollowTheMoney schemata and properties map to our entity and relation types, both
// ways. One table, so the reader and the writer cannot drift apart.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/schema.hpp"

namespace powermap::io::ftm {

/// An FtM edge schema (an entity that is a tie) and the relation type it becomes.
struct EdgeSchema {
    std::string_view schema;   ///< "Ownership"
    std::string_view source;   ///< property naming the source entity, "owner"
    std::string_view target;   ///< "asset"
    std::string_view relation; ///< our relation type id, "owns"
    std::string_view forward;
    std::string_view reverse;
    bool directed;
    bool supply;
    /// An award can be de-obligated and a payment refunded: their amounts may be negative.
    [[nodiscard]] bool negative_amounts_allowed() const {
        return schema == "ContractAward" || schema == "Payment";
    }
};

/// An entity-reference property that becomes a relation from the entity holding it.
struct ReferenceProp {
    std::string_view property; ///< "addressEntity"
    std::string_view schema;   ///< only on this schema; empty = on any schema
    std::string_view relation; ///< "has_address"
    std::string_view forward;
    std::string_view reverse;
};

[[nodiscard]] const std::vector<EdgeSchema>& edge_schemata();
[[nodiscard]] const std::vector<ReferenceProp>& reference_props();
[[nodiscard]] const EdgeSchema* find_edge_schema(std::string_view schema);
[[nodiscard]] const EdgeSchema* find_edge_relation(std::string_view relation);
[[nodiscard]] const ReferenceProp* find_reference(std::string_view schema,
                                                  std::string_view property);
[[nodiscard]] const ReferenceProp* find_reference_relation(std::string_view relation);

/// Our entity type for an FtM node schema: person, company, organization, government,
/// contract, program, document, entity (LegalEntity); others "snake_case" of the schema.
[[nodiscard]] std::string entity_type_for(std::string_view schema);
/// The FtM schema for one of our types (nearest ancestor with a counterpart; types the
/// reader made from a schema go back to it).
[[nodiscard]] std::string schema_for(const graph::Schema& schema, std::string_view type);
/// The relation type record our reader declares for an FtM-made relation id.
[[nodiscard]] std::optional<graph::RelationType> relation_type_for(std::string_view relation);
/// The entity type record for a type made from an unknown schema ("address" <- Address).
[[nodiscard]] graph::EntityType declared_entity_type(std::string_view type,
                                                     std::string_view schema);

/// Top-level fields of OpenSanctions exports kept as "ftm:<field>" props.
[[nodiscard]] const std::vector<std::string_view>& extra_fields();

} // namespace powermap::io::ftm
