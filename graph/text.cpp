#include "graph/text.hpp"

#include <mutex>
#include <new>
#include <ostream>

#include "graph/detail/id_table.hpp"
#include "graph/diagnostics.hpp"

namespace powermap::graph {

namespace detail {
const char* text_chunks[text_max_chunks + 1] = {};
} // namespace detail

namespace {

std::mutex chunk_mutex;
std::uint32_t chunk_count = 1; ///< chunk 0 is never used: handle 0 is the empty text

/// Registers `count` consecutive chunks starting at `base`; returns the first's number.
std::uint32_t register_chunks(const char* base, std::size_t count) {
    const std::lock_guard lock(chunk_mutex);
    // The last chunk number stays unused so no handle is 0xFFFFFFFF (IdTable's empty mark).
    if (chunk_count + count > detail::text_max_chunks) {
        throw Error("the string pool is full (32 GiB of names, ids and quotes)",
                    "the map is larger than one process of powermap can hold");
    }
    const std::uint32_t first = chunk_count;
    for (std::size_t idx = 0; idx < count; ++idx) {
        detail::text_chunks[first + idx] = base + idx * detail::text_chunk_bytes;
    }
    chunk_count += static_cast<std::uint32_t>(count);
    return first;
}

/// What one thread appends to: its current chunk and its de-duplication table.
struct ThreadPool {
    char* base = nullptr;
    std::uint32_t chunk = 0;
    std::size_t used = 0;
    detail::IdTable seen;
};

ThreadPool& thread_pool() {
    thread_local ThreadPool pool;
    return pool;
}

std::string_view text_of(std::uint32_t handle) {
    return Text::from_handle(handle).view();
}

} // namespace

namespace detail {

std::uint32_t pool_append(std::uint32_t header, const void* bytes, std::size_t size,
                          bool terminate) {
    const std::size_t record = (sizeof header + size + (terminate ? 1 : 0) + 7) & ~std::size_t{7};
    ThreadPool& pool = thread_pool();
    char* at = nullptr;
    std::uint32_t handle = 0;
    if (record > text_chunk_bytes) {
        // A record larger than a chunk starts a chunk of its own and runs past its end.
        at = static_cast<char*>(::operator new(record));
        handle = register_chunks(at, 1) << text_offset_bits;
    } else {
        if (pool.base == nullptr || text_chunk_bytes - pool.used < record) {
            pool.base = static_cast<char*>(::operator new(text_chunk_bytes));
            pool.chunk = register_chunks(pool.base, 1);
            pool.used = 0;
        }
        at = pool.base + pool.used;
        handle = (pool.chunk << text_offset_bits) | static_cast<std::uint32_t>(pool.used / 8);
        pool.used += record;
    }
    std::memcpy(at, &header, sizeof header);
    if (size > 0) {
        std::memcpy(at + sizeof header, bytes, size);
    }
    if (terminate) {
        at[sizeof header + size] = '\0';
    }
    return handle;
}

std::uint32_t pool_intern(std::string_view text) {
    ThreadPool& pool = thread_pool();
    return pool.seen.find_or_insert(
        text,
        [&] {
            return pool_append(static_cast<std::uint32_t>(text.size()), text.data(), text.size(),
                               true);
        },
        text_of);
}

} // namespace detail

std::ostream& operator<<(std::ostream& out, Text text) {
    return out << text.view();
}

std::uint32_t adopt_text_chunks(const char* base, std::size_t bytes) {
    const std::size_t count =
        std::max<std::size_t>(1, (bytes + detail::text_chunk_bytes - 1) / detail::text_chunk_bytes);
    return register_chunks(base, count);
}

} // namespace powermap::graph
