// powermap import: CSV (with a mapping, or plain tables), GraphML or FollowTheMoney into a
// native powermap/1 map, written atomically, with a summary of what was read, merged and
// skipped.
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <ostream>

#include "query/describe.hpp"
#include "query/table.hpp"
#include <fmt/format.h>
#include <unistd.h>

#include "cli/commands.hpp"
#include "cli/usage.hpp"
#include "graph/stats.hpp"
#include "io/files/atomic_file.hpp"
#include "io/files/source_text.hpp"
#include "io/formats/registry.hpp"
#include "io/native/json_map.hpp"
#include "io/native/json_output.hpp"
#include "io/native/map_loader.hpp"

namespace powermap::cli {

namespace {

struct ImportOptions {
    std::vector<std::string> inputs;
    std::string mapping;
    std::string output = "-";
    std::size_t max_warnings = 20;
};

std::string lines_text(const std::vector<std::uint32_t>& lines, std::size_t count) {
    std::string out = lines.size() == 1 ? "line " : "lines ";
    for (std::size_t idx = 0; idx < lines.size(); ++idx) {
        out += fmt::format("{}{}", idx == 0 ? "" : ", ", lines[idx]);
    }
    if (count > lines.size()) {
        out += ", ...";
    }
    return out;
}

/// A one-line bar on stderr, redrawn in place; only used on a terminal.
class ProgressBar {
public:
    explicit ProgressBar(std::string label) : label_(std::move(label)) {}
    ~ProgressBar() {
        if (drawn_) {
            std::cerr << "\r\033[K" << std::flush;
        }
    }
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;
    void update(std::size_t done, std::size_t total) {
        const int percent =
            total == 0
                ? 100
                : static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total));
        if (percent == last_) {
            return;
        }
        last_ = percent;
        drawn_ = true;
        const int filled = percent * 30 / 100;
        std::cerr << fmt::format("\r{} [{}{}] {:3}%", label_,
                                 std::string(static_cast<std::size_t>(filled), '#'),
                                 std::string(static_cast<std::size_t>(30 - filled), ' '), percent)
                  << std::flush;
    }

private:
    std::string label_;
    int last_ = -1;
    bool drawn_ = false;
};

} // namespace

