// Which ties and entities a query may use: relation types, supply ties only, the entity
// types a chain may pass through, entities avoided, validity at a date (and dated ties
// only). One type for every query, read from the same parameters everywhere.
#pragma once

#include <string>
#include <vector>

#include "query/answer.hpp"
#include "query/param.hpp"

#include "graph/algorithms/filters.hpp"
#include "graph/algorithms/grouping/roll_up.hpp"
#include "graph/algorithms/paths/paths.hpp"
#include "graph/entity_graph.hpp"

namespace powermap::query {

class Session;

struct Projection {
    std::vector<std::string> relation_types; ///< empty: every type
    bool supply_only = false;
    std::vector<std::string> through_types; ///< types (with subtypes) passed through; empty: all
    std::vector<graph::EntityIndex> avoid;
    graph::TimeFilter time;
    /// --roll-up: treat each subsidiary as its top parent.
    bool roll_up = false;

    /// The ties this projection keeps (relation types, supply, date) as a traversal mask.
    [[nodiscard]] graph::TraversalMask relation_mask(const graph::EntityGraph& graph) const;
    /// The same as path-search options (direction, weights and penalties left at defaults).
    [[nodiscard]] graph::PathOptions path_options() const;
};

/// The projection parameters a query takes; each has its standard name (--relations,
/// --supply, --through, --avoid, --as-of, --dated-only, --roll-up) and help text, which a query may
/// reword.
struct ProjectionParams {
    bool relations = false;
    bool supply = false;
    bool through = false;
    bool avoid = false;
    bool time = false;
    bool roll_up = false;
};

/// Appends the declarations of the parameters `which` names to `params`.
void add_projection_params(std::vector<Param>& params, ProjectionParams which);

/// Who owns whom over the subsidiary ties valid at the projection's date; notes on `answer`
/// each loop of subsidiary ties and each entity with several parents (both warnings).
[[nodiscard]] graph::RollUp read_roll_up(const graph::EntityGraph& graph,
                                         const Projection& projection, Answer& answer);

/// Reads the projection parameters `args` has (those the query did not declare stay at
/// their defaults): checks type names against the map's schema, resolves avoided entities,
/// parses the date. With a date it notes, on `answer`, what the date filter did. Throws
/// powermap::Error for an unknown type, entity or a malformed date.
[[nodiscard]] Projection read_projection(Session& session, const Arguments& args, Answer& answer);

} // namespace powermap::query
