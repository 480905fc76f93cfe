#include "io/diagrams/dot_writer.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "io/display/labels.hpp"

namespace powermap::io {

std::string label_escape(std::string_view text, bool record) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size(); ++pos) {
        const char c = text[pos];
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '\\':
            // Graphviz decodes character references before escapes, so "&#92;" would
            // become a backslash that escapes the next letter: "C:&#92;new" draws "C:" and
            // "ew". A doubled backslash is one backslash in every label.
            out += "\\\\";
            break;
        case '\r':
            if (pos + 1 < text.size() && text[pos + 1] == '\n') {
                break; // CR LF is one line break
            }
            out += "\\n";
            break;
        case '\n':
            out += "\\n";
            break;
        case '{':
        case '}':
        case '|':
        case '<':
        case '>':
        case ' ':
            // Record labels split fields at these and squeeze spaces; "\x" is the character.
            if (record) {
                out += '\\';
            }
            out += c;
            break;
        default:
            // Other control characters would end up in SVG/XML, where they are not allowed;
            // DOT cannot hold a NUL at all.
            if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
                out += ' ';
            } else {
                out += c;
            }
        }
    }
    return out;
}

std::string dot_quote(std::string_view value) {
    std::string out = "\"";
    for (std::size_t pos = 0; pos < value.size(); ++pos) {
        const char c = value[pos];
        if (c == '"') {
            out += "\\\"";
        } else if (c == '\\') {
            // cgraph's lexer reads backslashes in pairs: "\\" stays two, "\"" is a quote and
            // a backslash before a newline continues the line. So a run of backslashes is
            // written as it is, except that an odd run before a quote, a newline or the end
            // would swallow that character: its last backslash becomes a reference.
            std::size_t run = 1;
            while (pos + run < value.size() && value[pos + run] == '\\') {
                ++run;
            }
            const std::size_t after = pos + run;
            const bool swallows =
                after == value.size() || value[after] == '"' || value[after] == '\n';
            out.append(run - (run % 2 == 1 && swallows ? 1 : 0), '\\');
            if (run % 2 == 1 && swallows) {
                out += "&#92;";
            }
            pos = after - 1;
        } else if (c == '\0') {
            out += ' '; // DOT cannot hold a NUL (and our reader refuses one)
        } else {
            out += c;
        }
    }
    out += '"';
    return out;
}

namespace {

constexpr const char* faded_line = "#d4d4d4";
constexpr const char* faded_text = "#b0b0b0";
constexpr const char* faded_fill = "#f4f4f4";

/// The DOT name of an entity: its id when DOT can hold it verbatim, else a stable stand-in.
std::string node_name(const graph::Entity& entity, graph::EntityIndex index) {
    const bool safe =
        !entity.id.empty() && std::none_of(entity.id.begin(), entity.id.end(), [](char c) {
            return c == '\\' || static_cast<unsigned char>(c) < 0x20;
        });
    return safe ? entity.id.str() : fmt::format("entity{}", graph::to_underlying(index));
}

/// Record shapes parse their label into fields ('|', '{', '}', ports in '<>').
bool is_record(std::string_view shape) {
    return shape == "record" || shape == "Mrecord";
}

void put(DotAttrs& attrs, std::string key, std::string value) {
    if (!value.empty()) {
        attrs.emplace_back(std::move(key), std::move(value));
    }
}

std::string type_label(const graph::EntityType& type, const std::string& language) {
    if (auto found = type.labels.find(language); found != type.labels.end()) {
        return found->second;
    }
    return type.label.empty() ? type.id : type.label;
}

/// The tooltip of a tie: its wording, then each citation's quote.
std::string relation_tooltip(const graph::EntityGraph& graph, graph::RelationIndex handle,
                             const std::string& language) {
    const auto& relation = graph.relation(handle);
    std::string text =
        fmt::format("{} {} {}", display_name(graph.entity(relation.from_index), language),
                    relation_wording(graph, handle, true, language),
                    display_name(graph.entity(relation.to_index), language));
    for (const auto& citation : relation.sources) {
        if (!citation.quote.empty()) {
            text += fmt::format("\n\u201c{}\u201d ({})", citation.quote, citation.source);
        }
    }
    return text;
}

class DiagramBuilder {
public:
    DiagramBuilder(const graph::EntityGraph& graph, const DotOptions& options)
        : graph_(graph), options_(options), highlighting_(!options.highlight_entities.empty() ||
                                                          !options.highlight_relations.empty()) {}

