// centrality: who is most central, by a measure defined as NetworkX defines it.
#include "graph/algorithms/centrality.hpp"

#include <limits>
#include <sstream>

#include "query/chains.hpp"
#include "query/projection.hpp"
#include "query/registry.hpp"
#include <fmt/format.h>

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
    std::vector<Param> params{
        {.name = "--measure",
         .kind = ParamKind::Choice,
         .help = measures,
         .default_value = "degree",
         .choices = graph::measure_names(),
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
    std::vector<Param> rest{
        {.name = "--directed",
         .kind = ParamKind::Flag,
         .help = "Follow ties' direction (undirected relation types count both ways)"},
        {.name = "--normalized",
         .kind = ParamKind::Flag,
         .help = "Degree divided by n-1; betweenness by (n-1)(n-2) (NetworkX's normalized=True)"},
        {.name = "--threads",
         .kind = ParamKind::Count,
         .help = "Threads for betweenness/closeness (0 = all cores)",
         .default_value = fmt::format("{}", defaults.threads),
         .count_min = 0,
         .count_max = 1024,
         .show_default = true},
        {.name = "--damping",
         .kind = ParamKind::Real,
         .help = "PageRank damping (alpha)",
         .default_value = fmt::format("{}", defaults.damping),
         .min = 0.0,
         .max = 1.0,
         .show_default = true},
        {.name = "--tolerance",
         .kind = ParamKind::Real,
         .help = "PageRank/eigenvector tolerance",
         .default_value = fmt::format("{}", defaults.tolerance),
         .min = 1e-15,
         .max = 1.0,
         .show_default = true},
        {.name = "--max-iter",
         .kind = ParamKind::Count,
         .help = "PageRank/eigenvector iterations",
         .default_value = fmt::format("{}", defaults.max_iterations),
         .count_min = 1,
         .count_max = 1000000,
         .show_default = true},
        {.name = "--approx",
         .kind = ParamKind::Real,
         .help = "Betweenness only: estimate it from random shortest paths so that every "
                 "score is within EPS of the exact one (on the 'share of pairs' scale) with "
                 "probability 1 - --delta; for maps where exact is too slow",
         .default_value = "0",
         .min = 1e-4,
         .max = 0.5,
         .type_name = "EPS"},
        {.name = "--delta",
         .kind = ParamKind::Real,
         .help = "With --approx: allowed failure probability",
         .default_value = "0.1",
         .min = 1e-6,
         .max = 0.5,
         .show_default = true},
        {.name = "--seed",
         .kind = ParamKind::Count,
         .help = "With --approx: the sampling seed (same seed, same scores)",
         .default_value = "20261129",
         .count_min = 0,
         .count_max = std::numeric_limits<std::uint64_t>::max(),
         .show_default = true},
    };
    params.insert(params.end(), rest.begin(), rest.end());
    add_projection_params(params, {.time = true});
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
    const std::string& measure_text = args.text("--measure");
    const auto measure = graph::parse_measure(measure_text);
    POWERMAP_ASSERT(measure.has_value());
    const graph::TraversalMask mask = projection.relation_mask(graph);
    graph::CentralityOptions options;
    options.directed = args.flag("--directed");
    options.normalized = args.flag("--normalized");
    options.mask = &mask;
    options.threads = static_cast<unsigned>(args.count("--threads"));
    options.damping = args.real("--damping");
    options.tolerance = args.real("--tolerance");
    options.max_iterations = static_cast<unsigned>(args.count("--max-iter"));
    // Exact betweenness on a big map takes a while: tell whoever watches.
    if (*measure == graph::Measure::Betweenness && request.progress &&
        session.view().relation_count() > 50000) {
        options.progress = [&request](std::size_t done, std::size_t total) {
            request.progress("betweenness", "sources", done, total);
        };
    }
    const bool approximate = args.given("--approx");
    if (approximate && *measure != graph::Measure::Betweenness) {
        throw Error("--approx applies to betweenness only",
                    "use --measure betweenness, or drop --approx");
    }
    std::vector<double> scores;
    std::optional<graph::ApproxBetweenness> estimate;
    const std::uint64_t seed = args.count("--seed");
    if (approximate) {
        estimate = graph::approximate_betweenness(session.view(), options, args.real("--approx"),
                                                  args.real("--delta"), seed);
        scores = estimate->scores;
        answer.about.push_back(
            fmt::format("approximate betweenness from {} sampled shortest paths: each score "
                        "within {:.4g} of the exact one with probability {:.4g}",
                        estimate->samples, estimate->bound, 1.0 - estimate->delta));
    } else {
        scores = graph::centrality(session.view(), *measure, options);
    }
    const auto ranked = graph::rank_entities(graph, scores, types, args.count("--top"), &mask);
    const auto& lang = request.lang;
    if (request.parts.json) {
        io::JsonOut json;
        json.begin_object();
        json.key("measure").string(measure_text);
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
            const auto& entity = graph.entity(entry.entity);
            json.begin_object();
            json.key("rank").integer(static_cast<std::int64_t>(entry.rank));
            json.key("id").string(entity.id);
            json.key("type").string(entity.type);
            json.key("name").string(io::display_name(entity, lang));
            json.key("score").number(printed(entry.score));
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
        Table table({"rank", "id", "type", "name", measure_text});
        for (const auto& entry : ranked) {
            const auto& entity = graph.entity(entry.entity);
            table.add_row({std::to_string(entry.rank), entity.id, entity.type,
                           io::display_name(entity, lang),
                           csv ? fmt::format("{}", printed(entry.score))
                               : fmt::format("{:.6g}", entry.score)});
        }
        if (csv) {
            answer.table = std::move(table);
        } else {
            std::ostringstream text;
            table.print_text(text);
            answer.text = text.str();
        }
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
            R"(`{"measure", "directed", "normalized", "ranking": [{"rank", "id", "type", "name", "score"}]}`)",
        .params = centrality_params(),
        .tabular = true,
        .run = run_centrality};
}

} // namespace powermap::query
