// Writes outputs whole or not at all (the protocol of git's lockfile.h): a temp file in
// the target's directory, written, fsync'ed, given the mode of the file it replaces, then
// renamed over the target. What a caller can rely on:
//  - the target holds its old bytes or its new bytes, whatever happens (a full disk, a
//    signal, a crash);
//  - a temp file is removed when writing fails, when commit() never runs, and on SIGINT,
//    SIGTERM and SIGHUP (a handler unlinks the registered temp paths with async-signal-safe
//    calls, then re-raises the signal with its default action, so the exit status stays
//    honest). After SIGKILL or a power cut a hidden `.NAME.XXXXXX` file (or folder) may
//    stay behind: it is never read, reused or taken for the target, and may be deleted;
//  - a set of files (csv, neo4j) written into a directory is swapped in as a whole.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace powermap::io {

/// One file of a multi-file output.
struct OutputFile {
    std::string name; ///< file name, e.g. "entities.csv"
    std::string content;
};

class AtomicFile {
public:
    /// Creates the temp file beside `target`. The new file takes the mode of `mode_from`
    /// (default: the target) when that is an existing regular file, else 0666 less the umask.
    explicit AtomicFile(std::filesystem::path target, std::filesystem::path mode_from = {});
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void write(std::string_view bytes);
    /// Makes the new content visible under the target name. Throws powermap::Error.
    void commit();
    /// commit() in two steps, so that a set of files is renamed only once all are on disk:
    /// prepare() sets the mode, fsyncs and closes; publish() renames.
    void prepare();
    void publish();

private:
    std::filesystem::path target_;
    std::filesystem::path mode_from_;
    std::filesystem::path temp_;
    int fd_ = -1;
    int slot_ = -1; ///< the temp path's place in the signal handler's list
    bool committed_ = false;
};

/// Writes `bytes` to `target` atomically.
void write_file_atomically(const std::filesystem::path& target, std::string_view bytes);

/// How a set of files reached its place.
enum class SetReplacement {
    Whole,     ///< the set's folder was swapped in one rename: readers see old or new
    FileByFile ///< each file renamed in turn, after all were written and synced
};

/// Writes `files` into `directory` as one unit: into a new temporary folder beside it
/// (`.NAME.XXXXXX`), each file synced, then the folder takes the directory's place in one
/// rename (renameat2 RENAME_EXCHANGE when the directory exists, and the old set is deleted).
/// A directory that holds anything besides files of this set, that is the current
/// directory or one above it, whose parent is not writable, or whose filesystem cannot
/// exchange, is not swapped: its files are replaced as write_file_set_with_prefix does.
/// Throws powermap::Error; on failure the old files are untouched.
SetReplacement write_file_set(const std::filesystem::path& directory,
                              const std::vector<OutputFile>& files);

/// Writes each file to `prefix + name`: every file is written and synced as a temp file
/// first, then all are renamed into place one after another. A failure while writing (a
/// full disk, a signal) leaves every old file as it was; only a crash during the final
/// renames (microseconds) can leave some files old and some new.
void write_file_set_with_prefix(const std::string& prefix, const std::vector<OutputFile>& files);

/// Throws powermap::Error if `output` is the same file as any of `inputs`.
void refuse_overwriting_inputs(const std::filesystem::path& output,
                               const std::vector<std::string>& inputs);

} // namespace powermap::io
