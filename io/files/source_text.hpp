// Source texts: reading a source's `text_file` confined to the map's own folder tree (or
// folders the user names with --sources-dir), and writing `text_file` so that a map written
// elsewhere still finds its texts (or carries them, with --embed-sources).
//
// Why confined: `validate` tells whether each quote occurs in its source's text, and that
// verdict alone is an oracle on the text (vary the last character of a quote, see which
// guess passes). A map from someone else must therefore never make powermap read a file
// the map's author could not have shipped beside it: no absolute paths, no `..` or symlink
// escapes, only regular files (a FIFO would block, /dev/zero never ends), and a size cap.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/entity_graph.hpp"

namespace powermap::io {

/// The largest source text read from a file (64 MiB). The one place this cap lives.
inline constexpr std::uint64_t max_source_text_bytes = std::uint64_t{64} << 20;

/// Why a source's text was not read.
enum class TextProblem {
    None,       ///< read
    Missing,    ///< no such file in the map's folder (or any --sources-dir)
    Unreadable, ///< it exists but opening or reading it failed (detail: why)
    Absolute,   ///< text_file is an absolute path
    Outside,    ///< after resolving `..` and symlinks it lies outside every allowed folder
    NotRegular, ///< a folder, device, FIFO or socket (detail: which)
    TooLarge,   ///< larger than max_source_text_bytes
    BadName,    ///< text_file holds a NUL character
};

/// What looking up one source's text gave.
struct SourceText {
    std::optional<std::string> text;
    std::string path; ///< where it was read from (absolute, symlinks resolved)
    TextProblem problem = TextProblem::None;
    std::string detail; ///< Unreadable: the system's reason; NotRegular: the kind of file
    bool searched_sources_dirs = false; ///< --sources-dir folders were given and looked in
};

/// Looks up the text of a source's `text_file`, given the name of the map file that names
/// it. Readers turn a problem into source_text_warning().
using TextResolver =
    std::function<SourceText(std::string_view map_file, std::string_view text_file)>;

/// Reads `text_file` relative to the folder of `map_file`, then relative to each of
/// `sources_dirs`; the first that exists is used if, after resolving `..` and symlinks, it
/// lies inside the map's folder or one of `sources_dirs` and is a regular file of at most
/// max_source_text_bytes. Opened with O_NOFOLLOW | O_NONBLOCK and checked again with fstat,
/// so a FIFO or a file swapped for one after the check never blocks. Never throws.
[[nodiscard]] SourceText read_source_text(std::string_view map_file, std::string_view text_file,
                                          const std::vector<std::string>& sources_dirs);

/// The warning for a source whose text was not read (`result.problem != None`): the one
/// wording of every reader (JSON, CSV, GraphML). `where` is the text_file field.
[[nodiscard]] Diagnostic source_text_warning(std::string_view source_id, std::string_view text_file,
                                             const SourceText& result, SourceLocation where);

/// How a writer records where each source's text is.
struct SourceOutput {
    /// Rewrite relative `text_file` paths for a map written into `folder` (an output file's
    /// folder; "" is the current one). Off: keep them as the map has them (standard output).
    bool rewrite = false;
    std::string folder;
    /// Put every known text into the map (`text`), so the map needs no file beside it.
    bool embed = false;
};

/// The `text_file` to write for `source` under `output`.
[[nodiscard]] std::string output_text_file(const graph::Source& source, const SourceOutput& output);
/// Whether the writer puts the source's text into the map: texts that came from the map
/// itself always, the others with `output.embed`.
[[nodiscard]] bool output_embeds_text(const graph::Source& source, const SourceOutput& output);

/// One line telling which sources of `graph` a map written under `output` will not find
/// beside it (their text lies outside the output's folder, or is built into powermap), and
/// what to do; empty when every text travels.
[[nodiscard]] std::string travel_note(const graph::EntityGraph& graph, const SourceOutput& output);

} // namespace powermap::io
