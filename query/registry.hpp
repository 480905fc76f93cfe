// The table of queries: name, summary, parameters and the function that answers. The one
// place a query is added (a file in query/queries/ and a row in registry.cpp); the CLI's
// subcommands and their help, and later the server's routes, follow from it.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "query/answer.hpp"
#include "query/param.hpp"
#include "query/session.hpp"

namespace powermap::query {

/// Told now and then how long work is going: (what, unit, done, total), e.g.
/// ("betweenness", "sources", 1200, 50000). A front end may show a bar.
using Progress =
    std::function<void(std::string_view what, std::string_view unit, std::size_t, std::size_t)>;

/// One question asked: the map, the parameter values, and how to answer.
struct Request {
    Session& session;
    const Arguments& args;
    std::string lang = "en"; ///< language of the names shown: en or ar
    Parts parts;             ///< the parts of the answer to build
    Progress progress;       ///< empty: nobody is watching
};

struct QueryDef {
    /// "centrality": the CLI subcommand, later the route; "dedupe candidates": the query
    /// "candidates" of the group "dedupe" (see query_groups()).
    std::string name;
    std::string summary; ///< one paragraph for help
    /// The --format json document, in docs/json-output.md's notation: `{"key", "list":
    /// [shape]}` (the docs' table of commands is checked against these).
    std::string json_shape;
    std::vector<Param> params;
    bool tabular = true; ///< has a CSV form
    /// Answers about a map that has errors (validate reports them): front ends load the map
    /// without stopping at its problems and leave them to the query.
    bool map_errors_allowed = false;
    std::function<Answer(const Request&)> run;
};

/// Every query, in help order.
[[nodiscard]] const std::vector<QueryDef>& queries();
/// A family of queries under one word ("dedupe candidates", later "dedupe review").
struct QueryGroup {
    std::string name;
    std::string summary;
};
/// The groups the queries' two-word names use.
[[nodiscard]] const std::vector<QueryGroup>& query_groups();
/// The query named `name`, or nullptr.
[[nodiscard]] const QueryDef* find_query(std::string_view name);

/// Parameters and answer in one call, for front ends whose input is text pairs (a URL's
/// query string, Python keyword arguments): checks every value as the CLI does. Throws
/// powermap::Error for an unknown query or parameter, or a bad value.
[[nodiscard]] Answer ask(Session& session, std::string_view query,
                         const std::vector<std::pair<std::string, std::string>>& values,
                         std::string lang = "en", Parts parts = {});

} // namespace powermap::query
