// powermap render: the map as a Graphviz diagram (DOT, SVG, PNG or PDF), one look per
// entity type, optionally one entity's neighbourhood or a highlighted path.
#include <filesystem>
#include <memory>
#include <ostream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/diagram_options.hpp"
#include "io/diagrams/render.hpp"
#include "io/native/json_output.hpp"

namespace powermap::cli {

namespace {
struct RenderArgs {
    std::string output = "-";
    std::string layout = "dot";
    DiagramArgs view;
};

const char* format_name(io::ImageFormat format) {
    switch (format) {
    case io::ImageFormat::Dot:
        return "dot";
    case io::ImageFormat::Svg:
        return "svg";
    case io::ImageFormat::Png:
        return "png";
    case io::ImageFormat::Pdf:
        return "pdf";
    }
    POWERMAP_UNREACHABLE();
}
} // namespace

void register_render(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "render", "Draw the map with Graphviz: the -o extension picks DOT (.dot/.gv), SVG, PNG "
                  "or PDF; one shape and colour per entity type, ties labelled with their "
                  "wording and amounts; names follow --lang (ar: shaped right to left)");
    auto args = std::make_shared<RenderArgs>();
    cmd->add_option("-o,--output", args->output,
                    "Output file: .dot, .gv, .svg, .png or .pdf ('-' writes DOT to standard "
                    "output)")
        ->capture_default_str();
    cmd->add_option("--layout", args->layout,
                    "Graphviz layout engine (all but dot draw straight ties past 100 entities "
                    "or 500 ties)")
        ->check(CLI::IsMember(io::layout_engines()))
        ->capture_default_str();
    add_diagram_options(cmd, args->view, true);
    cmd->callback([&ctx, args] {
        ctx.require_text_or_json("render");
        const bool to_stdout = args->output.empty() || args->output == "-";
        const auto format =
            to_stdout ? std::optional(io::ImageFormat::Dot) : io::image_format_for(args->output);
        if (!format) {
            throw Error(fmt::format("cannot tell the format of '{}'", args->output),
                        "name the output FILE.dot, FILE.gv, FILE.svg, FILE.png or FILE.pdf");
        }
        const auto& graph = ctx.graph();
        auto options = make_dot_options(ctx, args->view);
        if (!options) {
            return;
        }
        options->layout = args->layout;
        const io::Diagram diagram = io::build_diagram(graph, *options);
        if (diagram.entities_drawn == 0) {
            ctx.err << "powermap: nothing to draw: no entity matches the view\n";
            ctx.exit_code = static_cast<int>(ExitCode::ProblemsFound);
            return;
        }
        if (diagram.straight_edges && !ctx.json()) {
            ctx.err << fmt::format(
                "powermap: note: ties drawn as straight lines: Graphviz's '{}' routes them "
                "around the nodes only up to {} entities and {} ties (this view has {} and "
                "{}); --focus, --types or --relations draw fewer\n",
                args->layout, io::max_routed_entities, io::max_routed_relations,
                diagram.entities_drawn, diagram.relations_drawn);
        }
        io::RenderOptions render_options;
        render_options.layout = args->layout;
        ctx.write_output(args->output, io::render_diagram(diagram, *format, render_options));
        if (to_stdout) {
            return;
        }
        if (ctx.json()) {
            io::JsonOut json;
            json.begin_object();
            json.key("output").string(args->output);
            json.key("format").string(format_name(*format));
            json.key("layout").string(args->layout);
            json.key("entities").integer(static_cast<std::int64_t>(diagram.entities_drawn));
            json.key("relations").integer(static_cast<std::int64_t>(diagram.relations_drawn));
            json.key("straight_edges").boolean(diagram.straight_edges);
            json.end_object();
            ctx.out << json.str();
        } else {
            ctx.err << fmt::format("wrote {} ({} entities, {} relations)\n", args->output,
                                   diagram.entities_drawn, diagram.relations_drawn);
        }
    });
}

} // namespace powermap::cli
