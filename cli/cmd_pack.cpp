// powermap pack MAP -o MAP.pmap: a binary snapshot of a checked map and its analytics view,
// which --graph loads far faster than the JSON (see io/native/snapshot.hpp).
#include <memory>
#include <ostream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "io/native/json_output.hpp"
#include "io/native/snapshot.hpp"

namespace powermap::cli {

namespace {

struct PackArgs {
    std::vector<std::string> maps;
    std::string output;
};

} // namespace

void register_pack(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "pack", "Write a binary snapshot (.pmap) of the map and its analytics view; "
                "'--graph MAP.pmap' then loads it without parsing or re-checking. The map "
                "must have no errors");
    auto args = std::make_shared<PackArgs>();
    cmd->add_option(
           "MAP", args->maps,
           "Map file(s) to pack (powermap/1 JSON); default: the --graph maps or the sample")
        ->type_name("FILE");
    cmd->add_option("-o,--output", args->output, "The snapshot to write (must end in .pmap)")
        ->required()
        ->type_name("FILE.pmap");
    cmd->callback([&ctx, args] {
        ctx.require_text_or_json("pack");
        if (!io::is_snapshot_path(args->output)) {
            throw Error(fmt::format("'{}' does not end in .pmap", args->output),
                        "name the snapshot MAP.pmap so that --graph recognises it");
        }
        if (!args->maps.empty()) {
            ctx.options.graphs.insert(ctx.options.graphs.end(), args->maps.begin(),
                                      args->maps.end());
        }
        const auto& graph = ctx.graph();
        // Texts are stored in the snapshot; text_file is rewritten for its folder so that
        // an export from it points at the same files.
        const std::string bytes =
            io::write_snapshot(graph, ctx.view(), Context::source_output(args->output, false));
        ctx.write_output(args->output, bytes);
        if (ctx.json()) {
            io::JsonOut json;
            json.begin_object();
            json.key("output").string(args->output);
            json.key("format_version").integer(io::snapshot_version);
            json.key("entities").integer(static_cast<std::int64_t>(graph.entity_count()));
            json.key("relations").integer(static_cast<std::int64_t>(graph.relation_count()));
            json.key("bytes").integer(static_cast<std::int64_t>(bytes.size()));
            json.end_object();
            ctx.out << json.str();
            return;
        }
        ctx.out << fmt::format("wrote {} ({} entities, {} relations, {} bytes)\n", args->output,
                               graph.entity_count(), graph.relation_count(), bytes.size());
    });
}

} // namespace powermap::cli
