#include "query/registry.hpp"

#include <fmt/format.h>

namespace powermap::query {

// One row per query: its declaration here, its definition in query/queries/<name>.cpp.
QueryDef validate_query();
QueryDef underpin_query();
QueryDef impact_query();
QueryDef cut_query();
QueryDef centrality_query();
QueryDef totals_query();

const std::vector<QueryDef>& queries() {
    static const std::vector<QueryDef> table = [] {
        std::vector<QueryDef> rows;
        rows.push_back(validate_query());
        rows.push_back(underpin_query());
        rows.push_back(impact_query());
        rows.push_back(cut_query());
        rows.push_back(centrality_query());
        rows.push_back(totals_query());
        return rows;
    }();
    return table;
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
