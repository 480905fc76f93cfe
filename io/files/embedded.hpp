// Files compiled into the binary (io/CMakeLists.txt lists them): the sample map and its
// source text, so every command runs on the sample when no --graph is given, and the HTML
// page's script and styles (page/page.js, page/page.css from io/diagrams/page/).
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace powermap::io {

struct EmbeddedFile {
    std::string_view name; ///< e.g. "samples/ice-tech.json"
    std::string_view content;
};

/// The embedded file called `name`, if any.
[[nodiscard]] std::optional<std::string_view> embedded_file(std::string_view name);

/// Name of the embedded sample map.
inline constexpr std::string_view sample_map_name = "samples/ice-tech.json";

namespace detail {
std::span<const EmbeddedFile> embedded_files();
}

} // namespace powermap::io
