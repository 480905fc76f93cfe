// cut: the fewest entities whose removal separates two sets over supply ties;
// --articulation lists the entities whose removal splits the map; --dominators ROOT the
// entities every supply chain from ROOT must pass.
#include <sstream>

#include "query/describe.hpp"
#include "query/projection.hpp"
#include "query/registry.hpp"
#include <fmt/format.h>

#include "graph/algorithms/connectivity/cuts.hpp"
#include "graph/selector.hpp"
#include "io/display/labels.hpp"
#include "io/native/json_output.hpp"

namespace powermap::query {

namespace {

std::vector<Param> cut_params() {
    std::vector<Param> params{
        {.name = "--from",
         .kind = ParamKind::Text,
         .help = "Selector of the upstream set (vendors)",
         .needs = {"--to"}},
        {.name = "--to",
         .kind = ParamKind::Text,
         .help = "Selector of the downstream set (targets)",
         .needs = {"--from"}},
        {.name = "--articulation",
         .kind = ParamKind::Flag,
         .help = "Entities whose removal splits their component of the map (ties in either "
                 "direction)",
         .excludes = {"--from", "--dominators"}},
    };
    add_projection_params(params, {.supply = true});
    params.back().help = "With --articulation: supply ties only";
    params.push_back({.name = "--dominators",
                      .kind = ParamKind::Text,
                      .help = "Dominator tree of the supply chain from ROOT: for every entity it "
                              "reaches, the nearest entity all its chains pass through",
                      .type_name = "ROOT",
                      .excludes = {"--from"}});
    add_projection_params(params, {.time = true});
    return params;
}

/// The parts of an answer that is a list of entities: JSON under `list_key`, a table of id,
/// type and name (none when the list is empty).
void entity_rows(const Request& request, Answer& answer,
                 const std::vector<graph::EntityIndex>& entities, const char* list_key) {
    const auto& graph = request.session.graph();
    if (request.parts.json) {
        io::JsonOut json;
        json.begin_object();
        json.key(list_key).begin_array();
        for (auto entity : entities) {
            entity_json(json, graph, entity);
        }
        json.end_array();
        json.end_object();
        answer.json = json.str();
    }
    if (entities.empty() || !(request.parts.text || request.parts.csv)) {
        return;
    }
    Table table({"id", "type", "name"});
    for (auto entity : entities) {
        table.add_row({graph.entity(entity).id, graph.entity(entity).type,
                       io::display_name(graph.entity(entity), request.lang)});
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

Answer articulation(const Request& request, const Projection& projection, Answer answer) {
    const auto& graph = request.session.graph();
    const auto points =
        graph::articulation_points(request.session.view(), projection.relation_mask(graph));
    entity_rows(request, answer, points, "articulation_points");
    if (points.empty()) {
        answer.empty = "no articulation points: no single entity's removal splits the map";
    }
    return answer;
}

Answer dominators(const Request& request, const graph::DependencyOptions& options, Answer answer) {
    Session& session = request.session;
    const auto& graph = session.graph();
    const auto& lang = request.lang;
    const auto root = session.resolve(request.args.text("--dominators"));
    const auto result = graph::dominator_tree(session.view(), root, options);
    std::vector<graph::EntityIndex> reached;
    for (auto entity : graph.entities_by_id()) {
        if (result.immediate[graph::to_underlying(entity)]) {
            reached.push_back(entity);
        }
    }
    auto dominator = [&](graph::EntityIndex entity) -> std::string {
        return graph.entity(*result.immediate[graph::to_underlying(entity)]).id;
    };
    if (request.parts.json) {
        io::JsonOut json;
        json.begin_object();
        json.key("root").string(graph.entity(root).id);
        json.key("dominators").begin_array();
        for (auto entity : reached) {
            json.begin_object();
            json.key("id").string(graph.entity(entity).id);
            json.key("dominator").string(dominator(entity));
            json.end_object();
        }
        json.end_array();
        json.end_object();
        answer.json = json.str();
    }
    if (reached.empty()) {
        answer.empty = fmt::format("{} supplies nothing", entity_label(graph, root, lang));
        return answer;
    }
    Table table({"entity", "type", "immediate dominator"});
    for (auto entity : reached) {
        table.add_row({graph.entity(entity).id, graph.entity(entity).type, dominator(entity)});
    }
    if (request.parts.text) {
        std::ostringstream text;
        text << fmt::format("every supply chain from {} to an entity passes through its "
                            "immediate dominator\n\n",
                            entity_label(graph, root, lang));
        table.print_text(text);
        answer.text = text.str();
    }
    if (request.parts.csv) {
        answer.table = std::move(table);
    }
    return answer;
}

Answer vertex_cut(const Request& request, const graph::DependencyOptions& options, Answer answer) {
    Session& session = request.session;
    const Arguments& args = request.args;
    const auto& graph = session.graph();
    const auto& lang = request.lang;
    if (args.text("--from").empty()) {
        throw Error("cut needs --from and --to, --articulation, or --dominators ROOT",
                    "e.g. powermap cut --from type=company --to id=ice");
    }
    const auto sources = graph::select_entities(graph, session.names(), args.text("--from"));
    const auto targets = graph::select_entities(graph, session.names(), args.text("--to"));
    const auto result = graph::minimum_vertex_cut(session.view(), sources, targets, options);
    if (request.parts.json) {
        io::JsonOut json;
        json.begin_object();
        json.key("connected").boolean(result.connected);
        json.key("separable").boolean(result.separable);
        json.key("cut").begin_array();
        for (auto entity : result.cut) {
            entity_json(json, graph, entity);
        }
        json.end_array();
        json.key("shared").begin_array();
        for (auto entity : result.shared) {
            json.string(graph.entity(entity).id);
        }
        json.end_array();
        json.key("direct_ties").begin_array();
        for (auto tie : result.direct_ties) {
            relation_json(json, graph, tie);
        }
        json.end_array();
        json.end_object();
        answer.json = json.str();
    }
    if (!result.separable) {
        // Not empty but impossible: why, one line per reason.
        std::string why = "no set of other entities separates them:";
        for (auto entity : result.shared) {
            why += fmt::format("\n  {} is in both sets", entity_label(graph, entity, lang));
        }
        for (auto tie : result.direct_ties) {
            const auto& relation = graph.relation(tie);
            why += fmt::format("\n  {} {} {} directly",
                               io::display_name(graph.entity(relation.from_index), lang),
                               tie_words(graph, tie, true, lang),
                               io::display_name(graph.entity(relation.to_index), lang));
        }
        answer.empty = std::move(why);
        return answer;
    }
    if (result.cut.empty()) {
        answer.empty = "no supply chain joins them: nothing to cut";
        return answer;
    }
    Table table({"id", "type", "name"});
    for (auto entity : result.cut) {
        table.add_row({graph.entity(entity).id, graph.entity(entity).type,
                       io::display_name(graph.entity(entity), lang)});
    }
    if (request.parts.text) {
        std::ostringstream text;
        text << fmt::format("removing these {} entit{} leaves no supply chain from the {} "
                            "selected to the {} selected:\n\n",
                            result.cut.size(), result.cut.size() == 1 ? "y" : "ies", sources.size(),
                            targets.size());
        table.print_text(text);
        answer.text = text.str();
    }
    if (request.parts.csv) {
        answer.table = std::move(table);
    }
    return answer;
}

Answer run_cut(const Request& request) {
    Answer answer;
    const Projection projection = read_projection(request.session, request.args, answer);
    if (request.args.flag("--articulation")) {
        return articulation(request, projection, std::move(answer));
    }
    graph::DependencyOptions options;
    options.time = projection.time;
    if (!request.args.text("--dominators").empty()) {
        return dominators(request, options, std::move(answer));
    }
    return vertex_cut(request, options, std::move(answer));
}

} // namespace

QueryDef cut_query() {
    return {
        .name = "cut",
        .summary = "The fewest entities whose removal leaves no supply chain from --from to "
                   "--to (minimum vertex cut by max-flow); or --articulation, or "
                   "--dominators ROOT. Exit 1 when the answer is empty",
        .json_shape =
            R"(`{"connected", "separable", "cut": [entity], "shared": [id], "direct_ties": [relation]}`; `--articulation` and `--dominators` print their own lists)",
        .params = cut_params(),
        .tabular = true,
        .run = run_cut};
}

} // namespace powermap::query
