// Writes an output file whole or not at all: a temp file in the target's directory,
// flushed and fsync'ed, then renamed over the target. If commit() never runs, the
// destructor removes the temp file and the target is untouched.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace powermap::io {

class AtomicFile {
public:
    explicit AtomicFile(std::filesystem::path target);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void write(std::string_view bytes);
    /// Makes the new content visible under the target name. Throws powermap::Error.
    void commit();

private:
    std::filesystem::path target_;
    std::filesystem::path temp_;
    int fd_ = -1;
    bool committed_ = false;
};

/// Writes `bytes` to `target` atomically.
void write_file_atomically(const std::filesystem::path& target, std::string_view bytes);

/// Throws powermap::Error if `output` is the same file as any of `inputs`.
void refuse_overwriting_inputs(const std::filesystem::path& output,
                               const std::vector<std::string>& inputs);

} // namespace powermap::io
