// powermap totals: contract money by vendor, by agency and by currency, never adding
// currencies together and never counting the same money twice; --explain lists every
// amount with its citation.
#include <memory>
#include <ostream>

#include "query/describe.hpp"
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/output/query.hpp"
#include "graph/algorithms/totals.hpp"
#include "io/labels.hpp"

namespace powermap::cli {

namespace {

struct TotalsArgs {
    std::string by = "all";
    bool explain = false;
    TimeArgs time;
};

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

} // namespace

void register_totals(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "totals", "Money on the map's ties summed by vendor, by agency and by currency; each "
                  "currency apart, the same money counted once. Exit 1 when no tie has an amount");
    auto args = std::make_shared<TotalsArgs>();
    cmd->add_option("--by", args->by, "vendor, agency, currency or all")
        ->check(CLI::IsMember({"vendor", "agency", "currency", "all"}))
        ->capture_default_str();
    cmd->add_flag("--explain", args->explain, "List every amount with its tie and citation");
    add_time_options(cmd, args->time);
    cmd->callback([&ctx, args] {
        const auto& graph = ctx.graph();
        graph::TraversalMask mask;
        (void)graph::apply_time_filter(graph, time_filter(ctx, args->time), mask);
        const auto result = graph::money_totals(graph, mask);
        const auto& lang = ctx.options.lang;
        const bool all = args->by == "all";
        if (ctx.json()) {
            io::JsonOut json;
            json.begin_object();
            if (all || args->by == "currency") {
                totals_json(json, graph, "by_currency", result.by_currency);
            }
            if (all || args->by == "vendor") {
                totals_json(json, graph, "by_vendor", result.by_vendor);
            }
            if (all || args->by == "agency") {
                totals_json(json, graph, "by_agency", result.by_agency);
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
            ctx.out << json.str();
        } else {
            Table table({"by", "who", "currency", "total", "amounts"});
            auto add = [&](const char* by, const std::vector<graph::MoneyTotal>& totals) {
                for (const auto& total : totals) {
                    table.add_row(
                        {by, std::string(by) == "currency" ? "" : who_text(graph, total.who),
                         total.currency,
                         ctx.csv()
                             ? (total.overflowed() ? std::string() : fmt::format("{}", total.value))
                             : io::format_amount({total.value, total.currency}),
                         std::to_string(total.items)});
                }
            };
            if (all || args->by == "currency") {
                add("currency", result.by_currency);
            }
            if (all || args->by == "vendor") {
                add("vendor", result.by_vendor);
            }
            if (all || args->by == "agency") {
                add("agency", result.by_agency);
            }
            if (!result.items.empty()) {
                print_table(ctx, table);
            }
            if (args->explain && !ctx.csv()) {
                ctx.out << "\nevery amount:\n";
                for (const auto& item : result.items) {
                    const auto& relation = graph.relation(item.relation);
                    ctx.out << fmt::format(
                        "  {} {} {}{}\n", io::display_name(graph.entity(relation.from_index), lang),
                        tie_words(graph, item.relation, true, lang),
                        io::display_name(graph.entity(relation.to_index), lang),
                        item.same_as
                            ? fmt::format(" (same money as {} {} {}; not added again)",
                                          graph.entity(graph.relation(*item.same_as).from_index).id,
                                          graph.relation(*item.same_as).type,
                                          graph.entity(graph.relation(*item.same_as).to_index).id)
                            : "");
                    ctx.out << citation_lines(graph, item.relation, "     ");
                }
            }
        }
        auto overflows = [&](const char* by, const std::vector<graph::MoneyTotal>& totals) {
            for (const auto& total : totals) {
                if (total.overflowed()) {
                    std::string whose;
                    if (std::string(by) != "currency") {
                        whose = total.who.empty()
                                    ? fmt::format("with no {} named", by)
                                    : fmt::format("of {} '{}'", by, join_ids(graph, total.who));
                    }
                    money_overflow(ctx, total.currency, whose);
                }
            }
        };
        if (all || args->by == "currency") {
            overflows("currency", result.by_currency);
        }
        if (all || args->by == "vendor") {
            overflows("vendor", result.by_vendor);
        }
        if (all || args->by == "agency") {
            overflows("agency", result.by_agency);
        }
        if (result.items.empty()) {
            empty_answer(ctx, "no tie in the map carries an amount");
        }
    });
}

} // namespace powermap::cli
