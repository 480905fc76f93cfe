// Bulk-import files for Neo4j: nodes.csv and relationships.csv with the header
// annotations `neo4j-admin database import` reads (:ID, :LABEL, :START_ID, :END_ID,
// :TYPE, typed columns such as amount:double and aliases:string[]), plus load.cypher, the
// same import as LOAD CSV statements for a running server.
#pragma once

#include <string>
#include <vector>

#include "graph/entity_graph.hpp"
#include "io/formats/csv_writer.hpp"

namespace powermap::io {

[[nodiscard]] std::vector<OutputFile> write_neo4j(const graph::EntityGraph& graph);

/// "holds_contract" -> "HOLDS_CONTRACT"; "company" -> "Company" (labels).
[[nodiscard]] std::string neo4j_relationship_type(std::string_view type);
[[nodiscard]] std::string neo4j_label(std::string_view type);

} // namespace powermap::io
