// dedupe candidates: pairs of entities that may be the same, with the evidence for each.
#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <sstream>

#include "query/chains.hpp"
#include "query/describe.hpp"
#include "query/registry.hpp"
#include "query/review.hpp"
#include <fmt/format.h>

#include "graph/algorithms/resolution/candidates.hpp"
#include "io/display/labels.hpp"
#include "io/native/json_output.hpp"

namespace powermap::query {

namespace {

/// Scores are shown with two decimals in text, three in CSV and JSON.
double rounded(double score) {
    return std::round(score * 1000) / 1000;
}

std::string evidence(const graph::Candidate& candidate) {
    std::string out;
    for (const auto& feature : candidate.features) {
        out += (out.empty() ? "" : "; ") + feature.name + ": " + feature.detail;
    }
    return out;
}

Answer run_dedupe_candidates(const Request& request) {
    Answer answer;
    Session& session = request.session;
    const Arguments& args = request.args;
    const auto& graph = session.graph();
    const graph::CandidateOptions options = candidate_options(graph, args);
    std::size_t considered = 0;
    auto all = graph::dedupe_candidates(graph, options, &considered);
    // Pairs the decisions file (--judgements) already decides are not offered again.
    const std::size_t decided_out = leave_out_decided(graph, all, session.loaded().decisions);
    if (decided_out != 0 && !all.empty()) {
        answer.about.push_back(fmt::format("{} pair{} already decided in {} left out", decided_out,
                                           decided_out == 1 ? "" : "s",
                                           session.options().judgements));
    }
    const std::size_t top = args.count("--top");
    const std::size_t shown = top == 0 ? all.size() : std::min<std::size_t>(top, all.size());
    const std::span<const graph::Candidate> pairs(all.data(), shown);
    const auto& lang = request.lang;
    if (shown < all.size()) {
        answer.about.push_back(fmt::format(
            "showing the best {} of {} pairs scoring {} or more; --top 0 lists them all", shown,
            all.size(), options.min_score));
    }
    if (request.parts.json) {
        io::JsonOut json;
        json.begin_object();
        json.key("compared").integer(static_cast<std::int64_t>(considered));
        json.key("found").integer(static_cast<std::int64_t>(all.size()));
        json.key("min_score").number(options.min_score);
        json.key("pairs").begin_array();
        for (const auto& pair : pairs) {
            json.begin_object();
            json.key("score").number(rounded(pair.score));
            json.key("verdict").string(graph::candidate_verdict(pair.score));
            json.key("left");
            entity_json(json, graph, pair.left);
            json.key("right");
            entity_json(json, graph, pair.right);
            json.key("features").begin_array();
            for (const auto& feature : pair.features) {
                json.begin_object();
                json.key("name").string(feature.name);
                json.key("value").number(rounded(feature.value));
                json.key("detail").string(feature.detail);
                json.end_object();
            }
            json.end_array();
            json.end_object();
        }
        json.end_array();
        json.end_object();
        answer.json = json.str();
    }
    if (all.empty()) {
        answer.empty =
            fmt::format("no pair of entities scores {} or more ({} pair{} compared{})",
                        options.min_score, considered, considered == 1 ? "" : "s",
                        decided_out == 0 ? "" : fmt::format(", {} already decided", decided_out));
        return answer;
    }
    for (const bool csv : {false, true}) {
        if (!(csv ? request.parts.csv : request.parts.text)) {
            continue;
        }
        Table table = csv ? Table({"score", "verdict", "left_id", "left_type", "left_name",
                                   "right_id", "right_type", "right_name", "evidence"})
                          : Table({"score", "verdict", "left", "right", "evidence"});
        for (const auto& pair : pairs) {
            const auto& left = graph.entity(pair.left);
            const auto& right = graph.entity(pair.right);
            if (csv) {
                table.add_row({fmt::format("{}", rounded(pair.score)),
                               std::string(graph::candidate_verdict(pair.score)), left.id,
                               left.type, io::display_name(left, lang), right.id, right.type,
                               io::display_name(right, lang), evidence(pair)});
            } else {
                table.add_row({fmt::format("{:.2f}", pair.score),
                               std::string(graph::candidate_verdict(pair.score)),
                               entity_label(graph, pair.left, lang),
                               entity_label(graph, pair.right, lang), evidence(pair)});
            }
        }
        keep_table(answer, std::move(table), csv);
    }
    return answer;
}

} // namespace

QueryDef dedupe_candidates_query() {
    return {
        .name = "dedupe candidates",
        .summary = "Pairs of entities that may be the same, across every loaded map, best "
                   "first: names compared word by word (legal forms such as LLC or INC. "
                   "dropped) and letter by letter, equal identifiers, types, shared "
                   "neighbours and sources; each pair with its evidence",
        .json_shape =
            R"(`{"compared", "found", "min_score", "pairs": [{"score", "verdict", "left": entity, "right": entity, "features": [{"name", "value", "detail"}]}]}`)",
        .params = candidate_params("50"),
        .tabular = true,
        .run = run_dedupe_candidates};
}

} // namespace powermap::query
