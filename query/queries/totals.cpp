// totals: contract money by vendor, by agency and by currency, never adding currencies
// together and never counting the same money twice; --explain lists every amount with its
// citation.
#include "graph/algorithms/money/totals.hpp"

#include <optional>
#include <sstream>

#include "query/chains.hpp"
#include "query/describe.hpp"
#include "query/money.hpp"
#include "query/projection.hpp"
#include "query/registry.hpp"
#include <fmt/format.h>

#include "io/display/labels.hpp"
#include "io/native/json_output.hpp"

namespace powermap::query {

namespace {

std::vector<Param> totals_params() {
    std::vector<Param> params{
        {.name = "--by",
         .kind = ParamKind::Choice,
         .help = "vendor, agency, currency, all (these three), parent (vendors with each "
                 "subsidiary credited to its top parent) or recipient (money on ties that "
                 "are not supply ties, such as funds or payments, by who receives it)",
         .default_value = "all",
         .choices = {"vendor", "agency", "currency", "all", "parent", "recipient"},
         .show_default = true},
        {.name = "--explain",
         .kind = ParamKind::Flag,
         .help = "List every amount with its tie and citation"},
    };
    add_projection_params(params, {.time = true, .roll_up = true});
    return params;
}

/// "palantir", or after roll-up "palantir (with palantir-usg)": the members other than the head
/// whose money the line includes.
std::string who_text(const graph::EntityGraph& graph, const graph::MoneyTotal& total) {
    if (total.who.empty()) {
        return "(not named)";
    }
    std::string text = join_ids(graph, total.who, " + ");
    std::vector<graph::EntityIndex> others;
    for (auto member : total.members) {
        if (member != total.who.front()) {
            others.push_back(member);
        }
    }
    if (!others.empty()) {
        text += fmt::format(" (with {})", members_text(graph, std::move(others)));
    }
    return text;
}

/// "3", or "3 (1 shared)" when some of the amounts are credited to other lines too.
std::string amounts_text(const graph::MoneyTotal& total) {
    return total.shared_items == 0 ? std::to_string(total.items)
                                   : fmt::format("{} ({} shared)", total.items, total.shared_items);
}

void totals_json(io::JsonOut& json, const graph::EntityGraph& graph, const char* key,
                 const std::vector<graph::MoneyTotal>& totals) {
    json.key(key).begin_array();
    for (const auto& total : totals) {
        json.begin_object();
        if (std::string(key) != "by_currency") {
            json.key("who").begin_array();
            for (auto entity : total.who) {
                json.string(graph.entity(entity).id);
            }
            json.end_array();
        }
        json.key("currency").string(total.currency);
        json.key("value").number(total.value); // null when it overflowed
        if (total.overflowed()) {
            json.key("overflow").boolean(true);
        }
        json.key("amounts").integer(static_cast<std::int64_t>(total.items));
        if (total.shared_items != 0) {
            json.key("shared").begin_object();
            json.key("value").number(total.shared_value);
            json.key("amounts").integer(static_cast<std::int64_t>(total.shared_items));
            json.end_object();
        }
        if (!total.members.empty()) {
            json.key("members").begin_array();
            for (auto entity : total.members) {
                json.string(graph.entity(entity).id);
            }
            json.end_array();
        }
        json.end_object();
    }
    json.end_array();
}

/// The groupings --by asks for, in the order answers list them.
struct Grouping {
    const char* by;       ///< "currency", "vendor", "agency"
    const char* json_key; ///< "by_currency", ...
    const std::vector<graph::MoneyTotal>* totals;
};

Answer run_totals(const Request& request) {
    Answer answer;
    Session& session = request.session;
    const Arguments& args = request.args;
    const auto& graph = session.graph();
    const Projection projection = read_projection(session, args, answer);
    const std::string& by = args.text("--by");
    std::optional<graph::RollUp> roll_up;
    if (projection.roll_up || by == "parent") {
        roll_up = read_roll_up(graph, projection, answer);
    }
    graph::MoneyOptions options;
    options.roll_up = roll_up ? &*roll_up : nullptr;
    options.roll_up_lines = projection.roll_up;
    options.by_parent = by == "parent";
    const auto result = graph::money_totals(graph, projection.relation_mask(graph), options);
    const auto& lang = request.lang;
    std::vector<Grouping> groupings;
    for (const Grouping grouping : {Grouping{"currency", "by_currency", &result.by_currency},
                                    Grouping{"vendor", "by_vendor", &result.by_vendor},
                                    Grouping{"agency", "by_agency", &result.by_agency}}) {
        if (by == "all" || by == grouping.by) {
            groupings.push_back(grouping);
        }
    }
    if (by == "parent") {
        groupings.push_back({"parent", "by_parent", &result.by_parent});
    }
    if (by == "recipient") {
        groupings.push_back({"recipient", "by_recipient", &result.by_recipient});
    }
    if (request.parts.json) {
        io::JsonOut json;
        json.begin_object();
        for (const auto& grouping : groupings) {
            totals_json(json, graph, grouping.json_key, *grouping.totals);
        }
        json.key("amounts").begin_array();
        for (const auto& item : result.items) {
            json.begin_object();
            json.key("value").number(item.amount.value);
            json.key("currency").string(item.amount.currency);
            json.key("counted").boolean(!item.same_as.has_value());
            json.key("relation");
            relation_json(json, graph, item.relation);
            json.end_object();
        }
        json.end_array();
        json.end_object();
        answer.json = json.str();
    }
    // Text shows totals as "$6.8B" ("overflow USD" past 1.8e308); CSV the plain number
    // (empty past 1.8e308).
    for (const bool csv : {false, true}) {
        if (!(csv ? request.parts.csv : request.parts.text)) {
            continue;
        }
        // CSV keeps one value per cell: the shared part and the members in columns of
        // their own; text says them in the "who" and "amounts" cells.
        std::vector<std::string> headers{"by", "who", "currency", "total", "amounts"};
        if (csv) {
            headers.insert(headers.end(), {"shared", "members"});
        }
        Table table(headers);
        for (const auto& grouping : groupings) {
            const bool currency = std::string(grouping.by) == "currency";
            for (const auto& total : *grouping.totals) {
                if (!csv) {
                    table.add_row({grouping.by, currency ? "" : who_text(graph, total),
                                   total.currency, io::format_amount({total.value, total.currency}),
                                   amounts_text(total)});
                    continue;
                }
                table.add_row({grouping.by,
                               currency            ? std::string()
                               : total.who.empty() ? std::string("(not named)")
                                                   : join_ids(graph, total.who, " + "),
                               total.currency,
                               total.overflowed() ? std::string() : fmt::format("{}", total.value),
                               std::to_string(total.items),
                               total.shared_items == 0 ? std::string()
                                                       : fmt::format("{}", total.shared_value),
                               join_ids(graph, total.members, " ")});
            }
        }
        if (csv) {
            if (!result.items.empty()) {
                answer.table = std::move(table);
            }
            continue;
        }
        std::ostringstream text;
        if (!result.items.empty()) {
            table.print_text(text);
        }
        if (args.flag("--explain")) {
            text << "\nevery amount:\n";
            for (const auto& item : result.items) {
                const auto& relation = graph.relation(item.relation);
                text << fmt::format(
                    "  {} {} {}{}\n", io::display_name(graph.entity(relation.from_index), lang),
                    tie_words(graph, item.relation, true, lang),
                    io::display_name(graph.entity(relation.to_index), lang),
                    item.same_as
                        ? fmt::format(" (same money as {} {} {}; not added again)",
                                      graph.entity(graph.relation(*item.same_as).from_index).id,
                                      graph.relation(*item.same_as).type,
                                      graph.entity(graph.relation(*item.same_as).to_index).id)
                        : "");
                text << citation_lines(graph, item.relation, "     ");
            }
        }
        answer.text = text.str();
    }
    for (const auto& grouping : groupings) {
        const bool currency = std::string(grouping.by) == "currency";
        for (const auto& total : *grouping.totals) {
            if (!total.overflowed()) {
                continue;
            }
            std::string whose;
            if (!currency) {
                whose = total.who.empty()
                            ? fmt::format("with no {} named", grouping.by)
                            : fmt::format("of {} '{}'", grouping.by, join_ids(graph, total.who));
            }
            note_money_overflow(answer, total.currency, whose);
        }
    }
    if (result.items.empty()) {
        answer.empty = "no tie in the map carries an amount";
    } else if (by == "recipient" && result.by_recipient.empty()) {
        answer.empty = "no amount is on a tie that is not a supply tie (funds, a payment, a "
                       "donation)";
    }
    return answer;
}

} // namespace

QueryDef totals_query() {
    return {
        .name = "totals",
        .summary = "Money on the map's ties summed by vendor, by agency and by currency (or by "
                   "parent company, or by recipient); each currency apart, the same money "
                   "counted once, money shared by several vendors credited to each. Exit 1 "
                   "when no tie has an amount",
        .json_shape =
            R"(`{"by_currency": [...], "by_vendor": [{"who": [id], "currency", "value", "amounts", "shared"?: {"value", "amounts"}, "members"?: [id]}], "by_agency": [...], "by_parent"?: [...], "by_recipient"?: [...], "amounts": [{"value", "currency", "counted", "relation": relation}]}`)",
        .params = totals_params(),
        .tabular = true,
        .run = run_totals};
}

} // namespace powermap::query
