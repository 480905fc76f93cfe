// Entity resolution, step one: pairs of entities that may be the same, ranked by a score
// with the evidence for it. Blocking keeps it far from quadratic: only entities that share
// a rare name token, or an identifier prop, are ever compared.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "graph/entity_graph.hpp"

namespace powermap::graph {

struct CandidateOptions {
    /// Pairs scoring below this are not returned.
    double min_score = 0.85;
    /// A name token shared by more entities than this is too common to pair them on.
    std::size_t block_limit = 100;
    /// Only entities of these types (subtypes included) are paired; empty: every type.
    std::vector<std::string> types;
    /// Props whose equal values make two entities the same (case-insensitive names; a prop
    /// named "recipient_uei" counts as "uei"). Empty: identifiers are not used.
    std::vector<std::string> identifiers = {"uei", "duns", "lei",      "cage",         "ein",
                                            "cik", "ocid", "wikidata", "littlesis_id", "ftm_id"};
};

/// One piece of evidence: "name" 0.92 ("deloitte consulting" = "deloitte consulting"), "identifier"
/// 1 (uei ABC123), "type", "neighbours", "tied", "sources", "script".
struct CandidateFeature {
    std::string name;
    double value = 0;   ///< the feature's own measure (similarity, count, 0/1)
    std::string detail; ///< for people: what agreed or differed
};

struct Candidate {
    EntityIndex left{};
    EntityIndex right{}; ///< left's id sorts before right's
    double score = 0;    ///< 0..1
    std::vector<CandidateFeature> features;
};

/// "likely same" (score >= 0.9), "unsure" (>= 0.75) or "unlikely".
[[nodiscard]] std::string_view candidate_verdict(double score);

/// Pairs that may be the same entity scoring at least min_score, best first (ties by ids).
/// Sets `*considered` to the number of pairs compared, when given.
[[nodiscard]] std::vector<Candidate> dedupe_candidates(const EntityGraph& graph,
                                                       const CandidateOptions& options,
                                                       std::size_t* considered = nullptr);

/// A name's comparable tokens: normalised (normalize_name), runs of single letters joined
/// ("l l c" -> "llc"), legal forms at the end dropped ("Deloitte Consulting LLP" ->
/// {"deloitte", "consulting"}), and a leading "the".
[[nodiscard]] std::vector<std::string> name_tokens(std::string_view name);

/// Jaro-Winkler similarity of two strings (bytes), 0..1 (prefix scale 0.1, up to 4).
[[nodiscard]] double jaro_winkler(std::string_view left, std::string_view right);

} // namespace powermap::graph
