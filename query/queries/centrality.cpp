// centrality: who is most central, by a measure defined as NetworkX defines it.
#include "graph/algorithms/centrality/centrality.hpp"

#include <optional>
#include <sstream>
#include <type_traits>
#include <variant>

#include "query/chains.hpp"
#include "query/projection.hpp"
#include "query/registry.hpp"
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "io/display/labels.hpp"
#include "io/native/json_output.hpp"

namespace powermap::query {

namespace {

/// Scores as printed in JSON and CSV: 12 significant digits, so the last bits of a parallel
/// sum (which depend on the thread count) never reach the output.
double printed(double score) {
    return std::stod(fmt::format("{:.12g}", score));
}

std::vector<Param> centrality_params() {
    const graph::CentralityOptions defaults;
    const auto names = graph::measure_names();
    std::string measures; // "degree, in, ... or eigenvector"
    for (std::size_t idx = 0; idx < names.size(); ++idx) {
        measures += idx == 0 ? "" : idx + 1 == names.size() ? " or " : ", ";
        measures += names[idx];
    }
    std::vector<std::string> choices = names;
    for (const graph::MeasureDef& measure : graph::measures()) {
        choices.insert(choices.end(), measure.aliases.begin(), measure.aliases.end());
    }
    std::vector<Param> params{
        {.name = "--measure",
         .kind = ParamKind::Choice,
         .help = measures,
         .default_value = names.front(),
         .choices = std::move(choices),
         .show_default = true},
        {.name = "--top",
         .kind = ParamKind::Count,
         .help = "How many to list (0 = all)",
         .default_value = "10",
         .count_min = 0,
         .count_max = 4294967295,
         .show_default = true},
        {.name = "--type",
         .kind = ParamKind::List,
         .help = "List only entities of these types (subtypes included)",
         .type_name = "TYPE,..."},
    };
    add_projection_params(params, {.relations = true, .supply = true});
    params.push_back(
        {.name = "--directed",
         .kind = ParamKind::Flag,
         .help = "Follow ties' direction (undirected relation types count both ways)"});
    params.push_back(
        {.name = "--normalized",
         .kind = ParamKind::Flag,
         .help = "Degree divided by n-1; betweenness by (n-1)(n-2) (NetworkX's normalized=True)"});
    // The measures' own settings, as the centrality table declares them.
    for (const graph::MeasureParam& setting : graph::measure_params()) {
        Param param{.name = fmt::format("--{}", setting.name),
                    .help = std::string(setting.help),
                    .type_name = std::string(setting.type_name),
                    .show_default = setting.show_default};
        std::visit(
            [&](auto field) {
                param.default_value = fmt::format("{}", defaults.*field);
                if constexpr (std::is_same_v<decltype(defaults.*field), const double&>) {
                    param.kind = ParamKind::Real;
                    param.min = setting.min;
                    param.max = setting.max;
                } else {
                    param.kind = ParamKind::Count;
                    param.count_min = setting.count_min;
                    param.count_max = setting.count_max;
                }
            },
            setting.field);
        params.push_back(std::move(param));
    }
    add_projection_params(params, {.time = true, .roll_up = true});
    params.back().help = "Score each corporate group as one entity, its top parent (its "
                         "subsidiaries' ties are its own; part_of with role 'subsidiary' or "
                         "has_parent), listed with its members";
    return params;
}

Answer run_centrality(const Request& request) {
    Answer answer;
    Session& session = request.session;
    const Arguments& args = request.args;
    const auto& graph = session.graph();
    const auto& types = args.list("--type");
    check_entity_types(graph, types);
    const Projection projection = read_projection(session, args, answer);
    const graph::MeasureDef* measure = graph::find_measure(args.text("--measure"));
    POWERMAP_ASSERT(measure != nullptr);
    const std::string measure_name(measure->name); // an alias answers under the measure's name
    // --roll-up: the measure runs on the map with each group contracted into its head.
    std::optional<graph::RollUp> roll_up;
    graph::ContractedGraph contracted;
    std::optional<graph::AnalyticsView> contracted_view;
    if (projection.roll_up) {
        roll_up = read_roll_up(graph, projection, answer);
        contracted = graph::contract_groups(graph, *roll_up);
        contracted_view.emplace(*contracted.graph);
    }
    const graph::EntityGraph& ranked_graph = contracted.graph ? *contracted.graph : graph;
    const graph::AnalyticsView& view = contracted_view ? *contracted_view : session.view();
    const graph::TraversalMask mask = projection.relation_mask(ranked_graph);
    // The other members of a ranked entity's group (empty without --roll-up).
    auto members = [&](graph::EntityIndex ranked) {
        std::vector<graph::EntityIndex> others;
        if (roll_up) {
            const auto group = roll_up->members(contracted.original[graph::to_underlying(ranked)]);
            others.assign(group.begin() + 1, group.end());
        }
        return others;
    };
    graph::CentralityOptions options;
    options.directed = args.flag("--directed");
    options.normalized = args.flag("--normalized");
    options.mask = &mask;
    for (const graph::MeasureParam& setting : graph::measure_params()) {
        const std::string name = fmt::format("--{}", setting.name);
        std::visit(
            [&](auto field) {
                using Value = std::remove_reference_t<decltype(options.*field)>;
                if constexpr (std::is_same_v<Value, double>) {
                    options.*field = args.real(name);
                } else {
                    options.*field = static_cast<Value>(args.count(name));
                }
            },
            setting.field);
    }
    // A long run on a big map (exact betweenness): tell whoever watches.
    if (!measure->progress_unit.empty() && request.progress && view.relation_count() > 50000) {
        options.progress = [&request, measure](std::size_t done, std::size_t total) {
            request.progress(measure->name, measure->progress_unit, done, total);
        };
    }
    const bool approximate = args.given("--approx");
    if (approximate && measure->estimate == nullptr) {
        std::vector<std::string> estimated;
        for (const graph::MeasureDef& other : graph::measures()) {
            if (other.estimate != nullptr) {
                estimated.emplace_back(other.name);
            }
        }
        throw Error(fmt::format("--approx applies to {} only", fmt::join(estimated, ", ")),
                    fmt::format("use --measure {}, or drop --approx",
                                fmt::join(estimated, " or --measure ")));
    }
    std::vector<double> scores;
    std::optional<graph::ApproxBetweenness> estimate;
    const std::uint64_t seed = options.seed;
    if (approximate) {
        estimate = measure->estimate(view, options);
        scores = estimate->scores;
        answer.about.push_back(
            fmt::format("approximate {} from {} sampled shortest paths: each score "
                        "within {:.4g} of the exact one with probability {:.4g}",
                        measure->name, estimate->samples, estimate->bound, 1.0 - estimate->delta));
    } else {
        scores = measure->run(view, options);
    }
    const auto ranked =
        graph::rank_entities(ranked_graph, scores, types, args.count("--top"), &mask);
    const auto& lang = request.lang;
    if (request.parts.json) {
        io::JsonOut json;
        json.begin_object();
        json.key("measure").string(measure_name);
        json.key("directed").boolean(options.directed);
        json.key("normalized").boolean(options.normalized);
        if (estimate) {
            json.key("approximate").begin_object();
            json.key("samples").integer(static_cast<std::int64_t>(estimate->samples));
            json.key("epsilon").number(estimate->epsilon);
            json.key("delta").number(estimate->delta);
            json.key("bound").number(estimate->bound);
            json.key("seed").integer(static_cast<std::int64_t>(seed));
            json.end_object();
        }
        json.key("ranking").begin_array();
        for (const auto& entry : ranked) {
            const auto& entity = ranked_graph.entity(entry.entity);
            json.begin_object();
            json.key("rank").integer(static_cast<std::int64_t>(entry.rank));
            json.key("id").string(entity.id);
            json.key("type").string(entity.type);
            json.key("name").string(io::display_name(entity, lang));
            json.key("score").number(printed(entry.score));
            if (const auto others = members(entry.entity); !others.empty()) {
                json.key("members").begin_array();
                for (auto member : others) {
                    json.string(graph.entity(member).id);
                }
                json.end_array();
            }
            json.end_object();
        }
        json.end_array();
        json.end_object();
        answer.json = json.str();
    }
    if (ranked.empty()) {
        answer.empty = "no entity to rank";
        return answer;
    }
    // Text shows 6 significant digits; CSV the 12 that JSON has.
    for (const bool csv : {false, true}) {
        if (!(csv ? request.parts.csv : request.parts.text)) {
            continue;
        }
        std::vector<std::string> headers{"rank", "id", "type", "name", measure_name};
        if (roll_up) {
            headers.emplace_back("members");
        }
        Table table(headers);
        for (const auto& entry : ranked) {
            const auto& entity = ranked_graph.entity(entry.entity);
            std::vector<std::string> row{
                std::to_string(entry.rank), entity.id, entity.type, io::display_name(entity, lang),
                csv ? fmt::format("{}", printed(entry.score)) : fmt::format("{:.6g}", entry.score)};
            if (roll_up) {
                row.push_back(csv ? join_ids(graph, members(entry.entity), " ")
                                  : members_text(graph, members(entry.entity)));
            }
            table.add_row(row);
        }
        keep_table(answer, std::move(table), csv);
    }
    return answer;
}

} // namespace

QueryDef centrality_query() {
    return {
        .name = "centrality",
        .summary = "Rank entities by a centrality measure, defined and normalised as NetworkX "
                   "does (parallel ties count once); ties broken by id",
        .json_shape =
            R"(`{"measure", "directed", "normalized", "ranking": [{"rank", "id", "type", "name", "score", "members"?: [id]}]}`)",
        .params = centrality_params(),
        .tabular = true,
        .run = run_centrality};
}

} // namespace powermap::query
