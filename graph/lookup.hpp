// Finding entities by what users type: an id, a name or an alias in any language, with or
// without case, diacritics, Arabic tashkeel, tatweel or hamza/alef/ya variants.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "graph/entity_graph.hpp"

namespace powermap::graph {

/// Folds text for matching (ICU inside): NFKD, drops combining marks (Latin accents,
/// Arabic tashkeel, hamza above/below), drops tatweel and bidi controls, folds alef
/// variants to ا, ى to ي, ة to ه, case-folds, and turns punctuation and runs of spaces
/// into one space. "Jacinta González" -> "jacinta gonzalez"; "إدارة" -> "اداره".
[[nodiscard]] std::string normalize_name(std::string_view text);

struct NameMatch {
    EntityIndex entity;
    std::string matched; ///< the id, name or alias that matched, as written in the map
    int score = 0;       ///< higher is better: 3 exact id, 2 exact name/alias, 1 partial
};

/// Every id, name and alias of every entity, normalised once.
class NameIndex {
public:
    explicit NameIndex(const EntityGraph& graph);

    /// Entities whose id, name or alias equals `text` after normalisation, best first.
    [[nodiscard]] std::vector<NameMatch> exact(std::string_view text) const;
    /// Entities whose normalised names contain the normalised `text` as whole words, or as a
    /// substring when no whole-word match exists; best first, ties by id.
    [[nodiscard]] std::vector<NameMatch> search(std::string_view text,
                                                std::size_t limit = 20) const;

private:
    struct Key {
        std::string folded;
        std::string original;
        EntityIndex entity;
        bool is_id;
    };
    const EntityGraph* graph_;
    std::vector<Key> keys_;
};

/// Resolves what a user typed to exactly one entity: an exact id first, then a unique
/// exact name or alias, then a unique partial match. Throws powermap::Error naming the
/// candidates when the text is ambiguous, or with a "did you mean" when nothing matches.
[[nodiscard]] EntityIndex resolve_entity(const EntityGraph& graph, const NameIndex& names,
                                         std::string_view text);

} // namespace powermap::graph
