#include "io/files/atomic_file.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

#include <fcntl.h>
#include <fmt/format.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include "graph/diagnostics.hpp"

namespace powermap::io {

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, std::string_view what) {
    const int error = errno;
    throw Error(Diagnostic{Severity::Error,
                           {path.string(), 0, 0, {}},
                           fmt::format("cannot {}: {}", what, std::strerror(error)),
                           error == ENOSPC || error == EDQUOT
                               ? "free some space or write elsewhere; the old file is untouched"
                               : "check that the directory exists and is writable",
                           std::nullopt});
}

// ---- temp paths removed on SIGINT, SIGTERM and SIGHUP -------------------------------------
//
// A fixed table in static storage, so the handler reads it without allocating or locking:
// a slot is claimed (Claimed), its path copied in, then published as File or Folder. The
// handler unlinks every File, then removes every Folder (empty by then), restores the
// default action and raises the signal again.

enum SlotState : int { Free = 0, Claimed = 1, File = 2, Folder = 3 };
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler reads slot states");
constexpr std::size_t slot_count = 64;
struct Slot {
    std::atomic<int> state{Free};
    std::array<char, PATH_MAX> path{};
};
std::array<Slot, slot_count> slots;
constexpr std::array<int, 3> cleanup_signals{SIGINT, SIGTERM, SIGHUP};

void remove_temps_and_reraise(int signal_number) {
    const int saved = errno;
    for (auto& slot : slots) {
        if (slot.state.load() == File) {
            ::unlink(slot.path.data());
        }
    }
    for (auto& slot : slots) {
        if (slot.state.load() == Folder) {
            ::rmdir(slot.path.data());
        }
    }
    struct sigaction action {};
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    ::sigaction(signal_number, &action, nullptr);
    errno = saved;
    ::raise(signal_number); // delivered with the default action once this handler returns
}

/// Installs the handler for each signal whose action is still the default (one that is
/// ignored, as under nohup, or handled by someone else is left alone).
void install_cleanup_handlers() {
    for (const int signal_number : cleanup_signals) {
        struct sigaction current {};
        if (::sigaction(signal_number, nullptr, &current) != 0 ||
            (current.sa_flags & SA_SIGINFO) != 0 || current.sa_handler != SIG_DFL) {
            continue;
        }
        struct sigaction action {};
        action.sa_handler = remove_temps_and_reraise;
        sigfillset(&action.sa_mask);
        ::sigaction(signal_number, &action, nullptr);
    }
}

