#include "io/files/embedded.hpp"

namespace powermap::io {

std::optional<std::string_view> embedded_file(std::string_view name) {
    for (const auto& file : detail::embedded_files()) {
        if (file.name == name) {
            return file.content;
        }
    }
    return std::nullopt;
}

} // namespace powermap::io
