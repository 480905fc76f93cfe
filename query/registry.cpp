#include "query/registry.hpp"

#include <fmt/format.h>

namespace powermap::query {

// One row per query: its declaration here, its definition in query/queries/<name>.cpp.
QueryDef validate_query();
QueryDef stats_query();
QueryDef show_query();
QueryDef find_entities_query(); // "find" (find_query() is the lookup below)
QueryDef path_query();
QueryDef underpin_query();
QueryDef impact_query();
QueryDef cut_query();
QueryDef centrality_query();
QueryDef neighbors_query();
QueryDef components_query();
QueryDef totals_query();
QueryDef dedupe_candidates_query();
QueryDef dedupe_apply_query();

const std::vector<QueryDef>& queries() {
    static const std::vector<QueryDef> table = [] {
        std::vector<QueryDef> rows;
        for (auto* row :
             {validate_query, stats_query, show_query, find_entities_query, path_query,
              underpin_query, impact_query, cut_query, centrality_query, neighbors_query,
              components_query, totals_query, dedupe_candidates_query, dedupe_apply_query}) {
            rows.push_back(row());
        }
        return rows;
    }();
    return table;
}

const std::vector<QueryGroup>& query_groups() {
    static const std::vector<QueryGroup> groups = {
        {"dedupe",
         "Entity resolution: which entities may be the same (dedupe candidates), deciding "
         "those pairs one by one into a decisions file (dedupe review), and what the "
         "decisions merge (dedupe apply)"},
    };
    return groups;
}

const QueryDef* find_query(std::string_view name) {
    for (const auto& query : queries()) {
        if (query.name == name) {
            return &query;
        }
    }
    return nullptr;
}

Answer ask(Session& session, std::string_view query,
           const std::vector<std::pair<std::string, std::string>>& values, std::string lang,
           Parts parts) {
    const QueryDef* def = find_query(query);
    if (def == nullptr) {
        std::vector<std::string> known;
        for (const auto& row : queries()) {
            known.push_back(row.name);
        }
        throw Error(fmt::format("unknown query '{}'", query), did_you_mean(query, known));
    }
    Arguments args(def->params);
    for (const auto& [name, text] : values) {
        args.set(name, text);
    }
    args.check();
    return def->run(Request{session, args, std::move(lang), parts, {}});
}

} // namespace powermap::query
