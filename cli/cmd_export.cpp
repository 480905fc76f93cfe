// powermap export --to FORMAT: the map in another format, written atomically.
#include <fmt/format.h>

#include <memory>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/diagram_options.hpp"
#include "io/html_writer.hpp"
#include "io/json_map.hpp"
#include "io/nodelink_writer.hpp"

namespace powermap::cli {

void register_export(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "export", "Write the map as native JSON (canonical: sorted, same bytes for the same map) "
                  "or as node-link JSON for NetworkX and D3");
    auto to = std::make_shared<std::string>("json");
    auto output = std::make_shared<std::string>("-");
    cmd->add_option("--to", *to,
                    "json (powermap/1), nodelink, or html (one self-contained interactive page)")
        ->check(CLI::IsMember({"json", "nodelink", "html"}))
        ->capture_default_str();
    cmd->add_option("-o,--output", *output, "Output file ('-' for standard output)")
        ->capture_default_str();
    auto view = std::make_shared<DiagramArgs>();
    add_diagram_options(cmd, *view, false);
    cmd->callback([&ctx, to, output, view] {
        ctx.require_text_or_json("export");
        const auto& graph = ctx.graph();
        if (!view->path.empty() && *to != "html") {
            throw Error("--path needs --to html", "other formats hold the whole map");
        }
        std::string content;
        if (*to == "html") {
            const auto html = make_html_options(ctx, *view);
            if (!html) {
                return;
            }
            content = io::write_html(graph, *html);
        } else {
            content = *to == "nodelink" ? io::write_nodelink(graph) : io::write_json_map(graph);
        }
        ctx.write_output(*output, content);
        if (*output != "-") {
            ctx.err << fmt::format("wrote {} ({} entities, {} relations)\n", *output,
                                   graph.entity_count(), graph.relation_count());
        }
    });
}

} // namespace powermap::cli
