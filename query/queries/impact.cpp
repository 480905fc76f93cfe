// impact ENTITY: everything that depends on it through supply ties, by distance and type,
// with the money along the way summed per dependant.
#include <optional>
#include <sstream>

#include "query/chains.hpp"
#include "query/describe.hpp"
#include "query/money.hpp"
#include "query/projection.hpp"
#include "query/registry.hpp"
#include <fmt/format.h>

#include "graph/algorithms/dependency/dependency.hpp"
#include "io/display/labels.hpp"
#include "io/native/json_output.hpp"

namespace powermap::query {

namespace {

std::vector<Param> impact_params() {
    std::vector<Param> params{
        entity_param("ENTITY", "Id, name or alias"),
    };
    add_projection_params(params, {.avoid = true});
    params.back().help = "Chains may not pass through these entities";
    params.push_back({.name = "--explain",
                      .kind = ParamKind::Flag,
                      .help = "Each dependant's chain with its sources"});
    add_projection_params(params, {.time = true, .roll_up = true});
    return params;
}

void impact_json(io::JsonOut& json, const graph::EntityGraph& graph,
                 const graph::ImpactResult& result, const std::string& lang,
                 const graph::TimeFilter& time) {
    json.begin_object();
    json.key("entity");
    entity_json(json, graph, result.root);
    if (result.group.size() > 1) {
        json.key("group").begin_array();
        for (auto member : result.group) {
            json.string(graph.entity(member).id);
        }
        json.end_array();
    }
    json.key("dependants").begin_array();
    for (const auto& entry : result.entries) {
        json.begin_object();
        json.key("id").string(graph.entity(entry.entity).id);
        json.key("type").string(graph.entity(entry.entity).type);
        json.key("name").string(io::display_name(graph.entity(entry.entity), lang));
        json.key("distance").integer(static_cast<std::int64_t>(entry.distance));
        json.key("money").begin_array();
        for (const auto& sum : entry.money) {
            json.begin_object();
            json.key("currency").string(sum.currency);
            json.key("value").number(sum.value); // null when it overflowed
            if (sum.overflowed()) {
                json.key("overflow").boolean(true);
            }
            json.key("relations").begin_array();
            for (auto tie : sum.ties) {
                relation_json(json, graph, tie);
            }
            json.end_array();
            json.end_object();
        }
        json.end_array();
        json.key("chain");
        hops_json(json, graph, entry.chain.hops, lang, time);
        json.end_object();
    }
    json.end_array();
    json.end_object();
}

/// "N dependants of X over supply ties", then a table per distance; with `explain` each
/// dependant's chain with its citations.
std::string impact_text(const graph::EntityGraph& graph, const graph::ImpactResult& result,
                        const std::string& lang, bool explain, const graph::TimeFilter& time) {
    std::ostringstream out;
    std::string with;
    if (result.group.size() > 1) {
        with = fmt::format(" with {}",
                           join_ids(graph, {result.group.begin() + 1, result.group.end()}, ", "));
    }
    out << fmt::format("{} dependant{} of {}{} over supply ties\n", result.entries.size(),
                       result.entries.size() == 1 ? "" : "s",
                       entity_label(graph, result.root, lang), with);
    std::size_t idx = 0;
    while (idx < result.entries.size()) {
        const std::size_t distance = result.entries[idx].distance;
        out << fmt::format("\ndistance {}\n", distance);
        Table table({"type", "id", "name", "money on the way", "via"});
        for (; idx < result.entries.size() && result.entries[idx].distance == distance; ++idx) {
            const auto& entry = result.entries[idx];
            const auto& entity = graph.entity(entry.entity);
            const auto& last = entry.chain.hops.back();
            table.add_row(
                {entity.type, entity.id, io::display_name(entity, lang), money_text(entry.money),
                 fmt::format("{} {}", graph.entity(last.from).id,
                             io::relation_wording(graph, last.relation, last.forward, lang))});
        }
        table.print_text(out);
    }
    if (explain) {
        for (const auto& entry : result.entries) {
            out << fmt::format("\n{}:\n", entity_label(graph, entry.entity, lang));
            print_hops(out, graph, entry.chain.hops, lang, true, "  ", time);
        }
    }
    return out.str();
}

Answer run_impact(const Request& request) {
    Answer answer;
    Session& session = request.session;
    const Arguments& args = request.args;
    const auto& graph = session.graph();
    const auto root = session.resolve(args.text("ENTITY"));
    const Projection projection = read_projection(session, args, answer);
    graph::DependencyOptions options;
    options.time = projection.time;
    options.avoid = projection.avoid;
    std::optional<graph::RollUp> roll_up;
    if (projection.roll_up) {
        roll_up = read_roll_up(graph, projection, answer);
        options.roll_up = &*roll_up;
    }
    const auto result = graph::impact(session.view(), root, options);
    const auto& lang = request.lang;
    if (request.parts.json) {
        io::JsonOut json;
        impact_json(json, graph, result, lang, options.time);
        answer.json = json.str();
    }
    if (request.parts.csv) {
        Table table({"distance", "type", "id", "name", "money", "chain"});
        for (const auto& entry : result.entries) {
            const auto& entity = graph.entity(entry.entity);
            table.add_row({std::to_string(entry.distance), entity.type, entity.id,
                           io::display_name(entity, lang), money_text(entry.money),
                           chain_ids(graph, entry.chain.hops)});
        }
        answer.table = std::move(table);
    }
    if (request.parts.text && !result.entries.empty()) {
        answer.text = impact_text(graph, result, lang, args.flag("--explain"), options.time);
    }
    for (const auto& entry : result.entries) {
        for (const auto& sum : entry.money) {
            if (sum.overflowed()) {
                note_money_overflow(
                    answer, sum.currency,
                    fmt::format("of money on the way to '{}'", graph.entity(entry.entity).id));
            }
        }
    }
    if (result.entries.empty()) {
        answer.empty = fmt::format("nothing depends on {} through supply ties",
                                   entity_label(graph, root, lang));
    }
    return answer;
}

} // namespace

QueryDef impact_query() {
    return {
        .name = "impact",
        .summary = "Everything that depends on an entity directly or through a chain of "
                   "supply ties, by distance and type, with contract money along the way "
                   "summed per dependant. Exit 1 when nothing depends on it",
        .json_shape =
            R"(`{"entity": entity, "group"?: [id], "dependants": [{"id", "type", "name", "distance", "money": [{"currency", "value", "relations": [relation]}], "chain": [hop]}]}`)",
        .params = impact_params(),
        .tabular = true,
        .run = run_impact};
}

} // namespace powermap::query
