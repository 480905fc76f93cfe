#include "io/files/input_file.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "graph/diagnostics.hpp"

namespace powermap::io {

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, std::string message, std::string hint) {
    throw Error(Diagnostic{Severity::Error,
                           {path.string(), 0, 0, {}},
                           std::move(message),
                           std::move(hint),
                           std::nullopt});
}

[[noreturn]] void fail_errno(const std::filesystem::path& path) {
    fail(path, fmt::format("cannot read file: {}", std::strerror(errno)), "check the path");
}

/// What a file that is not regular is, for the message.
std::string_view kind_of(mode_t mode) {
    if (S_ISCHR(mode)) {
        return "a character device";
    }
    if (S_ISBLK(mode)) {
        return "a block device";
    }
    if (S_ISFIFO(mode)) {
        return "a FIFO (named pipe)";
    }
    if (S_ISSOCK(mode)) {
        return "a socket";
    }
    return "not a regular file";
}

void require_regular(const std::filesystem::path& path, mode_t mode) {
    if (S_ISREG(mode)) {
        return;
    }
    if (S_ISDIR(mode)) {
        fail(path, "is a directory, not a file", "");
    }
    fail(path, fmt::format("is {}, not a regular file", kind_of(mode)),
         "powermap reads input from regular files only, since a stream may never end and "
         "cannot be read twice; save it to a file first");
}

/// A size to suggest for an option: `bytes` rounded up to whole MiB or GiB.
std::string suggest_size(std::uint64_t bytes) {
    constexpr std::uint64_t mib = std::uint64_t{1} << 20;
    constexpr std::uint64_t gib = std::uint64_t{1} << 30;
    if (bytes <= gib) {
        return fmt::format("{}M", std::max<std::uint64_t>(1, (bytes + mib - 1) / mib));
    }
    return fmt::format("{}G", (bytes + gib - 1) / gib);
}

/// The input-size limit for a file read whole; `compressed` is its size on disk when it
/// is decompressed, else 0.
std::uint64_t input_cap(const InputLimits& limits, std::uint64_t compressed) {
    if (limits.max_input_size != 0) {
        return limits.max_input_size;
    }
    if (compressed == 0) {
        return default_input_ceiling;
    }
    const std::uint64_t by_ratio = compressed > default_input_ceiling / gzip_ratio_limit
                                       ? default_input_ceiling
                                       : compressed * gzip_ratio_limit;
    return std::min(default_input_ceiling, std::max(gzip_floor, by_ratio));
}

/// Why the cap is what it is, for the message.
std::string cap_reason(const InputLimits& limits, std::uint64_t compressed) {
    if (limits.max_input_size != 0) {
        return "set with --max-input-size";
    }
    if (compressed != 0) {
        return fmt::format("by default {} times its compressed size of {}, at least {} and at "
                           "most {}",
                           gzip_ratio_limit, format_size(compressed), format_size(gzip_floor),
                           format_size(default_input_ceiling));
    }
    return "the default";
}

[[noreturn]] void throw_too_large(const std::filesystem::path& path, std::string message,
                                  std::uint64_t wanted) {
    fail(path, std::move(message),
         fmt::format("if the file is genuine, raise the limit with --max-input-size, e.g. "
                     "--max-input-size {}",
                     suggest_size(wanted)));
}

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

/// Opens `path` for reading without blocking on a FIFO, and checks it is regular after
/// opening too (the name may have changed in between). Returns the fd and its size.
std::pair<int, std::uint64_t> open_regular(const std::filesystem::path& path) {
    require_regular_file(path);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        fail_errno(path);
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        const int saved = errno;
        ::close(fd);
        errno = saved;
        fail_errno(path);
    }
    if (!S_ISREG(info.st_mode)) {
        ::close(fd);
        require_regular(path, info.st_mode);
    }
    return {fd, static_cast<std::uint64_t>(info.st_size)};
}

} // namespace

void require_regular_file(const std::filesystem::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        fail_errno(path);
    }
    require_regular(path, info.st_mode);
}

