// The view options shared by `render` and `export --to html`: what part of the map to draw
// (--focus/--depth, --path, --underpin, --types, --relations, --only) and how (--legend,
// --clusters).
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/context.hpp"
#include "io/diagrams/dot_writer.hpp"
#include "io/diagrams/html_writer.hpp"

namespace powermap::cli {

struct DiagramArgs {
    std::string focus;
    int depth = 1;
    std::vector<std::string> path; ///< FROM TO
    std::string underpin;          ///< vendor selector; empty = no underpin view
    std::string targets = "type=system,type=agency";
    std::vector<std::string> types;
    std::vector<std::string> relations;
    bool only = false;
    bool legend = false;
    bool clusters = false;
};

/// Adds --path to `cmd`; with `full`, every other view option too.
void add_diagram_options(CLI::App* cmd, DiagramArgs& args, bool full);

/// The DotOptions the arguments ask for. Throws powermap::Error on unknown types or
/// entities; sets ctx.exit_code to 1 and returns nullopt when --path finds no path.
[[nodiscard]] std::optional<io::DotOptions> make_dot_options(Context& ctx, const DiagramArgs& args);

/// The same for an HTML page, with the path's entities in order for its caption.
[[nodiscard]] std::optional<io::HtmlOptions> make_html_options(Context& ctx,
                                                               const DiagramArgs& args);

} // namespace powermap::cli
