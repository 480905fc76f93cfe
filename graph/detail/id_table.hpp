// A flat open-addressing table from string ids to 32-bit indices into a vector the caller
// owns (the ids are not copied: the table keeps only a hash and the index, and reads the
// id back through a key function). Linear probing, load factor <= 1/2. Replaces
// std::unordered_map<std::string, ...>, whose node per id and pointer chase per lookup
// dominated loading large maps.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace powermap::graph::detail {

class IdTable {
public:
    /// FNV-1a, 64-bit: short ids hash fast and spread well.
    [[nodiscard]] static std::uint64_t hash(std::string_view id) {
        std::uint64_t value = 14695981039346656037ull;
        for (char c : id) {
            value = (value ^ static_cast<unsigned char>(c)) * 1099511628211ull;
        }
        return value;
    }

    void clear() {
        slots_.clear();
        count_ = 0;
    }
    void reserve(std::size_t count, const auto& key_of) {
        if (count * 2 > slots_.size()) {
            rehash(count * 2, key_of);
        }
    }
    [[nodiscard]] std::size_t size() const { return count_; }

    /// The index stored for `id`; `key_of(index)` returns the id of an index.
    [[nodiscard]] std::optional<std::uint32_t> find(std::string_view id, const auto& key_of) const {
        if (slots_.empty()) {
            return std::nullopt;
        }
        const std::uint64_t full = hash(id);
        const auto tag = static_cast<std::uint32_t>(full >> 32);
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t pos = full & mask;; pos = (pos + 1) & mask) {
            const Slot& slot = slots_[pos];
            if (slot.index == empty) {
                return std::nullopt;
            }
            if (slot.tag == tag && key_of(slot.index) == id) {
                return slot.index;
            }
        }
    }

    /// Inserts `id` -> `index` unless `id` is present; returns the index stored for `id`
    /// and whether it was inserted.
    std::pair<std::uint32_t, bool> insert(std::string_view id, std::uint32_t index,
                                          const auto& key_of) {
        bool inserted = false;
        const std::uint32_t stored = find_or_insert(
            id,
            [&] {
                inserted = true;
                return index;
            },
            key_of);
        return {stored, inserted};
    }

    /// The index stored for `id`, or the one `make_index()` returns, stored, when `id` is
    /// absent (so the caller creates what the index names only when it is new).
    std::uint32_t find_or_insert(std::string_view id, const auto& make_index, const auto& key_of) {
        if ((count_ + 1) * 2 > slots_.size()) {
            rehash(slots_.empty() ? 16 : slots_.size() * 2, key_of);
        }
        const std::uint64_t full = hash(id);
        const auto tag = static_cast<std::uint32_t>(full >> 32);
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t pos = full & mask;; pos = (pos + 1) & mask) {
            Slot& slot = slots_[pos];
            if (slot.index == empty) {
                const std::uint32_t index = make_index();
                slots_[pos] = {tag, index};
                ++count_;
                return index;
            }
            if (slot.tag == tag && key_of(slot.index) == id) {
                return slot.index;
            }
        }
    }

private:
    static constexpr std::uint32_t empty = 0xFFFFFFFFu;
    struct Slot {
        std::uint32_t tag = 0; ///< high half of the hash: most mismatches never read the id
        std::uint32_t index = empty;
    };

    void rehash(std::size_t wanted, const auto& key_of) {
        std::size_t size = 16;
        while (size < wanted) {
            size *= 2;
        }
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(size, Slot{});
        const std::size_t mask = size - 1;
        for (const Slot& slot : old) {
            if (slot.index == empty) {
                continue;
            }
            const std::uint64_t full = hash(key_of(slot.index));
            std::size_t pos = full & mask;
            while (slots_[pos].index != empty) {
                pos = (pos + 1) & mask;
            }
            slots_[pos] = slot;
        }
    }

    std::vector<Slot> slots_;
    std::size_t count_ = 0;
};

} // namespace powermap::graph::detail
