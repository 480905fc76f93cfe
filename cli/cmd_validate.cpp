// powermap validate: every problem in the map in one run, then a one-line verdict.
#include <memory>
#include <ostream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "graph/stats.hpp"
#include "io/embedded.hpp"
#include "io/json_output.hpp"

namespace powermap::cli {

void register_validate(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "validate",
        "Check the map: JSON, ids, endpoints, types, amounts, dates, and that "
        "every quote occurs verbatim in its source. Exit 0 clean, 1 problems, 2 unreadable");
    auto strict = std::make_shared<bool>(false);
    cmd->add_flag("--strict", *strict, "Treat warnings as problems (exit 1)");
    cmd->callback([&ctx, strict] {
        ctx.require_text_or_json("validate");
        auto& loaded = ctx.load(true);
        const auto& diagnostics = loaded.diagnostics;
        const auto errors = count_severity(diagnostics, Severity::Error);
        const auto warnings = count_severity(diagnostics, Severity::Warning);
        const auto stats = graph::compute_stats(*loaded.graph);
        std::string files;
        if (loaded.inputs.empty()) {
            files = std::string(io::sample_map_name);
        } else {
            files = fmt::format("{}", fmt::join(loaded.inputs, ", "));
        }
        const bool failed = errors > 0 || (*strict && warnings > 0);
        if (ctx.json()) {
            io::JsonOut json;
            json.begin_object();
            json.key("valid").boolean(!failed);
            json.key("files").begin_array();
            if (loaded.inputs.empty()) {
                json.string(io::sample_map_name);
            }
            for (const auto& input : loaded.inputs) {
                json.string(input);
            }
            json.end_array();
            json.key("errors").integer(static_cast<std::int64_t>(errors));
            json.key("warnings").integer(static_cast<std::int64_t>(warnings));
            json.key("entities").integer(static_cast<std::int64_t>(stats.entities));
            json.key("relations").integer(static_cast<std::int64_t>(stats.relations));
            json.key("sources").integer(static_cast<std::int64_t>(stats.sources));
            json.key("relations_with_verified_quote")
                .integer(static_cast<std::int64_t>(stats.verified));
            json.key("diagnostics").begin_array();
            for (const auto& diagnostic : diagnostics) {
                json.begin_object();
                json.key("severity").string(severity_name(diagnostic.severity));
                json.field("file", diagnostic.location.file);
                if (diagnostic.location.line > 0) {
                    json.key("line").integer(diagnostic.location.line);
                    json.key("column").integer(diagnostic.location.column);
                }
                json.key("message").string(diagnostic.message);
                std::string hint = diagnostic.hint;
                if (diagnostic.related && !diagnostic.related->file.empty()) {
                    hint += " " + format_location(*diagnostic.related);
                }
                json.field("hint", hint);
                json.end_object();
            }
            json.end_array();
            json.end_object();
            ctx.out << json.str();
        } else {
            ctx.print_diagnostics(diagnostics);
            const double share = stats.relations == 0
                                     ? 100.0
                                     : 100.0 * static_cast<double>(stats.verified) /
                                           static_cast<double>(stats.relations);
            if (errors == 0 && warnings == 0) {
                ctx.out << fmt::format("{}: {} entit{}, {} relation{}, {} source{}; {} of {} "
                                       "relations ({:.0f}%) quote their source verbatim; no "
                                       "problems\n",
                                       files, stats.entities, stats.entities == 1 ? "y" : "ies",
                                       stats.relations, stats.relations == 1 ? "" : "s",
                                       stats.sources, stats.sources == 1 ? "" : "s", stats.verified,
                                       stats.relations, share);
            } else {
                ctx.out << fmt::format("{}: {} error{}, {} warning{}\n", files, errors,
                                       errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
            }
        }
        ctx.exit_code = failed ? static_cast<int>(ExitCode::ProblemsFound) : 0;
    });
}

} // namespace powermap::cli
