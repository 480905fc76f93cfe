// Which part of the map a diagram shows (render, export --to html): one entity's
// neighbourhood, a highlighted path or supply chains, entity and relation types. The
// front ends bind the options; the view is chosen here, once, like any other answer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "graph/entity_graph.hpp"
#include "io/diagrams/dot_writer.hpp"

namespace powermap::query {

class Session;

struct DiagramRequest {
    std::string focus;             ///< draw only this entity's neighbourhood
    std::size_t depth = 1;         ///< how many ties out from `focus`
    std::vector<std::string> path; ///< FROM TO: highlight the shortest chain between them
    std::string underpin;          ///< vendor selector: highlight its supply chains
    std::string targets = "type=system,type=agency"; ///< the underpin targets' selector
    std::vector<std::string> types;                  ///< entity types drawn (subtypes too)
    std::vector<std::string> relations;              ///< relation types drawn and walked
    bool only = false;                               ///< draw the highlighted answer alone
    bool legend = false;
    bool clusters = false;
};

struct DiagramView {
    io::DotOptions options;
    /// The highlighted path's entities in order (FROM first), for a caption.
    std::vector<graph::EntityIndex> path;
    /// Why there is nothing to highlight ("no path from … to …"): the front end's exit 1.
    std::optional<std::string> empty;
};

/// The view `request` asks for, in `lang`. Throws powermap::Error for unknown types or
/// entities, or --path with --underpin.
[[nodiscard]] DiagramView diagram_view(Session& session, const DiagramRequest& request,
                                       const std::string& lang);

} // namespace powermap::query
