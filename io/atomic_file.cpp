#include "io/atomic_file.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "graph/diagnostics.hpp"

namespace powermap::io {

namespace {
[[noreturn]] void fail(const std::filesystem::path& path, std::string_view what) {
    throw Error(Diagnostic{Severity::Error,
                           {path.string(), 0, 0, {}},
                           fmt::format("cannot {}: {}", what, std::strerror(errno)),
                           "check that the directory exists and is writable",
                           std::nullopt});
}
} // namespace

AtomicFile::AtomicFile(std::filesystem::path target) : target_(std::move(target)) {
    std::filesystem::path directory = target_.parent_path();
    if (directory.empty()) {
        directory = ".";
    }
    std::string pattern = (directory / ("." + target_.filename().string() + ".XXXXXX")).string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    fd_ = ::mkstemp(buffer.data());
    if (fd_ < 0) {
        fail(target_, "create a temporary file next to it");
    }
    temp_ = buffer.data();
}

AtomicFile::~AtomicFile() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
    if (!committed_ && !temp_.empty()) {
        std::error_code ignored;
        std::filesystem::remove(temp_, ignored);
    }
}

void AtomicFile::write(std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd_, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail(target_, "write");
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
}

void AtomicFile::commit() {
    // mkstemp creates 0600; outputs are ordinary files, so honour the umask like open() would.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd_, 0666 & ~mask);
    if (::fsync(fd_) != 0) {
        fail(target_, "flush");
    }
    if (::close(fd_) != 0) {
        fd_ = -1;
        fail(target_, "close");
    }
    fd_ = -1;
    if (::rename(temp_.c_str(), target_.c_str()) != 0) {
        fail(target_, "replace");
    }
    committed_ = true;
}

void write_file_atomically(const std::filesystem::path& target, std::string_view bytes) {
    AtomicFile file(target);
    file.write(bytes);
    file.commit();
}

void refuse_overwriting_inputs(const std::filesystem::path& output,
                               const std::vector<std::string>& inputs) {
    std::error_code error;
    if (!std::filesystem::exists(output, error)) {
        return;
    }
    for (const auto& input : inputs) {
        if (std::filesystem::exists(input, error) &&
            std::filesystem::equivalent(output, input, error)) {
            throw Error(fmt::format("refusing to overwrite input file '{}'", input),
                        "choose another output path with -o");
        }
    }
}

} // namespace powermap::io
