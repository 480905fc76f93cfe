// validate: every problem in the map in one run, then a one-line verdict. The map's
// diagnostics are the answer: its notes (printed as every command prints diagnostics) and,
// in JSON, a list in the document.
#include <algorithm>
#include <tuple>

#include "query/registry.hpp"
#include <fmt/format.h>

#include "graph/stats.hpp"
#include "io/files/embedded.hpp"
#include "io/native/json_output.hpp"

namespace powermap::query {

namespace {

std::vector<Param> validate_params() {
    return {{.name = "--strict",
             .kind = ParamKind::Flag,
             .help = "Treat warnings as problems (exit 1)"}};
}

Answer run_validate(const Request& request) {
    Answer answer;
    const io::LoadedMap& loaded = request.session.loaded(); // errors and all
    std::vector<Diagnostic> diagnostics = loaded.diagnostics;
    // A decision naming an id that no loaded map defines (a typo, or a map not given).
    bool unknown = false;
    for (const auto& decision : loaded.decisions) {
        for (const std::string* id : {&decision.a, &decision.b}) {
            if (!loaded.graph->find_entity(*id)) {
                unknown = true;
                diagnostics.push_back(
                    {Severity::Warning, decision.origin,
                     fmt::format("the decision names '{}', which no loaded map defines", *id),
                     "check the id, or load the map that defines it", std::nullopt});
            }
        }
    }
    if (unknown) {
        std::stable_sort(
            diagnostics.begin(), diagnostics.end(),
            [](const Diagnostic& left, const Diagnostic& right) {
                return std::tie(left.location.file, left.location.line, left.location.column) <
                       std::tie(right.location.file, right.location.line, right.location.column);
            });
    }
    const auto errors = count_severity(diagnostics, Severity::Error);
    const auto warnings = count_severity(diagnostics, Severity::Warning);
    const auto stats = graph::compute_stats(*loaded.graph);
    answer.notes = diagnostics;
    answer.notes_in_json = true;
    answer.failed = errors > 0 || (request.args.flag("--strict") && warnings > 0);
    if (request.parts.json) {
        io::JsonOut json;
        json.begin_object();
        json.key("valid").boolean(!answer.failed);
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
            diagnostic_json(json, diagnostic);
        }
        json.end_array();
        json.end_object();
        answer.json = json.str();
    }
    if (request.parts.text) {
        const std::string files = loaded.inputs.empty()
                                      ? std::string(io::sample_map_name)
                                      : fmt::format("{}", fmt::join(loaded.inputs, ", "));
        const double share = stats.relations == 0 ? 100.0
                                                  : 100.0 * static_cast<double>(stats.verified) /
                                                        static_cast<double>(stats.relations);
        if (errors == 0 && warnings == 0) {
            answer.text = fmt::format(
                "{}: {} entit{}, {} relation{}, {} source{}; {} of {} relations ({:.0f}%) quote "
                "their source verbatim; no problems\n",
                files, stats.entities, stats.entities == 1 ? "y" : "ies", stats.relations,
                stats.relations == 1 ? "" : "s", stats.sources, stats.sources == 1 ? "" : "s",
                stats.verified, stats.relations, share);
        } else {
            answer.text = fmt::format("{}: {} error{}, {} warning{}\n", files, errors,
                                      errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
        }
    }
    return answer;
}

} // namespace

QueryDef validate_query() {
    return {
        .name = "validate",
        .summary = "Check the map: JSON, ids, endpoints, types, amounts, dates, and that every "
                   "quote occurs verbatim in its source. Exit 0 clean, 1 problems, 2 "
                   "unreadable",
        .json_shape =
            R"(`{"valid", "files": [...], "errors", "warnings", "entities", "relations", "sources", "relations_with_verified_quote", "diagnostics": [{"severity", "file", "line", "column", "message", "hint"}]}`)",
        .params = validate_params(),
        .tabular = false,
        .map_errors_allowed = true,
        .run = run_validate};
}

} // namespace powermap::query
