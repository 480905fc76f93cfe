// How entities, ties and money read for people: names in a chosen language, relation
// wording, amounts such as "$6.8B". Shared by every writer and the CLI's tables.
#pragma once

#include <string>
#include <string_view>

#include "graph/entity_graph.hpp"

namespace powermap::io {

/// The entity's name in `language` ("en" = its main name), falling back to the main
/// name, then any name, then the id.
[[nodiscard]] std::string display_name(const graph::Entity& entity, std::string_view language);

/// "$6.8B", "$97.2M", "€50,000" style: currency symbol for USD/EUR/GBP, else the code.
/// A sum that overflowed (not finite) is "overflow USD", never "$infT".
[[nodiscard]] std::string format_amount(const graph::Amount& amount);

/// The relation's wording read from `from` to `to`, e.g. "hosts", or "is hosted by" when
/// `forward` is false. Uses `language` when the schema has it.
[[nodiscard]] std::string relation_wording(const graph::EntityGraph& graph,
                                           graph::RelationIndex relation, bool forward,
                                           std::string_view language);

/// "2019", "2019–2020", "until 2020", "" — a relation's dates for people.
[[nodiscard]] std::string format_period(const graph::Relation& relation);

} // namespace powermap::io
