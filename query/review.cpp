#include "query/review.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>

#include "query/chains.hpp"
#include "query/describe.hpp"
#include <fmt/format.h>

#include "io/display/labels.hpp"
#include "io/native/json_output.hpp"

namespace powermap::query {

namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : ",") + item;
    }
    return out;
}

/// The kinds of entity that resolution is about: actors.
std::vector<std::string> default_types() {
    return {"person", "organization", "group"};
}

/// Code points in `text` (UTF-8): how wide it prints, near enough for a terminal column.
std::size_t width_of(std::string_view text) {
    std::size_t width = 0;
    for (const char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++width;
        }
    }
    return width;
}

/// The first `count` code points of `text` as bytes.
std::size_t bytes_for(std::string_view text, std::size_t count) {
    std::size_t seen = 0;
    for (std::size_t pos = 0; pos < text.size(); ++pos) {
        if ((static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80) {
            if (seen == count) {
                return pos;
            }
            ++seen;
        }
    }
    return text.size();
}

/// `text` cut into lines of at most `width` code points, at spaces where there are some;
/// continuation lines start with `indent`.
void wrap(std::string_view text, std::size_t width, std::string_view indent,
          std::vector<std::string>& into) {
    bool first = true;
    while (true) {
        const std::string_view lead = first ? std::string_view() : indent;
        const std::size_t room = width > width_of(lead) + 8 ? width - width_of(lead) : 8;
        if (width_of(text) <= room) {
            into.push_back(std::string(lead) + std::string(text));
            return;
        }
        std::size_t cut = bytes_for(text, room);
        const auto space = text.substr(0, cut + 1).rfind(' ');
        if (space != std::string_view::npos && space > cut / 2) {
            cut = space;
        }
        into.push_back(std::string(lead) + std::string(text.substr(0, cut)));
        text.remove_prefix(cut);
        while (!text.empty() && text.front() == ' ') {
            text.remove_prefix(1);
        }
        first = false;
    }
}

std::string source_title(const graph::EntityGraph& graph, std::string_view id) {
    const auto* source = graph.find_source(id);
    if (source == nullptr) {
        return std::string(id);
    }
    return !source->title_en.empty() ? source->title_en
           : !source->title.empty()  ? source->title
                                     : std::string(id);
}

/// How many ties a terminal shows for each entity of a pair.
constexpr std::size_t text_ties = 8;
/// Longest quote a terminal shows (in code points).
constexpr std::size_t text_quote = 160;

std::vector<std::string> entity_lines(const graph::EntityGraph& graph, graph::EntityIndex index,
                                      const std::string& lang, std::size_t width) {
    const auto& entity = graph.entity(index);
    std::vector<std::string> lines;
    wrap(io::display_name(entity, lang), width, "  ", lines);
    const auto* type = graph.schema().find_entity_type(entity.type);
    wrap(fmt::format("{} · {}", entity.id, type != nullptr ? type->label : entity.type.str()),
         width, "  ", lines);
    if (!entity.name.empty() && entity.name.str() != io::display_name(entity, lang)) {
        wrap(fmt::format("name: {}", entity.name), width, "  ", lines);
    }
    for (const auto& [language, name] : entity.names) {
        wrap(fmt::format("name:{}: {}", language, name), width, "  ", lines);
    }
    if (!entity.aliases.empty()) {
        wrap(fmt::format("aliases: {}", fmt::join(entity.aliases, ", ")), width, "  ", lines);
    }
    if (!entity.tags.empty()) {
        wrap(fmt::format("tags: {}", fmt::join(entity.tags, ", ")), width, "  ", lines);
    }
    for (const auto& [key, value] : entity.props) {
        wrap(fmt::format("{}: {}", key, value.text), width, "  ", lines);
    }
    const auto out = graph.out_relations(index);
    const auto in = graph.in_relations(index);
    const std::size_t ties = out.size() + in.size();
    lines.push_back(ties == 0 ? "no ties" : fmt::format("{} tie{}:", ties, ties == 1 ? "" : "s"));
    std::size_t shown = 0;
    for (const bool outgoing : {true, false}) {
        for (const auto relation : outgoing ? out : in) {
            if (shown == text_ties) {
                break;
            }
            ++shown;
            const auto& record = graph.relation(relation);
            const auto other = outgoing ? record.to_index : record.from_index;
            wrap(fmt::format("- {} {}", tie_words(graph, relation, outgoing, lang),
                             entity_label(graph, other, lang)),
                 width, "    ", lines);
            for (const auto& citation : record.sources) {
                std::string quote(citation.quote.str());
                if (width_of(quote) > text_quote) {
                    quote = quote.substr(0, bytes_for(quote, text_quote)) + "…";
                }
                wrap(quote.empty()
                         ? fmt::format("  [{}]", source_title(graph, citation.source))
                         : fmt::format("  [{}] “{}”", source_title(graph, citation.source), quote),
                     width, "    ", lines);
            }
        }
    }
    if (shown < ties) {
        lines.push_back(fmt::format("… {} more (powermap show {})", ties - shown, entity.id));
    }
    return lines;
}

std::string padded(const std::string& text, std::size_t width) {
    const std::size_t have = width_of(text);
    return have >= width ? text : text + std::string(width - have, ' ');
}

} // namespace

