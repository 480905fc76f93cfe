// One self-contained interactive HTML page for a map: the diagram rendered to SVG by gvc,
// inline, plus the map's data as JSON. Clicking an entity shows its card (names, ties,
// sources with quotes); the search box finds names in any language; hovering a tie shows
// its citation; the drawing pans and zooms. Nothing is fetched from the network, and every
// string from the map reaches the page as text, never as markup.
#pragma once

#include <string>
#include <vector>

#include "graph/entity_graph.hpp"
#include "io/diagrams/dot_writer.hpp"

namespace powermap::io {

struct HtmlOptions {
    /// What the drawing shows (language, highlighted answer, filters).
    DotOptions view;
    /// A highlighted path, in order, for the page's caption (empty when there is none).
    std::vector<graph::EntityIndex> path;
    std::string layout = "dot";
};

/// The page. Throws powermap::Error when Graphviz cannot render the diagram.
[[nodiscard]] std::string write_html(const graph::EntityGraph& graph, const HtmlOptions& options);

/// `json` made safe inside an HTML <script> element: '<', '>', '&', U+2028 and U+2029
/// become \u escapes (so "</script>" or "<!--" in a name cannot end the element).
[[nodiscard]] std::string json_for_script(std::string_view json);

} // namespace powermap::io
