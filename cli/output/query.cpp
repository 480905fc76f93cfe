#include "cli/output/query.hpp"

#include <ostream>

#include <fmt/format.h>

#include "cli/output/describe.hpp"
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

bool mark_undated(const graph::TimeFilter& filter, const graph::Relation& relation) {
    return filter.as_of.has_value() && !graph::is_dated(relation);
}

void hop_json(io::JsonOut& json, const graph::EntityGraph& graph, const graph::PathHop& hop,
              const std::string& lang, const graph::TimeFilter& filter) {
    json.begin_object();
    json.key("from").string(graph.entity(hop.from).id);
    json.key("to").string(graph.entity(hop.to).id);
    json.key("forward").boolean(hop.forward);
    json.key("words").string(io::relation_wording(graph, hop.relation, hop.forward, lang));
    if (filter.as_of) {
        json.key("undated").boolean(mark_undated(filter, graph.relation(hop.relation)));
    }
    json.key("relation");
    relation_json(json, graph, hop.relation);
    json.end_object();
}

void hops_json(io::JsonOut& json, const graph::EntityGraph& graph,
               const std::vector<graph::PathHop>& hops, const std::string& lang,
               const graph::TimeFilter& filter) {
    json.begin_array();
    for (const auto& hop : hops) {
        hop_json(json, graph, hop, lang, filter);
    }
    json.end_array();
}

void print_hops(std::ostream& out, const graph::EntityGraph& graph,
                const std::vector<graph::PathHop>& hops, const std::string& lang, bool explain,
                const std::string& indent, const graph::TimeFilter& filter) {
    for (std::size_t hop_idx = 0; hop_idx < hops.size(); ++hop_idx) {
        const auto& hop = hops[hop_idx];
        out << fmt::format("{}{}. {} {} {}{}\n", indent, hop_idx + 1,
                           io::display_name(graph.entity(hop.from), lang),
                           tie_words(graph, hop.relation, hop.forward, lang),
                           io::display_name(graph.entity(hop.to), lang),
                           mark_undated(filter, graph.relation(hop.relation)) ? " (undated)" : "");
        if (explain) {
            out << citation_lines(graph, hop.relation, indent + "   ");
        }
    }
}

std::string chain_ids(const graph::EntityGraph& graph, const std::vector<graph::PathHop>& hops) {
    if (hops.empty()) {
        return {};
    }
    std::string text = graph.entity(hops.front().from).id;
    for (const auto& hop : hops) {
        text +=
            fmt::format(" {}{}{} {}", hop.forward ? "-" : "<-", graph.relation(hop.relation).type,
                        hop.forward ? "->" : "-", graph.entity(hop.to).id);
    }
    return text;
}

std::string join_ids(const graph::EntityGraph& graph,
                     const std::vector<graph::EntityIndex>& entities, const char* separator) {
    std::string text;
    for (std::size_t idx = 0; idx < entities.size(); ++idx) {
        text += (idx == 0 ? "" : separator) + graph.entity(entities[idx]).id;
    }
    return text;
}

void check_entity_types(const graph::EntityGraph& graph, const std::vector<std::string>& types) {
    const auto known = graph.schema().entity_type_ids();
    for (const auto& type : types) {
        if (graph.schema().find_entity_type(type) == nullptr) {
            throw Error(fmt::format("unknown entity type '{}'", type), did_you_mean(type, known));
        }
    }
}

void check_relation_types(const graph::EntityGraph& graph, const std::vector<std::string>& types) {
    const auto known = graph.schema().relation_type_ids();
    for (const auto& type : types) {
        if (graph.schema().find_relation_type(type) == nullptr) {
            throw Error(fmt::format("unknown relation type '{}'", type), did_you_mean(type, known));
        }
    }
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
