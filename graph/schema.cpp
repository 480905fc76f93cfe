#include "graph/schema.hpp"

#include <set>

#include <fmt/format.h>

namespace powermap::graph {

namespace {

EntityType entity_type(std::string id, std::string parent, std::string label, std::string ar,
                       Style style) {
    EntityType type;
    type.id = std::move(id);
    type.parent = std::move(parent);
    type.label = std::move(label);
    type.labels["ar"] = std::move(ar);
    type.style = std::move(style);
    return type;
}

RelationType relation_type(std::string id, Wording en, Wording ar, std::vector<std::string> from,
                           std::vector<std::string> to, bool directed, bool supply,
                           Style style = {}) {
    RelationType type;
    type.id = std::move(id);
    type.wording = std::move(en);
    type.wordings["ar"] = std::move(ar);
    type.from = std::move(from);
    type.to = std::move(to);
    type.directed = directed;
    type.supply = supply;
    if (style.style.empty()) {
        style.style = supply ? "solid" : "dashed";
    }
    if (style.color.empty()) {
        style.color = supply ? "#333333" : "#888888";
    }
    type.style = std::move(style);
    return type;
}

Schema make_default_schema() {
    Schema schema;
    // Colours: ColorBrewer "Set3"-like pastels, distinct in print and for colour-blind readers.
    schema.put_entity_type(entity_type("entity", "", "Entity", "كيان",
                                       {"box", "#555555", "#ffffff", "rounded,filled"}));
    schema.put_entity_type(entity_type("organization", "entity", "Organization", "منظمة",
                                       {"box", "#555555", "#d9d9d9", "rounded,filled"}));
    schema.put_entity_type(entity_type("company", "organization", "Company", "شركة",
                                       {"box", "#1f4e79", "#8dd3c7", "filled"}));
    schema.put_entity_type(entity_type("government", "organization", "Government body",
                                       "جهة حكومية", {"house", "#7f2704", "#fdb462", "filled"}));
    schema.put_entity_type(entity_type("agency", "government", "Agency", "وكالة",
                                       {"house", "#7f2704", "#fb8072", "filled"}));
    schema.put_entity_type(entity_type("division", "agency", "Division", "قسم",
                                       {"house", "#7f2704", "#fccde5", "filled"}));
    schema.put_entity_type(entity_type("nonprofit", "organization", "Nonprofit", "منظمة غير ربحية",
                                       {"octagon", "#00441b", "#b3de69", "filled"}));
    schema.put_entity_type(entity_type("coalition", "organization", "Coalition", "تحالف",
                                       {"doubleoctagon", "#00441b", "#ccebc5", "filled"}));
    schema.put_entity_type(entity_type("person", "entity", "Person", "شخص",
                                       {"ellipse", "#3f007d", "#bebada", "filled"}));
    schema.put_entity_type(entity_type("group", "entity", "Group of people", "مجموعة أشخاص",
                                       {"ellipse", "#3f007d", "#dadaeb", "filled,dashed"}));
    schema.put_entity_type(entity_type("system", "entity", "System", "نظام",
                                       {"component", "#08306b", "#80b1d3", "filled"}));
    schema.put_entity_type(entity_type("program", "entity", "Program", "برنامج",
                                       {"hexagon", "#4d004b", "#ffffb3", "filled"}));
    schema.put_entity_type(entity_type("contract", "entity", "Contract", "عقد",
                                       {"note", "#654321", "#ffed6f", "filled"}));
    schema.put_entity_type(entity_type("document", "entity", "Document", "وثيقة",
                                       {"tab", "#252525", "#f0f0f0", "filled"}));
    schema.put_entity_type(entity_type("policy", "entity", "Law or policy", "قانون أو سياسة",
                                       {"cds", "#252525", "#bc80bd", "filled"}));

    const std::vector<std::string> any;
    const std::vector<std::string> org{"organization"};
    schema.put_relation_type(relation_type("part_of", {"is part of", "includes"}, {"جزء من", "يضم"},
                                           org, org, true, false, {"", "#555555", "", "bold"}));
    schema.put_relation_type(relation_type("leads", {"leads", "is led by"}, {"يقود", "يقوده"},
                                           {"person"}, org, true, false));
    schema.put_relation_type(relation_type("works_for", {"works for", "employs"},
                                           {"يعمل لدى", "يوظف"}, {"person", "group"}, org, true,
                                           false));
    schema.put_relation_type(relation_type("founded", {"founded", "was founded by"},
                                           {"أسس", "أسسه"}, {"person", "organization"}, org, true,
                                           false));
    schema.put_relation_type(relation_type("backs", {"backs", "is backed by"}, {"يدعم", "يدعمه"},
                                           {"organization", "person"}, {"organization", "system"},
                                           true, false));
    schema.put_relation_type(relation_type("ally_of", {"is an ally of", "is an ally of"},
                                           {"حليف", "حليف"}, {"person", "organization"},
                                           {"person", "organization"}, false, false));
    schema.put_relation_type(relation_type("holds_contract", {"holds", "is held by"},
                                           {"يحمل عقد", "يحمله"}, org, {"contract"}, true, true));
    schema.put_relation_type(relation_type("awarded_by", {"was awarded by", "awarded"},
                                           {"منحته", "منحت"}, {"contract"}, {"government"}, true,
                                           true));
    schema.put_relation_type(relation_type("provides", {"provides", "is provided by"},
                                           {"يوفر", "يوفره"}, {"organization", "program"},
                                           {"system", "program", "contract"}, true, true));
    schema.put_relation_type(relation_type(
        "hosts", {"hosts", "is hosted by"}, {"يستضيف", "يستضيفه"},
        {"organization", "system", "program"}, {"system", "program", "organization"}, true, true));
    schema.put_relation_type(relation_type("serves", {"serves", "is served by"}, {"يخدم", "يخدمه"},
                                           {"system", "program", "contract"},
                                           {"organization", "program"}, true, true));
    schema.put_relation_type(relation_type("sells_to", {"sells to", "buys from"},
                                           {"يبيع إلى", "يشتري من"}, {"organization", "program"},
                                           org, true, true));
    schema.put_relation_type(relation_type("partner_in", {"is a partner in", "has partner"},
                                           {"شريك في", "شريكه"}, org, {"program", "system"}, true,
                                           true));
    schema.put_relation_type(relation_type("funds", {"funds", "is funded by"}, {"يموّل", "يموّله"},
                                           {"organization", "program"},
                                           {"program", "system", "organization", "contract"}, true,
                                           false, {"", "#006d2c", "", "dashed"}));
    schema.put_relation_type(relation_type("member_of", {"is a member of", "has member"},
                                           {"عضو في", "عضوه"}, {"organization", "person"}, org,
                                           true, false));
    schema.put_relation_type(relation_type("produced", {"produced", "was produced by"},
                                           {"أنتج", "أنتجه"}, org, {"document"}, true, false));
    schema.put_relation_type(relation_type("commissioned", {"commissioned", "was commissioned by"},
                                           {"كلّف بـ", "بتكليف من"}, org, {"document"}, true,
                                           false));
    schema.put_relation_type(relation_type("published", {"published", "was published by"},
                                           {"نشر", "نشره"}, org, {"document"}, true, false));
    schema.put_relation_type(relation_type("reports_on", {"reports on", "is reported on by"},
                                           {"يتناول", "يتناوله"}, {"document"}, any, true, false,
                                           {"", "#aaaaaa", "", "dotted"}));
    schema.put_relation_type(relation_type("advocated", {"advocated for", "was advocated by"},
                                           {"دافع عن", "دافع عنه"}, {"organization", "person"},
                                           {"policy"}, true, false));
    schema.put_relation_type(relation_type("partnered_with", {"partnered with", "partnered with"},
                                           {"شريك مع", "شريك مع"}, org, org, false, false));
    schema.put_relation_type(relation_type("party_to", {"is party to", "has party"},
                                           {"طرف في", "طرفه"}, org, {"program", "contract"}, true,
                                           false));
    schema.put_relation_type(
        relation_type("shares_data_with", {"shares data with", "shares data with"},
                      {"يتبادل البيانات مع", "يتبادل البيانات مع"}, {"organization", "system"},
                      {"organization", "system"}, false, false));
    schema.put_relation_type(relation_type("opposes", {"opposes", "is opposed by"},
                                           {"يعارض", "يعارضه"}, {"person", "group", "organization"},
                                           any, true, false, {"", "#b2182b", "", "dashed"}));
    schema.put_relation_type(relation_type("downplayed", {"downplayed", "was downplayed by"},
                                           {"قلّل من أهمية", "قلّل من أهميته"}, {"person"}, any, true,
                                           false));
    schema.put_relation_type(relation_type("uses", {"uses", "is used by"}, {"يستخدم", "يستخدمه"},
                                           any, any, true, false));
    // USAspending reports de-obligations (money taken back from an award) as negative
    // amounts on the award; an agency's funding can be cut the same way.
    for (const char* id : {"holds_contract", "awarded_by", "funds"}) {
        RelationType type = *schema.find_relation_type(id);
        type.negative_amounts = true;
        schema.put_relation_type(std::move(type));
    }
    return schema;
}

} // namespace

const Schema& Schema::default_schema() {
    static const Schema schema = make_default_schema();
    return schema;
}

void Schema::put_entity_type(EntityType type) {
    if (auto found = entity_by_id_.find(type.id); found != entity_by_id_.end()) {
        entity_types_[found->second] = std::move(type);
        return;
    }
    entity_by_id_.emplace(type.id, entity_types_.size());
    entity_types_.push_back(std::move(type));
}

void Schema::put_relation_type(RelationType type) {
    if (auto found = relation_by_id_.find(type.id); found != relation_by_id_.end()) {
        relation_types_[found->second] = std::move(type);
        return;
    }
    relation_by_id_.emplace(type.id, relation_types_.size());
    relation_types_.push_back(std::move(type));
}

const EntityType* Schema::find_entity_type(std::string_view id) const {
    auto found = entity_by_id_.find(id);
    return found == entity_by_id_.end() ? nullptr : &entity_types_[found->second];
}

const RelationType* Schema::find_relation_type(std::string_view id) const {
    auto found = relation_by_id_.find(id);
    return found == relation_by_id_.end() ? nullptr : &relation_types_[found->second];
}

std::vector<std::string> Schema::entity_type_ids() const {
    std::vector<std::string> out;
    for (const auto& type : entity_types_) {
        out.push_back(type.id);
    }
    return out;
}

std::vector<std::string> Schema::relation_type_ids() const {
    std::vector<std::string> out;
    for (const auto& type : relation_types_) {
        out.push_back(type.id);
    }
    return out;
}

std::vector<std::string> Schema::lineage(std::string_view type) const {
    std::vector<std::string> chain;
    std::set<std::string, std::less<>> seen;
    const EntityType* current = find_entity_type(type);
    while (current != nullptr && seen.insert(current->id).second) {
        chain.push_back(current->id);
        current = current->parent.empty() ? nullptr : find_entity_type(current->parent);
    }
    return chain;
}

bool Schema::is_a(std::string_view type, std::string_view ancestor) const {
    for (const auto& link : lineage(type)) {
        if (link == ancestor) {
            return true;
        }
    }
    return false;
}

bool Schema::allows(const RelationType& relation, std::string_view from,
                    std::string_view to) const {
    auto fits = [this](const std::vector<std::string>& allowed, std::string_view type) {
        if (allowed.empty()) {
            return true;
        }
        for (const auto& candidate : allowed) {
            if (is_a(type, candidate)) {
                return true;
            }
        }
        return false;
    };
    if (fits(relation.from, from) && fits(relation.to, to)) {
        return true;
    }
    // An undirected tie may be written either way round.
    return !relation.directed && fits(relation.from, to) && fits(relation.to, from);
}

Style Schema::resolved_style(std::string_view entity_type) const {
    Style out;
    for (const auto& link : lineage(entity_type)) {
        const Style& style = find_entity_type(link)->style;
        if (out.shape.empty()) {
            out.shape = style.shape;
        }
        if (out.color.empty()) {
            out.color = style.color;
        }
        if (out.fillcolor.empty()) {
            out.fillcolor = style.fillcolor;
        }
        if (out.style.empty()) {
            out.style = style.style;
        }
    }
    return out;
}

const Wording& Schema::wording(const RelationType& type, std::string_view language) const {
    if (auto found = type.wordings.find(std::string(language)); found != type.wordings.end()) {
        return found->second;
    }
    return type.wording;
}

std::vector<Diagnostic> Schema::check() const {
    std::vector<Diagnostic> out;
    const auto type_ids = entity_type_ids();
    for (const auto& type : entity_types_) {
        if (!type.parent.empty() && find_entity_type(type.parent) == nullptr) {
            out.push_back(
                {Severity::Error, type.origin,
                 fmt::format("entity type '{}' has unknown parent '{}'", type.id, type.parent),
                 did_you_mean(type.parent, type_ids)});
        }
        std::set<std::string> seen;
        const EntityType* current = &type;
        while (current != nullptr && !current->parent.empty()) {
            if (!seen.insert(current->id).second) {
                out.push_back({Severity::Error, type.origin,
                               fmt::format("entity type '{}' is its own ancestor", type.id),
                               "remove one 'parent' of the cycle"});
                break;
            }
            current = find_entity_type(current->parent);
        }
    }
    for (const auto& relation : relation_types_) {
        for (const auto* list : {&relation.from, &relation.to}) {
            for (const auto& endpoint : *list) {
                if (find_entity_type(endpoint) == nullptr) {
                    out.push_back({Severity::Error, relation.origin,
                                   fmt::format("relation type '{}' names unknown entity type '{}'",
                                               relation.id, endpoint),
                                   did_you_mean(endpoint, type_ids)});
                }
            }
        }
    }
    return out;
}

} // namespace powermap::graph
