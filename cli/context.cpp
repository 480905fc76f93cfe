#include "cli/context.hpp"

#include <chrono>
#include <filesystem>
#include <ostream>

#include <fmt/format.h>

#include "cli/output/stdout_stream.hpp"
#include "io/atomic_file.hpp"
#include "io/json_output.hpp"

namespace powermap::cli {

io::LoadedMap& Context::load(bool allow_errors) {
    if (!loaded_) {
        io::LoadOptions load_options;
        load_options.sources_dirs = options.sources_dirs;
        load_options.limits = options.limits;
        loaded_ = std::make_unique<io::LoadedMap>(io::load_maps(options.graphs, load_options));
        if (options.stats_load) {
            const auto& t = loaded_->timings;
            err << fmt::format("powermap: load: read {:.3f} s, parse {:.3f} s, build {:.3f} s, "
                               "positions {:.3f} s ({} entities, {} relations)\n",
                               t.read, t.parse, t.build, t.positions,
                               loaded_->graph->entity_count(), loaded_->graph->relation_count());
        }
        if (!allow_errors) {
            const auto& diagnostics = loaded_->diagnostics;
            if (has_errors(diagnostics)) {
                print_diagnostics(diagnostics);
                throw ProblemsFound{};
            }
            const auto warnings = count_severity(diagnostics, Severity::Warning);
            if (warnings > 0 && !json()) {
                err << fmt::format(
                    "powermap: note: the map has {} warning{}; see 'powermap validate'\n", warnings,
                    warnings == 1 ? "" : "s");
            }
        }
    }
    return *loaded_;
}

const graph::NameIndex& Context::names() {
    if (!names_) {
        names_ = std::make_unique<graph::NameIndex>(graph());
    }
    return *names_;
}

const graph::AnalyticsView& Context::view() {
    if (!view_) {
        const auto& built = graph();
        const auto start = std::chrono::steady_clock::now();
        auto& stored = load().view;
        if (stored) { // from a snapshot: adopt its arrays (checked) instead of rebuilding
            view_ = std::make_unique<graph::AnalyticsView>(built, *stored);
            stored.reset();
        } else {
            view_ = std::make_unique<graph::AnalyticsView>(built);
        }
        view_seconds_ =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (options.stats_load) {
            err << fmt::format("powermap: load: view {:.3f} s\n", view_seconds_);
        }
    }
    return *view_;
}

graph::EntityIndex Context::resolve(std::string_view text) {
    return graph::resolve_entity(graph(), names(), text);
}

void Context::print_diagnostics(const std::vector<Diagnostic>& diagnostics) {
    for (const auto& diagnostic : diagnostics) {
        if (json()) {
            io::JsonOut line(false);
            line.begin_object();
            line.key("severity").string(severity_name(diagnostic.severity));
            line.field("file", diagnostic.location.file);
            if (diagnostic.location.line > 0) {
                line.key("line").integer(diagnostic.location.line);
                line.key("column").integer(diagnostic.location.column);
            }
            line.key("message").string(diagnostic.message);
            std::string hint = diagnostic.hint;
            if (diagnostic.related && !diagnostic.related->file.empty()) {
                hint += " " + format_location(*diagnostic.related);
            }
            line.field("hint", hint);
            line.end_object();
            err << line.str();
        } else {
            const bool located = !diagnostic.location.file.empty();
            err << (located ? "" : "powermap: ") << format_diagnostic(diagnostic) << '\n';
        }
    }
}

void Context::require_text_or_json(std::string_view command) const {
    if (csv()) {
        throw Error(fmt::format("'{}' has no CSV output", command), "use --format text or json");
    }
}

void Context::write_output(const std::string& path, std::string_view content) {
    if (path.empty() || path == "-") {
        out << content;
        if (auto failure = output_failure(out)) { // say so now, not after the rest of the work
            throw Error(std::move(*failure));
        }
        return;
    }
    io::refuse_overwriting_inputs(path, options.graphs);
    io::write_file_atomically(path, content);
}

io::SourceOutput Context::source_output(const std::string& path, bool embed) {
    io::SourceOutput output;
    output.embed = embed;
    if (!path.empty() && path != "-") {
        output.rewrite = true;
        output.folder = std::filesystem::path(path).parent_path().string();
    }
    return output;
}

void Context::note_travel(const graph::EntityGraph& graph, const io::SourceOutput& output) {
    const std::string note = io::travel_note(graph, output);
    if (!note.empty() && !json()) {
        err << "powermap: note: " << note << '\n';
    }
}

} // namespace powermap::cli
