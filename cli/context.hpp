// What every subcommand shares: the global options, the output streams, and the map,
// loaded once on first use with its problems printed.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "query/answer.hpp"
#include "query/session.hpp"

#include "graph/analytics_view.hpp"
#include "graph/lookup.hpp"
#include "io/files/source_text.hpp"
#include "io/native/map_loader.hpp"

namespace powermap::query {}

namespace powermap::cli {

// Words, tables and chains for answers live in the query layer.
using namespace powermap::query; // NOLINT(google-build-using-namespace)

struct GlobalOptions {
    std::vector<std::string> graphs;
    std::string format = "text"; ///< text | json | csv
    std::string lang = "en";
    /// Print how long each stage of loading took (read, parse, build, view) to stderr.
    bool stats_load = false;
    /// Folders besides each map's own from which source texts may be read (--sources-dir).
    std::vector<std::string> sources_dirs;
    /// --max-input-size, --max-line-length, --max-depth, --max-records.
    io::InputLimits limits;
    /// A decisions file whose "same" clusters merge as the maps load (--judgements).
    std::string judgements;
    bool force_merge = false; ///< --force-merge: also merge two heavily connected entities
    /// An absent decisions file reads as one without decisions (dedupe review --prompt,
    /// which creates it).
    bool judgements_may_be_absent = false;
};

/// Thrown when the map has errors; main() turns it into exit code 1 after they are printed.
struct ProblemsFound {};

class Context {
public:
    Context(std::ostream& out_stream, std::ostream& err_stream)
        : out(out_stream), err(err_stream) {}

    GlobalOptions options;
    std::ostream& out;
    std::ostream& err;
    /// Where a command reads its user's answers (dedupe review --prompt): stdin by default.
    std::istream* in = nullptr;
    int exit_code = 0;

    /// Loads the maps (or the sample). Unless `allow_errors`, errors are printed and
    /// ProblemsFound thrown; warnings are summarised in one line.
    io::LoadedMap& load(bool allow_errors = false);
    /// The query session over the maps the options name (made on first use).
    query::Session& session();
    const graph::EntityGraph& graph() { return *load().graph; }
    const graph::NameIndex& names();
    const graph::AnalyticsView& view();
    /// With --stats-load, prints how long the view took once it has been built.
    void report_view_time();
    /// Seconds spent building the view (0 until view() has run).
    [[nodiscard]] double view_seconds() const { return session_ ? session_->view_seconds() : 0; }
    /// What the user typed -> one entity, or powermap::Error with candidates.
    graph::EntityIndex resolve(std::string_view text);

    /// One line per diagnostic to stderr (JSON lines with --format json).
    void print_diagnostics(const std::vector<Diagnostic>& diagnostics);
    [[nodiscard]] bool json() const { return options.format == "json"; }
    [[nodiscard]] bool csv() const { return options.format == "csv"; }
    [[nodiscard]] query::Format output_format() const {
        return json() ? query::Format::Json : csv() ? query::Format::Csv : query::Format::Text;
    }
    /// Rejects --format csv for commands whose result is not a table.
    void require_text_or_json(std::string_view command) const;
    /// Writes `content` to `path` atomically, or to stdout when `path` is "-" or empty,
    /// refusing to overwrite an input.
    void write_output(const std::string& path, std::string_view content);
    /// How a map written to `path` ("-" or empty: standard output) records its source
    /// texts: relative text_file paths rewritten for the file's folder; `embed` carries the
    /// texts in the map.
    [[nodiscard]] static io::SourceOutput source_output(const std::string& path, bool embed);
    /// Prints io::travel_note() for a map written under `output`, when there is one.
    void note_travel(const graph::EntityGraph& graph, const io::SourceOutput& output);

private:
    std::unique_ptr<query::Session> session_;
    bool reported_ = false; ///< the map's problems have been printed
    bool view_reported_ = false;
};

} // namespace powermap::cli