std::vector<Param> candidate_params(std::string_view top_default) {
    const graph::CandidateOptions defaults;
    return {
        {.name = "--min-score",
         .kind = ParamKind::Real,
         .help = "List pairs scoring at least this (0..1; 0.9 and up: likely the same, 0.75 "
                 "and up: unsure)",
         .default_value = fmt::format("{}", defaults.min_score),
         .min = 0,
         .max = 1,
         .show_default = true},
        {.name = "--top",
         .kind = ParamKind::Count,
         .help = "How many pairs to list (0 = all)",
         .default_value = std::string(top_default),
         .count_min = 0,
         .count_max = std::numeric_limits<std::uint32_t>::max(),
         .show_default = true},
        {.name = "--type",
         .kind = ParamKind::List,
         .help = "Pair only entities of these types (subtypes included; by default people, "
                 "organisations and groups, not contracts or systems, whose like names are "
                 "usually different things)",
         .default_value = joined(default_types()),
         .type_name = "TYPE,...",
         .show_default = true},
        {.name = "--identifiers",
         .kind = ParamKind::List,
         .help = "Props whose equal values make two entities the same ('none': use no "
                 "identifier; 'recipient_uei' counts as 'uei')",
         .default_value = joined(defaults.identifiers),
         .type_name = "PROP,...",
         .show_default = true},
    };
}

graph::CandidateOptions candidate_options(const graph::EntityGraph& graph, const Arguments& args) {
    graph::CandidateOptions options;
    options.min_score = args.real("--min-score");
    if (args.given("--type")) {
        options.types = args.list("--type");
        check_entity_types(graph, options.types);
    } else {
        // The actor types this map's schema has (none: a schema of its own, every type).
        for (const auto& type : default_types()) {
            if (graph.schema().find_entity_type(type) != nullptr) {
                options.types.push_back(type);
            }
        }
    }
    if (args.given("--identifiers")) {
        options.identifiers = args.list("--identifiers");
        if (options.identifiers == std::vector<std::string>{"none"}) {
            options.identifiers.clear();
        }
    }
    return options;
}

std::size_t leave_out_decided(const graph::EntityGraph& graph, std::vector<graph::Candidate>& pairs,
                              const std::vector<graph::Decision>& decisions) {
    if (decisions.empty()) {
        return 0;
    }
    // By entity, not by id: an id merged away (a referent) names the entity it joined, so a
    // decision on members of two clusters answers the pair of the clusters.
    std::set<std::pair<std::uint32_t, std::uint32_t>> decided;
    for (const auto& decision : decisions) {
        const auto a = graph.find_entity(decision.a);
        const auto b = graph.find_entity(decision.b);
        if (a && b && *a != *b) {
            decided.insert(std::minmax(graph::to_underlying(*a), graph::to_underlying(*b)));
        }
    }
    const std::size_t before = pairs.size();
    std::erase_if(pairs, [&](const graph::Candidate& pair) {
        return decided.contains(
            std::minmax(graph::to_underlying(pair.left), graph::to_underlying(pair.right)));
    });
    return before - pairs.size();
}

ReviewSet review_set(const graph::EntityGraph& graph, const Arguments& args,
                     const std::vector<graph::Decision>& decisions) {
    ReviewSet set;
    const auto options = candidate_options(graph, args);
    set.min_score = options.min_score;
    auto all = graph::dedupe_candidates(graph, options, &set.considered);
    set.found = all.size();
    set.judged = leave_out_decided(graph, all, decisions);
    const std::size_t top = args.count("--top");
    if (top != 0 && all.size() > top) {
        set.beyond_top = all.size() - top;
        all.resize(top);
    }
    set.pairs = std::move(all);
    return set;
}