    Diagram build() {
        const bool rtl = options_.language == "ar";
        const std::string font = rtl ? "Noto Sans Arabic" : "Noto Sans";
        diagram_.name = graph_.info().title.empty() ? "powermap" : graph_.info().title;
        put(diagram_.graph_attrs, "rankdir", rtl ? "RL" : "LR");
        put(diagram_.graph_attrs, "overlap", "false");
        put(diagram_.graph_attrs, "fontname", font);
        put(diagram_.graph_attrs, "charset", "UTF-8");
        if (!options_.layout.empty() && options_.layout != "dot") {
            put(diagram_.graph_attrs, "layout", options_.layout);
        }
        put(diagram_.node_defaults, "fontname", font);
        put(diagram_.node_defaults, "fontsize", "11");
        put(diagram_.edge_defaults, "fontname", font);
        put(diagram_.edge_defaults, "fontsize", "9");

        for (graph::EntityIndex index : graph_.entities_by_id()) {
            if (entity_drawn(index)) {
                add_node(index);
            }
        }
        for (std::uint32_t idx = 0; idx < graph_.relation_count(); ++idx) {
            const graph::RelationIndex handle{idx};
            if (relation_drawn(handle)) {
                add_edge(handle);
            }
        }
        if (options_.clusters) {
            add_clusters();
        }
        if (options_.legend && !types_drawn_.empty()) {
            add_legend();
        }
        if (options_.layout != "dot") {
            // dot draws splines by default; setting splines=true there with clusters makes
            // Graphviz 2.43 free memory twice when the layout is released. The other
            // engines route splines=true edges around every node through a visibility graph
            // of all node outline vertices (libpathplan, Pobsopen): V x V doubles from an
            // int product (it overflows past 46,340 vertices: 10,000 nodes are a SIGSEGV)
            // and time growing with V cubed (400 nodes, 2,000 ties: 155 s). Larger
            // diagrams get straight edges, Graphviz's own default for these engines.
            diagram_.straight_edges = diagram_.entities_drawn > max_routed_entities ||
                                      diagram_.relations_drawn > max_routed_relations;
            auto& attrs = diagram_.graph_attrs;
            const auto overlap = std::find_if(attrs.begin(), attrs.end(), [](const auto& attr) {
                return attr.first == "overlap";
            });
            attrs.emplace(overlap == attrs.end() ? attrs.end() : overlap + 1, "splines",
                          diagram_.straight_edges ? "false" : "true");
        }
        return std::move(diagram_);
    }

private:
    bool entity_drawn(graph::EntityIndex index) const {
        if (!options_.only_entities.empty() && options_.only_entities.count(index) == 0) {
            return false;
        }
        if (options_.only_highlighted && highlighting_ &&
            options_.highlight_entities.count(index) == 0) {
            return false;
        }
        if (options_.entity_types.empty()) {
            return true;
        }
        const auto& type = graph_.entity(index).type;
        return std::any_of(
            options_.entity_types.begin(), options_.entity_types.end(),
            [&](const std::string& wanted) { return graph_.schema().is_a(type, wanted); });
    }

    bool relation_drawn(graph::RelationIndex handle) const {
        const auto& relation = graph_.relation(handle);
        if (names_.count(relation.from_index) == 0 || names_.count(relation.to_index) == 0) {
            return false;
        }
        if (options_.only_highlighted && highlighting_ &&
            options_.highlight_relations.count(handle) == 0) {
            return false;
        }
        return options_.relation_types.empty() ||
               std::find(options_.relation_types.begin(), options_.relation_types.end(),
                         relation.type) != options_.relation_types.end();
    }

    void add_node(graph::EntityIndex index) {
        const auto& entity = graph_.entity(index);
        const auto& schema = graph_.schema();
        if (std::find(types_drawn_.begin(), types_drawn_.end(), entity.type) ==
            types_drawn_.end()) {
            types_drawn_.push_back(entity.type);
        }
        const graph::Style style = schema.resolved_style(entity.type);
        DiagramNode node;
        node.name = node_name(entity, index);
        names_.emplace(index, node.name);
        put(node.attrs, "id", fmt::format("n{}", graph::to_underlying(index)));
        put(node.attrs, "label",
            label_escape(display_name(entity, options_.language), is_record(style.shape)));
        put(node.attrs, "shape", style.shape);
        if (highlighting_ && options_.highlight_entities.count(index) == 0) {
            put(node.attrs, "color", faded_line);
            put(node.attrs, "fontcolor", faded_text);
            put(node.attrs, "fillcolor", faded_fill);
        } else {
            put(node.attrs, "color", style.color);
            put(node.attrs, "fillcolor", style.fillcolor);
            if (highlighting_) {
                put(node.attrs, "penwidth", "2.5");
            }
        }
        put(node.attrs, "style", style.style);
        put(node.attrs, "tooltip", label_escape(fmt::format("{} ({})", entity.id, entity.type)));
        diagram_.nodes.push_back(std::move(node));
        ++diagram_.entities_drawn;
    }

