#include "cli/context.hpp"

#include <chrono>
#include <filesystem>
#include <ostream>

#include <fmt/format.h>

#include "cli/output/stdout_stream.hpp"
#include "io/files/atomic_file.hpp"
#include "io/native/json_output.hpp"

namespace powermap::cli {

query::Session& Context::session() {
    if (!session_) {
        io::LoadOptions load_options;
        load_options.sources_dirs = options.sources_dirs;
        load_options.limits = options.limits;
        load_options.judgements = options.judgements;
        load_options.judgements_may_be_absent = options.judgements_may_be_absent;
        load_options.build.force_merge = options.force_merge;
        session_ = std::make_unique<query::Session>(options.graphs, load_options);
    }
    return *session_;
}

io::LoadedMap& Context::load(bool allow_errors) {
    auto& loaded = session().loaded();
    if (!reported_) {
        reported_ = true;
        if (options.stats_load) {
            const auto& t = loaded.timings;
            err << fmt::format("powermap: load: read {:.3f} s, parse {:.3f} s, build {:.3f} s, "
                               "positions {:.3f} s ({} entities, {} relations)\n",
                               t.read, t.parse, t.build, t.positions, loaded.graph->entity_count(),
                               loaded.graph->relation_count());
        }
        if (!loaded.merges.empty() && !json()) {
            std::size_t merged = 0;
            std::size_t clusters = 0;
            for (const auto& merge : loaded.merges) {
                if (merge.refused.empty()) {
                    ++clusters;
                    merged += merge.members.size();
                }
            }
            if (clusters > 0) {
                err << fmt::format(
                    "powermap: note: {} entities merged into {} {}\n", merged, clusters,
                    options.judgements.empty()
                        ? std::string("(ids a merged map keeps as referents, named again by "
                                      "another map)")
                        : fmt::format("by {} (see 'powermap dedupe apply')", options.judgements));
            }
        }
        if (!allow_errors) {
            const auto& diagnostics = loaded.diagnostics;
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
    return loaded;
}

const graph::NameIndex& Context::names() {
    load();
    return session().names();
}

const graph::AnalyticsView& Context::view() {
    load();
    const auto& view = session().view();
    report_view_time();
    return view;
}

void Context::report_view_time() {
    if (options.stats_load && !view_reported_ && session_ && session_->view_built()) {
        view_reported_ = true;
        err << fmt::format("powermap: load: view {:.3f} s\n", session_->view_seconds());
    }
}

graph::EntityIndex Context::resolve(std::string_view text) {
    load();
    return session().resolve(text);
}

void Context::print_diagnostics(const std::vector<Diagnostic>& diagnostics) {
    query::print_diagnostics(diagnostics, output_format(), err);
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
