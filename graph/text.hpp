// Text and PooledList: the compact, immutable strings and lists the model is made of.
//
// A map of millions of ties holds tens of millions of short strings (ids, types, dates,
// quotes), most of them repeated: every tie names its two ends and its type. A
// std::string costs 32 bytes before its heap copy; a Text costs 4. Texts live in one
// process-wide, append-only pool: interned (the same bytes give the same handle, so a
// tie's `from` shares the bytes of its entity's id), never freed and never moved, so a
// Text copied out of a graph can outlive it. Equality and order are by content, as for
// std::string; the handle only makes equal interned texts compare in one step.
//
// Pool layout: 8 MiB chunks (up to 4095 of them, 32 GiB) of 8-byte-aligned records,
// [uint32 length][bytes][NUL]; a handle is (chunk << 20 | offset / 8), 0 is the empty
// text. A record too long for a chunk gets a chunk of its own. Each thread appends to a
// chunk of its own and keeps its own de-duplication table, so interning takes no lock;
// only taking a new chunk does. Snapshots add whole chunks they map from a file
// (adopt_chunks), which is how a .pmap loads without copying a string.
#pragma once

#include <algorithm>
#include <compare>
#include <cstdint>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

namespace powermap::graph {

namespace detail {

inline constexpr unsigned text_offset_bits = 20;
inline constexpr std::uint32_t text_offset_mask = (1u << text_offset_bits) - 1;
inline constexpr std::size_t text_chunk_bytes = std::size_t{8} << text_offset_bits; // 8 MiB
inline constexpr std::uint32_t text_max_chunks = 4095;

/// The chunk table, read without a lock (entries are written once, before any handle into
/// them is handed out).
extern const char* text_chunks[text_max_chunks + 1];

[[nodiscard]] inline const char* text_record(std::uint32_t handle) {
    return text_chunks[handle >> text_offset_bits] + std::size_t{handle & text_offset_mask} * 8;
}

/// Appends a record [header][bytes...] (plus a NUL when `terminate`) and returns its handle.
[[nodiscard]] std::uint32_t pool_append(std::uint32_t header, const void* bytes, std::size_t size,
                                        bool terminate);
/// The handle of `text`, appending it when this thread has not interned it before.
[[nodiscard]] std::uint32_t pool_intern(std::string_view text);

} // namespace detail

class Text {
public:
    constexpr Text() = default;
    /// Interns `text` (implicit, so `relation.type = "funds"` reads as it did).
    Text(std::string_view text) : handle_(text.empty() ? 0 : detail::pool_intern(text)) {}
    Text(const std::string& text) : Text(std::string_view(text)) {}
    Text(const char* text) : Text(std::string_view(text)) {}

    /// Stores `text` without looking for an equal one first: for text that is nearly
    /// always unique (quotes), where the de-duplication table would cost more than it saves.
    [[nodiscard]] static Text unique(std::string_view text) {
        Text out;
        if (!text.empty()) {
            out.handle_ = detail::pool_append(static_cast<std::uint32_t>(text.size()), text.data(),
                                              text.size(), true);
        }
        return out;
    }

    [[nodiscard]] std::string_view view() const {
        if (handle_ == 0) {
            return {};
        }
        const char* record = detail::text_record(handle_);
        std::uint32_t size = 0;
        std::memcpy(&size, record, sizeof size);
        return {record + sizeof size, size};
    }
    operator std::string_view() const { return view(); }
    /// Implicit as well, so a Text keys a std::map<std::string, ...> or fills a std::string.
    operator std::string() const { return str(); }
    [[nodiscard]] std::string str() const { return std::string(view()); }
    /// NUL-terminated.
    [[nodiscard]] const char* c_str() const { return handle_ == 0 ? "" : view().data(); }
    [[nodiscard]] const char* data() const { return c_str(); }
    [[nodiscard]] bool empty() const { return handle_ == 0; }
    [[nodiscard]] std::size_t size() const { return view().size(); }
    [[nodiscard]] auto begin() const { return view().begin(); }
    [[nodiscard]] auto end() const { return view().end(); }

    /// The pool handle, for snapshots.
    [[nodiscard]] std::uint32_t handle() const { return handle_; }
    [[nodiscard]] static Text from_handle(std::uint32_t handle) {
        Text out;
        out.handle_ = handle;
        return out;
    }

