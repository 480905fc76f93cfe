#include "cli/output/stdout_stream.hpp"

#include <cerrno>
#include <cstring>

#include <unistd.h>

namespace powermap::cli {

FdStreamBuf::FdStreamBuf(int fd)
    : fd_(fd), line_buffered_(::isatty(fd) == 1), buffer_(std::size_t{1} << 16) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
}

FdStreamBuf::~FdStreamBuf() {
    drain();
}

bool FdStreamBuf::write_all(const char* data, std::size_t size) {
    if (error_ != 0) {
        return false;
    }
    while (size > 0) {
        const ssize_t written = ::write(fd_, data, size);
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            error_ = errno;
            return false;
        }
        data += written;
        size -= static_cast<std::size_t>(written);
    }
    return true;
}

bool FdStreamBuf::drain() {
    const auto pending = static_cast<std::size_t>(pptr() - pbase());
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return write_all(buffer_.data(), pending);
}

FdStreamBuf::int_type FdStreamBuf::overflow(int_type ch) {
    if (!drain()) {
        return traits_type::eof();
    }
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
        *pptr() = traits_type::to_char_type(ch);
        pbump(1);
        if (line_buffered_ && traits_type::to_char_type(ch) == '\n' && !drain()) {
            return traits_type::eof();
        }
    }
    return traits_type::not_eof(ch);
}

std::streamsize FdStreamBuf::xsputn(const char* data, std::streamsize size) {
    const auto count = static_cast<std::size_t>(size);
    const auto room = static_cast<std::size_t>(epptr() - pptr());
    if (count <= room) {
        std::memcpy(pptr(), data, count);
        pbump(static_cast<int>(count));
    } else if (!drain() || !write_all(data, count)) { // large blocks go straight out
        return 0;
    }
    if (line_buffered_ && std::memchr(data, '\n', count) != nullptr && !drain()) {
        return 0;
    }
    return size;
}

int FdStreamBuf::sync() {
    return drain() ? 0 : -1;
}

std::optional<Diagnostic> output_failure(std::ostream& out) {
    out.flush();
    if (out) {
        return std::nullopt;
    }
    std::string message = "cannot write to standard output";
    if (const auto* fd_buffer = dynamic_cast<const FdStreamBuf*>(out.rdbuf());
        fd_buffer != nullptr && fd_buffer->error() != 0) {
        message += std::string(": ") + std::strerror(fd_buffer->error());
    }
    return Diagnostic{Severity::Error,
                      {},
                      std::move(message),
                      "check the free space, or where the output is redirected",
                      std::nullopt};
}

} // namespace powermap::cli
