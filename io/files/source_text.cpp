#include "io/files/source_text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/files/embedded.hpp"

namespace powermap::io {

namespace fs = std::filesystem;

namespace {

/// `path` made absolute and lexically normal, without a trailing separator.
fs::path normal_dir(const fs::path& path) {
    std::error_code ignored;
    fs::path out = fs::absolute(path.empty() ? fs::path(".") : path, ignored).lexically_normal();
    if (!out.has_filename() && out.has_relative_path()) {
        out = out.parent_path();
    }
    return out;
}

/// Whether `path` is `root` or lies inside it (both absolute and normal). The root itself
/// counts so that "." is refused as a folder, not as an escape.
bool inside(const fs::path& path, const fs::path& root) {
    return std::mismatch(root.begin(), root.end(), path.begin(), path.end()).first == root.end();
}

bool inside_any(const fs::path& path, const std::vector<fs::path>& roots) {
    return std::any_of(roots.begin(), roots.end(),
                       [&path](const fs::path& root) { return inside(path, root); });
}

std::string lower_first(std::string text) {
    if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') {
        text[0] = static_cast<char>(text[0] - 'A' + 'a');
    }
    return text;
}

std::string kind_of(mode_t mode) {
    if (S_ISDIR(mode)) {
        return "a folder";
    }
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
    return "a special file";
}

SourceText refused(TextProblem problem, std::string detail = {}) {
    SourceText result;
    result.problem = problem;
    result.detail = std::move(detail);
    return result;
}

/// Closes a descriptor on every way out.
struct Descriptor {
    int fd = -1;
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    explicit Descriptor(int value) : fd(value) {}
    ~Descriptor() {
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

/// Reads the regular file at `real` (absolute, no symlink left in it): checked with lstat
/// before opening, opened without following a symlink and without blocking (a FIFO swapped
/// in after the check returns at once), checked again with fstat, read up to the cap.
SourceText read_regular(const fs::path& real) {
    struct stat before {};
    if (::lstat(real.c_str(), &before) != 0) {
        return refused(TextProblem::Unreadable, lower_first(std::strerror(errno)));
    }
    if (!S_ISREG(before.st_mode)) {
        return refused(TextProblem::NotRegular, kind_of(before.st_mode));
    }
    if (static_cast<std::uint64_t>(before.st_size) > max_source_text_bytes) {
        return refused(TextProblem::TooLarge);
    }
    const Descriptor file(
        ::open(real.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
    if (file.fd < 0) {
        return refused(TextProblem::Unreadable, lower_first(std::strerror(errno)));
    }
    struct stat after {};
    if (::fstat(file.fd, &after) != 0) {
        return refused(TextProblem::Unreadable, lower_first(std::strerror(errno)));
    }
    if (!S_ISREG(after.st_mode)) {
        return refused(TextProblem::NotRegular, kind_of(after.st_mode));
    }
    if (after.st_dev != before.st_dev || after.st_ino != before.st_ino) {
        return refused(TextProblem::Unreadable, "it was replaced while being opened");
    }
    // Read at most one byte past the cap: a file that grows while read is still bounded.
    std::string text;
    text.resize(
        std::min<std::uint64_t>(static_cast<std::uint64_t>(after.st_size), max_source_text_bytes) +
        1);
    std::size_t used = 0;
    while (true) {
        if (used == text.size()) {
            if (text.size() > max_source_text_bytes) {
                return refused(TextProblem::TooLarge);
            }
            text.resize(std::min<std::size_t>(text.size() * 2, max_source_text_bytes + 1));
        }
        const ::ssize_t got = ::read(file.fd, text.data() + used, text.size() - used);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            return refused(TextProblem::Unreadable, lower_first(std::strerror(errno)));
        }
        if (got == 0) {
            break;
        }
        used += static_cast<std::size_t>(got);
    }
    if (used > max_source_text_bytes) {
        return refused(TextProblem::TooLarge);
    }
    text.resize(used);
    SourceText result;
    result.text = std::move(text);
    result.path = real.string();
    return result;
}

std::string folder_of(std::string_view map_file) {
    const fs::path parent = fs::path(std::string(map_file)).parent_path();
    return parent.empty() ? std::string(".") : parent.string();
}

std::string plural(std::size_t count, std::string_view word) {
    return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

} // namespace

SourceText read_source_text(std::string_view map_file, std::string_view text_file,
                            const std::vector<std::string>& sources_dirs) {
    if (text_file.find('\0') != std::string_view::npos) {
        return refused(TextProblem::BadName);
    }
    const fs::path name{std::string(text_file)};
    if (name.has_root_directory() || name.has_root_name()) {
        return refused(TextProblem::Absolute);
    }
    std::vector<fs::path> bases{fs::path(folder_of(map_file))};
    bases.insert(bases.end(), sources_dirs.begin(), sources_dirs.end());
    // Allowed folders, twice: as written (lexically normal, for a check that touches no
    // file) and with symlinks resolved (for the check that counts).
    std::vector<fs::path> lexical_roots;
    std::vector<fs::path> real_roots;
    for (const auto& base : bases) {
        lexical_roots.push_back(normal_dir(base));
        std::error_code error;
        fs::path real = fs::canonical(base, error);
        if (!error) {
            real_roots.push_back(std::move(real));
        }
    }
    bool outside = false;
    SourceText missing = refused(TextProblem::Missing);
    for (std::size_t idx = 0; idx < bases.size(); ++idx) {
        // A `..` escape is refused before any file is looked at, so a map cannot learn
        // which files exist outside its folder.
        if (!inside_any((lexical_roots[idx] / name).lexically_normal(), lexical_roots)) {
            outside = true;
            continue;
        }
        std::error_code error;
        const fs::path real = fs::canonical(bases[idx] / name, error);
        if (error) {
            if (error != std::errc::no_such_file_or_directory &&
                error != std::errc::not_a_directory && missing.problem == TextProblem::Missing) {
                missing = refused(TextProblem::Unreadable, lower_first(error.message()));
            }
            continue;
        }
        if (!inside_any(real, real_roots)) {
            outside = true; // a symlink out of the folder
            continue;
        }
        return read_regular(real);
    }
    SourceText result = outside ? refused(TextProblem::Outside) : missing;
    result.searched_sources_dirs = !sources_dirs.empty();
    return result;
}

Diagnostic source_text_warning(std::string_view source_id, std::string_view text_file,
                               const SourceText& result, SourceLocation where) {
    const bool with_sources_dirs = result.searched_sources_dirs;
    constexpr std::string_view unchecked = "quotes of this source are left unchecked";
    std::string message;
    std::string hint;
    switch (result.problem) {
    case TextProblem::None:
    case TextProblem::Missing:
        message = fmt::format("cannot read the text of source '{}' from '{}': there is no such "
                              "file",
                              source_id, text_file);
        hint = fmt::format("text_file is relative to the map file's folder (or to a folder "
                           "given with --sources-dir); {}",
                           unchecked);
        break;
    case TextProblem::Unreadable:
        message = fmt::format("cannot read the text of source '{}' from '{}': {}", source_id,
                              text_file, result.detail);
        hint = fmt::format("check the file's permissions; {}", unchecked);
        break;
    case TextProblem::Absolute:
        message = fmt::format("source '{}' names its text by the absolute path '{}', which "
                              "powermap does not read",
                              source_id, text_file);
        hint = fmt::format("write text_file relative to the map file's folder (or to a folder "
                           "given with --sources-dir); {}",
                           unchecked);
        break;
    case TextProblem::Outside:
        message =
            fmt::format("the text of source '{}' ('{}') lies outside the map's folder '{}'{}, "
                        "so powermap does not read it",
                        source_id, text_file, folder_of(where.file),
                        with_sources_dirs ? " and every --sources-dir" : "");
        hint = fmt::format("if you trust the map, pass --sources-dir with the folder that holds "
                           "the text; {}",
                           unchecked);
        break;
    case TextProblem::NotRegular:
        message = fmt::format("the text of source '{}' ('{}') is {}, not a regular file", source_id,
                              text_file, result.detail);
        hint = fmt::format("point text_file at a plain text file; {}", unchecked);
        break;
    case TextProblem::TooLarge:
        message = fmt::format("the text of source '{}' ('{}') is larger than {} MiB, the limit for "
                              "source texts",
                              source_id, text_file, max_source_text_bytes >> 20);
        hint = fmt::format("split it into several sources; {}", unchecked);
        break;
    case TextProblem::BadName:
        message = fmt::format("the text_file of source '{}' contains a NUL character", source_id);
        hint = fmt::format("write a plain relative path; {}", unchecked);
        break;
    }
    return Diagnostic{Severity::Warning, std::move(where), std::move(message), std::move(hint),
                      std::nullopt};
}

std::string output_text_file(const graph::Source& source, const SourceOutput& output) {
    if (!output.rewrite || source.text_file.empty() ||
        source.text_file.find('\0') != std::string::npos || source.origin.file == sample_map_name) {
        return source.text_file;
    }
    const fs::path name(source.text_file);
    if (name.has_root_directory() || name.has_root_name()) {
        return source.text_file; // refused when read, and again when the output is read
    }
    std::error_code ignored;
    fs::path target;
    if (!source.text_path.empty()) {
        target = source.text_path;
    } else { // not read (missing, or from a snapshot): where it would be looked up
        target = fs::weakly_canonical(normal_dir(folder_of(source.origin.file)) / name, ignored);
    }
    const fs::path folder = fs::weakly_canonical(normal_dir(output.folder), ignored);
    const fs::path relative = target.lexically_relative(folder);
    return relative.empty() ? source.text_file : relative.generic_string();
}

bool output_embeds_text(const graph::Source& source, const SourceOutput& output) {
    return source.text.has_value() && (source.text_in_map || output.embed);
}

std::string travel_note(const graph::EntityGraph& graph, const SourceOutput& output) {
    if (!output.rewrite) {
        return {};
    }
    std::vector<std::string> entries;
    bool any_outside = false;
    for (const auto& source : graph.sources()) {
        // A text that was never read is not lost by writing the map elsewhere.
        if (source.text_file.empty() || !source.text || output_embeds_text(source, output)) {
            continue;
        }
        if (source.origin.file == sample_map_name) {
            entries.push_back(fmt::format("'{}' is built into powermap", source.id));
            continue;
        }
        const std::string written = output_text_file(source, output);
        const fs::path path(written);
        if (path.has_root_directory() || (!path.empty() && *path.begin() == "..")) {
            entries.push_back(fmt::format("'{}' is at '{}'", source.id, written));
            any_outside = true;
        }
    }
    if (entries.empty()) {
        return {};
    }
    const std::size_t count = entries.size();
    if (count > 3) {
        entries.resize(3);
        entries.emplace_back("...");
    }
    return fmt::format("{} {} not inside the output's folder ({}) — add --embed-sources to "
                       "carry the texts in the map{}",
                       plural(count, "source text"), count == 1 ? "is" : "are",
                       fmt::join(entries, "; "),
                       any_outside ? ", or load it with --sources-dir" : "");
}

} // namespace powermap::io
