#include "cli/output/query.hpp"

#include <ostream>

#include "query/describe.hpp"
#include <fmt/format.h>

#include "io/labels.hpp"

namespace powermap::cli {

void add_time_options(CLI::App* cmd, TimeArgs& args) {
    cmd->add_option("--as-of", args.as_of,
                    "Only ties valid at this date (YYYY, YYYY-MM or YYYY-MM-DD); undated ties "
                    "are kept and marked")
        ->type_name("DATE");
    cmd->add_flag("--dated-only", args.dated_only, "With --as-of, drop ties that have no dates");
}

graph::TimeFilter time_filter(Context& ctx, const TimeArgs& args) {
    graph::TimeFilter filter;
    if (!args.as_of.empty()) {
        filter.as_of = graph::parse_as_of(args.as_of);
    }
    filter.dated_only = args.dated_only;
    if (filter.dated_only && !filter.as_of) {
        throw Error("--dated-only needs --as-of", "e.g. --as-of 2019-06 --dated-only");
    }
    if (filter.as_of && !ctx.json()) {
        graph::TraversalMask mask;
        const auto stats = graph::apply_time_filter(ctx.graph(), filter, mask);
        ctx.err << fmt::format(
            "powermap: note: as of {}: {} tie{} out of date dropped, {} undated tie{} {}\n",
            args.as_of, stats.dropped_out_of_date, stats.dropped_out_of_date == 1 ? "" : "s",
            filter.dated_only ? stats.undated_dropped : stats.undated_kept,
            (filter.dated_only ? stats.undated_dropped : stats.undated_kept) == 1 ? "" : "s",
            filter.dated_only ? "dropped" : "kept (marked 'undated')");
    }
    return filter;
}

void print_table(Context& ctx, const Table& table) {
    if (ctx.csv()) {
        table.print_csv(ctx.out);
    } else {
        table.print_text(ctx.out);
    }
}

void money_overflow(Context& ctx, std::string_view currency, std::string_view whose) {
    ctx.print_diagnostics(
        {Diagnostic{Severity::Error,
                    {},
                    fmt::format("the {} total{}{} is too large to add up (beyond 1.8e308)",
                                currency, whose.empty() ? "" : " ", whose),
                    "an amount is probably mistyped; 'powermap totals --explain' lists them all",
                    std::nullopt}});
    ctx.exit_code = static_cast<int>(ExitCode::ProblemsFound);
}

void empty_answer(Context& ctx, const std::string& why) {
    if (!ctx.json()) {
        ctx.err << "powermap: " << why << '\n';
    }
    ctx.exit_code = static_cast<int>(ExitCode::ProblemsFound);
}

} // namespace powermap::cli
