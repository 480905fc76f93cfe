// powermap centrality: who is most central, by a measure defined as NetworkX defines it.
#include <limits>
#include <memory>
#include <ostream>
#include <string>

#include <fmt/format.h>
#include <unistd.h>

#include "cli/commands.hpp"
#include "cli/output/query.hpp"
#include "cli/usage.hpp"
#include "graph/algorithms/centrality.hpp"
#include "io/labels.hpp"

namespace powermap::cli {

namespace {

struct CentralityArgs {
    std::string measure = "degree";
    std::size_t top = 10;
    std::vector<std::string> types;
    std::vector<std::string> relations;
    bool directed = false;
    bool normalized = false;
    bool supply = false;
    unsigned threads = 0;
    double damping = 0.85;
    double tolerance = 1e-6;
    unsigned max_iterations = 100;
    double approx = 0;  ///< betweenness by sampling when > 0: the error bound eps
    double delta = 0.1; ///< ... holding with probability 1 - delta
    std::uint64_t seed = 20261129;
    TimeArgs time;
};

/// A progress bar on stderr for long betweenness runs, only when stderr is a terminal.
class ProgressBar {
public:
    explicit ProgressBar(std::ostream& err) : err_(err) {}
    ~ProgressBar() {
        if (shown_) {
            err_ << '\n';
        }
    }
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;
    void update(std::size_t done, std::size_t total) {
        const std::size_t width = 40;
        const std::size_t filled = total == 0 ? width : done * width / total;
        const std::size_t percent = total == 0 ? 100 : done * 100 / total;
        if (percent == last_) {
            return;
        }
        last_ = percent;
        shown_ = true;
        err_ << fmt::format("\rbetweenness [{}{}] {:3}% ({} of {} sources)",
                            std::string(filled, '#'), std::string(width - filled, ' '), percent,
                            done, total)
             << std::flush;
    }

private:
    std::ostream& err_;
    std::size_t last_ = 101;
    bool shown_ = false;
};

/// Scores as printed in JSON and CSV: 12 significant digits, so the last bits of a parallel
/// sum (which depend on the thread count) never reach the output.
double printed(double score) {
    return std::stod(fmt::format("{:.12g}", score));
}

} // namespace

void register_centrality(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "centrality", "Rank entities by a centrality measure, defined and normalised as NetworkX "
                      "does (parallel ties count once); ties broken by id");
    auto args = std::make_shared<CentralityArgs>();
    cmd->add_option("--measure", args->measure,
                    "degree, in, out, betweenness, closeness, harmonic, pagerank or eigenvector")
        ->check(CLI::IsMember({"degree", "in", "out", "betweenness", "closeness", "harmonic",
                               "pagerank", "eigenvector"}))
        ->capture_default_str();
    cmd->add_option("--top", args->top, "How many to list (0 = all)")
        ->check(whole_number(0, max_count))
        ->capture_default_str();
    cmd->add_option("--type", args->types, "List only entities of these types (subtypes included)")
        ->delimiter(',')
        ->type_name("TYPE,...");
    cmd->add_option("--relations", args->relations, "Use only these relation types")
        ->delimiter(',')
        ->type_name("TYPE,...");
    cmd->add_flag("--supply", args->supply, "Use only supply ties");
    cmd->add_flag("--directed", args->directed,
                  "Follow ties' direction (undirected relation types count both ways)");
    cmd->add_flag("--normalized", args->normalized,
                  "Degree divided by n-1; betweenness by (n-1)(n-2) (NetworkX's normalized=True)");
    cmd->add_option("--threads", args->threads, "Threads for betweenness/closeness (0 = all cores)")
        ->check(whole_number(0, max_threads))
        ->capture_default_str();
    cmd->add_option("--damping", args->damping, "PageRank damping (alpha)")
        ->check(real_number(0.0, 1.0))
        ->capture_default_str();
    cmd->add_option("--tolerance", args->tolerance, "PageRank/eigenvector tolerance")
        ->check(real_number(1e-15, 1.0))
        ->capture_default_str();
    cmd->add_option("--max-iter", args->max_iterations, "PageRank/eigenvector iterations")
        ->check(whole_number(1, 1000000))
        ->capture_default_str();
    cmd->add_option("--approx", args->approx,
                    "Betweenness only: estimate it from random shortest paths so that every "
                    "score is within EPS of the exact one (on the 'share of pairs' scale) with "
                    "probability 1 - --delta; for maps where exact is too slow")
        ->check(real_number(1e-4, 0.5))
        ->type_name("EPS");
    cmd->add_option("--delta", args->delta, "With --approx: allowed failure probability")
        ->check(real_number(1e-6, 0.5))
        ->capture_default_str();
    cmd->add_option("--seed", args->seed,
                    "With --approx: the sampling seed (same seed, same scores)")
        ->check(whole_number(0, std::numeric_limits<std::uint64_t>::max()))
        ->capture_default_str();
    add_time_options(cmd, args->time);
    cmd->callback([&ctx, args] {
        const auto& graph = ctx.graph();
        check_entity_types(graph, args->types);
        check_relation_types(graph, args->relations);
        const auto measure = graph::parse_measure(args->measure);
        POWERMAP_ASSERT(measure.has_value());
        graph::TraversalMask mask;
        if (!args->relations.empty()) {
            mask.relation_allowed.assign(graph.relation_count(), false);
            for (std::uint32_t idx = 0; idx < graph.relation_count(); ++idx) {
                const auto& type = graph.relations()[idx].type;
                mask.relation_allowed[idx] =
                    std::find(args->relations.begin(), args->relations.end(), type) !=
                    args->relations.end();
            }
        }
        if (args->supply) {
            graph::restrict_to_supply(graph, mask);
        }
        (void)graph::apply_time_filter(graph, time_filter(ctx, args->time), mask);
        graph::CentralityOptions options;
        options.directed = args->directed;
        options.normalized = args->normalized;
        options.mask = &mask;
        options.threads = args->threads;
        options.damping = args->damping;
        options.tolerance = args->tolerance;
        options.max_iterations = args->max_iterations;
        ProgressBar bar(ctx.err);
        if (*measure == graph::Measure::Betweenness && ctx.view().relation_count() > 50000 &&
            isatty(STDERR_FILENO) != 0 && !ctx.json()) {
            options.progress = [&bar](std::size_t done, std::size_t total) {
                bar.update(done, total);
            };
        }
        if (args->approx > 0 && *measure != graph::Measure::Betweenness) {
            throw Error("--approx applies to betweenness only",
                        "use --measure betweenness, or drop --approx");
        }
        std::vector<double> scores;
        std::optional<graph::ApproxBetweenness> estimate;
        if (args->approx > 0) {
            estimate = graph::approximate_betweenness(ctx.view(), options, args->approx,
                                                      args->delta, args->seed);
            scores = estimate->scores;
            if (!ctx.json()) {
                ctx.err << fmt::format("powermap: approximate betweenness from {} sampled "
                                       "shortest paths: each score within {:.4g} of the exact "
                                       "one with probability {:.4g}\n",
                                       estimate->samples, estimate->bound, 1.0 - estimate->delta);
            }
        } else {
            scores = graph::centrality(ctx.view(), *measure, options);
        }
        const auto ranked = graph::rank_entities(graph, scores, args->types, args->top, &mask);
        const auto& lang = ctx.options.lang;
        if (ctx.json()) {
            io::JsonOut json;
            json.begin_object();
            json.key("measure").string(args->measure);
            json.key("directed").boolean(args->directed);
            json.key("normalized").boolean(args->normalized);
            if (estimate) {
                json.key("approximate").begin_object();
                json.key("samples").integer(static_cast<std::int64_t>(estimate->samples));
                json.key("epsilon").number(estimate->epsilon);
                json.key("delta").number(estimate->delta);
                json.key("bound").number(estimate->bound);
                json.key("seed").integer(static_cast<std::int64_t>(args->seed));
                json.end_object();
            }
            json.key("ranking").begin_array();
            for (const auto& entry : ranked) {
                json.begin_object();
                json.key("rank").integer(static_cast<std::int64_t>(entry.rank));
                json.key("id").string(graph.entity(entry.entity).id);
                json.key("type").string(graph.entity(entry.entity).type);
                json.key("name").string(io::display_name(graph.entity(entry.entity), lang));
                json.key("score").number(printed(entry.score));
                json.end_object();
            }
            json.end_array();
            json.end_object();
            ctx.out << json.str();
        } else if (!ranked.empty()) {
            Table table({"rank", "id", "type", "name", args->measure});
            for (const auto& entry : ranked) {
                table.add_row({std::to_string(entry.rank), graph.entity(entry.entity).id,
                               graph.entity(entry.entity).type,
                               io::display_name(graph.entity(entry.entity), lang),
                               ctx.csv() ? fmt::format("{}", printed(entry.score))
                                         : fmt::format("{:.6g}", entry.score)});
            }
            print_table(ctx, table);
        }
        if (ranked.empty()) {
            empty_answer(ctx, "no entity to rank");
        }
    });
}

} // namespace powermap::cli