/// Blocks the cleanup signals for its lifetime: a temp path is created and registered as
/// one step, so no signal can come between and leave it behind.
class SignalsHeld {
public:
    SignalsHeld() {
        sigset_t held;
        sigemptyset(&held);
        for (const int signal_number : cleanup_signals) {
            sigaddset(&held, signal_number);
        }
        ::pthread_sigmask(SIG_BLOCK, &held, &previous_);
    }
    ~SignalsHeld() { ::pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
    SignalsHeld(const SignalsHeld&) = delete;
    SignalsHeld& operator=(const SignalsHeld&) = delete;

private:
    sigset_t previous_{};
};

/// The slot now holding `path`, or -1 when the table is full or the path too long (the
/// file is then still written atomically, only not removed on a signal).
int register_temp(const std::filesystem::path& path, SlotState kind) {
    install_cleanup_handlers();
    const std::string& text = path.native();
    if (text.size() >= PATH_MAX) {
        return -1;
    }
    for (std::size_t index = 0; index < slots.size(); ++index) {
        int expected = Free;
        if (slots[index].state.compare_exchange_strong(expected, Claimed)) {
            std::memcpy(slots[index].path.data(), text.c_str(), text.size() + 1);
            slots[index].state.store(kind);
            return static_cast<int>(index);
        }
    }
    return -1;
}

void release_temp(int& slot) {
    if (slot >= 0) {
        slots[static_cast<std::size_t>(slot)].state.store(Free);
        slot = -1;
    }
}

// ---- modes ---------------------------------------------------------------------------------

mode_t process_umask() {
    static const mode_t mask = [] {
        const mode_t current = ::umask(0);
        ::umask(current);
        return current;
    }();
    return mask;
}

/// Gives the open file or folder `fd` the permission bits (and, where allowed, the owner
/// and group) of `model`, or the umask's default when `model` does not exist. Set-user and
/// set-group bits are not carried over. A filesystem that refuses leaves the private 0600
/// or 0700 that mkstemp and mkdtemp gave, which is never more open than asked.
void take_mode_of(int fd, const std::filesystem::path& model, bool folder) {
    struct stat existing {};
    const bool found = !model.empty() && ::stat(model.c_str(), &existing) == 0 &&
                       (folder ? S_ISDIR(existing.st_mode) : S_ISREG(existing.st_mode));
    if (found && (existing.st_uid != ::geteuid() || existing.st_gid != ::getegid())) {
        if (::fchown(fd, existing.st_uid, existing.st_gid) != 0 &&
            ::fchown(fd, static_cast<uid_t>(-1), existing.st_gid) != 0) {
            // Not ours to give away: the new file stays ours, as an editor's would.
        }
    }
    const mode_t wanted = found ? (existing.st_mode & (folder ? 07777 & ~S_ISUID : 0777))
                                : ((folder ? 0777 : 0666) & ~process_umask());
    if (::fchmod(fd, wanted) != 0) {
        // Kept private (see above).
    }
}

/// Makes a rename in `directory` durable. Some filesystems cannot sync a directory; the
/// rename has happened either way, so this is best effort.
void sync_directory(const std::filesystem::path& directory) {
    const int fd =
        ::open(directory.empty() ? "." : directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

std::filesystem::path directory_of(const std::filesystem::path& path) {
    std::filesystem::path directory = path.parent_path();
    return directory.empty() ? std::filesystem::path(".") : directory;
}

/// "dir/.NAME.XXXXXX" as the writable, NUL-terminated buffer mkstemp and mkdtemp fill in.
/// The hidden name with a random tail is never the name of an output.
std::vector<char> temp_pattern(const std::filesystem::path& path) {
    std::string pattern = directory_of(path).string();
    pattern += "/.";
    pattern += path.filename().string();
    pattern += ".XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    return buffer;
}

} // namespace

AtomicFile::AtomicFile(std::filesystem::path target, std::filesystem::path mode_from)
    : target_(std::move(target)), mode_from_(std::move(mode_from)) {
    std::vector<char> buffer = temp_pattern(target_);
    const SignalsHeld held;
    fd_ = ::mkostemp(buffer.data(), O_CLOEXEC);
    if (fd_ < 0) {
        fail(target_, "create a temporary file next to it");
    }
    temp_ = buffer.data();
    slot_ = register_temp(temp_, File);
}

AtomicFile::~AtomicFile() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
    if (!committed_ && !temp_.empty()) {
        ::unlink(temp_.c_str());
    }
    release_temp(slot_);
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

void AtomicFile::prepare() {
    take_mode_of(fd_, mode_from_.empty() ? target_ : mode_from_, false);
    if (::fsync(fd_) != 0) {
        fail(target_, "flush");
    }
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) {
        fail(target_, "close");
    }
}

void AtomicFile::publish() {
    if (::rename(temp_.c_str(), target_.c_str()) != 0) {
        fail(target_, "replace");
    }
    committed_ = true;
    release_temp(slot_);
    sync_directory(target_.parent_path());
}

void AtomicFile::commit() {
    prepare();
    publish();
}

void write_file_atomically(const std::filesystem::path& target, std::string_view bytes) {
    AtomicFile file(target);
    file.write(bytes);
    file.commit();
}

// ---- sets of files -------------------------------------------------------------------------

namespace {

/// A temporary folder `.NAME.XXXXXX` beside a directory, registered for the signal
/// handler with every member file. Whatever it holds when destroyed is deleted: the
/// half-written new set after a failure, or the old set after an exchange.
class TempFolder {
public:
    explicit TempFolder(const std::filesystem::path& directory) {
        std::vector<char> buffer = temp_pattern(directory);
        const SignalsHeld held;
        if (::mkdtemp(buffer.data()) == nullptr) {
            return;
        }
        path_ = buffer.data();
        slot_ = register_temp(path_, Folder);
    }
    ~TempFolder() {
        for (auto& [name, slot] : members_) {
            ::unlink((path_ / name).c_str());
            release_temp(slot);
        }
        if (!path_.empty()) {
            ::rmdir(path_.c_str());
        }
        release_temp(slot_);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;

    [[nodiscard]] bool made() const { return !path_.empty(); }
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    /// Registers `name` before it is created, so a signal at any point removes it.
    void add_member(const std::string& name) {
        members_.emplace_back(name, register_temp(path_ / name, File));
    }

private:
    std::filesystem::path path_;
    int slot_ = -1;
    std::vector<std::pair<std::string, int>> members_;
};

bool inside_or_same(const std::filesystem::path& inner, const std::filesystem::path& outer) {
    auto outer_part = outer.begin();
    auto inner_part = inner.begin();
    for (; outer_part != outer.end(); ++outer_part, ++inner_part) {
        if (inner_part == inner.end() || *inner_part != *outer_part) {
            return false;
        }
    }
    return true;
}

/// Whether `directory` may be swapped as a whole: it holds nothing but regular files named
/// as members of the set, and no process of ours works inside it.
bool swappable(const std::filesystem::path& directory, const std::vector<OutputFile>& files) {
    std::error_code error;
    const auto here = std::filesystem::current_path(error);
    const auto resolved = std::filesystem::canonical(directory, error); // "../here" is here
    if (error || inside_or_same(here, resolved)) {
        return false;
    }
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
        const std::string name = entry.path().filename().string();
        const bool member = std::any_of(files.begin(), files.end(),
                                        [&](const OutputFile& file) { return file.name == name; });
        if (!member || !entry.is_regular_file(error) || entry.is_symlink(error)) {
            return false;
        }
    }
    return !error;
}

} // namespace

void write_file_set_with_prefix(const std::string& prefix, const std::vector<OutputFile>& files) {
    std::vector<std::unique_ptr<AtomicFile>> staged;
    for (const auto& file : files) {
        staged.push_back(std::make_unique<AtomicFile>(prefix + file.name));
        staged.back()->write(file.content);
        staged.back()->prepare();
    }
    for (auto& file : staged) {
        file->publish();
    }
}

SetReplacement write_file_set(const std::filesystem::path& directory,
                              const std::vector<OutputFile>& files) {
    std::filesystem::path target = directory.lexically_normal();
    if (!target.has_filename()) {
        target = target.parent_path(); // "out/" -> "out"
    }
    std::error_code error;
    if (std::filesystem::is_symlink(target, error)) {
        target = std::filesystem::canonical(target, error); // swap the folder, keep the link
    }
    const auto status = std::filesystem::status(target, error);
    const bool exists = std::filesystem::exists(status);
    if (exists && !std::filesystem::is_directory(status)) {
        throw Error(Diagnostic{Severity::Error,
                               {target.string(), 0, 0, {}},
                               "exists and is not a directory",
                               "remove it, or write the files somewhere else",
                               std::nullopt});
    }
    const auto one_by_one = [&] {
        std::filesystem::create_directories(target, error);
        write_file_set_with_prefix((target / "").string(), files);
        return SetReplacement::FileByFile;
    };
    const std::string name = target.filename().string();
    if (name.empty() || name == "." || name == ".." || (exists && !swappable(target, files))) {
        return one_by_one();
    }
    TempFolder folder(target);
    if (!folder.made()) { // e.g. the parent is not writable
        return one_by_one();
    }
    for (const auto& file : files) {
        folder.add_member(file.name);
        try {
            AtomicFile member(folder.path() / file.name,
                              exists ? target / file.name : std::filesystem::path{});
            member.write(file.content);
            member.commit();
        } catch (const Error& failure) { // name the file the user asked for, not the temp
            Diagnostic diagnostic = failure.diagnostic();
            diagnostic.location.file = (target / file.name).string();
            throw Error(std::move(diagnostic), failure.code());
        }
    }
    const int folder_fd = ::open(folder.path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder_fd < 0) {
        fail(target, "open the temporary folder");
    }
    take_mode_of(folder_fd, target, true);
    ::fsync(folder_fd);
    ::close(folder_fd);
    if (exists) {
        if (::renameat2(AT_FDCWD, folder.path().c_str(), AT_FDCWD, target.c_str(),
                        RENAME_EXCHANGE) != 0) {
            if (errno == EINVAL || errno == ENOSYS || errno == EXDEV || errno == EBUSY ||
                errno == EPERM) {
                return one_by_one(); // a filesystem that cannot exchange, or a mount point
            }
            fail(target, "replace");
        }
    } else if (::renameat2(AT_FDCWD, folder.path().c_str(), AT_FDCWD, target.c_str(),
                           RENAME_NOREPLACE) != 0) {
        if (errno == EEXIST || errno == ENOTEMPTY) {
            return one_by_one(); // made by someone else meanwhile
        }
        if (errno != EINVAL || ::rename(folder.path().c_str(), target.c_str()) != 0) {
            fail(target, "create");
        }
    }
    sync_directory(directory_of(target));
    return SetReplacement::Whole; // ~TempFolder deletes the old set, now in its place
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