std::string read_file(const std::filesystem::path& path, const InputLimits& limits) {
    // Not a structured binding: the lambdas below capture fd, which clang 14 cannot do.
    const auto opened = open_regular(path);
    const int fd = opened.first;
    const std::uint64_t size = opened.second;
    const Fd closer{fd};
    const std::uint64_t cap = input_cap(limits, 0);
    auto too_large = [&](std::uint64_t seen, bool exact) {
        throw_too_large(path,
                        fmt::format("the file is {}{}, more than the input-size limit of {} ({})",
                                    exact ? "" : "over ", format_size(seen), format_size(cap),
                                    cap_reason(limits, 0)),
                        seen);
    };
    if (size > cap) {
        too_large(size, true);
    }
    // One allocation of the file's size: growing by doubling would hold up to twice a
    // large map's bytes at its peak.
    std::string text(static_cast<std::size_t>(size), '\0');
    std::size_t done = 0;
    auto read_some = [&](char* into, std::size_t wanted) -> std::size_t {
        while (true) {
            const ssize_t got = ::read(fd, into, wanted);
            if (got >= 0) {
                return static_cast<std::size_t>(got);
            }
            if (errno != EINTR) {
                fail_errno(path);
            }
        }
    };
    while (done < text.size()) {
        const std::size_t got = read_some(text.data() + done, text.size() - done);
        if (got == 0) {
            text.resize(done); // the file shrank while read
            return text;
        }
        done += got;
    }
    // Whatever follows: a file that grew while read, or one whose size is not known.
    std::array<char, 1 << 16> buffer{};
    while (const std::size_t got = read_some(buffer.data(), buffer.size())) {
        if (text.size() + got > cap) {
            too_large(text.size() + got, false);
        }
        text.append(buffer.data(), got);
    }
    return text;
}

FilePtr open_input(const std::filesystem::path& path) {
    auto [fd, size] = open_regular(path);
    (void)size;
    std::FILE* file = ::fdopen(fd, "rb");
    if (file == nullptr) {
        const int saved = errno;
        ::close(fd);
        errno = saved;
        fail_errno(path);
    }
    return {file, &std::fclose};
}

std::string read_maybe_gzipped(const std::string& path, const InputLimits& limits) {
    if (path.size() < 3 || path.compare(path.size() - 3, 3, ".gz") != 0) {
        return read_file(path, limits);
    }
    // Read whole, then inflate: gzip's own reader handles concatenated members.
    const std::string packed = read_file(path, limits);
    const std::uint64_t cap = input_cap(limits, std::max<std::uint64_t>(packed.size(), 1));
    std::string out;
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) {
        fail(path, "cannot start gzip decoding", "");
    }
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
    std::size_t left = packed.size();
    std::array<char, 1 << 16> buffer{};
    int status = Z_OK;
    bool over = false;
    while (true) {
        // zlib counts input in 32-bit units: feed a large file in slices.
        if (stream.avail_in == 0 && left > 0) {
            const auto slice = static_cast<uInt>(std::min<std::size_t>(left, 1u << 30));
            stream.avail_in = slice;
            left -= slice;
        }
        stream.next_out = reinterpret_cast<Bytef*>(buffer.data());
        stream.avail_out = static_cast<uInt>(buffer.size());
        status = inflate(&stream, Z_NO_FLUSH);
        const std::size_t produced = buffer.size() - stream.avail_out;
        if (out.size() + produced > cap) {
            over = true;
            break;
        }
        if (out.size() + produced > out.capacity()) {
            // Grow by doubling but never past the cap, so the peak stays near the cap.
            out.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(
                cap, std::max<std::uint64_t>(out.capacity() * 2, out.size() + produced))));
        }
        out.append(buffer.data(), produced);
        if (status == Z_STREAM_END) {
            if (stream.avail_in == 0 && left == 0) {
                break;
            }
            inflateReset(&stream); // another gzip member follows
            continue;
        }
        if (status != Z_OK) {
            break;
        }
    }
    inflateEnd(&stream);
    if (over) {
        std::string().swap(out);
        throw_too_large(path,
                        fmt::format("the file unpacks to more than {}, the input-size limit for "
                                    "it ({})",
                                    format_size(cap), cap_reason(limits, packed.size())),
                        cap * 2);
    }
    if (status != Z_STREAM_END) {
        fail(path, "the file is not valid gzip or is truncated", "check it with 'gzip -t'");
    }
    return out;
}