std::vector<std::string> review_notes(const ReviewSet& set, std::string_view judgements_file) {
    std::vector<std::string> notes;
    if (set.judged > 0) {
        notes.push_back(fmt::format("{} pair{} already judged in '{}' {} left out", set.judged,
                                    set.judged == 1 ? "" : "s", judgements_file,
                                    set.judged == 1 ? "is" : "are"));
    }
    if (set.beyond_top > 0) {
        notes.push_back(fmt::format("showing the best {} of {} pairs to decide; --top 0 shows "
                                    "them all",
                                    set.pairs.size(), set.pairs.size() + set.beyond_top));
    }
    return notes;
}

graph::Decision review_decision(const graph::EntityGraph& graph, const graph::Candidate& pair,
                                graph::Verdict verdict, std::string who, std::string when) {
    graph::Decision decision;
    decision.a = graph.entity(pair.left).id;
    decision.b = graph.entity(pair.right).id;
    decision.verdict = verdict;
    // Three decimals, as dedupe shows scores and the decisions file writes them.
    decision.score = std::round(pair.score * 1000) / 1000;
    decision.who = std::move(who);
    decision.when = std::move(when);
    return decision;
}

std::string pair_text(const graph::EntityGraph& graph, const graph::Candidate& pair,
                      const std::string& lang, std::size_t position, std::size_t total,
                      std::size_t width) {
    std::string out = fmt::format("Pair {} of {} · score {:.2f} ({})\n", position, total,
                                  pair.score, graph::candidate_verdict(pair.score));
    for (const auto& feature : pair.features) {
        std::vector<std::string> lines;
        wrap(fmt::format("{}: {}", feature.name, feature.detail), width, "    ", lines);
        for (const auto& line : lines) {
            out += "  " + line + "\n";
        }
    }
    const std::size_t column = width > 7 ? (width - 3) / 2 : 2;
    const auto left = entity_lines(graph, pair.left, lang, column);
    const auto right = entity_lines(graph, pair.right, lang, column);
    out += std::string(column, '-') + "-+-" + std::string(column, '-') + "\n";
    for (std::size_t line = 0; line < std::max(left.size(), right.size()); ++line) {
        const std::string& one = line < left.size() ? left[line] : std::string();
        if (line < right.size()) {
            out += padded(one, column) + " | " + right[line] + "\n";
        } else {
            out += padded(one, column) + " |\n";
        }
    }
    return out;
}

