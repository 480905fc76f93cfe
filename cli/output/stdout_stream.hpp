// Standard output as a stream that remembers why a write failed. std::cout only sets
// badbit and forgets errno, so a result written to a full disk or /dev/full looked like
// success; with this buffer the command can fail with the reason (exit 2).
#pragma once

#include <optional>
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

#include "graph/diagnostics.hpp"

namespace powermap::cli {

/// A streambuf over a file descriptor: 64 KiB buffered (flushed at each newline when the
/// descriptor is a terminal), writes retried on EINTR and short writes, and the errno of
/// the first failed write kept; once a write fails every later one fails too.
class FdStreamBuf : public std::streambuf {
public:
    explicit FdStreamBuf(int fd);
    ~FdStreamBuf() override;
    FdStreamBuf(const FdStreamBuf&) = delete;
    FdStreamBuf& operator=(const FdStreamBuf&) = delete;

    /// errno of the first failed write, or 0.
    [[nodiscard]] int error() const { return error_; }

protected:
    int_type overflow(int_type ch) override;
    std::streamsize xsputn(const char* data, std::streamsize size) override;
    int sync() override;

private:
    bool drain();
    bool write_all(const char* data, std::size_t size);

    int fd_;
    bool line_buffered_;
    int error_ = 0;
    std::vector<char> buffer_;
};

/// Flushes `out`; when a write to it failed, the error saying so ("cannot write to standard
/// output: No space left on device", the reason when an FdStreamBuf knows it).
[[nodiscard]] std::optional<Diagnostic> output_failure(std::ostream& out);

} // namespace powermap::cli
