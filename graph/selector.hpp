// Selectors: how users name a set of entities on the command line. `type=company`
// (subtypes included), `tag=enforcement`, `id=ice`, or a plain name resolved like any
// entity argument; comma-joined parts are a union.
#pragma once

#include <string_view>
#include <vector>

#include "graph/lookup.hpp"

namespace powermap::graph {

/// The entities `selector` names, sorted by id, without duplicates. Throws powermap::Error
/// (exit 2) when a part is malformed, names an unknown type, or matches nothing; the hint
/// lists what exists (types, tags, or near names).
[[nodiscard]] std::vector<EntityIndex>
select_entities(const EntityGraph& graph, const NameIndex& names, std::string_view selector);

} // namespace powermap::graph
