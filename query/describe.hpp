// Words for entities, ties and citations, shared by show, path and the query commands.
#pragma once

#include <string>

#include "query/table.hpp"

#include "graph/entity_graph.hpp"
#include "graph/stats.hpp"
#include "io/native/json_output.hpp"

namespace powermap::query {

/// "Palantir Technologies (palantir)" in the chosen language.
[[nodiscard]] std::string entity_label(const graph::EntityGraph& graph, graph::EntityIndex entity,
                                       const std::string& lang);
/// "hosts", "is hosted by", plus " [prime contractor, $6.8B, 2019–2020]" when known.
[[nodiscard]] std::string tie_words(const graph::EntityGraph& graph, graph::RelationIndex relation,
                                    bool forward, const std::string& lang);
/// Lines "    [article] “quote” (note)" for each citation of a relation.
[[nodiscard]] std::string citation_lines(const graph::EntityGraph& graph,
                                         graph::RelationIndex relation, const std::string& indent);
/// A relation as a JSON object: id, from, to, type, wording, amount, dates, sources.
void relation_json(io::JsonOut& json, const graph::EntityGraph& graph,
                   graph::RelationIndex relation);
/// An entity as a short JSON object: id, type, name, names.
void entity_json(io::JsonOut& json, const graph::EntityGraph& graph, graph::EntityIndex entity);
/// An entity's details as members of the object being written: "names", "aliases",
/// "tags", "referents", "props" (each always present, maybe empty), as show writes them.
void entity_details_json(io::JsonOut& json, const graph::Entity& entity);

/// Entities and relations by type, supply types marked: the table stats and import print.
[[nodiscard]] Table type_count_table(const graph::EntityGraph& graph, const graph::MapStats& stats);
/// The same counts as "entities_by_type" and "relations_by_type" JSON members.
void type_count_json(io::JsonOut& json, const graph::MapStats& stats);

} // namespace powermap::query
