// totals: contract money by vendor, by agency and by currency, never adding currencies
// together and never counting the same money twice; --explain lists every amount with its
// citation.
#include "graph/algorithms/money/totals.hpp"

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
         .help = "vendor, agency, currency or all",
         .default_value = "all",
         .choices = {"vendor", "agency", "currency", "all"},
         .show_default = true},
        {.name = "--explain",
         .kind = ParamKind::Flag,
         .help = "List every amount with its tie and citation"},
    };
    add_projection_params(params, {.time = true});
    return params;
}

std::string who_text(const graph::EntityGraph& graph, const std::vector<graph::EntityIndex>& who) {
    return who.empty() ? "(not named)" : join_ids(graph, who, " + ");
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
    const auto result = graph::money_totals(graph, projection.relation_mask(graph));
    const auto& lang = request.lang;
    const std::string& by = args.text("--by");
    std::vector<Grouping> groupings;
    for (const Grouping grouping : {Grouping{"currency", "by_currency", &result.by_currency},
                                    Grouping{"vendor", "by_vendor", &result.by_vendor},
                                    Grouping{"agency", "by_agency", &result.by_agency}}) {
        if (by == "all" || by == grouping.by) {
            groupings.push_back(grouping);
        }
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
        Table table({"by", "who", "currency", "total", "amounts"});
        for (const auto& grouping : groupings) {
            const bool currency = std::string(grouping.by) == "currency";
            for (const auto& total : *grouping.totals) {
                table.add_row(
                    {grouping.by, currency ? "" : who_text(graph, total.who), total.currency,
                     csv ? (total.overflowed() ? std::string() : fmt::format("{}", total.value))
                         : io::format_amount({total.value, total.currency}),
                     std::to_string(total.items)});
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
    }
    return answer;
}

} // namespace

QueryDef totals_query() {
    return {
        .name = "totals",
        .summary = "Money on the map's ties summed by vendor, by agency and by currency; each "
                   "currency apart, the same money counted once. Exit 1 when no tie has an "
                   "amount",
        .json_shape =
            R"(`{"by_currency": [...], "by_vendor": [{"who": [id], "currency", "value", "amounts"}], "by_agency": [...], "amounts": [{"value", "currency", "counted", "relation": relation}]}`)",
        .params = totals_params(),
        .tabular = true,
        .run = run_totals};
}

} // namespace powermap::query
