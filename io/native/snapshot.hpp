// Binary snapshots of a checked map (.pmap): the map and its analytics view in one
// versioned, checksummed, little-endian file that loads by mapping it into memory, with
// no JSON parsing and no re-validation. `powermap pack` writes them; --graph reads them.
//
// Layout: a 40-byte header (magic "PMAPSNAP", format version, byte-order mark, payload
// size, payload checksum, entity and relation counts) then the payload: info, schema and
// sources; every string of the entities and ties once, laid out as the text pool's own
// records so that a large map's strings join the pool in one copy, not one by one;
// entities and ties as fixed-size rows; the order by id; and the view's CSR arrays (see
// snapshot.cpp for the byte layout). Every read is bounds-checked and every text handle
// checked to name a text, so a damaged file is an Error, never a crash; a file truncated
// or rewritten while it is read is the Error "the snapshot 'X' changed while in use" (the
// mapping is guarded against SIGBUS, and nothing of it outlives the load).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "graph/analytics_view.hpp"
#include "graph/entity_graph.hpp"
#include "io/files/source_text.hpp"

namespace powermap::io {

/// The snapshot format this build writes and reads.
inline constexpr std::uint32_t snapshot_version = 3; // 3: entities' referents

/// The bytes of a snapshot of `graph` and its `view`. Every known source text is stored;
/// `sources` says how to write each `text_file` (for the snapshot's own folder).
[[nodiscard]] std::string write_snapshot(const graph::EntityGraph& graph,
                                         const graph::AnalyticsView& view,
                                         const SourceOutput& sources = {});

struct Snapshot {
    std::unique_ptr<graph::EntityGraph> graph;
    graph::ViewArrays view; ///< adopt with AnalyticsView(graph, view)
};

/// Reads the snapshot at `path` (mapped while it is decoded). Throws powermap::Error naming
/// the file when it is not a snapshot, was written by another format version, is
/// truncated, fails its checksum, is inconsistent, or changed while it was read.
struct SnapshotReadOptions {
    /// From this file size on, the file is read in passes that drop the pages they have
    /// read (so a load never holds the whole file beside the map it becomes); smaller files
    /// are faulted in at once, which is faster.
    std::size_t release_from_bytes = std::size_t{256} << 20;
};

[[nodiscard]] Snapshot read_snapshot(const std::string& path,
                                     const SnapshotReadOptions& options = {});

/// The checksum stored in a snapshot's header, over the bytes after the header (exposed
/// for tests that damage a snapshot in ways the checksum alone would catch).
[[nodiscard]] std::uint64_t snapshot_checksum(std::string_view payload);

/// Whether `path` names a snapshot by its extension (.pmap).
[[nodiscard]] bool is_snapshot_path(std::string_view path);

} // namespace powermap::io