    void add_edge(graph::RelationIndex handle) {
        const auto& relation = graph_.relation(handle);
        const auto& type = graph_.relation_type(handle);
        std::string label = relation_wording(graph_, handle, true, options_.language);
        if (relation.amount) {
            label += "\n" + format_amount(*relation.amount);
        }
        DiagramEdge edge;
        edge.from = names_.at(relation.from_index);
        edge.to = names_.at(relation.to_index);
        put(edge.attrs, "id", fmt::format("r{}", graph::to_underlying(handle)));
        put(edge.attrs, "label", label_escape(label));
        // Supply ties (the target depends on the source) are solid, heavier and end in a
        // filled arrow; every other tie keeps its type's (dashed or dotted) line and an
        // open arrow, so a supply chain stands out at a glance.
        put(edge.attrs, "style", type.style.style);
        if (!type.directed) {
            put(edge.attrs, "dir", "none");
        } else {
            put(edge.attrs, "arrowhead", type.supply ? "normal" : "empty");
        }
        const bool faded = highlighting_ && options_.highlight_relations.count(handle) == 0;
        if (faded) {
            put(edge.attrs, "color", faded_line);
            put(edge.attrs, "fontcolor", faded_text);
        } else {
            put(edge.attrs, "color", type.style.color);
            if (highlighting_) {
                put(edge.attrs, "penwidth", "2.5");
            } else if (type.supply) {
                put(edge.attrs, "penwidth", "1.8");
            }
        }
        put(edge.attrs, "tooltip",
            label_escape(relation_tooltip(graph_, handle, options_.language)));
        diagram_.edges.push_back(std::move(edge));
        ++diagram_.relations_drawn;
    }

    /// part_of ties among drawn entities: child -> parent (the parent with the lowest id
    /// when there are several), and in a part_of cycle the link from the entity first by index
    /// dropped, so one box remains.
    void add_clusters() {
        std::map<graph::EntityIndex, graph::EntityIndex> parent_of;
        for (std::uint32_t idx = 0; idx < graph_.relation_count(); ++idx) {
            const graph::RelationIndex handle{idx};
            const auto& relation = graph_.relation(handle);
            if (relation.type != "part_of" || !relation_drawn(handle) ||
                relation.from_index == relation.to_index) {
                continue;
            }
            auto [slot, inserted] = parent_of.emplace(relation.from_index, relation.to_index);
            if (!inserted && graph_.entity(relation.to_index).id < graph_.entity(slot->second).id) {
                slot->second = relation.to_index;
            }
        }
        for (auto it = parent_of.begin(); it != parent_of.end();) {
            std::set<graph::EntityIndex> seen{it->first};
            bool cycle = false;
            for (auto up = parent_of.find(it->second); up != parent_of.end();
                 up = parent_of.find(up->second)) {
                if (!seen.insert(up->first).second || up->second == it->first) {
                    cycle = true;
                    break;
                }
            }
            it = cycle ? parent_of.erase(it) : std::next(it);
        }
        std::map<graph::EntityIndex, std::vector<graph::EntityIndex>> children;
        for (const auto& [child, parent] : parent_of) {
            children[parent].push_back(child);
        }
        for (auto& [parent, kids] : children) {
            std::sort(kids.begin(), kids.end(), [&](auto left, auto right) {
                return graph_.entity(left).id < graph_.entity(right).id;
            });
        }
        for (graph::EntityIndex index : graph_.entities_by_id()) {
            if (children.count(index) != 0 && parent_of.count(index) == 0) {
                diagram_.clusters.push_back(make_cluster(index, children));
            }
        }
    }

    DiagramCluster
    make_cluster(graph::EntityIndex root,
                 const std::map<graph::EntityIndex, std::vector<graph::EntityIndex>>& children) {
        DiagramCluster cluster;
        cluster.name = "cluster_" + names_.at(root);
        const graph::Style style = graph_.schema().resolved_style(graph_.entity(root).type);
        put(cluster.attrs, "label", "");
        put(cluster.attrs, "style", "rounded,dashed");
        put(cluster.attrs, "color", style.color.empty() ? "#999999" : style.color);
        cluster.nodes.push_back(names_.at(root));
        for (graph::EntityIndex kid : children.at(root)) {
            if (children.count(kid) != 0) {
                cluster.children.push_back(make_cluster(kid, children));
            } else {
                cluster.nodes.push_back(names_.at(kid));
            }
        }
        return cluster;
    }

