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
    /// {line, column}, both 1-based; offsets past the end map to the end. Columns are
    /// counted from the nearest earlier checkpoint on the same line, so many positions on
    /// one very long line (minified JSON) cost O(length) in all, not O(length) each.
    [[nodiscard]] std::pair<std::uint32_t, std::uint32_t> position(std::size_t offset) const;

private:
    static constexpr std::size_t checkpoint_every = 4096;
    std::string_view text_;
    std::vector<std::size_t> line_starts_;
    /// Code points before every multiple of checkpoint_every bytes, counted from the start
    /// of that byte's line; filled lazily.
    mutable std::vector<std::uint32_t> checkpoints_;
};

} // namespace powermap::io
