// Reading input files within limits: only regular files are read, a file read whole
// (after gzip decompression) may take at most the input-size limit, lines of line-based
// formats at most the line-length limit. Every refusal is a powermap::Error (exit 2)
// whose message names the limit and the option that raises it.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace powermap::io {

/// What one input may make powermap hold. The defaults fit every real map we know of by a
/// wide margin and stop hostile or broken files long before memory runs out.
struct InputLimits {
    /// Most bytes one input read whole may take, after decompression (--max-input-size).
    /// 0 = automatic: default_input_ceiling, and for a .gz file also
    /// gzip_ratio_limit times its compressed size (but never under gzip_floor).
    /// Plain .json maps are streamed, never held, so this does not apply to them.
    std::uint64_t max_input_size = 0;
    /// Longest line of a CSV or JSON-lines (FtM) file, in bytes (--max-line-length).
    std::uint64_t max_line_length = std::uint64_t{64} << 20;
    /// Deepest nesting of JSON objects and lists, counting the root as 1 (--max-depth).
    std::uint32_t max_depth = 1000;
    /// Most records in one input file: items of a map's sources, entities and relations,
    /// CSV rows, FtM lines (--max-records).
    std::uint64_t max_records = 200'000'000;
};

inline constexpr std::uint64_t default_input_ceiling = std::uint64_t{4} << 30;
inline constexpr std::uint64_t gzip_ratio_limit = 100;
inline constexpr std::uint64_t gzip_floor = std::uint64_t{64} << 20;
/// The highest --max-depth. RapidJSON parses, copies and writes values by recursion;
/// this many levels stay well inside a thread's 8 MiB stack, also under ASan (tested).
inline constexpr std::uint32_t max_depth_ceiling = 10'000;

/// Throws powermap::Error (exit 2) unless `path` names a regular file (symbolic links are
/// followed): directories, devices such as /dev/zero, FIFOs and sockets are refused, since
/// a stream may never end and cannot be read twice.
void require_regular_file(const std::filesystem::path& path);

/// Reads a whole regular file of at most the input-size limit. Throws powermap::Error.
[[nodiscard]] std::string read_file(const std::filesystem::path& path,
                                    const InputLimits& limits = {});

/// The text of a file, decompressed when its name ends in .gz, within the input-size
/// limit. Throws powermap::Error.
[[nodiscard]] std::string read_maybe_gzipped(const std::string& path,
                                             const InputLimits& limits = {});

/// A regular file opened for reading (C stdio, for streaming parsers). Throws like read_file.
using FilePtr = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;
[[nodiscard]] FilePtr open_input(const std::filesystem::path& path);

/// The UTF-8 byte order mark, which some Windows editors put at the start of a file.
inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";
/// `text` without a leading byte order mark.
[[nodiscard]] std::string_view without_bom(std::string_view text);
/// Removes a leading byte order mark from `text`; true when there was one.
bool strip_bom(std::string& text);

/// Throws powermap::Error at the first line longer than limits.max_line_length.
void check_line_lengths(std::string_view file, std::string_view text, const InputLimits& limits);

/// The errors for limits reached while parsing, one function per limit so every reader
/// words them the same.
[[noreturn]] void throw_too_deep(std::string_view file, std::uint32_t line, std::uint32_t column,
                                 const InputLimits& limits);
[[noreturn]] void throw_too_many_records(std::string_view file, std::uint32_t line,
                                         std::uint32_t column, const InputLimits& limits);

/// "4 GiB", "420.3 MiB", "512 bytes".
[[nodiscard]] std::string format_size(std::uint64_t bytes);

/// 1-based {line, column} (columns count code points, as LineIndex does) of each byte
/// offset in `offsets` (sorted ascending) in the file at `path`, counted after its first
/// `skip` bytes, reading the file once through a small buffer. Offsets past the end map
/// to the end.
[[nodiscard]] std::vector<std::pair<std::uint32_t, std::uint32_t>>
positions_in_file(const std::filesystem::path& path, std::size_t skip,
                  const std::vector<std::size_t>& offsets);

} // namespace powermap::io