    void add_legend() {
        const auto& schema = graph_.schema();
        const bool arabic = options_.language == "ar";
        DiagramCluster legend;
        legend.name = "cluster_legend";
        put(legend.attrs, "label", arabic ? "\u0645\u0641\u062a\u0627\u062d" : "Legend");
        put(legend.attrs, "style", "rounded");
        put(legend.attrs, "color", "#999999");
        // Schema order, so related types sit together (company after organization).
        for (const auto& type : schema.entity_types()) {
            if (std::find(types_drawn_.begin(), types_drawn_.end(), type.id) ==
                types_drawn_.end()) {
                continue;
            }
            const graph::Style style = schema.resolved_style(type.id);
            DiagramNode node;
            node.name = "legend:" + type.id;
            put(node.attrs, "label",
                label_escape(type_label(type, options_.language), is_record(style.shape)));
            put(node.attrs, "shape", style.shape);
            put(node.attrs, "color", style.color);
            put(node.attrs, "fillcolor", style.fillcolor);
            put(node.attrs, "style", style.style);
            legend.nodes.push_back(node.name);
            diagram_.nodes.push_back(std::move(node));
        }
        DiagramNode ties;
        ties.name = "legend:ties";
        put(ties.attrs, "label",
            label_escape(
                arabic ? "\u062e\u0637 \u0645\u062a\u0635\u0644 \u0633\u0645\u064a\u0643"
                         " \u2190 \u0639\u0644\u0627\u0642\u0629 \u0625\u0645\u062f\u0627\u062f\n"
                         "\u062e\u0637 \u0645\u062a\u0642\u0637\u0639 \u2190 "
                         "\u0639\u0644\u0627\u0642\u0629 \u0623\u062e\u0631\u0649"
                       : "solid heavy line, filled arrow: supply tie\n"
                         "dashed or dotted line, open arrow: other tie"));
        put(ties.attrs, "shape", "plaintext");
        legend.nodes.push_back(ties.name);
        diagram_.nodes.push_back(std::move(ties));
        diagram_.clusters.push_back(std::move(legend));
    }

    const graph::EntityGraph& graph_;
    const DotOptions& options_;
    bool highlighting_;
    Diagram diagram_;
    std::map<graph::EntityIndex, std::string> names_;
    std::vector<std::string> types_drawn_;
};

std::string attr_list(const DotAttrs& attrs) {
    std::string out;
    for (const auto& [key, value] : attrs) {
        if (!out.empty()) {
            out += ", ";
        }
        out += fmt::format("{}={}", key, dot_quote(value));
    }
    return out;
}

void write_cluster(std::string& out, const DiagramCluster& cluster, int depth) {
    const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
    out += fmt::format("{}subgraph {} {{\n", indent, dot_quote(cluster.name));
    if (!cluster.attrs.empty()) {
        out += fmt::format("{}  graph [{}];\n", indent, attr_list(cluster.attrs));
    }
    for (const auto& node : cluster.nodes) {
        out += fmt::format("{}  {};\n", indent, dot_quote(node));
    }
    for (const auto& child : cluster.children) {
        write_cluster(out, child, depth + 1);
    }
    out += fmt::format("{}}}\n", indent);
}

} // namespace

Diagram build_diagram(const graph::EntityGraph& graph, const DotOptions& options) {
    return DiagramBuilder(graph, options).build();
}

std::string write_dot(const Diagram& diagram) {
    std::string out = fmt::format("digraph {} {{\n", dot_quote(diagram.name));
    out += fmt::format("  graph [{}];\n", attr_list(diagram.graph_attrs));
    out += fmt::format("  node [{}];\n", attr_list(diagram.node_defaults));
    out += fmt::format("  edge [{}];\n", attr_list(diagram.edge_defaults));
    for (const auto& node : diagram.nodes) {
        out += fmt::format("  {} [{}];\n", dot_quote(node.name), attr_list(node.attrs));
    }
    for (const auto& cluster : diagram.clusters) {
        write_cluster(out, cluster, 1);
    }
    for (const auto& edge : diagram.edges) {
        out += fmt::format("  {} -> {} [{}];\n", dot_quote(edge.from), dot_quote(edge.to),
                           attr_list(edge.attrs));
    }
    out += "}\n";
    return out;
}

std::string write_dot(const graph::EntityGraph& graph, const DotOptions& options) {
    return write_dot(build_diagram(graph, options));
}

} // namespace powermap::io
