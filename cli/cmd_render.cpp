// powermap render: the map as a Graphviz diagram, one look per entity type.
#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <ostream>

#include "cli/commands.hpp"
#include "io/dot_writer.hpp"

namespace powermap::cli {

void register_render(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "render", "Draw the map as DOT (one shape and colour per entity type, ties labelled "
                  "with their wording and amounts); names follow --lang");
    auto output = std::make_shared<std::string>("-");
    auto legend = std::make_shared<bool>(false);
    cmd->add_option("-o,--output", *output, "Output .dot file ('-' for standard output)")
        ->capture_default_str();
    cmd->add_flag("--legend", *legend, "Add a legend of the entity types drawn");
    cmd->callback([&ctx, output, legend] {
        ctx.require_text_or_json("render");
        const std::string extension = std::filesystem::path(*output).extension().string();
        if (*output != "-" && extension != ".dot" && extension != ".gv") {
            throw Error(fmt::format("cannot render to '{}'", *output),
                        "this build writes DOT: name the output FILE.dot and run Graphviz's "
                        "'dot -Tsvg FILE.dot' for a picture");
        }
        const auto& graph = ctx.graph();
        io::DotOptions options;
        options.language = ctx.options.lang;
        options.legend = *legend;
        ctx.write_output(*output, io::write_dot(graph, options));
        if (*output != "-") {
            ctx.err << fmt::format("wrote {} ({} entities, {} relations)\n", *output,
                                   graph.entity_count(), graph.relation_count());
        }
    });
}

} // namespace powermap::cli
