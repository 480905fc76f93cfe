#include "io/files/line_index.hpp"

#include <algorithm>

namespace powermap::io {

LineIndex::LineIndex(std::string_view text) : text_(text) {
    line_starts_.push_back(0);
    for (std::size_t idx = 0; idx < text.size(); ++idx) {
        if (text[idx] == '\n') {
            line_starts_.push_back(idx + 1);
        }
    }
}

std::pair<std::uint32_t, std::uint32_t> LineIndex::position(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const auto line = static_cast<std::size_t>(after - line_starts_.begin());
    const std::size_t start = line_starts_[line - 1];
    std::uint32_t column = 1;
    std::size_t from = start;
    if (offset - start >= checkpoint_every) {
        // Fill checkpoints up to this offset once, then count only the rest.
        while (checkpoints_.size() * checkpoint_every <= offset) {
            const std::size_t mark = checkpoints_.size() * checkpoint_every;
            const auto mark_line = static_cast<std::size_t>(
                std::upper_bound(line_starts_.begin(), line_starts_.end(), mark) -
                line_starts_.begin());
            const std::size_t mark_start = line_starts_[mark_line - 1];
            std::uint32_t count = 0;
            std::size_t idx = mark_start;
            if (!checkpoints_.empty() && mark - checkpoint_every >= mark_start) {
                count = checkpoints_.back();
                idx = mark - checkpoint_every;
            }
            for (; idx < mark; ++idx) {
                if ((static_cast<unsigned char>(text_[idx]) & 0xC0) != 0x80) {
                    ++count;
                }
            }
            checkpoints_.push_back(count);
        }
        const std::size_t mark = offset / checkpoint_every * checkpoint_every;
        if (mark >= start) {
            column = checkpoints_[mark / checkpoint_every] + 1;
            from = mark;
        }
    }
    for (std::size_t idx = from; idx < offset; ++idx) {
        if ((static_cast<unsigned char>(text_[idx]) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return {static_cast<std::uint32_t>(line), column};
}

} // namespace powermap::io
