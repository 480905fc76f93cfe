#include "query/projection.hpp"

#include <algorithm>

#include "query/chains.hpp"
#include "query/session.hpp"
#include <fmt/format.h>

namespace powermap::query {

graph::TraversalMask Projection::relation_mask(const graph::EntityGraph& graph) const {
    graph::TraversalMask mask;
    if (!relation_types.empty()) {
        mask.relation_allowed.assign(graph.relation_count(), false);
        for (std::uint32_t idx = 0; idx < graph.relation_count(); ++idx) {
            const auto& type = graph.relations()[idx].type;
            mask.relation_allowed[idx] = std::find(relation_types.begin(), relation_types.end(),
                                                   type) != relation_types.end();
        }
    }
    if (supply_only) {
        graph::restrict_to_supply(graph, mask);
    }
    (void)graph::apply_time_filter(graph, time, mask);
    return mask;
}

graph::PathOptions Projection::path_options() const {
    graph::PathOptions options;
    options.relation_types = relation_types;
    options.supply_only = supply_only;
    options.through_types = through_types;
    options.avoid = avoid;
    options.time = time;
    return options;
}

void add_projection_params(std::vector<Param>& params, ProjectionParams which) {
    if (which.relations) {
        params.push_back({.name = "--relations",
                          .kind = ParamKind::List,
                          .help = "Use only these relation types",
                          .type_name = "TYPE,..."});
    }
    if (which.supply) {
        params.push_back(
            {.name = "--supply", .kind = ParamKind::Flag, .help = "Use only supply ties"});
    }
    if (which.through) {
        params.push_back({.name = "--through",
                          .kind = ParamKind::List,
                          .help = "Pass only through entities of these types (subtypes included)",
                          .type_name = "TYPE,..."});
    }
    if (which.avoid) {
        params.push_back({.name = "--avoid",
                          .kind = ParamKind::List,
                          .help = "Never pass through these entities",
                          .type_name = "ENTITY,..."});
    }
    if (which.time) {
        params.push_back({.name = "--as-of",
                          .kind = ParamKind::Text,
                          .help = "Only ties valid at this date (YYYY, YYYY-MM or YYYY-MM-DD); "
                                  "undated ties are kept and marked",
                          .type_name = "DATE"});
        params.push_back({.name = "--dated-only",
                          .kind = ParamKind::Flag,
                          .help = "With --as-of, drop ties that have no dates"});
    }
    if (which.roll_up) {
        params.push_back({.name = "--roll-up",
                          .kind = ParamKind::Flag,
                          .help = "Treat each subsidiary (a part_of tie with role 'subsidiary', "
                                  "or has_parent, up to the top parent) as its parent"});
    }
}

graph::RollUp read_roll_up(const graph::EntityGraph& graph, const Projection& projection,
                           Answer& answer) {
    graph::TraversalMask mask;
    (void)graph::apply_time_filter(graph, projection.time, mask);
    graph::RollUp roll_up = graph::corporate_roll_up(graph, mask);
    for (const auto& cycle : roll_up.cycles) {
        Diagnostic loop;
        loop.severity = Severity::Warning;
        loop.message = fmt::format("subsidiary ties loop through {}; rolled up as one group "
                                   "under '{}'",
                                   join_ids(graph, cycle, ", "), graph.entity(cycle.front()).id);
        loop.hint = "two companies cannot each be the other's subsidiary: remove or re-role one of "
                    "these part_of ties";
        answer.notes.push_back(std::move(loop));
    }
    for (auto entity : roll_up.several_parents) {
        Diagnostic several;
        several.severity = Severity::Warning;
        several.message =
            fmt::format("'{}' is a subsidiary of several parents; rolled up under '{}'",
                        graph.entity(entity).id, graph.entity(roll_up.head_of(entity)).id);
        several.hint = "keep role 'subsidiary' on the controlling parent's part_of tie only";
        answer.notes.push_back(std::move(several));
    }
    return roll_up;
}

namespace {

bool declared_and_given(const Arguments& args, std::string_view name) {
    return args.declares(name) && args.given(name);
}

} // namespace

Projection read_projection(Session& session, const Arguments& args, Answer& answer) {
    const auto& graph = session.graph();
    Projection projection;
    if (declared_and_given(args, "--relations")) {
        projection.relation_types = args.list("--relations");
        check_relation_types(graph, projection.relation_types);
    }
    if (args.declares("--supply")) {
        projection.supply_only = args.flag("--supply");
    }
    if (declared_and_given(args, "--through")) {
        projection.through_types = args.list("--through");
        check_entity_types(graph, projection.through_types);
    }
    if (declared_and_given(args, "--avoid")) {
        for (const auto& avoided : args.list("--avoid")) {
            projection.avoid.push_back(session.resolve(avoided));
        }
    }
    if (args.declares("--roll-up")) {
        projection.roll_up = args.flag("--roll-up");
    }
    if (args.declares("--as-of")) {
        const std::string& as_of = args.text("--as-of");
        if (!as_of.empty()) {
            projection.time.as_of = graph::parse_as_of(as_of);
        }
        projection.time.dated_only = args.flag("--dated-only");
        const auto& filter = projection.time;
        if (filter.dated_only && !filter.as_of) {
            throw Error("--dated-only needs --as-of", "e.g. --as-of 2019-06 --dated-only");
        }
        if (filter.as_of) {
            graph::TraversalMask mask;
            const auto stats = graph::apply_time_filter(graph, filter, mask);
            const auto undated = filter.dated_only ? stats.undated_dropped : stats.undated_kept;
            answer.note(fmt::format("as of {}: {} tie{} out of date dropped, {} undated tie{} {}",
                                    as_of, stats.dropped_out_of_date,
                                    stats.dropped_out_of_date == 1 ? "" : "s", undated,
                                    undated == 1 ? "" : "s",
                                    filter.dated_only ? "dropped" : "kept (marked 'undated')"));
        }
    }
    return projection;
}

} // namespace powermap::query