std::string review_page_data(const graph::EntityGraph& graph, const ReviewSet& set,
                             const ReviewPageOptions& options) {
    const std::string& lang = options.lang;
    // Positions in the page's "entities" list: the pairs' entities and their ties' other ends.
    std::vector<graph::EntityIndex> entities;
    std::unordered_map<std::uint32_t, std::size_t> position;
    auto place = [&](graph::EntityIndex entity) {
        const auto [found, added] = position.emplace(graph::to_underlying(entity), entities.size());
        if (added) {
            entities.push_back(entity);
        }
        return found->second;
    };
    std::vector<graph::RelationIndex> relations;
    std::unordered_map<std::uint32_t, std::size_t> relation_position;
    std::map<std::size_t, std::vector<std::size_t>> ties; // entity position -> relations
    std::map<std::size_t, std::size_t> tie_counts;
    std::set<std::string> cited;
    auto describe = [&](graph::EntityIndex entity) {
        const std::size_t at = place(entity);
        if (ties.contains(at)) {
            return at;
        }
        auto& mine = ties[at];
        const auto out = graph.out_relations(entity);
        const auto in = graph.in_relations(entity);
        tie_counts[at] = out.size() + in.size();
        for (const auto& side : {out, in}) {
            for (const auto relation : side) {
                if (mine.size() == options.max_ties) {
                    break;
                }
                const auto [found, added] =
                    relation_position.emplace(graph::to_underlying(relation), relations.size());
                if (added) {
                    relations.push_back(relation);
                }
                mine.push_back(found->second);
            }
        }
        return at;
    };
    std::vector<std::pair<std::size_t, std::size_t>> pair_positions;
    for (const auto& pair : set.pairs) {
        const auto left = describe(pair.left);
        const auto right = describe(pair.right);
        pair_positions.emplace_back(left, right);
    }
    for (const auto relation : relations) {
        const auto& record = graph.relation(relation);
        place(record.from_index);
        place(record.to_index);
        for (const auto& citation : record.sources) {
            cited.insert(std::string(citation.source.str()));
        }
    }

    io::JsonOut json(false);
    json.begin_object();
    json.key("lang").string(lang);
    json.key("who").string(options.who);
    json.key("judgements_file").string(options.judgements_file);
    // Names this set of pairs, so the page keeps decisions made in it apart from others'.
    std::uint64_t hash = 1469598103934665603ULL;
    for (const auto& pair : set.pairs) {
        for (const auto& id : {graph.entity(pair.left).id, graph.entity(pair.right).id}) {
            for (const char c : id) {
                hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
            }
            hash = (hash ^ 0xFFU) * 1099511628211ULL;
        }
    }
    json.key("key").string(fmt::format("{:016x}", hash));
    json.key("notes").begin_array();
    for (const auto& note : options.notes) {
        json.string(note);
    }
    json.end_array();
    json.key("found").integer(static_cast<std::int64_t>(set.found));
    json.key("sources").begin_object();
    for (const auto& id : cited) {
        json.key(id).string(source_title(graph, id));
    }
    json.end_object();
    json.key("entities").begin_array();
    for (std::size_t at = 0; at < entities.size(); ++at) {
        const auto& entity = graph.entity(entities[at]);
        const auto* type = graph.schema().find_entity_type(entity.type);
        json.begin_object();
        json.key("id").string(entity.id);
        json.key("type").string(type != nullptr && !type->label.empty() ? type->label
                                                                        : entity.type.str());
        json.key("label").string(io::display_name(entity, lang));
        if (const auto found = ties.find(at); found != ties.end()) {
            json.key("name").string(entity.name);
            entity_details_json(json, entity);
            json.key("ties").begin_array();
            for (const auto relation : found->second) {
                json.integer(static_cast<std::int64_t>(relation));
            }
            json.end_array();
            json.key("tie_count").integer(static_cast<std::int64_t>(tie_counts.at(at)));
        }
        json.end_object();
    }
    json.end_array();
    json.key("relations").begin_array();
    for (const auto relation : relations) {
        const auto& record = graph.relation(relation);
        json.begin_object();
        json.key("from").integer(
            static_cast<std::int64_t>(position.at(graph::to_underlying(record.from_index))));
        json.key("to").integer(
            static_cast<std::int64_t>(position.at(graph::to_underlying(record.to_index))));
        json.key("type").string(record.type);
        json.key("forward").string(io::relation_wording(graph, relation, true, lang));
        json.key("reverse").string(io::relation_wording(graph, relation, false, lang));
        json.key("role").string(record.role);
        json.key("amount").string(record.amount ? io::format_amount(*record.amount) : "");
        json.key("period").string(io::format_period(record));
        json.key("citations").begin_array();
        for (const auto& citation : record.sources) {
            json.begin_object();
            json.key("source").string(citation.source);
            json.key("quote").string(citation.quote);
            json.key("note").string(citation.note);
            json.end_object();
        }
        json.end_array();
        json.end_object();
    }
    json.end_array();
    json.key("pairs").begin_array();
    for (std::size_t idx = 0; idx < set.pairs.size(); ++idx) {
        const auto& pair = set.pairs[idx];
        json.begin_object();
        json.key("a").integer(static_cast<std::int64_t>(pair_positions[idx].first));
        json.key("b").integer(static_cast<std::int64_t>(pair_positions[idx].second));
        json.key("score").number(std::round(pair.score * 1000) / 1000);
        // What judgement_line writes, so the page's lines are the file's bytes.
        json.key("score_text").string(fmt::format("{:.3f}", std::round(pair.score * 1000) / 1000));
        json.key("verdict").string(graph::candidate_verdict(pair.score));
        json.key("features").begin_array();
        for (const auto& feature : pair.features) {
            json.begin_object();
            json.key("name").string(feature.name);
            json.key("detail").string(feature.detail);
            json.end_object();
        }
        json.end_array();
        json.end_object();
    }
    json.end_array();
    json.end_object();
    return json.str();
}

} // namespace powermap::query
