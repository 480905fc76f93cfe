#include "graph/lookup.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace powermap::graph {

namespace {

UChar32 fold_arabic(UChar32 c) {
    switch (c) {
    case 0x0622:       // آ
    case 0x0623:       // أ
    case 0x0625:       // إ
    case 0x0671:       // ٱ
        return 0x0627; // ا
    case 0x0649:       // ى
    case 0x06CC:       // ی (Persian ya)
        return 0x064A; // ي
    case 0x0629:       // ة
        return 0x0647; // ه
    case 0x0624:       // ؤ
        return 0x0648; // و
    case 0x0626:       // ئ
        return 0x064A; // ي
    case 0x06A9:       // ک (keheh)
        return 0x0643; // ك
    default:
        return c;
    }
}

bool is_dropped(UChar32 c) {
    if (c == 0x0640) { // tatweel
        return true;
    }
    const auto category = u_charType(c);
    if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK ||
        category == U_COMBINING_SPACING_MARK || category == U_FORMAT_CHAR) {
        return true; // accents, tashkeel, hamza marks, bidi controls (RLM, LRM...)
    }
    return c == 0x0621; // a bare hamza carries no letter after folding
}

} // namespace

std::string normalize_name(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
    if (U_FAILURE(status)) {
        throw Error("cannot load Unicode normalisation data (ICU)");
    }
    const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    icu::UnicodeString decomposed = nfkd->normalize(source, status);
    if (U_FAILURE(status)) {
        return std::string(text);
    }
    icu::UnicodeString folded;
    bool pending_space = false;
    for (int32_t idx = 0; idx < decomposed.length();) {
        UChar32 c = decomposed.char32At(idx);
        idx += U16_LENGTH(c);
        if (is_dropped(c)) {
            continue;
        }
        if (u_isspace(c) || u_ispunct(c) || c == '|' || c == '+' || c == '=') {
            pending_space = !folded.isEmpty();
            continue;
        }
        if (pending_space) {
            folded.append(static_cast<UChar32>(' '));
            pending_space = false;
        }
        folded.append(u_foldCase(fold_arabic(c), U_FOLD_CASE_DEFAULT));
    }
    std::string out;
    folded.toUTF8String(out);
    return out;
}

NameIndex::NameIndex(const EntityGraph& graph) : graph_(&graph) {
    for (std::size_t idx = 0; idx < graph.entities().size(); ++idx) {
        const Entity& entity = graph.entities()[idx];
        const EntityIndex handle{static_cast<std::uint32_t>(idx)};
        keys_.push_back({normalize_name(entity.id), entity.id.str(), handle, true});
        for (const auto& referent : entity.referents) { // an id merged into this entity
            keys_.push_back({normalize_name(referent), referent, handle, true});
        }
        if (!entity.name.empty()) {
            keys_.push_back({normalize_name(entity.name), entity.name.str(), handle, false});
        }
        for (const auto& [language, name] : entity.names) {
            keys_.push_back({normalize_name(name), name, handle, false});
        }
        for (const auto& alias : entity.aliases) {
            keys_.push_back({normalize_name(alias), alias, handle, false});
        }
    }
}

namespace {
std::vector<NameMatch> best_per_entity(std::vector<NameMatch> matches, const EntityGraph& graph) {
    std::map<std::uint32_t, NameMatch> best;
    for (auto& match : matches) {
        auto [slot, inserted] = best.emplace(to_underlying(match.entity), match);
        if (!inserted && match.score > slot->second.score) {
            slot->second = std::move(match);
        }
    }
    std::vector<NameMatch> out;
    for (auto& [idx, match] : best) {
        out.push_back(std::move(match));
    }
    std::sort(out.begin(), out.end(), [&graph](const NameMatch& left, const NameMatch& right) {
        if (left.score != right.score) {
            return left.score > right.score;
        }
        return graph.entity(left.entity).id < graph.entity(right.entity).id;
    });
    return out;
}

bool contains_words(std::string_view haystack, std::string_view needle) {
    std::size_t pos = haystack.find(needle);
    while (pos != std::string_view::npos) {
        const bool starts = pos == 0 || haystack[pos - 1] == ' ';
        const bool ends =
            pos + needle.size() == haystack.size() || haystack[pos + needle.size()] == ' ';
        if (starts && ends) {
            return true;
        }
        pos = haystack.find(needle, pos + 1);
    }
    return false;
}
} // namespace

std::vector<NameMatch> NameIndex::exact(std::string_view text) const {
    const std::string folded = normalize_name(text);
    std::vector<NameMatch> matches;
    if (folded.empty()) {
        return matches;
    }
    for (const auto& key : keys_) {
        if (key.folded == folded) {
            const bool literal_id = key.is_id && key.original == text;
            matches.push_back({key.entity, key.original, literal_id ? 4 : (key.is_id ? 3 : 2)});
        }
    }
    return best_per_entity(std::move(matches), *graph_);
}

std::vector<NameMatch> NameIndex::search(std::string_view text, std::size_t limit) const {
    const std::string folded = normalize_name(text);
    std::vector<NameMatch> matches;
    if (folded.empty()) {
        return matches;
    }
    for (const auto& key : keys_) {
        if (key.folded == folded) {
            matches.push_back({key.entity, key.original, 3});
        } else if (contains_words(key.folded, folded)) {
            matches.push_back({key.entity, key.original, 2});
        } else if (key.folded.find(folded) != std::string::npos) {
            matches.push_back({key.entity, key.original, 1});
        }
    }
    auto out = best_per_entity(std::move(matches), *graph_);
    if (out.size() > limit) {
        out.resize(limit);
    }
    return out;
}

EntityIndex resolve_entity(const EntityGraph& graph, const NameIndex& names,
                           std::string_view text) {
    if (auto direct = graph.find_entity(text)) {
        return *direct;
    }
    auto describe = [&graph](const std::vector<NameMatch>& matches) {
        std::string out;
        for (std::size_t idx = 0; idx < matches.size() && idx < 5; ++idx) {
            const Entity& entity = graph.entity(matches[idx].entity);
            out += fmt::format("{}'{}' ({})", idx == 0 ? "" : ", ", entity.id, entity.name);
        }
        if (matches.size() > 5) {
            out += fmt::format(" and {} more", matches.size() - 5);
        }
        return out;
    };
    auto exact = names.exact(text);
    if (!exact.empty()) {
        if (exact.size() == 1 || exact[0].score > exact[1].score) {
            return exact[0].entity;
        }
        throw Error(fmt::format("'{}' names {} entities", text, exact.size()),
                    "use one of the ids: " + describe(exact));
    }
    auto partial = names.search(text);
    if (!partial.empty()) {
        const int best = partial[0].score;
        std::vector<NameMatch> top;
        for (const auto& match : partial) {
            if (match.score == best) {
                top.push_back(match);
            }
        }
        if (top.size() == 1) {
            return top[0].entity;
        }
        throw Error(fmt::format("'{}' matches {} entities", text, top.size()),
                    "use one of the ids: " + describe(top));
    }
    std::vector<std::string> ids;
    for (const auto& entity : graph.entities()) {
        ids.push_back(entity.id.str());
    }
    std::string hint = did_you_mean(text, ids);
    if (hint.empty()) {
        hint = "list entities with 'powermap find TEXT'";
    }
    throw Error(fmt::format("no entity matches '{}'", text), hint, ExitCode::BadInput);
}

} // namespace powermap::graph
