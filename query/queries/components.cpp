// components: the connected pieces of the map (weak, or strong with --strong).
#include "graph/algorithms/connectivity/components.hpp"

#include <algorithm>
#include <limits>
#include <sstream>

#include "query/chains.hpp"
#include "query/projection.hpp"
#include "query/registry.hpp"
#include <fmt/format.h>

#include "io/native/json_output.hpp"

namespace powermap::query {

namespace {

std::vector<Param> components_params() {
    std::vector<Param> params{
        {.name = "--strong", .kind = ParamKind::Flag, .help = "Strongly connected components"},
    };
    add_projection_params(params, {.supply = true});
    params.push_back({.name = "--members",
                      .kind = ParamKind::Count,
                      .help = "Members listed per component in text (0 = all)",
                      .default_value = "8",
                      .count_min = 0,
                      .count_max = std::numeric_limits<std::uint32_t>::max(),
                      .show_default = true});
    add_projection_params(params, {.time = true});
    return params;
}

Answer run_components(const Request& request) {
    Answer answer;
    Session& session = request.session;
    const Arguments& args = request.args;
    const auto& graph = session.graph();
    const Projection projection = read_projection(session, args, answer);
    const graph::TraversalMask mask = projection.relation_mask(graph);
    const bool strong = args.flag("--strong");
    const auto result = strong ? graph::strong_components(session.view(), mask)
                               : graph::weak_components(session.view(), mask);
    if (result.count() == 0) {
        answer.empty = "the map has no entities";
    }
    if (request.parts.json) {
        io::JsonOut json;
        json.begin_object();
        json.key("kind").string(strong ? "strong" : "weak");
        json.key("count").integer(static_cast<std::int64_t>(result.count()));
        json.key("components").begin_array();
        for (const auto& members : result.members) {
            json.begin_array();
            for (auto entity : members) {
                json.string(graph.entity(entity).id);
            }
            json.end_array();
        }
        json.end_array();
        json.end_object();
        answer.json = json.str();
    }
    if (request.parts.csv) {
        Table table({"component", "id", "type"});
        for (std::size_t idx = 0; idx < result.count(); ++idx) {
            for (auto entity : result.members[idx]) {
                table.add_row(
                    {std::to_string(idx + 1), graph.entity(entity).id, graph.entity(entity).type});
            }
        }
        answer.table = std::move(table);
    }
    if (request.parts.text) {
        const std::uint64_t show = args.count("--members");
        std::ostringstream out;
        out << fmt::format("{} {} component{}\n\n", result.count(),
                           strong ? "strongly connected" : "weakly connected",
                           result.count() == 1 ? "" : "s");
        Table table({"component", "size", "members"});
        for (std::size_t idx = 0; idx < result.count(); ++idx) {
            const auto& members = result.members[idx];
            const std::size_t shown_count =
                show == 0 ? members.size()
                          : static_cast<std::size_t>(std::min<std::uint64_t>(members.size(), show));
            std::vector<graph::EntityIndex> shown(
                members.begin(), members.begin() + static_cast<std::ptrdiff_t>(shown_count));
            std::string text = join_ids(graph, shown);
            if (shown.size() < members.size()) {
                text += fmt::format(", ... ({} more)", members.size() - shown.size());
            }
            table.add_row({std::to_string(idx + 1), std::to_string(members.size()), text});
        }
        table.print_text(out);
        answer.text = out.str();
    }
    return answer;
}

} // namespace

QueryDef components_query() {
    return {.name = "components",
            .summary = "Connected components, largest first: weak (ties either way) or --strong "
                       "(following the ties' direction)",
            .json_shape = R"(`{"kind", "count", "components": [[id]]}`)",
            .params = components_params(),
            .tabular = true,
            .run = run_components};
}

} // namespace powermap::query
