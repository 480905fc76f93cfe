// powermap bench: a developer command that times the benchmark's phases inside one process
// and prints each phase's seconds and answers, for bench/run.sh to compare with the peers.
#include <algorithm>
#include <chrono>
#include <memory>
#include <ostream>

#include "query/table.hpp"
#include <fmt/format.h>
#include <sys/resource.h>

#include "cli/commands.hpp"
#include "cli/usage.hpp"
#include "graph/algorithms/centrality/centrality.hpp"
#include "graph/algorithms/connectivity/components.hpp"
#include "graph/algorithms/paths/paths.hpp"
#include "io/files/pair_list.hpp"
#include "io/native/json_output.hpp"

namespace powermap::cli {

namespace {

struct BenchArgs {
    std::vector<std::string> phases{"load", "sp"};
    std::string pairs;
    unsigned threads = 0;
    double approx = 0; ///< bc by sampling (error bound eps) instead of exact
};

/// The phases bench/run.sh knows, in the order they run.
const std::vector<std::string>& known_phases() {
    static const std::vector<std::string> phases{"load", "sp", "bc", "pr", "wcc"};
    return phases;
}

std::int64_t peak_rss_kb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss; // kilobytes on Linux
}

struct PhaseReport {
    std::string name;
    bool measured = false;
    double seconds = 0;
    std::int64_t peak_rss_kb = 0;
    std::string note;
    std::vector<std::pair<std::string, double>> details; ///< sub-timings, counts
    std::vector<long> lengths;                           ///< sp answers, -1 = no path
    std::vector<std::pair<std::string, double>> top10;   ///< bc and pr answers
    std::size_t components = 0;                          ///< wcc answers
    std::size_t largest = 0;
};

/// The 10 best ids by score, ties broken by id, as bench/peers/common.py lists them.
std::vector<std::pair<std::string, double>> top_ten(const graph::EntityGraph& graph,
                                                    const std::vector<double>& scores) {
    std::vector<std::uint32_t> order(scores.size());
    for (std::uint32_t idx = 0; idx < order.size(); ++idx) {
        order[idx] = idx;
    }
    const std::size_t keep = std::min<std::size_t>(10, order.size());
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(),
                      [&](std::uint32_t left, std::uint32_t right) {
                          if (scores[left] != scores[right]) {
                              return scores[left] > scores[right];
                          }
                          return graph.entities()[left].id < graph.entities()[right].id;
                      });
    std::vector<std::pair<std::string, double>> out;
    for (std::size_t idx = 0; idx < keep; ++idx) {
        out.emplace_back(graph.entities()[order[idx]].id, scores[order[idx]]);
    }
    return out;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

void register_bench(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "bench", "Developer tool: time the benchmark phases (load, sp, bc, pr, wcc) on the "
                 "--graph map inside this process and print seconds and answers (see bench/)");
    auto args = std::make_shared<BenchArgs>();
    cmd->add_option("--phases", args->phases,
                    "Phases to run: load (parse + build + CSR view), sp (fewest-hop path length "
                    "ignoring direction for every pair of --pairs), bc, pr, wcc")
        ->delimiter(',')
        ->check(CLI::IsMember(known_phases()))
        ->type_name("PHASE,...")
        ->capture_default_str();
    cmd->add_option("--pairs", args->pairs, "File of entity-id pairs, one 'FROM TO' per line")
        ->type_name("FILE");
    cmd->add_option("--threads", args->threads, "Threads for bc (0 = all cores)")
        ->check(whole_number(0, max_threads))
        ->capture_default_str();
    cmd->add_option("--approx", args->approx,
                    "Estimate bc from sampled shortest paths within EPS (for maps where exact "
                    "betweenness takes hours)")
        ->check(real_number(1e-4, 0.5))
        ->type_name("EPS");
    cmd->callback([&ctx, args] {
        ctx.require_text_or_json("bench");
        auto wants = [&](const std::string& phase) {
            return std::find(args->phases.begin(), args->phases.end(), phase) != args->phases.end();
        };
        if (wants("sp") && args->pairs.empty()) {
            throw Error("the sp phase needs --pairs FILE", "generate one with bench/generate.py");
        }
        std::vector<PhaseReport> reports;

        // load: always first, as every later phase needs the map (and the peers do the same).
        PhaseReport load{"load"};
        const auto load_start = std::chrono::steady_clock::now();
        const auto& loaded = ctx.load();
        const auto& view = ctx.view();
        load.seconds = seconds_since(load_start);
        load.measured = true;
        load.peak_rss_kb = peak_rss_kb();
        load.details = {{"read_seconds", loaded.timings.read},
                        {"parse_seconds", loaded.timings.parse},
                        {"build_seconds", loaded.timings.build},
                        {"positions_seconds", loaded.timings.positions},
                        {"view_seconds", ctx.view_seconds()},
                        {"entities", static_cast<double>(view.entity_count())},
                        {"relations", static_cast<double>(view.relation_count())}};
        reports.push_back(std::move(load));
        const auto& graph = ctx.graph();

        for (const auto& phase : known_phases()) {
            if (phase == "load" || !wants(phase)) {
                continue;
            }
            PhaseReport report{phase};
            if (phase == "sp") {
                // Resolve the ids before the clock starts: the peers time the queries only.
                std::vector<std::pair<graph::EntityIndex, graph::EntityIndex>> pairs;
                for (const auto& pair : io::read_pair_list(args->pairs)) {
                    graph::EntityIndex ends[2];
                    const std::string* ids[2] = {&pair.from, &pair.to};
                    for (int end = 0; end < 2; ++end) {
                        const auto found = graph.find_entity(*ids[end]);
                        if (!found) {
                            throw Error(Diagnostic{Severity::Error, pair.origin,
                                                   fmt::format("unknown entity '{}'", *ids[end]),
                                                   "the pairs must come from the same map",
                                                   std::nullopt});
                        }
                        ends[end] = *found;
                    }
                    pairs.emplace_back(ends[0], ends[1]);
                }
                const auto start = std::chrono::steady_clock::now();
                report.lengths.reserve(pairs.size());
                for (const auto& [from, to] : pairs) {
                    const auto path = graph::shortest_path(view, from, to);
                    report.lengths.push_back(path ? static_cast<long>(path->length()) : -1);
                }
                report.seconds = seconds_since(start);
                report.measured = true;
                report.peak_rss_kb = peak_rss_kb();
            } else if (phase == "bc" || phase == "pr") {
                // As the peers: betweenness ignoring direction, normalised as NetworkX's
                // normalized=True; PageRank following the ties, damping 0.85.
                graph::CentralityOptions options;
                options.threads = args->threads;
                options.directed = phase == "pr";
                options.normalized = phase == "bc";
                const auto start = std::chrono::steady_clock::now();
                if (phase == "pr") {
                    // Converged as igraph (PRPACK) and graph-tool converge, not to NetworkX's
                    // default n * 1e-6 in L1, which leaves ~1% error on a 100k-entity map.
                    options.tolerance = 1e-10;
                    options.max_iterations = 1000;
                }
                std::vector<double> scores;
                if (phase == "pr") {
                    scores = graph::pagerank(view, options);
                } else if (args->approx > 0) {
                    options.approximate = args->approx;
                    auto estimate = graph::approximate_betweenness(view, options);
                    report.note = fmt::format("approximate: {} samples, error bound {:.4g}",
                                              estimate.samples, estimate.bound);
                    scores = std::move(estimate.scores);
                } else {
                    scores = graph::betweenness(view, options);
                }
                report.seconds = seconds_since(start);
                report.measured = true;
                report.peak_rss_kb = peak_rss_kb();
                report.top10 = top_ten(graph, scores);
            } else if (phase == "wcc") {
                const auto start = std::chrono::steady_clock::now();
                // Labels and sizes, as the peers compute them (no sorting by id).
                const auto labels = graph::weak_component_labels(view);
                report.seconds = seconds_since(start);
                report.measured = true;
                report.peak_rss_kb = peak_rss_kb();
                report.components = labels.sizes.size();
                report.largest = labels.sizes.empty()
                                     ? 0
                                     : *std::max_element(labels.sizes.begin(), labels.sizes.end());
            }
            reports.push_back(std::move(report));
        }

        if (ctx.json()) {
            io::JsonOut json;
            json.begin_object();
            json.key("tool").string("powermap");
            json.key("version").string("0.1.0");
            json.key("phases").begin_object();
            for (const auto& report : reports) {
                json.key(report.name).begin_object();
                json.key("status").string(report.measured ? "ok" : "not measured");
                if (report.measured) {
                    json.key("seconds").number(report.seconds);
                    json.key("peak_rss_kb").integer(report.peak_rss_kb);
                }
                json.field("note", report.note);
                for (const auto& [name, value] : report.details) {
                    json.key(name).number(value);
                }
                if ((report.name == "bc" || report.name == "pr") && report.measured) {
                    json.key("top10").begin_array();
                    for (const auto& [id, score] : report.top10) {
                        json.begin_array().string(id).number(score).end_array();
                    }
                    json.end_array();
                }
                if (report.name == "wcc" && report.measured) {
                    json.key("count").integer(static_cast<std::int64_t>(report.components));
                    json.key("largest").integer(static_cast<std::int64_t>(report.largest));
                }
                if (report.name == "sp" && report.measured) {
                    json.key("lengths").begin_array();
                    for (long length : report.lengths) {
                        json.integer(length);
                    }
                    json.end_array();
                }
                json.end_object();
            }
            json.end_object();
            json.key("peak_rss_kb").integer(peak_rss_kb());
            json.end_object();
            ctx.out << json.str();
            return;
        }
        Table table({"phase", "seconds", "peak RSS MB", "answer"});
        for (const auto& report : reports) {
            std::string answer = report.note;
            if (report.name == "load") {
                answer = fmt::format("{} entities, {} relations", view.entity_count(),
                                     view.relation_count());
            } else if (report.name == "sp" && report.measured) {
                std::size_t found = 0;
                long total = 0;
                for (long length : report.lengths) {
                    if (length >= 0) {
                        ++found;
                        total += length;
                    }
                }
                answer = fmt::format(
                    "{} of {} pairs joined, mean {:.2f} hops", found, report.lengths.size(),
                    found == 0 ? 0.0 : static_cast<double>(total) / static_cast<double>(found));
            } else if (!report.top10.empty()) {
                answer = fmt::format("top: {} ({:.6g})", report.top10.front().first,
                                     report.top10.front().second);
            } else if (report.name == "wcc" && report.measured) {
                answer = fmt::format("{} components, largest {} entities", report.components,
                                     report.largest);
            }
            table.add_row(
                {report.name, report.measured ? fmt::format("{:.4f}", report.seconds) : "-",
                 report.measured
                     ? fmt::format("{:.1f}", static_cast<double>(report.peak_rss_kb) / 1024.0)
                     : "-",
                 answer});
        }
        table.print_text(ctx.out);
    });
}

} // namespace powermap::cli
