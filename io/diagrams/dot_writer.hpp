// Diagrams of a map: what to draw (a Diagram of nodes, edges and clusters with Graphviz
// attributes, built from the map and the schema's styles) and its DOT text. The same
// Diagram feeds io/diagrams/render (cgraph + gvc), so DOT files and pictures always agree.
#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "graph/entity_graph.hpp"

namespace powermap::io {

struct DotOptions {
    std::string language = "en"; ///< which names to draw; "ar" also lays out right to left
    /// Entity types to draw, subtypes included (empty = all).
    std::vector<std::string> entity_types;
    /// Relation types to draw (empty = all).
    std::vector<std::string> relation_types;
    /// When non-empty, only these entities (and the ties among them) are drawn.
    std::set<graph::EntityIndex> only_entities;
    /// Drawn bold; everything else is faded when either set is non-empty.
    std::set<graph::EntityIndex> highlight_entities;
    std::set<graph::RelationIndex> highlight_relations;
    /// Draw the highlighted answer alone instead of fading the rest.
    bool only_highlighted = false;
    /// A box listing the entity types drawn and the two kinds of tie.
    bool legend = false;
    /// Each organisation with the entities that are part of it as one cluster.
    bool clusters = false;
    /// Graphviz layout engine written into the graph ("dot" is left implicit).
    std::string layout = "dot";
};

/// Graphviz attributes in the order they are written.
using DotAttrs = std::vector<std::pair<std::string, std::string>>;

struct DiagramNode {
    std::string name; ///< the DOT node name (the entity id)
    DotAttrs attrs;
};

struct DiagramEdge {
    std::string from;
    std::string to;
    DotAttrs attrs;
};

struct DiagramCluster {
    std::string name; ///< starts with "cluster" so Graphviz draws a box
    DotAttrs attrs;
    std::vector<std::string> nodes;
    std::vector<DiagramCluster> children;
};

/// A whole diagram, independent of how it is written or rendered. Attribute values are
/// Graphviz strings: labels are already escaped (see label_escape).
struct Diagram {
    std::string name;
    DotAttrs graph_attrs;
    DotAttrs node_defaults;
    DotAttrs edge_defaults;
    std::vector<DiagramNode> nodes;
    std::vector<DiagramEdge> edges;
    std::vector<DiagramCluster> clusters;
    std::size_t entities_drawn = 0;
    std::size_t relations_drawn = 0;
    /// Edges drawn as straight lines, not routed around nodes: the diagram is larger than
    /// Graphviz's router takes (layouts other than dot; see max_routed_entities).
    bool straight_edges = false;
};

/// Layouts other than dot route edges around the nodes (splines=true) only up to this many
/// entities and ties drawn: the router's memory grows with the square of the nodes' outline
/// vertices and its time with their cube (100 entities and 500 ties take about 4 s).
inline constexpr std::size_t max_routed_entities = 100;
inline constexpr std::size_t max_routed_relations = 500;

/// Text as a Graphviz label shows it verbatim: '&' becomes "&amp;" (Graphviz decodes
/// character references in labels), a backslash becomes two (one once escapes are read),
/// a line break (LF, CR LF or CR) the "\n" escape, other control characters a space; so
/// no name can trigger "\N"-style substitutions, line breaks or character references. In
/// a `record` label, '{', '}', '|', '<', '>' and spaces are escaped as well, so a name
/// stays one field.
[[nodiscard]] std::string label_escape(std::string_view text, bool record = false);

/// A quoted DOT string holding `value` exactly as Graphviz's lexer reads it back, except
/// what DOT cannot say: a NUL becomes a space, and an odd backslash before a quote, a
/// newline or the end becomes "&#92;" (which labels decode to the same backslash).
[[nodiscard]] std::string dot_quote(std::string_view value);

/// What the options ask to draw, styled from the schema (subtypes inherit their parent's
/// look; supply ties solid and heavier, other ties in their type's line style).
[[nodiscard]] Diagram build_diagram(const graph::EntityGraph& graph, const DotOptions& options);

/// The DOT text of a diagram: deterministic, one statement per line.
[[nodiscard]] std::string write_dot(const Diagram& diagram);

[[nodiscard]] std::string write_dot(const graph::EntityGraph& graph,
                                    const DotOptions& options = {});

} // namespace powermap::io
