// Turns byte offsets in a loaded text into 1-based line and column (columns count code
// points, so an Arabic line points at the right character).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace powermap::io {

class LineIndex {
public:
    explicit LineIndex(std::string_view text);
    /// {line, column}, both 1-based; offsets past the end map to the end.
    [[nodiscard]] std::pair<std::uint32_t, std::uint32_t> position(std::size_t offset) const;

private:
    std::string_view text_;
    std::vector<std::size_t> line_starts_;
};

} // namespace powermap::io
