#include "graph/algorithms/resolution/candidates.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include "graph/lookup.hpp"

namespace powermap::graph {

namespace {

/// Legal forms dropped from the end of a name: "Deloitte Consulting LLP" and "Deloitte
/// Consulting" name the same firm as far as the words go.
constexpr std::array<std::string_view, 32> legal_forms = {
    "ab",          "ag",   "as",        "bv",           "co",   "company", "corp",
    "corporation", "gmbh", "inc",       "incorporated", "lc",   "limited", "llc",
    "lllp",        "llp",  "lp",        "ltd",          "nv",   "oy",      "pc",
    "plc",         "pllc", "pty",       "sa",           "sarl", "sas",     "spa",
    "srl",         "ulc",  "liability", "partnership"}; // "limited liability company", "limited
                                                        // partnership"

/// Notes of tenure that employers carry in people's records ("United States Army
/// (Retired)", "Former DoD"): not part of the name.
constexpr std::array<std::string_view, 4> tenure_notes = {"former", "formerly", "retired", "ret"};

/// Words that say nothing about which entity is meant ("County of Sherburne").
constexpr std::array<std::string_view, 3> filler_words = {"and", "of", "the"};

template <std::size_t N>
bool is_one_of(const std::array<std::string_view, N>& words, std::string_view token) {
    return std::find(words.begin(), words.end(), token) != words.end();
}

bool is_number(std::string_view token) {
    return !token.empty() &&
           std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_legal_form(std::string_view token) {
    return std::find(legal_forms.begin(), legal_forms.end(), token) != legal_forms.end();
}

bool is_single_letter(std::string_view token) {
    return token.size() == 1 && token[0] >= 'a' && token[0] <= 'z';
}

std::vector<std::string> split_words(std::string_view folded) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < folded.size()) {
        const std::size_t end = std::min(folded.find(' ', start), folded.size());
        if (end > start) {
            words.emplace_back(folded.substr(start, end - start));
        }
        start = end + 1;
    }
    return words;
}

/// One way of writing an entity's name, ready to compare.
struct NameForm {
    std::vector<std::string> tokens;
    std::string joined;          ///< tokens joined by one space (for Jaro-Winkler)
    std::string sorted;          ///< the same with the tokens sorted (word order ignored)
    std::string compact;         ///< tokens joined without spaces ("cap gemini" = "capgemini")
    std::vector<double> weights; ///< each token's IDF weight, log(1 + N / frequency)
    bool transliterated = false; ///< made by ICU from another script
    std::string_view written;    ///< the name as the map writes it
};

struct Prepared {
    std::vector<NameForm> names;
    bool allowed = false;
};

/// Any-Latin; Latin-ASCII, for names in other scripts ("بالانتير" -> "balantyr").
class Transliterator {
public:
    Transliterator() {
        UErrorCode status = U_ZERO_ERROR;
        icu_.reset(
            icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
        if (U_FAILURE(status)) {
            icu_.reset();
        }
    }
    [[nodiscard]] std::string operator()(std::string_view text) const {
        if (!icu_) {
            return {};
        }
        icu::UnicodeString value = icu::UnicodeString::fromUTF8(
            icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
        icu_->transliterate(value);
        std::string out;
        value.toUTF8String(out);
        return out;
    }

private:
    std::unique_ptr<icu::Transliterator> icu_;
};

bool has_non_ascii(std::string_view text) {
    return std::any_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

NameForm make_form(std::vector<std::string> tokens, bool transliterated, std::string_view written) {
    NameForm form;
    for (const auto& token : tokens) {
        if (!form.joined.empty()) {
            form.joined += ' ';
        }
        form.joined += token;
    }
    for (const auto& token : tokens) {
        form.compact += token;
    }
    form.tokens = std::move(tokens);
    std::sort(form.tokens.begin(), form.tokens.end());
    for (const auto& token : form.tokens) {
        form.sorted += (form.sorted.empty() ? "" : " ") + token;
    }
    form.tokens.erase(std::unique(form.tokens.begin(), form.tokens.end()), form.tokens.end());
    form.transliterated = transliterated;
    form.written = written;
    return form;
}

void add_name(Prepared& prepared, std::string_view written, const Transliterator& latin) {
    auto tokens = name_tokens(written);
    if (tokens.empty()) {
        return;
    }
    const bool other_script = std::any_of(tokens.begin(), tokens.end(), has_non_ascii);
    prepared.names.push_back(make_form(std::move(tokens), false, written));
    if (other_script) {
        auto latin_tokens = name_tokens(latin(written));
        if (!latin_tokens.empty() &&
            !std::any_of(latin_tokens.begin(), latin_tokens.end(), has_non_ascii)) {
            prepared.names.push_back(make_form(std::move(latin_tokens), true, written));
        }
    }
}

/// The identifier family of a prop name ("recipient_uei" -> "uei"), or "" when it is none.
std::string identifier_family(std::string_view key, const std::vector<std::string>& families) {
    std::string lower(key);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const auto& family : families) {
        if (lower == family || (lower.size() > family.size() + 1 && lower.ends_with(family) &&
                                lower[lower.size() - family.size() - 1] == '_')) {
            return family;
        }
    }
    return {};
}

struct NameScore {
    double score = 0;
    double tokens = 0; ///< IDF-weighted token overlap
    double jaro = 0;
    const NameForm* left = nullptr;
    const NameForm* right = nullptr;
};

} // namespace

std::vector<std::string> name_tokens(std::string_view name) {
    std::vector<std::string> words;
    for (auto& word : split_words(normalize_name(name))) {
        // "Streicher's" folds to "streicher s": the possessive joins its word.
        if (word == "s" && !words.empty() && words.back().size() > 1) {
            words.back() += 's';
            continue;
        }
        words.push_back(std::move(word));
    }
    std::vector<std::string> tokens;
    for (std::size_t idx = 0; idx < words.size();) {
        // "l l c" -> "llc", "u s" -> "us": letters spelled out with dots or spaces.
        std::size_t end = idx;
        while (end < words.size() && is_single_letter(words[end])) {
            ++end;
        }
        if (end - idx >= 2) {
            std::string joined;
            for (std::size_t letter = idx; letter < end; ++letter) {
                joined += words[letter];
            }
            tokens.push_back(std::move(joined));
            idx = end;
            continue;
        }
        tokens.push_back(words[idx]);
        ++idx;
    }
    while (tokens.size() > 1 &&
           (tokens.front() == "the" || is_one_of(tenure_notes, tokens.front()))) {
        tokens.erase(tokens.begin());
    }
    // From the end: legal forms, tenure notes and the numbers USAspending appends
    // ("3M COMPANY (7775)", "FASTENAL COMPANY (8415) 3928").
    while (tokens.size() > 1 &&
           (is_legal_form(tokens.back()) || is_one_of(tenure_notes, tokens.back()) ||
            is_number(tokens.back()))) {
        tokens.pop_back();
    }
    if (tokens.size() > 1) {
        std::vector<std::string> kept;
        for (auto& token : tokens) {
            if (!is_one_of(filler_words, token)) {
                kept.push_back(std::move(token));
            }
        }
        if (!kept.empty()) {
            tokens = std::move(kept);
        }
    }
    return tokens;
}

double jaro_winkler(std::string_view left, std::string_view right) {
    if (left.empty() && right.empty()) {
        return 1;
    }
    if (left.empty() || right.empty()) {
        return 0;
    }
    const std::size_t window =
        std::max<std::size_t>(std::max(left.size(), right.size()) / 2, 1) - 1;
    // Names are short: flags on the stack, a heap buffer only past 128 bytes.
    std::array<char, 256> small{};
    std::vector<char> large;
    char* left_matched = small.data();
    if (left.size() + right.size() > small.size()) {
        large.assign(left.size() + right.size(), 0);
        left_matched = large.data();
    }
    char* right_matched = left_matched + left.size();
    std::size_t matches = 0;
    for (std::size_t i = 0; i < left.size(); ++i) {
        const std::size_t from = i > window ? i - window : 0;
        const std::size_t to = std::min(i + window + 1, right.size());
        for (std::size_t j = from; j < to; ++j) {
            if (!right_matched[j] && left[i] == right[j]) {
                left_matched[i] = right_matched[j] = 1;
                ++matches;
                break;
            }
        }
    }
    if (matches == 0) {
        return 0;
    }
    std::size_t transpositions = 0;
    for (std::size_t i = 0, j = 0; i < left.size(); ++i) {
        if (!left_matched[i]) {
            continue;
        }
        while (!right_matched[j]) {
            ++j;
        }
        if (left[i] != right[j]) {
            ++transpositions;
        }
        ++j;
    }
    const double m = static_cast<double>(matches);
    const double jaro =
        (m / static_cast<double>(left.size()) + m / static_cast<double>(right.size()) +
         (m - static_cast<double>(transpositions) / 2) / m) /
        3;
    std::size_t prefix = 0;
    while (prefix < 4 && prefix < left.size() && prefix < right.size() &&
           left[prefix] == right[prefix]) {
        ++prefix;
    }
    return jaro + static_cast<double>(prefix) * 0.1 * (1 - jaro);
}

std::string_view candidate_verdict(double score) {
    if (score >= 0.9) {
        return "likely same";
    }
    if (score >= 0.75) {
        return "unsure";
    }
    return "unlikely";
}

std::vector<Candidate> dedupe_candidates(const EntityGraph& graph, const CandidateOptions& options,
                                         std::size_t* considered) {
    const auto& entities = graph.entities();
    const std::size_t count = entities.size();
    const Schema& schema = graph.schema();
    const Transliterator latin;
    std::vector<Prepared> prepared(count);
    // Token -> the entities whose names hold it (each once, in index order).
    std::unordered_map<std::string, std::vector<std::uint32_t>> postings;
    for (std::uint32_t idx = 0; idx < count; ++idx) {
        const Entity& entity = entities[idx];
        Prepared& entry = prepared[idx];
        entry.allowed =
            options.types.empty() ||
            std::any_of(options.types.begin(), options.types.end(),
                        [&](const auto& type) { return schema.is_a(entity.type, type); });
        if (!entry.allowed) {
            continue;
        }
        add_name(entry, entity.name, latin);
        for (const auto& [language, name] : entity.names.get()) {
            add_name(entry, name, latin);
        }
        for (const auto& alias : entity.aliases.get()) {
            add_name(entry, alias, latin);
        }
        std::vector<std::string_view> seen;
        for (const auto& form : entry.names) {
            for (const auto& token : form.tokens) {
                if (std::find(seen.begin(), seen.end(), token) == seen.end()) {
                    seen.push_back(token);
                    postings[token].push_back(idx);
                }
            }
        }
    }
    auto frequency = [&postings](const std::string& token) {
        const auto found = postings.find(token);
        return found == postings.end() ? std::size_t{0} : found->second.size();
    };
    const double total = static_cast<double>(std::max<std::size_t>(count, 1));
    for (auto& entry : prepared) {
        for (auto& form : entry.names) {
            form.weights.clear();
            for (const auto& token : form.tokens) {
                form.weights.push_back(std::log(
                    1 + total / static_cast<double>(std::max<std::size_t>(frequency(token), 1))));
            }
        }
    }
    // A token's weight, from the form that holds it.
    auto weight_in = [](const NameForm& form, const std::string* token) {
        return form.weights[static_cast<std::size_t>(token - form.tokens.data())];
    };

    // Blocking: each name pairs its entity with the others sharing one of its two rarest
    // tokens (when that token is not too common), and with those sharing an identifier.
    std::vector<std::uint64_t> pairs; // (smaller index << 32) | larger, made unique below
    auto add_pair = [&pairs](std::uint32_t a, std::uint32_t b) {
        if (a != b) {
            pairs.push_back((std::uint64_t{std::min(a, b)} << 32) | std::max(a, b));
        }
    };
    for (std::uint32_t idx = 0; idx < count; ++idx) {
        for (const auto& form : prepared[idx].names) {
            std::vector<std::pair<std::size_t, const std::string*>> rare;
            for (const auto& token : form.tokens) {
                const std::size_t df = frequency(token);
                if (df >= 2 && df <= options.block_limit) {
                    rare.emplace_back(df, &token);
                }
            }
            std::sort(rare.begin(), rare.end(), [](const auto& a, const auto& b) {
                return a.first != b.first ? a.first < b.first : *a.second < *b.second;
            });
            for (std::size_t key = 0; key < std::min<std::size_t>(rare.size(), 2); ++key) {
                for (const auto other : postings[*rare[key].second]) {
                    add_pair(idx, other);
                }
            }
        }
    }
    // (family, value) -> entities, and each entity's identifiers.
    std::map<std::pair<std::string, std::string>, std::vector<std::uint32_t>> by_identifier;
    std::vector<std::vector<std::pair<std::string, std::string>>> identifiers(count);
    if (!options.identifiers.empty()) {
        for (std::uint32_t idx = 0; idx < count; ++idx) {
            if (!prepared[idx].allowed) {
                continue;
            }
            for (const auto& [key, value] : entities[idx].props.get()) {
                const auto family = identifier_family(key, options.identifiers);
                std::string text = value.text;
                std::transform(text.begin(), text.end(), text.begin(),
                               [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
                if (family.empty() || text.empty()) {
                    continue;
                }
                identifiers[idx].emplace_back(family, text);
                by_identifier[{family, text}].push_back(idx);
            }
        }
        for (const auto& [id, holders] : by_identifier) {
            if (holders.size() > options.block_limit) {
                continue; // "N/A", "0": not an identifier
            }
            for (std::size_t a = 0; a < holders.size(); ++a) {
                for (std::size_t b = a + 1; b < holders.size(); ++b) {
                    add_pair(holders[a], holders[b]);
                }
            }
        }
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    if (considered != nullptr) {
        *considered = pairs.size();
    }

    // Neighbours and cited sources, for the entities that are in a pair.
    std::vector<std::vector<std::uint32_t>> neighbours(count);
    std::vector<std::vector<std::string_view>> sources(count);
    std::vector<bool> needed(count, false);
    for (const auto pair : pairs) {
        needed[pair >> 32] = needed[pair & 0xFFFFFFFFu] = true;
    }
    for (std::uint32_t idx = 0; idx < count; ++idx) {
        if (!needed[idx]) {
            continue;
        }
        const EntityIndex entity{idx};
        for (const auto spans : {graph.out_relations(entity), graph.in_relations(entity)}) {
            for (const auto relation_index : spans) {
                const Relation& relation = graph.relation(relation_index);
                const auto other = to_underlying(relation.from_index) == idx
                                       ? to_underlying(relation.to_index)
                                       : to_underlying(relation.from_index);
                neighbours[idx].push_back(other);
                for (const auto& citation : relation.sources) {
                    sources[idx].push_back(citation.source);
                }
            }
        }
        std::sort(neighbours[idx].begin(), neighbours[idx].end());
        neighbours[idx].erase(std::unique(neighbours[idx].begin(), neighbours[idx].end()),
                              neighbours[idx].end());
        std::sort(sources[idx].begin(), sources[idx].end());
        sources[idx].erase(std::unique(sources[idx].begin(), sources[idx].end()),
                           sources[idx].end());
    }

    auto name_score = [&](const NameForm& a, const NameForm& b) {
        double common = 0;
        double all = 0;
        // Sorted token lists: walk both. An initial ("J.") one name has and the other lacks
        // does not count against the pair when the other has a word with that letter
        // ("John"), or has no initial of its own that is missing here ("J. Keith Kellogg" /
        // "Keith Kellogg"); "J. Smith" / "K. Smith" still differ.
        std::vector<const std::string*> only_a;
        std::vector<const std::string*> only_b;
        std::size_t i = 0;
        std::size_t j = 0;
        while (i < a.tokens.size() || j < b.tokens.size()) {
            if (j == b.tokens.size() || (i < a.tokens.size() && a.tokens[i] < b.tokens[j])) {
                only_a.push_back(&a.tokens[i++]);
            } else if (i == a.tokens.size() || b.tokens[j] < a.tokens[i]) {
                only_b.push_back(&b.tokens[j++]);
            } else {
                const double w = a.weights[i];
                common += w;
                all += w;
                ++i;
                ++j;
            }
        }
        auto has_initial = [](const std::vector<const std::string*>& tokens) {
            return std::any_of(tokens.begin(), tokens.end(),
                               [](const std::string* token) { return is_single_letter(*token); });
        };
        auto unmatched = [&](const std::vector<const std::string*>& mine, const NameForm& self,
                             const NameForm& other, bool other_has_initial) {
            for (const std::string* token : mine) {
                const bool excused =
                    is_single_letter(*token) &&
                    (!other_has_initial ||
                     std::any_of(other.tokens.begin(), other.tokens.end(), [&](const auto& word) {
                         return word.size() > 1 && word[0] == (*token)[0];
                     }));
                if (!excused) {
                    all += weight_in(self, token);
                }
            }
        };
        // Words that differ by a slip ("technoligies") or an abbreviation ("gov" for
        // "government") count as most of a match.
        for (auto left = only_a.begin(); left != only_a.end();) {
            const std::string& word = **left;
            auto right = std::find_if(only_b.begin(), only_b.end(), [&](const std::string* other) {
                const auto& shorter = word.size() <= other->size() ? word : *other;
                const auto& longer = word.size() <= other->size() ? *other : word;
                return (shorter.size() >= 5 && jaro_winkler(word, *other) >= 0.93) ||
                       (shorter.size() >= 3 && !is_number(shorter) &&
                        longer.compare(0, shorter.size(), shorter) == 0);
            });
            if (right == only_b.end()) {
                ++left;
                continue;
            }
            const double w_left = weight_in(a, *left);
            const double w_right = weight_in(b, *right);
            common += 0.8 * std::min(w_left, w_right);
            all += std::max(w_left, w_right);
            only_b.erase(right);
            left = only_a.erase(left);
        }
        unmatched(only_a, a, b, has_initial(only_b));
        unmatched(only_b, b, a, has_initial(only_a));
        NameScore score;
        score.tokens = a.compact == b.compact ? 1.0 : all > 0 ? common / all : 0;
        // Letters can add at most 0.35, and the other evidence at most 0.1 (an equal
        // identifier is decisive on its own): a pair that cannot reach the threshold is
        // not spelled out.
        if (0.65 * score.tokens + 0.35 + 0.1 >= options.min_score) {
            score.jaro =
                std::max(jaro_winkler(a.joined, b.joined), jaro_winkler(a.sorted, b.sorted));
        }
        score.score = 0.65 * score.tokens + 0.35 * score.jaro;
        score.left = &a;
        score.right = &b;
        return score;
    };

    // Whether two types may name one entity, by type record (few types: a tiny memo).
    std::map<std::pair<std::string_view, std::string_view>, bool> compatible_types;
    auto compatible = [&](std::string_view x, std::string_view y) {
        auto [found, added] = compatible_types.emplace(std::make_pair(x, y), false);
        if (added) {
            found->second = x == y || schema.is_a(x, y) || schema.is_a(y, x);
        }
        return found->second;
    };
    auto shared_count = [](const auto& x, const auto& y, auto skip) {
        std::size_t shared = 0;
        std::size_t i = 0;
        std::size_t j = 0;
        while (i < x.size() && j < y.size()) {
            if (x[i] < y[j]) {
                ++i;
            } else if (y[j] < x[i]) {
                ++j;
            } else {
                if (!skip(x[i])) {
                    ++shared;
                }
                ++i;
                ++j;
            }
        }
        return shared;
    };

    // Each entity's place in id order: pairs put the smaller id left without comparing text.
    std::vector<std::uint32_t> id_rank(count);
    for (std::uint32_t place = 0; place < count; ++place) {
        id_rank[to_underlying(graph.entities_by_id()[place])] = place;
    }
    std::vector<Candidate> found;
    for (const auto pair : pairs) {
        std::uint32_t a = static_cast<std::uint32_t>(pair >> 32);
        std::uint32_t b = static_cast<std::uint32_t>(pair & 0xFFFFFFFFu);
        if (id_rank[b] < id_rank[a]) {
            std::swap(a, b);
        }
        // The score from numbers alone; the evidence is written only for pairs kept.
        NameScore best;
        for (const auto& left : prepared[a].names) {
            for (const auto& right : prepared[b].names) {
                if (left.transliterated == right.transliterated && left.transliterated) {
                    continue; // two transliterations say less than their originals
                }
                const auto score = name_score(left, right);
                if (score.score > best.score) {
                    best = score;
                }
            }
        }
        double score = best.score;
        // Identifiers: equal is decisive, different is evidence against.
        const std::pair<std::string, std::string>* shared_id = nullptr;
        const std::pair<std::string, std::string>* differing[2] = {nullptr, nullptr};
        for (const auto& mine : identifiers[a]) {
            for (const auto& theirs : identifiers[b]) {
                if (mine.first != theirs.first) {
                    continue;
                }
                if (mine.second == theirs.second) {
                    shared_id = &mine;
                } else if (differing[0] == nullptr) {
                    differing[0] = &mine;
                    differing[1] = &theirs;
                }
            }
        }
        if (shared_id != nullptr) {
            score = std::max(score, 0.99);
        } else if (differing[0] != nullptr) {
            score *= 0.8;
        }
        const Entity& left = entities[a];
        const Entity& right = entities[b];
        const bool same_kind = compatible(left.type, right.type);
        if (!same_kind) {
            score *= 0.4;
        }
        // A tie between them: the map says they are two (a subsidiary and its parent).
        const bool tied = std::binary_search(neighbours[a].begin(), neighbours[a].end(), b);
        if (tied) {
            score *= 0.5;
        }
        const std::size_t shared_neighbours =
            shared_count(neighbours[a], neighbours[b],
                         [a, b](std::uint32_t other) { return other == a || other == b; });
        score += std::min(0.08, 0.03 * static_cast<double>(shared_neighbours));
        const std::size_t shared_sources =
            shared_count(sources[a], sources[b], [](std::string_view) { return false; });
        if (shared_sources > 0) {
            score += 0.02;
        }
        // A name matched only through another script is never more than unsure alone.
        const bool script_only = best.left != nullptr &&
                                 (best.left->transliterated || best.right->transliterated) &&
                                 shared_id == nullptr && shared_neighbours == 0;
        if (script_only) {
            score = std::min(score, 0.89);
        }
        score = std::clamp(score, 0.0, 1.0);
        if (score < options.min_score) {
            continue;
        }
        Candidate candidate;
        candidate.left = EntityIndex{a};
        candidate.right = EntityIndex{b};
        candidate.score = score;
        auto& features = candidate.features;
        if (best.left != nullptr) {
            features.push_back(
                {"name", best.score,
                 fmt::format("'{}' ~ '{}': words {:.2f}, letters {:.2f}", best.left->written,
                             best.right->written, best.tokens, best.jaro)});
        }
        if (shared_id != nullptr) {
            features.push_back(
                {"identifier", 1, fmt::format("same {} {}", shared_id->first, shared_id->second)});
        } else if (differing[0] != nullptr) {
            features.push_back({"identifier", 0,
                                fmt::format("different {} {} / {}", differing[0]->first,
                                            differing[0]->second, differing[1]->second)});
        }
        features.push_back(
            same_kind
                ? CandidateFeature{"type", 1, fmt::format("{} / {}", left.type, right.type)}
                : CandidateFeature{"type", 0,
                                   fmt::format("{} / {}: different kinds", left.type, right.type)});
        if (tied) {
            features.push_back({"tied", 1, "the map ties them to each other"});
        }
        if (shared_neighbours > 0) {
            features.push_back({"neighbours", static_cast<double>(shared_neighbours),
                                fmt::format("{} shared", shared_neighbours)});
        }
        if (shared_sources > 0) {
            features.push_back({"sources", static_cast<double>(shared_sources),
                                fmt::format("{} cited by both", shared_sources)});
        }
        if (script_only) {
            features.push_back(
                {"script", 0, "names match only when transliterated; nothing else agrees"});
        }
        found.push_back(std::move(candidate));
    }
    std::sort(found.begin(), found.end(), [&](const Candidate& x, const Candidate& y) {
        if (x.score != y.score) {
            return x.score > y.score;
        }
        const auto& xl = graph.entity(x.left).id;
        const auto& yl = graph.entity(y.left).id;
        if (xl != yl) {
            return xl < yl;
        }
        return graph.entity(x.right).id < graph.entity(y.right).id;
    });
    return found;
}

} // namespace powermap::graph
