// neighbors: the entities within N ties of one entity (its ego network), with the ties that
// lead there.
#include "graph/algorithms/neighborhood/neighbors.hpp"

#include <sstream>

#include "query/chains.hpp"
#include "query/describe.hpp"
#include "query/projection.hpp"
#include "query/registry.hpp"
#include <fmt/format.h>

#include "io/display/labels.hpp"
#include "io/native/json_output.hpp"

namespace powermap::query {

namespace {

std::vector<Param> neighbors_params() {
    std::vector<Param> params{
        entity_param("ENTITY", "Id, name or alias"),
        {.name = "--depth",
         .kind = ParamKind::Count,
         .help = "How many ties out",
         .default_value = "1",
         .count_min = 1,
         .count_max = 64,
         .show_default = true},
        {.name = "--directed",
         .kind = ParamKind::Flag,
         .help = "Follow ties only in their own direction"},
    };
    add_projection_params(params, {.supply = true});
    add_projection_params(params, {.relations = true, .through = true});
    params.back().help = "Reach only entities of these types (subtypes included)";
    add_projection_params(params, {.time = true});
    return params;
}

Answer run_neighbors(const Request& request) {
    Answer answer;
    Session& session = request.session;
    const Arguments& args = request.args;
    const auto& graph = session.graph();
    const auto center = session.resolve(args.text("ENTITY"));
    const Projection projection = read_projection(session, args, answer);
    graph::PathOptions options = projection.path_options();
    options.directed = args.flag("--directed");
    const auto entries = graph::neighbors(session.view(), center, args.count("--depth"), options);
    const auto& lang = request.lang;
    if (request.parts.json) {
        io::JsonOut json;
        json.begin_object();
        json.key("entity");
        entity_json(json, graph, center);
        json.key("neighbors").begin_array();
        for (const auto& entry : entries) {
            json.begin_object();
            json.key("id").string(graph.entity(entry.entity).id);
            json.key("type").string(graph.entity(entry.entity).type);
            json.key("name").string(io::display_name(graph.entity(entry.entity), lang));
            json.key("distance").integer(static_cast<std::int64_t>(entry.distance));
            json.key("via");
            hops_json(json, graph, entry.via, lang, options.time);
            json.end_object();
        }
        json.end_array();
        json.end_object();
        answer.json = json.str();
    }
    if (entries.empty()) {
        answer.empty = fmt::format("{} has no neighbours with these restrictions",
                                   entity_label(graph, center, lang));
        return answer;
    }
    if (request.parts.text || request.parts.csv) {
        Table table({"distance", "id", "type", "name", "via"});
        for (const auto& entry : entries) {
            std::string via;
            for (const auto& hop : entry.via) {
                via += fmt::format("{}{} {}", via.empty() ? "" : "; ", graph.entity(hop.from).id,
                                   tie_words(graph, hop.relation, hop.forward, lang));
            }
            table.add_row({std::to_string(entry.distance), graph.entity(entry.entity).id,
                           graph.entity(entry.entity).type,
                           io::display_name(graph.entity(entry.entity), lang), via});
        }
        if (request.parts.text) {
            std::ostringstream text;
            table.print_text(text);
            answer.text = text.str();
        }
        if (request.parts.csv) {
            answer.table = std::move(table);
        }
    }
    return answer;
}

} // namespace

QueryDef neighbors_query() {
    return {
        .name = "neighbors",
        .summary = "The entities within --depth ties of an entity (its ego network), with "
                   "every tie that leads there. Exit 1 when it has none",
        .json_shape =
            R"(`{"entity": entity, "neighbors": [{"id", "type", "name", "distance", "via": [hop]}]}`)",
        .params = neighbors_params(),
        .tabular = true,
        .run = run_neighbors};
}

} // namespace powermap::query