std::string_view without_bom(std::string_view text) {
    if (text.substr(0, utf8_bom.size()) == utf8_bom) {
        text.remove_prefix(utf8_bom.size());
    }
    return text;
}

bool strip_bom(std::string& text) {
    if (text.compare(0, utf8_bom.size(), utf8_bom) != 0) {
        return false;
    }
    text.erase(0, utf8_bom.size());
    return true;
}

void check_line_lengths(std::string_view file, std::string_view text, const InputLimits& limits) {
    const std::uint64_t limit = limits.max_line_length;
    if (text.size() <= limit) {
        return;
    }
    std::uint32_t line = 1;
    std::size_t start = 0;
    while (start < text.size()) {
        const void* found = std::memchr(text.data() + start, '\n', text.size() - start);
        const std::size_t end =
            found == nullptr
                ? text.size()
                : static_cast<std::size_t>(static_cast<const char*>(found) - text.data());
        if (end - start > limit) {
            std::uint32_t column = 1;
            for (std::size_t idx = start; idx < start + limit; ++idx) {
                if ((static_cast<unsigned char>(text[idx]) & 0xC0) != 0x80) {
                    ++column;
                }
            }
            throw Error(Diagnostic{
                Severity::Error,
                {std::string(file), line, column, {}},
                fmt::format("line {} is {} long, more than the line-length limit of {}", line,
                            format_size(end - start), format_size(limit)),
                fmt::format("if the file is genuine, raise the limit with --max-line-length, "
                            "e.g. --max-line-length {}",
                            suggest_size(end - start)),
                std::nullopt});
        }
        start = end + 1;
        ++line;
    }
}

void throw_too_deep(std::string_view file, std::uint32_t line, std::uint32_t column,
                    const InputLimits& limits) {
    throw Error(Diagnostic{
        Severity::Error,
        {std::string(file), line, column, {}},
        fmt::format("JSON nested more than {} levels deep, the depth limit", limits.max_depth),
        fmt::format("if the file is genuine, raise the limit with --max-depth (at most {})",
                    max_depth_ceiling),
        std::nullopt});
}

void throw_too_many_records(std::string_view file, std::uint32_t line, std::uint32_t column,
                            const InputLimits& limits) {
    throw Error(Diagnostic{
        Severity::Error,
        {std::string(file), line, column, {}},
        fmt::format("more than {} records in one file, the record limit", limits.max_records),
        "if the file is genuine, raise the limit with --max-records",
        std::nullopt});
}

std::string format_size(std::uint64_t bytes) {
    static constexpr std::array<const char*, 4> units{"KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024) {
        return fmt::format("{} byte{}", bytes, bytes == 1 ? "" : "s");
    }
    std::size_t unit = 0;
    std::uint64_t scale = 1024;
    while (unit + 1 < units.size() && bytes >= scale * 1024) {
        scale *= 1024;
        ++unit;
    }
    if (bytes % scale == 0) {
        return fmt::format("{} {}", bytes / scale, units[unit]);
    }
    return fmt::format("{:.1f} {}", static_cast<double>(bytes) / static_cast<double>(scale),
                       units[unit]);
}

std::vector<std::pair<std::uint32_t, std::uint32_t>>
positions_in_file(const std::filesystem::path& path, std::size_t skip,
                  const std::vector<std::size_t>& offsets) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
    out.reserve(offsets.size());
    const FilePtr file = open_input(path);
    std::array<char, 1 << 16> buffer{};
    std::uint32_t line = 1;
    std::uint32_t column = 1;
    std::size_t at = 0; // offsets count from after the skipped bytes
    std::size_t to_skip = skip;
    auto next = offsets.begin();
    while (next != offsets.end()) {
        const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), file.get());
        if (got == 0) {
            break;
        }
        std::size_t idx = std::min(got, to_skip);
        to_skip -= idx;
        for (; idx < got && next != offsets.end(); ++idx) {
            while (next != offsets.end() && *next == at) {
                out.emplace_back(line, column);
                ++next;
            }
            const char c = buffer[idx];
            if (c == '\n') {
                ++line;
                column = 1;
            } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
                ++column;
            }
            ++at;
        }
    }
    for (; next != offsets.end(); ++next) {
        out.emplace_back(line, column);
    }
    return out;
}

} // namespace powermap::io
