#include "io/formats/ftm_model.hpp"

#include <cctype>

namespace powermap::io::ftm {

const std::vector<EdgeSchema>& edge_schemata() {
    static const std::vector<EdgeSchema> table{
        {"Ownership", "owner", "asset", "owns", "owns", "is owned by", true, false},
        {"Directorship", "director", "organization", "director_of", "is a director of",
         "has director", true, false},
        {"Employment", "employee", "employer", "employed_by", "is employed by", "employs", true,
         false},
        {"Membership", "member", "organization", "belongs_to", "is a member of", "has member", true,
         false},
        {"Payment", "payer", "beneficiary", "paid", "paid", "was paid by", true, false},
        {"ContractAward", "supplier", "contract", "awarded", "was awarded", "was awarded to", true,
         true},
        {"Family", "person", "relative", "family_of", "has relative", "is a relative of", true,
         false},
        {"Associate", "person", "associate", "associate_of", "is an associate of",
         "is an associate of", false, false},
        {"UnknownLink", "subject", "object", "linked_to", "is linked to", "is linked to", true,
         false},
        {"Representation", "agent", "client", "represents", "represents", "is represented by", true,
         false},
        {"Succession", "predecessor", "successor", "succeeded_by", "was succeeded by", "succeeded",
         true, false},
        {"Debt", "debtor", "creditor", "owes", "owes", "is owed by", true, false},
        {"Occupancy", "holder", "post", "occupies", "occupies", "is occupied by", true, false},
        {"ProjectParticipant", "participant", "project", "participates_in", "participates in",
         "has participant", true, false},
    };
    return table;
}

const std::vector<ReferenceProp>& reference_props() {
    static const std::vector<ReferenceProp> table{
        {"addressEntity", "", "has_address", "has address", "is the address of"},
        {"parent", "", "has_parent", "has parent", "is the parent of"},
        {"holder", "", "held_by", "is held by", "holds"},
        {"entity", "", "concerns", "concerns", "is concerned by"},
        {"proof", "", "proven_by", "is proven by", "proves"},
        {"authority", "Contract", "contracted_by", "is contracted by", "contracts"},
        {"project", "Contract", "contract_for", "is a contract for", "has contract"},
    };
    return table;
}

const EdgeSchema* find_edge_schema(std::string_view schema) {
    for (const auto& edge : edge_schemata()) {
        if (edge.schema == schema) {
            return &edge;
        }
    }
    return nullptr;
}

const EdgeSchema* find_edge_relation(std::string_view relation) {
    for (const auto& edge : edge_schemata()) {
        if (edge.relation == relation) {
            return &edge;
        }
    }
    return nullptr;
}

const ReferenceProp* find_reference(std::string_view schema, std::string_view property) {
    for (const auto& reference : reference_props()) {
        if (reference.property == property &&
            (reference.schema.empty() || reference.schema == schema)) {
            return &reference;
        }
    }
    return nullptr;
}

const ReferenceProp* find_reference_relation(std::string_view relation) {
    for (const auto& reference : reference_props()) {
        if (reference.relation == relation) {
            return &reference;
        }
    }
    return nullptr;
}

namespace {
struct TypePair {
    std::string_view schema;
    std::string_view type;
};
// Forward (schema -> type) uses every row; backward (type -> schema) the first row naming the type.
const TypePair type_table[] = {
    {"Person", "person"},         {"Company", "company"},    {"Organization", "organization"},
    {"PublicBody", "government"}, {"LegalEntity", "entity"}, {"Contract", "contract"},
    {"Project", "program"},       {"Document", "document"},  {"Asset", "system"},
};
} // namespace

std::string entity_type_for(std::string_view schema) {
    for (const auto& pair : type_table) {
        if (pair.schema == schema && pair.schema != "Asset") {
            return std::string(pair.type);
        }
    }
    std::string out;
    for (char c : schema) {
        if (std::isupper(static_cast<unsigned char>(c))) {
            if (!out.empty()) {
                out += '_';
            }
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else {
            out += c;
        }
    }
    return out;
}

std::string schema_for(const graph::Schema& schema, std::string_view type) {
    // Types the reader declared from a schema ("address", "sanction") carry it as their label.
    if (const auto* declared = schema.find_entity_type(type);
        declared != nullptr && graph::Schema::default_schema().find_entity_type(type) == nullptr &&
        !declared->label.empty() && entity_type_for(declared->label) == type) {
        return declared->label;
    }
    for (const auto& link : schema.lineage(type)) {
        for (const auto& pair : type_table) {
            if (pair.type == link) {
                return std::string(pair.schema);
            }
        }
        if (link == "agency" || link == "division") {
            return "PublicBody";
        }
        if (link == "organization") {
            return "Organization";
        }
        if (link == "policy") {
            return "Document";
        }
    }
    return "LegalEntity";
}

std::optional<graph::RelationType> relation_type_for(std::string_view relation) {
    graph::RelationType type;
    type.id = std::string(relation);
    type.style.style = "dashed";
    type.style.color = "#888888";
    if (const auto* edge = find_edge_relation(relation)) {
        type.wording = {std::string(edge->forward), std::string(edge->reverse)};
        type.directed = edge->directed;
        type.supply = edge->supply;
        type.negative_amounts = edge->negative_amounts_allowed();
        if (edge->supply) {
            type.style = {"", "#333333", "", "solid"};
        }
        return type;
    }
    if (const auto* reference = find_reference_relation(relation)) {
        type.wording = {std::string(reference->forward), std::string(reference->reverse)};
        return type;
    }
    return std::nullopt;
}

graph::EntityType declared_entity_type(std::string_view type, std::string_view schema) {
    graph::EntityType out;
    out.id = std::string(type);
    out.parent = "entity";
    out.label = std::string(schema);
    out.style = {"box", "#555555", "#f7f7f7", "rounded,filled"};
    return out;
}

const std::vector<std::string_view>& extra_fields() {
    static const std::vector<std::string_view> fields{
        "caption", "datasets", "referents", "first_seen", "last_seen", "last_change", "target"};
    return fields;
}

} // namespace powermap::io::ftm
