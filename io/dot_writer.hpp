// DOT text for a map or a part of it: one shape and colour per entity type (from the
// schema), edge labels with the relation wording and amounts, optional highlighting.
#pragma once

#include <set>
#include <string>

#include "graph/entity_graph.hpp"

namespace powermap::io {

struct DotOptions {
    std::string language = "en"; ///< which names to draw
    /// When non-empty, only these entities (and the ties among them) are drawn.
    std::set<graph::EntityIndex> only_entities;
    /// Drawn bold; everything else is faded when either set is non-empty.
    std::set<graph::EntityIndex> highlight_entities;
    std::set<graph::RelationIndex> highlight_relations;
    bool legend = false;
};

/// A quoted DOT string: backslashes, quotes and newlines escaped so no name can break the
/// file (a label's "\n" becomes a line break, as Graphviz reads it).
[[nodiscard]] std::string dot_quote(std::string_view text);

[[nodiscard]] std::string write_dot(const graph::EntityGraph& graph, const DotOptions& options = {});

} // namespace powermap::io
