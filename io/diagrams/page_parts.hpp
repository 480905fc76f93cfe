// What the HTML pages (the interactive map, the dedupe review) are made of: text escaped
// for HTML, and the pages' scripts and styles (io/diagrams/page/), compiled in.
#pragma once

#include <string>
#include <string_view>

namespace powermap::io {

/// `text` with < > & " escaped, for HTML text and attribute values.
[[nodiscard]] std::string html_text(std::string_view text);

/// One of the files of io/diagrams/page/ ("page/page.js"), embedded at build time
/// (cmake/Embed.cmake) so a page needs nothing beside it.
[[nodiscard]] std::string_view page_file(std::string_view name);

} // namespace powermap::io