    friend bool operator==(Text left, Text right) {
        return left.handle_ == right.handle_ || left.view() == right.view();
    }
    friend bool operator==(Text left, std::string_view right) { return left.view() == right; }
    friend bool operator==(Text left, const std::string& right) { return left.view() == right; }
    friend bool operator==(Text left, const char* right) { return left.view() == right; }
    friend std::strong_ordering operator<=>(Text left, Text right) {
        return left.view() <=> right.view();
    }
    friend std::strong_ordering operator<=>(Text left, std::string_view right) {
        return left.view() <=> right;
    }
    friend std::strong_ordering operator<=>(Text left, const std::string& right) {
        return left.view() <=> std::string_view(right);
    }
    friend std::strong_ordering operator<=>(Text left, const char* right) {
        return left.view() <=> std::string_view(right);
    }
    friend std::string operator+(const std::string& left, Text right) {
        std::string out = left;
        out += right.view();
        return out;
    }
    friend std::string operator+(Text left, const std::string& right) { return left.str() + right; }
    friend std::string operator+(const char* left, Text right) { return std::string(left) + right; }
    friend std::string operator+(Text left, const char* right) { return left.str() + right; }
    friend std::ostream& operator<<(std::ostream& out, Text text);

private:
    std::uint32_t handle_ = 0;
};

/// Adds `count` chunks of at most text_chunk_bytes each, at `base` (8-byte aligned, kept
/// alive by the caller for the rest of the process), to the pool; returns the chunk
/// number of the first, to add (shifted) to handles stored relative to chunk 0.
[[nodiscard]] std::uint32_t adopt_text_chunks(const char* base, std::size_t bytes);

/// An immutable list of trivially copyable items in the pool, 4 bytes in a struct: used
/// for the citations of a tie, where a std::vector would cost 24 bytes and an allocation.
template <typename T>
class PooledList {
    static_assert(std::is_trivially_copyable_v<T> && alignof(T) <= 4);

public:
    using value_type = T;
    using const_iterator = const T*;

    constexpr PooledList() = default;
    PooledList(std::span<const T> items) {
        if (!items.empty()) {
            handle_ = detail::pool_append(static_cast<std::uint32_t>(items.size()), items.data(),
                                          items.size_bytes(), false);
        }
    }
    PooledList(const std::vector<T>& items) : PooledList(std::span<const T>(items)) {}
    PooledList(std::initializer_list<T> items)
        : PooledList(std::span<const T>(items.begin(), items.size())) {}

    [[nodiscard]] std::size_t size() const {
        if (handle_ == 0) {
            return 0;
        }
        std::uint32_t count = 0;
        std::memcpy(&count, detail::text_record(handle_), sizeof count);
        return count;
    }
    [[nodiscard]] bool empty() const { return handle_ == 0; }
    [[nodiscard]] const T* begin() const {
        return handle_ == 0 ? nullptr
                            : reinterpret_cast<const T*>(detail::text_record(handle_) + 4);
    }
    [[nodiscard]] const T* end() const { return begin() + size(); }
    [[nodiscard]] const T& operator[](std::size_t index) const { return begin()[index]; }
    [[nodiscard]] const T& front() const { return *begin(); }
    [[nodiscard]] const T& back() const { return end()[-1]; }
    [[nodiscard]] std::vector<T> to_vector() const { return {begin(), end()}; }
    operator std::span<const T>() const { return {begin(), size()}; } // NOLINT

    [[nodiscard]] std::uint32_t handle() const { return handle_; }
    [[nodiscard]] static PooledList from_handle(std::uint32_t handle) {
        PooledList out;
        out.handle_ = handle;
        return out;
    }

    friend bool operator==(const PooledList& left, const PooledList& right) {
        return std::equal(left.begin(), left.end(), right.begin(), right.end());
    }

private:
    std::uint32_t handle_ = 0;
};

} // namespace powermap::graph

template <>
struct std::hash<powermap::graph::Text> {
    std::size_t operator()(powermap::graph::Text text) const noexcept {
        return std::hash<std::string_view>{}(text.view());
    }
};

template <>
struct fmt::formatter<powermap::graph::Text> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(powermap::graph::Text text, FormatContext& context) const {
        return fmt::formatter<std::string_view>::format(text.view(), context);
    }
};
