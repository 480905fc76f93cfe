// dedupe apply: what the decisions file (--judgements) merges in the loaded maps, cluster by
// cluster, before anyone relies on it: the dry run of merging. Every command given the same
// --judgements merges exactly this; `export` then writes the merged map.
#include <sstream>

#include "query/registry.hpp"
#include <fmt/format.h>

#include "io/native/json_output.hpp"

namespace powermap::query {

namespace {

Answer run_dedupe_apply(const Request& request) {
    Answer answer;
    Session& session = request.session;
    const std::string& file = session.options().judgements;
    if (file.empty()) {
        throw Error("dedupe apply needs the decisions file",
                    "give it before the command: powermap -g MAP... --judgements "
                    "judgements.jsonl dedupe apply");
    }
    const io::LoadedMap& loaded = session.loaded(); // refused merges are part of the answer
    const auto& graph = *loaded.graph;
    std::size_t counts[3] = {0, 0, 0};
    std::size_t not_loaded = 0;
    for (const auto& decision : loaded.decisions) {
        ++counts[static_cast<int>(decision.verdict)];
        if (!graph.find_entity(decision.a) || !graph.find_entity(decision.b)) {
            ++not_loaded;
        }
    }
    // The file's own problems and the refused merges (both placed in the file); the maps'
    // problems are validate's business, but any error stops the merge being usable.
    for (const auto& diagnostic : loaded.diagnostics) {
        if (diagnostic.location.file == file) {
            answer.notes.push_back(diagnostic);
        }
    }
    const bool map_errors = has_errors(loaded.diagnostics);
    std::size_t merging = 0;
    std::size_t members = 0;
    std::size_t refused = 0;
    for (const auto& merge : loaded.merges) {
        if (merge.refused.empty()) {
            ++merging;
            members += merge.members.size();
        } else {
            ++refused;
        }
    }
    answer.failed = map_errors || refused > 0;
    const std::string summary = fmt::format(
        "{}: {} decision{} ({} same, {} different, {} unsure){}; {} cluster{} merge{} {} "
        "entities{}",
        file, loaded.decisions.size(), loaded.decisions.size() == 1 ? "" : "s",
        counts[static_cast<int>(graph::Verdict::Same)],
        counts[static_cast<int>(graph::Verdict::Different)],
        counts[static_cast<int>(graph::Verdict::Unsure)],
        not_loaded == 0 ? "" : fmt::format(", {} naming entities not loaded", not_loaded), merging,
        merging == 1 ? "" : "s", merging == 1 ? "s" : "", members,
        refused == 0 ? "" : fmt::format(", {} refused", refused));
    if (request.parts.json) {
        io::JsonOut json;
        json.begin_object();
        json.key("file").string(file);
        json.key("decisions").integer(static_cast<std::int64_t>(loaded.decisions.size()));
        json.key("same").integer(static_cast<std::int64_t>(counts[0]));
        json.key("different").integer(static_cast<std::int64_t>(counts[1]));
        json.key("unsure").integer(static_cast<std::int64_t>(counts[2]));
        json.key("not_loaded").integer(static_cast<std::int64_t>(not_loaded));
        json.key("clusters").begin_array();
        for (const auto& merge : loaded.merges) {
            json.begin_object();
            json.key("canonical").string(merge.canonical);
            json.key("members").begin_array();
            for (std::size_t idx = 0; idx < merge.members.size(); ++idx) {
                json.begin_object();
                json.key("id").string(merge.members[idx]);
                json.key("ties").integer(static_cast<std::int64_t>(merge.ties[idx]));
                json.end_object();
            }
            json.end_array();
            json.key("ties_moved").integer(static_cast<std::int64_t>(merge.ties_moved));
            json.key("ties_dropped").integer(static_cast<std::int64_t>(merge.ties_dropped));
            json.key("ties_united").integer(static_cast<std::int64_t>(merge.ties_united));
            json.key("prop_conflicts").integer(static_cast<std::int64_t>(merge.prop_conflicts));
            json.key("refused");
            if (merge.refused.empty()) {
                json.null();
            } else {
                json.string(merge.refused);
            }
            json.key("lines").begin_array();
            for (const auto& where : merge.decided_at) {
                if (where.file == file) {
                    json.integer(where.line);
                }
            }
            json.end_array();
            json.end_object();
        }
        json.end_array();
        json.end_object();
        answer.json = json.str();
    }
    for (const bool csv : {false, true}) {
        if (!(csv ? request.parts.csv : request.parts.text)) {
            continue;
        }
        Table table({"canonical", "members", "ties_moved", "ties_dropped", "ties_united",
                     "prop_conflicts", "refused"});
        for (const auto& merge : loaded.merges) {
            std::string list;
            for (std::size_t idx = 0; idx < merge.members.size(); ++idx) {
                list += fmt::format("{}{} ({} tie{})", idx == 0 ? "" : ", ", merge.members[idx],
                                    merge.ties[idx], merge.ties[idx] == 1 ? "" : "s");
            }
            table.add_row({merge.canonical, list, std::to_string(merge.ties_moved),
                           std::to_string(merge.ties_dropped), std::to_string(merge.ties_united),
                           std::to_string(merge.prop_conflicts),
                           merge.refused.empty() ? std::string(csv ? "" : "-") : merge.refused});
        }
        if (csv) {
            keep_table(answer, std::move(table), true);
        } else if (!loaded.merges.empty()) {
            keep_table(answer, std::move(table), false);
            answer.text = summary + "\n\n" + answer.text;
        }
    }
    if (loaded.merges.empty()) {
        answer.empty = summary + ": nothing to merge in these maps";
    } else if (request.parts.text) {
        answer.text += "\nTo write the merged map: powermap -g MAP... --judgements " + file +
                       " export --to json -o merged.json\n";
    }
    return answer;
}

} // namespace

QueryDef dedupe_apply_query() {
    return {
        .name = "dedupe apply",
        .summary = "What the decisions file given with --judgements merges in the loaded "
                   "maps, cluster by cluster (a dry run: nothing is written): the id each "
                   "cluster keeps (the one that sorts first), its members and their ties, "
                   "ties moved, dropped (within a cluster) and united (one tie from two "
                   "sources), props kept twice, and merges refused",
        .json_shape =
            R"(`{"file", "decisions", "same", "different", "unsure", "not_loaded", "clusters": [{"canonical", "members": [{"id", "ties"}], "ties_moved", "ties_dropped", "ties_united", "prop_conflicts", "refused", "lines"}]}`)",
        .params = {},
        .tabular = true,
        .map_errors_allowed = true,
        .run = run_dedupe_apply};
}

} // namespace powermap::query
