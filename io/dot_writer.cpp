#include "io/dot_writer.hpp"

#include <fmt/format.h>

#include "io/labels.hpp"

namespace powermap::io {

std::string dot_quote(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            break;
        default:
            out += c;
        }
    }
    out += '"';
    return out;
}

namespace {
std::string attr(std::string_view key, std::string_view value) {
    return fmt::format("{}={}", key, dot_quote(value));
}
} // namespace

std::string write_dot(const graph::EntityGraph& graph, const DotOptions& options) {
    const auto& schema = graph.schema();
    const bool highlighting =
        !options.highlight_entities.empty() || !options.highlight_relations.empty();
    const bool rtl = options.language == "ar";
    std::string out;
    out += fmt::format("digraph {} {{\n", dot_quote(graph.info().title.empty() ? "powermap" : graph.info().title));
    out += "  graph [rankdir=LR, overlap=false, splines=true, fontname=\"Noto Sans\"";
    if (rtl) {
        out += ", charset=\"UTF-8\"";
    }
    out += "];\n";
    out += "  node [fontname=\"Noto Sans\", fontsize=11];\n";
    out += "  edge [fontname=\"Noto Sans\", fontsize=9];\n";
    auto drawn = [&](graph::EntityIndex index) {
        return options.only_entities.empty() || options.only_entities.count(index) != 0;
    };
    std::set<std::string> types_drawn;
    for (graph::EntityIndex index : graph.entities_by_id()) {
        if (!drawn(index)) {
            continue;
        }
        const auto& entity = graph.entity(index);
        types_drawn.insert(entity.type);
        const graph::Style style = schema.resolved_style(entity.type);
        std::vector<std::string> attrs{attr("label", display_name(entity, options.language))};
        if (!style.shape.empty()) {
            attrs.push_back(attr("shape", style.shape));
        }
        std::string look = style.style;
        if (highlighting && options.highlight_entities.count(index) == 0) {
            attrs.push_back(attr("color", "#cccccc"));
            attrs.push_back(attr("fontcolor", "#aaaaaa"));
            attrs.push_back(attr("fillcolor", "#f5f5f5"));
        } else {
            if (!style.color.empty()) {
                attrs.push_back(attr("color", style.color));
            }
            if (!style.fillcolor.empty()) {
                attrs.push_back(attr("fillcolor", style.fillcolor));
            }
            if (highlighting) {
                attrs.push_back(attr("penwidth", "2.5"));
            }
        }
        if (!look.empty()) {
            attrs.push_back(attr("style", look));
        }
        attrs.push_back(attr("tooltip", fmt::format("{} ({})", entity.id, entity.type)));
        out += fmt::format("  {} [{}];\n", dot_quote(entity.id), fmt::join(attrs, ", "));
    }
    for (std::size_t idx = 0; idx < graph.relation_count(); ++idx) {
        const graph::RelationIndex handle{static_cast<std::uint32_t>(idx)};
        const auto& relation = graph.relation(handle);
        if (!drawn(relation.from_index) || !drawn(relation.to_index)) {
            continue;
        }
        const auto& type = graph.relation_type(handle);
        std::string label = relation_wording(graph, handle, true, options.language);
        if (relation.amount) {
            label += "\n" + format_amount(*relation.amount);
        }
        std::vector<std::string> attrs{attr("label", label)};
        if (!type.style.style.empty()) {
            attrs.push_back(attr("style", type.style.style));
        }
        if (!type.directed) {
            attrs.push_back(attr("dir", "none"));
        }
        if (highlighting && options.highlight_relations.count(handle) == 0) {
            attrs.push_back(attr("color", "#dddddd"));
            attrs.push_back(attr("fontcolor", "#bbbbbb"));
        } else {
            if (!type.style.color.empty()) {
                attrs.push_back(attr("color", type.style.color));
            }
            if (highlighting) {
                attrs.push_back(attr("penwidth", "2.5"));
            } else if (type.supply) {
                attrs.push_back(attr("penwidth", "1.6"));
            }
        }
        out += fmt::format("  {} -> {} [{}];\n", dot_quote(relation.from), dot_quote(relation.to),
                           fmt::join(attrs, ", "));
    }
    if (options.legend && !types_drawn.empty()) {
        out += "  subgraph cluster_legend {\n    label=\"Legend\";\n";
        for (const auto& type_id : types_drawn) {
            const auto* type = schema.find_entity_type(type_id);
            const graph::Style style = schema.resolved_style(type_id);
            std::string label = type->label;
            if (auto found = type->labels.find(options.language); found != type->labels.end()) {
                label = found->second;
            }
            out += fmt::format("    {} [{}, {}, {}, {}, {}];\n", dot_quote("legend:" + type_id),
                               attr("label", label), attr("shape", style.shape),
                               attr("color", style.color), attr("fillcolor", style.fillcolor),
                               attr("style", style.style));
        }
        out += "  }\n";
    }
    out += "}\n";
    return out;
}

} // namespace powermap::io
