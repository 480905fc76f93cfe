// The centrality family's table: every measure and every setting the measures read. Help,
// checks and defaults in every front end come from here.
#include <algorithm>
#include <limits>

#include "graph/algorithms/centrality/centrality.hpp"

namespace powermap::graph {

namespace {

using Options = CentralityOptions;

const std::vector<MeasureParam>& param_table() {
    static const std::vector<MeasureParam> table{
        {.name = "threads",
         .help = "Threads for betweenness/closeness (0 = all cores)",
         .field = &Options::threads,
         .count_min = 0,
         .count_max = 1024},
        {.name = "damping",
         .help = "PageRank damping (alpha)",
         .field = &Options::damping,
         .min = 0.0,
         .max = 1.0},
        {.name = "tolerance",
         .help = "PageRank/eigenvector tolerance",
         .field = &Options::tolerance,
         .min = 1e-15,
         .max = 1.0},
        {.name = "max-iter",
         .help = "PageRank/eigenvector iterations",
         .field = &Options::max_iterations,
         .count_min = 1,
         .count_max = 1000000},
        {.name = "approx",
         .help = "Betweenness only: estimate it from random shortest paths so that every "
                 "score is within EPS of the exact one (on the 'share of pairs' scale) with "
                 "probability 1 - --delta; for maps where exact is too slow",
         .field = &Options::approximate,
         .min = 1e-4,
         .max = 0.5,
         .type_name = "EPS",
         .show_default = false},
        {.name = "delta",
         .help = "With --approx: allowed failure probability",
         .field = &Options::approximate_delta,
         .min = 1e-6,
         .max = 0.5},
        {.name = "seed",
         .help = "With --approx: the sampling seed (same seed, same scores)",
         .field = &Options::seed,
         .count_min = 0,
         .count_max = std::numeric_limits<std::uint64_t>::max()},
    };
    return table;
}

const std::vector<MeasureDef>& measure_table() {
    static const std::vector<MeasureDef> table{
        {.name = "degree", .run = degree_centrality},
        {.name = "in", .run = in_degree_centrality},
        {.name = "out", .run = out_degree_centrality},
        {.name = "betweenness",
         .run = betweenness,
         .params = {"threads", "approx", "delta", "seed"},
         .progress_unit = "sources",
         .estimate = approximate_betweenness},
        {.name = "closeness", .run = closeness, .params = {"threads"}},
        {.name = "harmonic", .run = harmonic, .params = {"threads"}},
        {.name = "pagerank", .run = pagerank, .params = {"damping", "tolerance", "max-iter"}},
        {.name = "eigenvector", .run = eigenvector, .params = {"tolerance", "max-iter"}},
    };
    return table;
}

} // namespace

std::span<const MeasureDef> measures() {
    return measure_table();
}

std::span<const MeasureParam> measure_params() {
    return param_table();
}

const MeasureDef* find_measure(std::string_view name) {
    for (const MeasureDef& measure : measure_table()) {
        if (measure.name == name || std::find(measure.aliases.begin(), measure.aliases.end(),
                                              name) != measure.aliases.end()) {
            return &measure;
        }
    }
    return nullptr;
}

std::vector<std::string> measure_names() {
    std::vector<std::string> names;
    for (const MeasureDef& measure : measure_table()) {
        names.emplace_back(measure.name);
    }
    return names;
}

} // namespace powermap::graph
