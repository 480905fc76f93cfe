// underpin: which vendor reaches which target through supply ties, as a matrix of chain
// lengths; --explain gives the shortest chain for each cell with its citations.
#include <map>
#include <optional>
#include <sstream>

#include "query/chains.hpp"
#include "query/describe.hpp"
#include "query/projection.hpp"
#include "query/registry.hpp"
#include <fmt/format.h>

#include "graph/algorithms/dependency/dependency.hpp"
#include "graph/selector.hpp"
#include "io/native/json_output.hpp"

namespace powermap::query {

namespace {

std::vector<Param> underpin_params() {
    std::vector<Param> params{
        {.name = "--vendors",
         .kind = ParamKind::Text,
         .help = "Selector: type=T, tag=T, id=X or a name; commas join",
         .default_value = "type=company",
         .show_default = true},
        {.name = "--targets",
         .kind = ParamKind::Text,
         .help = "Selector for the targets",
         .default_value = "type=system,type=agency",
         .show_default = true},
    };
    add_projection_params(params, {.avoid = true});
    params.back().help = "Chains may not pass through these entities";
    params.push_back(
        {.name = "--explain",
         .kind = ParamKind::Flag,
         .help = "After the matrix, the shortest chain of every cell with its sources"});
    add_projection_params(params, {.time = true, .roll_up = true});
    return params;
}

void underpin_json(io::JsonOut& json, const graph::EntityGraph& graph,
                   const graph::UnderpinResult& result, const std::string& lang,
                   const graph::TimeFilter& time) {
    json.begin_object();
    json.key("vendors").begin_array();
    for (auto vendor : result.vendors) {
        json.string(graph.entity(vendor).id);
    }
    json.end_array();
    json.key("targets").begin_array();
    for (auto target : result.targets) {
        json.string(graph.entity(target).id);
    }
    json.end_array();
    json.key("cells").begin_array();
    for (const auto& cell : result.cells) {
        json.begin_object();
        json.key("vendor").string(graph.entity(cell.vendor).id);
        json.key("target").string(graph.entity(cell.target).id);
        json.key("length").integer(static_cast<std::int64_t>(cell.chain.length()));
        json.key("chain");
        hops_json(json, graph, cell.chain.hops, lang, time);
        json.end_object();
    }
    json.end_array();
    json.end_object();
}

/// The matrix of chain lengths, only vendors and targets with at least one chain (a matrix
/// of blanks says nothing); with `explain` every cell's chain with its citations.
std::string underpin_text(const graph::EntityGraph& graph, const graph::UnderpinResult& result,
                          const std::string& lang, bool explain, const graph::TimeFilter& time) {
    std::vector<graph::EntityIndex> rows;
    std::vector<graph::EntityIndex> columns;
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> length;
    for (const auto& cell : result.cells) {
        if (rows.empty() || rows.back() != cell.vendor) {
            rows.push_back(cell.vendor);
        }
        length[{graph::to_underlying(cell.vendor), graph::to_underlying(cell.target)}] =
            cell.chain.length();
    }
    for (auto target : result.targets) {
        for (auto vendor : rows) {
            if (length.count({graph::to_underlying(vendor), graph::to_underlying(target)}) != 0) {
                columns.push_back(target);
                break;
            }
        }
    }
    std::ostringstream out;
    out << fmt::format("{} of {} vendors reach {} of {} targets over supply ties "
                       "(cells: ties in the shortest chain)\n\n",
                       rows.size(), result.vendors.size(), columns.size(), result.targets.size());
    std::vector<std::string> headers{"vendor \\ target"};
    for (auto target : columns) {
        headers.push_back(graph.entity(target).id);
    }
    Table table(headers);
    for (auto vendor : rows) {
        std::vector<std::string> cells{graph.entity(vendor).id};
        for (auto target : columns) {
            auto found = length.find({graph::to_underlying(vendor), graph::to_underlying(target)});
            cells.push_back(found == length.end() ? "\u00b7" : std::to_string(found->second));
        }
        table.add_row(cells);
    }
    table.print_text(out);
    if (explain) {
        for (const auto& cell : result.cells) {
            out << fmt::format("\n{} \u2192 {}: {} hop{}\n", entity_label(graph, cell.vendor, lang),
                               entity_label(graph, cell.target, lang), cell.chain.length(),
                               cell.chain.length() == 1 ? "" : "s");
            print_hops(out, graph, cell.chain.hops, lang, true, "  ", time);
        }
    }
    return out.str();
}

Answer run_underpin(const Request& request) {
    Answer answer;
    Session& session = request.session;
    const Arguments& args = request.args;
    const auto& graph = session.graph();
    const auto vendors = graph::select_entities(graph, session.names(), args.text("--vendors"));
    const auto targets = graph::select_entities(graph, session.names(), args.text("--targets"));
    const Projection projection = read_projection(session, args, answer);
    graph::DependencyOptions options;
    options.time = projection.time;
    options.avoid = projection.avoid;
    std::optional<graph::RollUp> roll_up;
    if (projection.roll_up) {
        roll_up = read_roll_up(graph, projection, answer);
        options.roll_up = &*roll_up;
    }
    const auto result = graph::underpin(session.view(), vendors, targets, options);
    const auto& lang = request.lang;
    if (request.parts.json) {
        io::JsonOut json;
        underpin_json(json, graph, result, lang, options.time);
        answer.json = json.str();
    }
    if (request.parts.csv) {
        Table table({"vendor", "target", "length", "chain"});
        for (const auto& cell : result.cells) {
            table.add_row({graph.entity(cell.vendor).id, graph.entity(cell.target).id,
                           std::to_string(cell.chain.length()), chain_ids(graph, cell.chain.hops)});
        }
        answer.table = std::move(table);
    }
    if (result.cells.empty()) {
        answer.empty = fmt::format("none of the {} vendors reaches any of the {} targets over "
                                   "supply ties",
                                   result.vendors.size(), result.targets.size());
    } else if (request.parts.text) {
        answer.text = underpin_text(graph, result, lang, args.flag("--explain"), options.time);
    }
    return answer;
}

} // namespace

QueryDef underpin_query() {
    return {
        .name = "underpin",
        .summary = "Which vendors underpin which targets through supply ties (vendor hosts/"
                   "provides/holds -> ... -> target), as a vendor x target matrix of chain "
                   "lengths. Exit 1 when no vendor reaches any target",
        .json_shape =
            R"(`{"vendors": [id], "targets": [id], "cells": [{"vendor", "target", "length", "chain": [hop]}]}`)",
        .params = underpin_params(),
        .tabular = true,
        .run = run_underpin};
}

} // namespace powermap::query
