// What `dedupe candidates` and `dedupe review` share: the candidate parameters and the
// options they make, and the review of those pairs against a decisions file (which pairs
// are still to decide, each pair side by side as text, the review page's data).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "query/param.hpp"

#include "graph/algorithms/resolution/candidates.hpp"
#include "graph/algorithms/resolution/decisions.hpp"
#include "graph/entity_graph.hpp"

namespace powermap::query {

/// --min-score, --top, --type, --identifiers, declared once for both commands; `top_default`
/// is "50" for candidates and "2000" (one page's worth) for review.
[[nodiscard]] std::vector<Param> candidate_params(std::string_view top_default);

/// The options those parameters ask for, checked against the map's schema (an unknown
/// --type is an error with a hint). Without --type: the actor types the schema has.
[[nodiscard]] graph::CandidateOptions candidate_options(const graph::EntityGraph& graph,
                                                        const Arguments& args);

/// The pairs a review shows: the candidates not yet decided, best first.
struct ReviewSet {
    std::vector<graph::Candidate> pairs; ///< to decide, best first, at most --top
    double min_score = 0;
    std::size_t considered = 0; ///< pairs compared
    std::size_t found = 0;      ///< candidates scoring min_score or more
    std::size_t judged = 0;     ///< left out: the decisions file answers the pair
    std::size_t beyond_top = 0; ///< left out by --top
};

/// Removes from `pairs` those a decision answers (same, different or unsure, either order),
/// by entity: with the decisions merged at load (--judgements), an id merged away names the
/// entity it joined, so a decision on any members of two clusters answers the clusters'
/// pair. Returns how many were removed.
std::size_t leave_out_decided(const graph::EntityGraph& graph, std::vector<graph::Candidate>& pairs,
                              const std::vector<graph::Decision>& decisions);

/// The candidates for `args` (candidate_params) less the pairs `decisions` answer
/// (leave_out_decided); --top counts the pairs left, so each run offers the next ones.
[[nodiscard]] ReviewSet review_set(const graph::EntityGraph& graph, const Arguments& args,
                                   const std::vector<graph::Decision>& decisions);

/// Sentences for people about what the review left out ("12 pairs already judged in
/// 'judgements.jsonl' are left out"); none when nothing was.
[[nodiscard]] std::vector<std::string> review_notes(const ReviewSet& set,
                                                    std::string_view judgements_file);

/// The decision on `pair` as the decisions file records it: a and b are the pair's ids
/// (a's sorts first), its score, who and when.
[[nodiscard]] graph::Decision review_decision(const graph::EntityGraph& graph,
                                              const graph::Candidate& pair, graph::Verdict verdict,
                                              std::string who, std::string when);

/// One pair for a terminal: a heading with the score and its evidence, then the two
/// entities side by side (names, type, aliases, props, ties with their quotes), `width`
/// columns wide in all.
[[nodiscard]] std::string pair_text(const graph::EntityGraph& graph, const graph::Candidate& pair,
                                    const std::string& lang, std::size_t position,
                                    std::size_t total, std::size_t width = 120);

/// The review page's data as one JSON document: the pairs (score, evidence), each entity of
/// a pair once with its names, props and ties (at most `max_ties` each, with citations),
/// the other ends of those ties by name, the cited sources' titles, and `notes`.
struct ReviewPageOptions {
    std::string lang = "en";
    std::string who;             ///< the reviewer's name, offered in the page (may be empty)
    std::string judgements_file; ///< shown in the page as where the lines go
    std::vector<std::string> notes;
    std::size_t max_ties = 200;
};
[[nodiscard]] std::string review_page_data(const graph::EntityGraph& graph, const ReviewSet& set,
                                           const ReviewPageOptions& options);

} // namespace powermap::query
