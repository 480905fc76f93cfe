// Entity resolution, step two: what a researcher decided about pairs of entities (the
// decisions file, judgements.jsonl) and the clusters of "same" entities those decisions
// make, checked for contradictions. Step three, merging a cluster into one entity, is the
// builder's (EntityGraphBuilder::merge_entities).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/diagnostics.hpp"

namespace powermap::graph {

enum class Verdict { Same, Different, Unsure };

/// "same", "different", "unsure".
[[nodiscard]] std::string_view verdict_name(Verdict verdict);
[[nodiscard]] std::optional<Verdict> parse_verdict(std::string_view text);

/// One line of a decisions file: the two entity ids as the maps wrote them, the verdict,
/// the score dedupe gave the pair when it was decided, who decided and when.
struct Decision {
    std::string a;
    std::string b;
    Verdict verdict = Verdict::Unsure;
    std::optional<double> score;
    std::string who;
    std::string when; ///< ISO 8601, e.g. "2026-12-01T19:40:00Z"
    std::string note;
    SourceLocation origin; ///< file and line (column 1) where it was read
};

struct DecisionClusters {
    /// Entities decided to be one, each cluster sorted by id, clusters sorted by their
    /// first id; only clusters of two or more.
    std::vector<std::vector<std::string>> same;
    /// Pairs decided to be different (a < b), in file order, latest decision per pair.
    std::vector<std::pair<std::string, std::string>> different;
    /// For each cluster in `same`, the decision lines that made it (to place its problems).
    std::vector<std::vector<SourceLocation>> same_origins;
    /// Contradictions: a "different" pair that "same" decisions join through other ids.
    std::vector<Diagnostic> problems;
};

/// The clusters the decisions make. The latest decision on a pair (in the order given)
/// replaces earlier ones, so a decisions file is kept append-only and a changed mind is a
/// new line. "same" is transitive (a = b and b = c put a, b, c in one cluster); "unsure"
/// decides nothing. A "different" pair inside one cluster is an error at its line, with the
/// chain of "same" decisions that joins it.
[[nodiscard]] DecisionClusters cluster_decisions(const std::vector<Decision>& decisions);

} // namespace powermap::graph
