// Pictures of a Diagram through Graphviz's own libraries: the graph is built in memory with
// cgraph and laid out and rendered by gvc (SVG by the core renderer, PNG and PDF by the
// cairo/Pango plugin), so label sizes are measured by Pango and Arabic is shaped. No
// external `dot` process is run.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/diagrams/dot_writer.hpp"

namespace powermap::io {

enum class ImageFormat { Dot, Svg, Png, Pdf };

/// The format an output file name asks for (.dot/.gv, .svg, .png, .pdf; case-insensitive).
[[nodiscard]] std::optional<ImageFormat> image_format_for(const std::filesystem::path& path);

/// The layout engines offered: dot, neato, fdp, sfdp, circo, twopi.
[[nodiscard]] const std::vector<std::string>& layout_engines();

struct RenderOptions {
    std::string layout = "dot";
};

/// The diagram in `format`: DOT text as write_dot gives it, or the rendered bytes. Throws
/// powermap::Error carrying Graphviz's own message when layout or rendering fails.
[[nodiscard]] std::string render_diagram(const Diagram& diagram, ImageFormat format,
                                         const RenderOptions& options = {});

} // namespace powermap::io