void register_import(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "import",
        "Turn CSV, GraphML, FollowTheMoney or Graphviz files into a native map (-o map.json).\n" +
            io::readable_formats_help() +
            " Several files merge into one map.\n"
            "Prints entities and relations by type, merged duplicates, skipped rows with reasons. "
            "What it writes passes 'validate': the map is read back as validate reads it before "
            "it is written, and nothing is written when that finds an error.");
    auto options = std::make_shared<ImportOptions>();
    cmd->add_option("files", options->inputs, "Files to import")->required()->type_name("FILE");
    cmd->add_option(
           "-m,--mapping", options->mapping,
           "CSV mapping (powermap-csv-mapping/1 JSON): which columns make which entities and ties")
        ->type_name("M.json");
    cmd->add_option("-o,--output", options->output, "Native map to write ('-' for standard output)")
        ->capture_default_str();
    cmd->add_option("--max-warnings", options->max_warnings,
                    "Print at most this many warnings (all errors are printed)")
        ->check(whole_number(0, max_count))
        ->capture_default_str();
    cmd->callback([&ctx, options] {
        ctx.require_text_or_json("import");
        if (options->output != "-") {
            std::vector<std::string> inputs = options->inputs;
            if (!options->mapping.empty()) {
                inputs.push_back(options->mapping);
            }
            io::refuse_overwriting_inputs(options->output, inputs);
        }
        io::LoadOptions load;
        load.mapping = options->mapping;
        load.sources_dirs = ctx.options.sources_dirs;
        load.limits = ctx.options.limits;
        // Imported data rarely cites per tie; 'validate' reports that on the written map.
        load.build.warn_uncited = false;
        std::unique_ptr<ProgressBar> bar;
        std::uintmax_t total_bytes = 0;
        for (const auto& input : options->inputs) {
            std::error_code ignored;
            const auto size = std::filesystem::file_size(input, ignored);
            total_bytes += ignored ? 0 : size;
        }
        if (&ctx.err == &std::cerr && ::isatty(STDERR_FILENO) == 1 &&
            total_bytes > 4u * 1024 * 1024) {
            bar = std::make_unique<ProgressBar>("importing");
            load.progress = [&bar](std::size_t done, std::size_t total) {
                bar->update(done, total);
            };
        }
        io::LoadedMap loaded = io::load_maps(options->inputs, load);
        bar.reset();

        const auto& diagnostics = loaded.diagnostics;
        const auto errors = count_severity(diagnostics, Severity::Error);
        const auto warnings = count_severity(diagnostics, Severity::Warning);
        std::vector<Diagnostic> shown;
        std::size_t warnings_shown = 0;
        for (const auto& diagnostic : diagnostics) {
            if (diagnostic.severity == Severity::Error ||
                warnings_shown++ < options->max_warnings) {
                shown.push_back(diagnostic);
            }
        }
        ctx.print_diagnostics(shown);
        if (warnings > options->max_warnings && !ctx.json()) {
            ctx.err << fmt::format("powermap: note: {} more warnings not shown (--max-warnings)\n",
                                   warnings - options->max_warnings);
        }
        if (errors > 0) {
            if (!ctx.json()) {
                ctx.err << fmt::format("powermap: error: {} error{}; nothing written\n", errors,
                                       errors == 1 ? "" : "s");
            }
            throw ProblemsFound{};
        }
        const auto sources = Context::source_output(options->output, false);
        const std::string content = io::write_json_map(*loaded.graph, sources);
        const bool to_stdout = options->output == "-";
        // What import writes, 'validate' accepts: the map is read back as validate would read
        // it before a byte is written. Every reader's checks should have caught any problem at
        // its place in the input already; an error here is a bug in an importer. The read-back
        // graph (the same map) replaces the first, so memory does not double.
        std::map<std::string, std::optional<std::string>> texts;
        for (const auto& source : loaded.graph->sources()) {
            // Keyed by the text_file the written map names (rewritten for its folder).
            if (const auto written = io::output_text_file(source, sources); !written.empty()) {
                texts.emplace(written, source.text);
            }
        }
        const std::string written_name =
            fmt::format("{} (not written)", to_stdout ? "standard output" : options->output);
        loaded.graph.reset();
        static constexpr const char* importer_bug =
            "the import made this, but 'validate' would refuse it: please report it as a bug, "
            "with the input";
        io::LoadedMap reread;
        try {
            reread = io::reload_written_map(written_name, content, texts, load.build);
        } catch (const Error& error) {
            Diagnostic diagnostic = error.diagnostic();
            diagnostic.hint = importer_bug;
            throw Error(std::move(diagnostic), error.code());
        }
        if (has_errors(reread.diagnostics)) {
            std::vector<Diagnostic> problems;
            for (auto& diagnostic : reread.diagnostics) {
                if (diagnostic.severity == Severity::Error) {
                    diagnostic.hint = importer_bug;
                    problems.push_back(std::move(diagnostic));
                }
            }
            ctx.print_diagnostics(problems);
            if (!ctx.json()) {
                ctx.err << "powermap: error: the map would not pass 'validate'; nothing written\n";
            }
            throw ProblemsFound{};
        }
        const auto& graph = *reread.graph;
        if (to_stdout) {
            ctx.write_output("-", content);
        } else {
            io::write_file_atomically(options->output, content);
        }
        const auto stats = graph::compute_stats(graph);
        std::ostream& report = to_stdout ? ctx.err : ctx.out;
        if (ctx.json()) {
            io::JsonOut json;
            json.begin_object();
            json.key("inputs").begin_array();
            for (const auto& input : loaded.imports) {
                json.begin_object();
                json.key("file").string(input.file);
                json.key("format").string(input.format);
                json.key("records").integer(static_cast<std::int64_t>(input.records));
                json.key("merged").integer(static_cast<std::int64_t>(input.merged));
                json.key("merged_examples").begin_array();
                for (const auto& example : input.merged_examples) {
                    json.string(example);
                }
                json.end_array();
                json.key("skipped_rows").integer(static_cast<std::int64_t>(input.skipped_rows));
                json.key("skipped").begin_array();
                for (const auto& [reason, skipped] : input.skipped) {
                    json.begin_object();
                    json.key("reason").string(reason);
                    json.key("count").integer(static_cast<std::int64_t>(skipped.count));
                    json.key("lines").begin_array();
                    for (auto line : skipped.lines) {
                        json.integer(line);
                    }
                    json.end_array();
                    json.end_object();
                }
                json.end_array();
                json.key("dangling_references").integer(static_cast<std::int64_t>(input.dangling));
                json.key("self_ties").integer(static_cast<std::int64_t>(input.self_ties));
                json.key("amount_fallbacks")
                    .integer(static_cast<std::int64_t>(input.amount_fallbacks));
                json.end_object();
            }
            json.end_array();
            json.key("output").string(options->output);
            json.key("entities").integer(static_cast<std::int64_t>(stats.entities));
            json.key("relations").integer(static_cast<std::int64_t>(stats.relations));
            json.key("warnings").integer(static_cast<std::int64_t>(warnings));
            type_count_json(json, stats);
            json.end_object();
            report << json.str();
            return;
        }
        for (const auto& input : loaded.imports) {
            const io::MapFormat& format = io::map_format(input.format);
            // Whole-document formats (native JSON, DOT) have no records to count, unless read
            // as rows through a mapping (a JSON array of records).
            const bool as_rows = format.rows || input.mapped_rows;
            if (format.counts_records || as_rows) {
                report << fmt::format("read {} ({}): {} record{}\n", input.file, input.format,
                                      input.records, input.records == 1 ? "" : "s");
            } else {
                report << fmt::format("read {} ({})\n", input.file, input.format);
            }
            if (input.merged > 0) {
                report << fmt::format(
                    "  merged {} duplicate name{} into entities seen before, e.g. {}\n",
                    input.merged, input.merged == 1 ? "" : "s",
                    fmt::join(input.merged_examples, ", "));
            }
            if (input.self_ties > 0) {
                report << fmt::format("  {} tie{} from an entity to itself not created (e.g. a "
                                      "company that is its own parent)\n",
                                      input.self_ties, input.self_ties == 1 ? "" : "s");
            }
            if (input.amount_fallbacks > 0) {
                report << fmt::format("  {} amount{} read from the fallback column, the amount "
                                      "column being empty (each such tie has prop "
                                      "'amount_column')\n",
                                      input.amount_fallbacks,
                                      input.amount_fallbacks == 1 ? "" : "s");
            }
            if (input.dangling > 0) {
                report << fmt::format(
                    "  {} reference{} to ids the file does not define, left out (see warnings)\n",
                    input.dangling, input.dangling == 1 ? "" : "s");
            }
            if (as_rows) {
                report << fmt::format("  skipped {} row{}\n", input.skipped_rows,
                                      input.skipped_rows == 1 ? "" : "s");
            }
            for (const auto& [reason, skipped] : input.skipped) {
                report << fmt::format("    {} × {} ({})\n", skipped.count, reason,
                                      lines_text(skipped.lines, skipped.count));
            }
        }
        report << fmt::format("wrote {}: {} entit{}, {} relation{}, {} warning{}\n",
                              to_stdout ? "standard output" : options->output, stats.entities,
                              stats.entities == 1 ? "y" : "ies", stats.relations,
                              stats.relations == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
        const Table table = type_count_table(graph, stats);
        table.print_text(report);
    });
}

} // namespace powermap::cli
