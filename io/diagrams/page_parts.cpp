#include "io/diagrams/page_parts.hpp"

#include "graph/diagnostics.hpp"
#include "io/files/embedded.hpp"

namespace powermap::io {

std::string html_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '&':
            out += "&amp;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string_view page_file(std::string_view name) {
    const auto content = embedded_file(name);
    POWERMAP_ASSERT(content.has_value());
    return *content;
}

} // namespace powermap::io
