#include "io/native/snapshot.hpp"

#include <atomic>
#include <bit>
#include <csignal>
#include <cstring>
#include <exception>
#include <filesystem>
#include <mutex>
#include <new>
#include <span>
#include <thread>
#include <unordered_map>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace powermap::io {

using graph::Amount;
using graph::Citation;
using graph::Entity;
using graph::EntityType;
using graph::Props;
using graph::PropValue;
using graph::Relation;
using graph::RelationType;
using graph::Source;
using graph::Style;
using graph::Wording;

namespace {

constexpr char magic[8] = {'P', 'M', 'A', 'P', 'S', 'N', 'A', 'P'};
constexpr std::uint32_t byte_order_mark = 0x01020304u;
constexpr std::size_t header_size = 40;

static_assert(std::endian::native == std::endian::little,
              "snapshots are little-endian; add byte swapping for this platform");

/// 64-bit checksum (a multiply-xorshift mix, not cryptographic): four independent lanes
/// of 8 bytes each per step, so the multiplies overlap and checking every load costs a
/// few milliseconds per 100 MB; any flipped or lost byte changes it.
/// madvise() on the whole pages inside [data, data + size): a partial page at either end
/// is shared with a neighbour and left alone.
void advise_pages(const void* data, std::size_t size, int advice) {
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto begin = (reinterpret_cast<std::uintptr_t>(data) + page - 1) / page * page;
    const auto end = (reinterpret_cast<std::uintptr_t>(data) + size) / page * page;
    if (end > begin) {
        ::madvise(reinterpret_cast<void*>(begin), end - begin, advice);
    }
}

/// Drops the whole pages inside [data, data + size) of a read-only file mapping from this
/// process's memory: they stay in the page cache and fault back in if read again.
void release(const char* data, std::size_t size) {
    advise_pages(data, size, MADV_DONTNEED);
}

/// When `release_behind`, each 64 MiB read is dropped from memory once summed, so summing
/// a file of many gigabytes never holds it all.
std::uint64_t checksum(const char* data, std::size_t size, bool release_behind = false) {
    auto mix = [](std::uint64_t hash, std::uint64_t word) {
        hash = (hash ^ word) * 0xFF51AFD7ED558CCDull;
        return hash ^ (hash >> 32);
    };
    std::uint64_t lanes[4] = {0x9E3779B97F4A7C15ull ^ size, 0x6A09E667F3BCC909ull,
                              0xBB67AE8584CAA73Bull, 0x3C6EF372FE94F82Bull};
    std::size_t pos = 0;
    constexpr std::size_t window = std::size_t{64} << 20;
    for (; pos + 32 <= size; pos += 32) {
        std::uint64_t words[4];
        std::memcpy(words, data + pos, 32);
        for (int lane = 0; lane < 4; ++lane) {
            lanes[lane] = mix(lanes[lane], words[lane]);
        }
        if (release_behind && (pos + 32) % window == 0) {
            release(data + pos + 32 - window, window);
        }
    }
    std::uint64_t hash = mix(mix(mix(lanes[0], lanes[1]), lanes[2]), lanes[3]);
    for (; pos + 8 <= size; pos += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, data + pos, 8);
        hash = mix(hash, word);
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, data + pos, size - pos);
    hash = (hash ^ tail ^ (size - pos)) * 0xC4CEB9FE1A85EC53ull;
    return hash ^ (hash >> 29);
}

class Out {
public:
    void u8(std::uint8_t value) { bytes_.push_back(static_cast<char>(value)); }
    void u32(std::uint32_t value) { raw(&value, 4); }
    void u64(std::uint64_t value) { raw(&value, 8); }
    void f64(double value) { raw(&value, 8); }
    void str(std::string_view text) {
        u32(static_cast<std::uint32_t>(text.size()));
        bytes_.append(text);
    }
    void count(std::size_t size) { u32(static_cast<std::uint32_t>(size)); }
    void strings(const std::vector<std::string>& items) {
        count(items.size());
        for (const auto& item : items) {
            str(item);
        }
    }
    void string_map(const std::map<std::string, std::string>& items) {
        count(items.size());
        for (const auto& [key, value] : items) {
            str(key);
            str(value);
        }
    }
    void props(const Props& items) {
        count(items.size());
        for (const auto& [key, value] : items) {
            str(key);
            u8(static_cast<std::uint8_t>(value.kind));
            str(value.text);
        }
    }
    void style(const Style& look) {
        str(look.shape);
        str(look.color);
        str(look.fillcolor);
        str(look.style);
    }
    void array(const std::vector<std::uint32_t>& values) {
        count(values.size());
        raw(values.data(), values.size() * 4);
    }
    std::string& bytes() { return bytes_; }

private:
    void raw(const void* data, std::size_t size) {
        bytes_.append(static_cast<const char*>(data), size);
    }
    std::string bytes_;
};

/// Reads the payload; every read checks the bounds first.
class In {
public:
    In(const char* data, std::size_t size, const std::string& path)
        : data_(data), size_(size), path_(path) {}

    std::uint8_t u8() { return static_cast<std::uint8_t>(*take(1)); }
    std::uint32_t u32() { return load<std::uint32_t>(); }
    std::uint64_t u64() { return load<std::uint64_t>(); }
    double f64() { return load<double>(); }
    std::string str() {
        const std::uint32_t length = u32();
        const char* at = take(length);
        return {at, length};
    }
    /// A count of items each at least `min_bytes` long: a damaged count cannot make us
    /// reserve more than the file could hold.
    std::size_t count(std::size_t min_bytes) {
        const std::uint32_t value = u32();
        if (static_cast<std::size_t>(value) * min_bytes > size_ - pos_) {
            damaged("a count runs past the end");
        }
        return value;
    }
    std::vector<std::string> strings() {
        std::vector<std::string> items(count(4));
        for (auto& item : items) {
            item = str();
        }
        return items;
    }
    std::map<std::string, std::string> string_map() {
        std::map<std::string, std::string> items;
        for (std::size_t left = count(8); left > 0; --left) {
            std::string key = str();
            items.emplace(std::move(key), str());
        }
        return items;
    }
    Props props() {
        Props items;
        for (std::size_t left = count(9); left > 0; --left) {
            std::string key = str();
            const auto kind = u8();
            if (kind > static_cast<std::uint8_t>(PropValue::Kind::Json)) {
                damaged("a property has an unknown kind");
            }
            items.emplace(std::move(key), PropValue{static_cast<PropValue::Kind>(kind), str()});
        }
        return items;
    }
    Style style() {
        Style look;
        look.shape = str();
        look.color = str();
        look.fillcolor = str();
        look.style = str();
        return look;
    }
    std::vector<std::uint32_t> array() {
        std::vector<std::uint32_t> values(count(4));
        const char* from = take(values.size() * 4);
        if (!values.empty()) { // an empty vector's data() may be null: no memcpy to it
            std::memcpy(values.data(), from, values.size() * 4);
        }
        return values;
    }
    /// Skips to the next multiple of 8 from the start of the data.
    void align8() { (void)take((8 - pos_ % 8) % 8); }
    std::size_t size64() {
        const std::uint64_t value = u64();
        if (value > size_ - pos_) {
            damaged("a section runs past the end");
        }
        return static_cast<std::size_t>(value);
    }
    const char* take_bytes(std::size_t size) { return take(size); }
    void seek(std::size_t pos) {
        if (pos > size_) {
            damaged("an offset points past the end");
        }
        pos_ = pos;
    }
    void expect_end() {
        if (pos_ != size_) {
            damaged("there are bytes after the last section");
        }
    }
    [[noreturn]] void damaged(std::string_view what) const {
        throw Error(Diagnostic{Severity::Error,
                               {path_, 0, 0, {}},
                               fmt::format("damaged snapshot: {}", what),
                               "pack it again from the JSON map with 'powermap pack'",
                               std::nullopt});
    }

private:
    const char* take(std::size_t size) {
        if (size > size_ - pos_) {
            damaged("it ends in the middle of a section");
        }
        const char* at = data_ + pos_;
        pos_ += size;
        return at;
    }
    template <typename T>
    T load() {
        T value;
        std::memcpy(&value, take(sizeof(T)), sizeof(T));
        return value;
    }

    const char* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
    const std::string& path_;
};

// A snapshot is read through a mapping, so a file truncated while it is read would end the
// process with SIGBUS (touching a mapped page past the file's new end), and a file
// rewritten in place would change the bytes under the decoder. Three guards, and why:
// - Nothing of the mapping outlives the load: the decoder copies every field, and the texts
//   (the one part the pool used to adopt in place) are copied into memory of their own, so
//   a change after the load cannot reach a command (MAP_PRIVATE alone does not protect a
//   mapping against truncation or against writes to pages it has not copied).
// - During the load, a SIGBUS inside a registered mapping does not kill the process: the
//   handler maps zero pages over the rest of that mapping (the faulting read is retried and
//   sees zeros, which every bounds-checked read survives) and marks the mapping changed.
//   A handler that printed and exited would print from io/ and bypass --format json and
//   the one error path; jumping out with siglongjmp would skip C++ destructors.
// - At the end of the load (and when it fails) the file's size, mtime and ctime are
//   compared with those it had when it was opened (writes update mtime before the data
//   reach the page cache): any difference, or a fault, is "the snapshot changed while in
//   use", exit 2. Replacing the file by rename (what 'powermap pack' does) is not a change
//   for us: the mapping keeps the old file, read whole and consistent.
namespace guard {

/// A mapping the SIGBUS handler knows; `begin` 0 means the slot is free.
struct Slot {
    std::atomic<bool> taken{false};
    std::atomic<std::uintptr_t> begin{0};
    std::atomic<std::uintptr_t> end{0};
    std::atomic<bool> faulted{false};
};
constexpr std::size_t slot_count = 64;
Slot slots[slot_count];
std::uintptr_t page_size = 4096;
struct sigaction previous {};

void on_sigbus(int signal, siginfo_t* info, void* context) {
    const auto address = reinterpret_cast<std::uintptr_t>(info->si_addr);
    for (Slot& slot : slots) {
        const std::uintptr_t begin = slot.begin.load(std::memory_order_acquire);
        const std::uintptr_t end = slot.end.load(std::memory_order_acquire);
        if (begin == 0 || address < begin || address >= end) {
            continue;
        }
        // Linux's mmap is a plain system call (no lock, no allocation), safe here though
        // POSIX does not list it as async-signal-safe.
        const std::uintptr_t from = address / page_size * page_size;
        void* zeros = ::mmap(reinterpret_cast<void*>(from), end - from, PROT_READ,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (zeros != MAP_FAILED) {
            slot.faulted.store(true, std::memory_order_release);
            return; // the read is retried and finds zeros
        }
        break;
    }
    // Not a snapshot's page: whoever handled SIGBUS before us (a sanitizer, or the default
    // action, which the retried read then meets).
    if ((previous.sa_flags & SA_SIGINFO) != 0 && previous.sa_sigaction != nullptr) {
        previous.sa_sigaction(signal, info, context);
        return;
    }
    if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
        previous.sa_handler(signal);
        return;
    }
    struct sigaction fallback {};
    fallback.sa_handler = SIG_DFL;
    ::sigemptyset(&fallback.sa_mask);
    ::sigaction(SIGBUS, &fallback, nullptr);
}

void install() {
    static std::once_flag once;
    std::call_once(once, [] {
        page_size = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
        struct sigaction action {};
        action.sa_sigaction = on_sigbus;
        action.sa_flags = SA_SIGINFO | SA_ONSTACK;
        ::sigemptyset(&action.sa_mask);
        ::sigaction(SIGBUS, &action, &previous);
    });
}

/// Registers [data, data + size) with the handler; the slot, or nullptr when every slot
/// is taken (then a fault there ends the process as before: never with this many loads).
Slot* watch(const char* data, std::size_t size) {
    install();
    for (Slot& slot : slots) {
        bool expected = false;
        if (slot.taken.compare_exchange_strong(expected, true, std::memory_order_acq_rel)) {
            slot.faulted.store(false, std::memory_order_relaxed);
            slot.end.store(reinterpret_cast<std::uintptr_t>(data) + size,
                           std::memory_order_release);
            slot.begin.store(reinterpret_cast<std::uintptr_t>(data), std::memory_order_release);
            return &slot;
        }
    }
    return nullptr;
}

void unwatch(Slot* slot) {
    if (slot != nullptr) {
        slot->begin.store(0, std::memory_order_release);
        slot->end.store(0, std::memory_order_release);
        slot->taken.store(false, std::memory_order_release);
    }
}

} // namespace guard

/// "the snapshot 'X' changed while in use": one message for every way of noticing it.
Error changed_while_in_use(const std::string& path) {
    return Error(Diagnostic{Severity::Error,
                            {path, 0, 0, {}},
                            fmt::format("the snapshot '{}' changed while in use", path),
                            "another program truncated or rewrote the file while it was "
                            "read; run the command again once the file is whole",
                            std::nullopt});
}

/// A read-only mapping of a whole file, watched for the file changing underneath (see
/// above), unmapped on scope exit.
class MappedFile {
public:
    /// `populate_below`: files smaller than this are faulted in at once, which is faster;
    /// larger ones fault in as read.
    MappedFile(const std::string& path, std::size_t populate_below) : path_(path) {
        // O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused below).
        fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
        if (fd_ < 0) {
            throw Error(Diagnostic{Severity::Error,
                                   {path, 0, 0, {}},
                                   fmt::format("cannot open: {}", std::strerror(errno)),
                                   "check the path",
                                   std::nullopt});
        }
        if (::fstat(fd_, &opened_) != 0) {
            ::close(fd_);
            throw Error(Diagnostic{
                Severity::Error, {path, 0, 0, {}}, "cannot read its size", "", std::nullopt});
        }
        if (!S_ISREG(opened_.st_mode)) {
            ::close(fd_);
            throw Error(Diagnostic{Severity::Error,
                                   {path, 0, 0, {}},
                                   "not a regular file",
                                   "a snapshot is a file written by 'powermap pack'",
                                   std::nullopt});
        }
        size_ = static_cast<std::size_t>(opened_.st_size);
        large_ = size_ >= populate_below;
        if (size_ > 0) {
            void* mapped = ::mmap(nullptr, size_, PROT_READ,
                                  MAP_PRIVATE | (large_ ? 0 : MAP_POPULATE), fd_, 0);
            if (mapped == MAP_FAILED) {
                ::close(fd_);
                throw Error(Diagnostic{Severity::Error,
                                       {path, 0, 0, {}},
                                       fmt::format("cannot map: {}", std::strerror(errno)),
                                       "",
                                       std::nullopt});
            }
            data_ = static_cast<const char*>(mapped);
            slot_ = guard::watch(data_, size_);
            ::madvise(mapped, size_, MADV_SEQUENTIAL | MADV_WILLNEED);
        }
    }
    ~MappedFile() {
        guard::unwatch(slot_);
        if (data_ != nullptr) {
            ::munmap(const_cast<char*>(data_), size_);
        }
        ::close(fd_);
    }
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    [[nodiscard]] const char* data() const { return data_; }
    [[nodiscard]] std::size_t size() const { return size_; }
    /// Whether the file was large enough to be read in passes (see SnapshotReadOptions).
    [[nodiscard]] bool large() const { return large_; }
    /// Whether the file was truncated (a read met a missing page) or written to since it
    /// was opened.
    [[nodiscard]] bool changed() const {
        if (slot_ != nullptr && slot_->faulted.load(std::memory_order_acquire)) {
            return true;
        }
        struct stat now {};
        if (::fstat(fd_, &now) != 0) {
            return true;
        }
        return now.st_size != opened_.st_size || now.st_mtim.tv_sec != opened_.st_mtim.tv_sec ||
               now.st_mtim.tv_nsec != opened_.st_mtim.tv_nsec ||
               now.st_ctim.tv_sec != opened_.st_ctim.tv_sec ||
               now.st_ctim.tv_nsec != opened_.st_ctim.tv_nsec;
    }
    /// Throws "changed while in use" if changed().
    void check_unchanged() const {
        if (changed()) {
            throw changed_while_in_use(path_);
        }
    }

private:
    const std::string& path_;
    int fd_ = -1;
    struct stat opened_ {};
    const char* data_ = nullptr;
    std::size_t size_ = 0;
    bool large_ = false;
    guard::Slot* slot_ = nullptr;
};

} // namespace

std::uint64_t snapshot_checksum(std::string_view payload) {
    return checksum(payload.data(), payload.size());
}

bool is_snapshot_path(std::string_view path) {
    return std::filesystem::path(std::string(path)).extension() == ".pmap";
}

namespace {

// Version 2 payload, in order (every section starts 8-byte aligned):
//   meta     info, schema and sources, encoded field by field (small)
//   texts    u64 size, then every string of the entities and ties once, as the text
//            pool's own records ([u32 length][bytes][NUL], 8-byte aligned), so the load
//            adopts them in one copy: handles are stored relative to window 1
//   extras   u64 size, then names, aliases, tags, referents and props of the items that have any
//   entities u32 count, then {id, type, name, extra} per entity (u32 each)
//   cites    u32 count, then {source, quote, note} per citation
//   ties     u32 count, then per tie 14 u32 (id, from, to, type, role, start, end,
//            from_index, to_index, first cite, cite count, extra, currency, has amount)
//            and an f64 amount
//   by_id and the view's six arrays, u32 count + values each
constexpr std::uint32_t no_extra = 0xFFFFFFFFu;
constexpr std::size_t entity_fields = 4;
constexpr std::size_t tie_fields = 14;
constexpr std::size_t tie_bytes = tie_fields * 4 + 8;
/// Regions smaller than this are interned into the pool (no chunk is spent on them, and
/// repeated loads of one small file add nothing); larger ones are copied whole, records as
/// they are, and the copy is adopted as pool chunks (no string is interned one by one).
constexpr std::size_t adopt_threshold = std::size_t{256} << 10;
/// Files at least this large are checked and decoded on two cores.
constexpr std::size_t parallel_bytes = std::size_t{2} << 20;

/// Faults a large, not yet touched buffer in with one call instead of one trap per 4 KiB
/// page (MADV_POPULATE_WRITE, Linux 5.14+; elsewhere the pages fault in as they are
/// written). A tie row is decoded in far less time than its page takes to fault.
void prefault(void* data, std::size_t bytes) {
#ifdef MADV_POPULATE_WRITE
    advise_pages(data, bytes, MADV_POPULATE_WRITE);
#else
    (void)data;
    (void)bytes;
#endif
}

void pad8(std::string& bytes) {
    bytes.append((8 - bytes.size() % 8) % 8, '\0');
}

/// Lays the texts of a graph out as pool records, each distinct string once.
class TextRegion {
public:
    std::uint32_t put(graph::Text text) {
        if (text.empty()) {
            return 0;
        }
        auto [found, inserted] = at_.try_emplace(text.view(), 0);
        if (inserted) {
            const std::size_t pos = bytes_.size();
            const auto size = static_cast<std::uint32_t>(text.size());
            bytes_.append(reinterpret_cast<const char*>(&size), 4);
            bytes_.append(text.view());
            bytes_.push_back('\0');
            pad8(bytes_);
            found->second = static_cast<std::uint32_t>(
                ((pos / graph::detail::text_chunk_bytes + 1) << graph::detail::text_offset_bits) |
                (pos % graph::detail::text_chunk_bytes) / 8);
        }
        return found->second;
    }
    [[nodiscard]] const std::string& bytes() const { return bytes_; }

private:
    std::unordered_map<std::string_view, std::uint32_t> at_; // views into the pool: stable
    std::string bytes_;
};

} // namespace

std::string write_snapshot(const graph::EntityGraph& graph, const graph::AnalyticsView& view,
                           const SourceOutput& source_output) {
    Out out;
    out.str(graph.info().title);
    out.str(graph.info().description);

    const auto& schema = graph.schema();
    out.count(schema.entity_types().size());
    for (const EntityType& type : schema.entity_types()) {
        out.str(type.id);
        out.str(type.parent);
        out.str(type.label);
        out.string_map(type.labels);
        out.style(type.style);
    }
    out.count(schema.relation_types().size());
    for (const RelationType& type : schema.relation_types()) {
        out.str(type.id);
        out.str(type.wording.forward);
        out.str(type.wording.reverse);
        out.count(type.wordings.size());
        for (const auto& [code, wording] : type.wordings) {
            out.str(code);
            out.str(wording.forward);
            out.str(wording.reverse);
        }
        out.strings(type.from);
        out.strings(type.to);
        out.u8(type.directed ? 1 : 0);
        // Bit 0: supply; bit 1: negative amounts allowed (snapshots older than the flag
        // wrote 0 or 1 here, so they read the same).
        out.u8(static_cast<std::uint8_t>((type.supply ? 1 : 0) | (type.negative_amounts ? 2 : 0)));
        out.style(type.style);
    }

    out.count(graph.sources().size());
    for (const Source& source : graph.sources()) {
        const std::string text_file = output_text_file(source, source_output);
        for (const std::string* field :
             {&source.id, &source.title, &source.title_en, &source.publisher, &source.date,
              &source.language, &source.url, &text_file}) {
            out.str(*field);
        }
        out.props(source.props);
        // 0 no text, 1 read from text_file, 2 the map's own (readers before 2 see "has text")
        out.u8(source.text ? (source.text_in_map ? 2 : 1) : 0);
        out.str(source.text.value_or(""));
    }

    TextRegion texts;
    Out extras;
    std::vector<std::uint32_t> entity_rows;
    entity_rows.reserve(graph.entity_count() * entity_fields);
    for (const Entity& entity : graph.entities()) {
        std::uint32_t extra = no_extra;
        if (!entity.names.empty() || !entity.aliases.empty() || !entity.tags.empty() ||
            !entity.referents.empty() || !entity.props.empty()) {
            extra = static_cast<std::uint32_t>(extras.bytes().size());
            extras.string_map(entity.names);
            extras.strings(entity.aliases);
            extras.strings(entity.tags);
            extras.strings(entity.referents);
            extras.props(entity.props);
        }
        entity_rows.insert(entity_rows.end(), {texts.put(entity.id), texts.put(entity.type),
                                               texts.put(entity.name), extra});
    }
    std::vector<std::uint32_t> cites;
    Out ties;
    for (const Relation& relation : graph.relations()) {
        std::uint32_t extra = no_extra;
        if (!relation.props.empty()) {
            extra = static_cast<std::uint32_t>(extras.bytes().size());
            extras.props(relation.props);
        }
        const auto first_cite = static_cast<std::uint32_t>(cites.size() / 3);
        for (const Citation& citation : relation.sources) {
            cites.insert(cites.end(), {texts.put(citation.source), texts.put(citation.quote),
                                       texts.put(citation.note)});
        }
        const std::uint32_t row[tie_fields] = {
            texts.put(relation.id),
            texts.put(relation.from),
            texts.put(relation.to),
            texts.put(relation.type),
            texts.put(relation.role),
            texts.put(relation.start),
            texts.put(relation.end),
            graph::to_underlying(relation.from_index),
            graph::to_underlying(relation.to_index),
            first_cite,
            static_cast<std::uint32_t>(relation.sources.size()),
            extra,
            relation.amount ? texts.put(relation.amount->currency) : 0,
            relation.amount ? 1u : 0u};
        for (const std::uint32_t field : row) {
            ties.u32(field);
        }
        ties.f64(relation.amount ? relation.amount->value : 0.0);
    }

    std::string& payload = out.bytes();
    pad8(payload);
    Out sizes;
    sizes.u64(texts.bytes().size());
    payload += sizes.bytes();
    payload += texts.bytes();
    sizes.bytes().clear();
    sizes.u64(extras.bytes().size());
    payload += sizes.bytes();
    payload += extras.bytes();
    pad8(payload);
    Out rest;
    rest.array(entity_rows);
    rest.array(cites);
    rest.count(graph.relation_count());
    rest.bytes() += ties.bytes();
    std::vector<std::uint32_t> by_id;
    by_id.reserve(graph.entity_count());
    for (auto index : graph.entities_by_id()) {
        by_id.push_back(graph::to_underlying(index));
    }
    rest.array(by_id);
    const auto arrays = view.arrays();
    for (const auto* values : {&arrays.out_offsets, &arrays.out_entities, &arrays.out_relations,
                               &arrays.in_offsets, &arrays.in_entities, &arrays.in_relations}) {
        rest.array(*values);
    }
    payload += rest.bytes();

    Out header;
    header.bytes().append(magic, sizeof magic);
    header.u32(snapshot_version);
    header.u32(byte_order_mark);
    header.u64(payload.size());
    header.u64(checksum(payload.data(), payload.size()));
    header.u32(static_cast<std::uint32_t>(graph.entity_count()));
    header.u32(static_cast<std::uint32_t>(graph.relation_count()));
    std::string file = std::move(header.bytes());
    file += payload;
    return file;
}

namespace {

/// The texts section of a snapshot, checked record by record, and the way from a stored
/// (relative) handle to a handle of this process's pool.
class TextTable {
public:
    TextTable(const char* region, std::size_t size, In& in) : size_(size) {
        // Walk every record once: a stored handle is valid only if it names a record start.
        const bool adopt = size >= adopt_threshold;
        if (adopt) {
            starts_.assign(size / 8 / 64 + 1, 0);
        } else {
            remap_.assign(size / 8 + 1, 0);
        }
        std::size_t pos = 0;
        while (pos < size) {
            if (size - pos < 8) {
                in.damaged("a text runs past the end of its section");
            }
            std::uint32_t length = 0;
            std::memcpy(&length, region + pos, 4);
            const std::size_t record = (4 + std::size_t{length} + 1 + 7) & ~std::size_t{7};
            if (length == 0 || record > size - pos || region[pos + 4 + length] != '\0') {
                in.damaged("a text runs past the end of its section");
            }
            if (adopt) {
                starts_[pos / 8 / 64] |= std::uint64_t{1} << (pos / 8 % 64);
            } else {
                remap_[pos / 8] = graph::Text(std::string_view(region + pos + 4, length)).handle();
            }
            pos += record;
        }
        if (adopt) {
            // The pool keeps the mapping for the rest of the process: no text is copied.
            const std::uint32_t first = graph::adopt_text_chunks(region, size);
            delta_ = (first - 1) << graph::detail::text_offset_bits;
        }
    }

    /// The pool handle of stored handle `stored`; throws when it names no record.
    [[nodiscard]] std::uint32_t operator()(std::uint32_t stored, In& in) const {
        if (stored == 0) {
            return 0;
        }
        const std::size_t window = stored >> graph::detail::text_offset_bits;
        const std::size_t pos = (window - 1) * graph::detail::text_chunk_bytes +
                                std::size_t{stored & graph::detail::text_offset_mask} * 8;
        if (window == 0 || pos >= size_) {
            in.damaged("a text handle points outside its section");
        }
        if (!remap_.empty() || starts_.empty()) {
            if (remap_.empty() || remap_[pos / 8] == 0) {
                in.damaged("a text handle points into the middle of a text");
            }
            return remap_[pos / 8];
        }
        if ((starts_[pos / 8 / 64] >> (pos / 8 % 64) & 1) == 0) {
            in.damaged("a text handle points into the middle of a text");
        }
        return stored + delta_;
    }
    [[nodiscard]] graph::Text text(std::uint32_t stored, In& in) const {
        return graph::Text::from_handle((*this)(stored, in));
    }

private:
    std::size_t size_;
    std::vector<std::uint64_t> starts_; ///< adopted: one bit per 8 bytes, set at record starts
    std::vector<std::uint32_t> remap_;  ///< interned: pool handle per 8 bytes, 0 elsewhere
    std::uint32_t delta_ = 0;
};

/// A private copy of a snapshot's texts region for the pool to adopt: unmapped unless
/// keep() is called (a region that fails its checks is not kept).
class TextCopy {
public:
    /// No copy when `from` is nullptr.
    TextCopy(const char* from, std::size_t size) {
        if (from == nullptr || size == 0) {
            return;
        }
        const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
        mapped_ = (size + page - 1) / page * page;
        void* to = ::mmap(nullptr, mapped_, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
        if (to == MAP_FAILED) {
            throw std::bad_alloc();
        }
        data_ = static_cast<char*>(to);
        std::memcpy(data_, from, size);
    }
    ~TextCopy() {
        if (data_ != nullptr && !kept_) {
            ::munmap(data_, mapped_);
        }
    }
    TextCopy(const TextCopy&) = delete;
    TextCopy& operator=(const TextCopy&) = delete;
    [[nodiscard]] const char* data() const { return data_; }
    /// The pool has adopted the copy: it stays for the rest of the process.
    void keep() { kept_ = true; }

private:
    char* data_ = nullptr;
    std::size_t mapped_ = 0;
    bool kept_ = false;
};

Snapshot decode_payload(const char* payload, std::size_t payload_size, std::uint32_t entity_count,
                        std::uint32_t relation_count, const std::string& path, bool in_parallel,
                        bool large);

} // namespace

namespace {

Snapshot read_mapped(MappedFile& file, const std::string& path) {
    const bool large = file.large();
    In head(file.data(), std::min(file.size(), header_size), path);
    if (file.size() < sizeof magic || std::memcmp(file.data(), magic, sizeof magic) != 0) {
        throw Error(Diagnostic{Severity::Error,
                               {path, 0, 0, {}},
                               "not a powermap snapshot (no PMAPSNAP header)",
                               "make one with 'powermap pack MAP.json -o MAP.pmap'",
                               std::nullopt});
    }
    if (file.size() < header_size) {
        head.damaged("it is shorter than its header");
    }
    In fields(file.data() + sizeof magic, header_size - sizeof magic, path);
    const std::uint32_t version = fields.u32();
    const std::uint32_t order = fields.u32();
    if (version != snapshot_version) {
        throw Error(Diagnostic{Severity::Error,
                               {path, 0, 0, {}},
                               fmt::format("snapshot format version {} is not the version this "
                                           "powermap reads ({})",
                                           version, snapshot_version),
                               "pack it again from the JSON map with this version",
                               std::nullopt});
    }
    if (order != byte_order_mark) {
        head.damaged("its byte-order mark is wrong");
    }
    const std::uint64_t payload_size = fields.u64();
    const std::uint64_t stored_sum = fields.u64();
    const std::uint32_t entity_count = fields.u32();
    const std::uint32_t relation_count = fields.u32();
    if (payload_size != file.size() - header_size) {
        head.damaged(fmt::format("it holds {} bytes of data where its header promises {} "
                                 "(truncated or appended to?)",
                                 file.size() - header_size, payload_size));
    }
    const char* payload = file.data() + header_size;
    // A large file is summed on a second core while it is decoded (every read is bounds-
    // checked, so decoding damaged bytes is safe); a bad sum wins over any other message.
    const bool in_parallel = payload_size >= parallel_bytes;
    std::uint64_t computed = 0;
    std::thread summer;
    if (in_parallel) {
        summer = std::thread(
            [&] { computed = checksum(payload, payload_size, /*release_behind=*/large); });
    } else {
        computed = checksum(payload, payload_size);
    }
    // A file that changed while it was read explains a bad sum or any other failure.
    auto check_sum = [&] {
        if (summer.joinable()) {
            summer.join();
        }
        file.check_unchanged();
        if (computed != stored_sum) {
            head.damaged("its checksum does not match its contents");
        }
    };
    if (!in_parallel) {
        check_sum();
    }
    try {
        Snapshot snapshot = decode_payload(payload, payload_size, entity_count, relation_count,
                                           path, in_parallel, large);
        check_sum();
        return snapshot;
    } catch (...) {
        check_sum();
        throw;
    }
}

} // namespace

Snapshot read_snapshot(const std::string& path, const SnapshotReadOptions& options) {
    MappedFile file(path, options.release_from_bytes);
    try {
        return read_mapped(file, path);
    } catch (const Error&) {
        file.check_unchanged(); // before the header is read, too: "not a snapshot" may be a cut
        throw;
    }
}

namespace {

Snapshot decode_payload(const char* payload, std::size_t payload_size, std::uint32_t entity_count,
                        std::uint32_t relation_count, const std::string& path, bool in_parallel,
                        bool large) {
    In in(payload, payload_size, path);
    graph::MapInfo info;
    info.title = in.str();
    info.description = in.str();

    graph::Schema schema;
    for (std::size_t left = in.count(4 * 7); left > 0; --left) {
        EntityType type;
        type.id = in.str();
        type.parent = in.str();
        type.label = in.str();
        type.labels = in.string_map();
        type.style = in.style();
        type.origin.file = path;
        schema.put_entity_type(std::move(type));
    }
    for (std::size_t left = in.count(4 * 10); left > 0; --left) {
        RelationType type;
        type.id = in.str();
        type.wording.forward = in.str();
        type.wording.reverse = in.str();
        for (std::size_t languages = in.count(12); languages > 0; --languages) {
            std::string code = in.str();
            Wording wording;
            wording.forward = in.str();
            wording.reverse = in.str();
            type.wordings.emplace(std::move(code), std::move(wording));
        }
        type.from = in.strings();
        type.to = in.strings();
        type.directed = in.u8() != 0;
        const std::uint8_t flags = in.u8();
        type.supply = (flags & 1) != 0;
        type.negative_amounts = (flags & 2) != 0;
        type.style = in.style();
        type.origin.file = path;
        schema.put_relation_type(std::move(type));
    }

    std::vector<Source> sources(in.count(4 * 8 + 9));
    for (Source& source : sources) {
        for (std::string* field :
             {&source.id, &source.title, &source.title_en, &source.publisher, &source.date,
              &source.language, &source.url, &source.text_file}) {
            *field = in.str();
        }
        source.props = in.props();
        const std::uint8_t has_text = in.u8();
        std::string text = in.str();
        if (has_text != 0) {
            source.text = std::move(text);
            source.text_in_map = has_text == 2;
        }
        source.origin.file = path;
    }

    in.align8();
    const std::size_t text_size = in.size64();
    const char* region = in.take_bytes(text_size);
    const std::size_t extras_size = in.size64();
    const char* extras_data = in.take_bytes(extras_size);
    In extras(extras_data, extras_size, path);
    in.align8();

    if (entity_count > payload_size / 16 || relation_count > payload_size / tie_bytes) {
        in.damaged("its counts are larger than the file");
    }
    const std::size_t entity_words = in.count(4);
    if (entity_words != std::size_t{entity_count} * entity_fields) {
        in.damaged("its entity count disagrees with its header");
    }
    const char* entity_rows = in.take_bytes(entity_words * 4);
    const std::size_t cite_words = in.count(4);
    if (cite_words % 3 != 0) {
        in.damaged("its citations are not triples");
    }
    const char* cite_rows = in.take_bytes(cite_words * 4);
    if (in.count(tie_bytes) != relation_count) {
        in.damaged("its relation count disagrees with its header");
    }
    const char* tie_rows = in.take_bytes(std::size_t{relation_count} * tie_bytes);
    const auto by_id_raw = in.array();
    Snapshot snapshot;
    snapshot.view.out_offsets = in.array();
    snapshot.view.out_entities = in.array();
    snapshot.view.out_relations = in.array();
    snapshot.view.in_offsets = in.array();
    snapshot.view.in_entities = in.array();
    snapshot.view.in_relations = in.array();
    in.expect_end();
    const char* rows_end = tie_rows + std::size_t{relation_count} * tie_bytes;
    if (large) { // copied: the mapped arrays are not needed again
        release(rows_end, static_cast<std::size_t>(payload + payload_size - rows_end));
    }

    // Everything is in bounds: only now are the texts taken into the pool. A large region
    // is copied whole into memory of its own, which the pool adopts: nothing the commands
    // read afterwards lies in the file's pages (see guard above).
    TextCopy copy(text_size >= adopt_threshold ? region : nullptr, text_size);
    const TextTable texts(copy.data() != nullptr ? copy.data() : region, text_size, in);
    copy.keep();
    if (copy.data() != nullptr) {
        release(region, text_size); // read once, copied: the mapped pages are not needed again
    }
    auto word = [](const char* rows, std::size_t idx) {
        std::uint32_t value = 0;
        std::memcpy(&value, rows + idx * 4, 4);
        return value;
    };
    const graph::Text origin_file(path);
    std::vector<Entity> entities;
    entities.reserve(entity_count);
    prefault(entities.data(), entity_count * sizeof(Entity));
    entities.resize(entity_count);
    for (std::size_t idx = 0; idx < entities.size(); ++idx) {
        Entity& entity = entities[idx];
        const std::size_t at = idx * entity_fields;
        entity.id = texts.text(word(entity_rows, at), in);
        entity.type = texts.text(word(entity_rows, at + 1), in);
        entity.name = texts.text(word(entity_rows, at + 2), in);
        if (const std::uint32_t extra = word(entity_rows, at + 3); extra != no_extra) {
            extras.seek(extra);
            entity.names = extras.string_map();
            entity.aliases = extras.strings();
            entity.tags = extras.strings();
            entity.referents = extras.strings();
            entity.props = extras.props();
        }
        entity.origin.file = origin_file;
    }
    if (large) {
        release(entity_rows, entity_words * 4);
    }
    std::vector<Citation> cites(cite_words / 3);
    for (std::size_t idx = 0; idx < cites.size(); ++idx) {
        cites[idx] = {texts.text(word(cite_rows, idx * 3), in),
                      texts.text(word(cite_rows, idx * 3 + 1), in),
                      texts.text(word(cite_rows, idx * 3 + 2), in)};
    }
    if (large) {
        release(cite_rows, cite_words * 4);
    }
    std::vector<Relation> relations;
    relations.reserve(relation_count);
    prefault(relations.data(), relation_count * sizeof(Relation));
    relations.resize(relation_count);
    auto decode_ties = [&](std::size_t begin, std::size_t end, In& reader) {
        constexpr std::size_t rows_per_release = (std::size_t{16} << 20) / tie_bytes;
        std::size_t released = begin; // rows before this one are dropped from memory
        for (std::size_t idx = begin; idx < end; ++idx) {
            if (large && idx - released == rows_per_release) {
                release(tie_rows + released * tie_bytes, (idx - released) * tie_bytes);
                released = idx;
            }
            Relation& relation = relations[idx];
            const char* row = tie_rows + idx * tie_bytes;
            relation.id = texts.text(word(row, 0), reader);
            relation.from = texts.text(word(row, 1), reader);
            relation.to = texts.text(word(row, 2), reader);
            relation.type = texts.text(word(row, 3), reader);
            relation.role = texts.text(word(row, 4), reader);
            relation.start = texts.text(word(row, 5), reader);
            relation.end = texts.text(word(row, 6), reader);
            relation.from_index = graph::EntityIndex{word(row, 7)};
            relation.to_index = graph::EntityIndex{word(row, 8)};
            const std::size_t first_cite = word(row, 9);
            const std::size_t cite_count = word(row, 10);
            if (first_cite > cites.size() || cite_count > cites.size() - first_cite) {
                reader.damaged("a tie's citations run past the end");
            }
            relation.sources = std::span<const Citation>(cites.data() + first_cite, cite_count);
            if (const std::uint32_t extra = word(row, 11); extra != no_extra) {
                In props_reader(extras_data, extras_size, path);
                props_reader.seek(extra);
                relation.props = props_reader.props();
            }
            if (word(row, 13) != 0) {
                double value = 0;
                std::memcpy(&value, row + tie_fields * 4, 8);
                relation.amount = Amount{value, texts.text(word(row, 12), reader)};
            }
            relation.origin.file = origin_file;
        }
        if (large) {
            release(tie_rows + released * tie_bytes, (end - released) * tie_bytes);
        }
    };
    if (in_parallel && relations.size() > 1) {
        // Half the ties on a second core: each half writes its own rows.
        const std::size_t half = relations.size() / 2;
        std::exception_ptr failure;
        std::thread helper([&] {
            try {
                In reader(payload, payload_size, path);
                decode_ties(half, relations.size(), reader);
            } catch (...) {
                failure = std::current_exception();
            }
        });
        try {
            decode_ties(0, half, in);
        } catch (...) {
            helper.join();
            throw;
        }
        helper.join();
        if (failure) {
            std::rethrow_exception(failure);
        }
    } else {
        decode_ties(0, relations.size(), in);
    }

    std::vector<graph::EntityIndex> by_id(by_id_raw.size());
    for (std::size_t pos = 0; pos < by_id_raw.size(); ++pos) {
        by_id[pos] = graph::EntityIndex{by_id_raw[pos]};
    }
    try {
        // The view's relation columns are the graph's tie lists: no need to build them.
        // (moved, not copied: the view then takes its relation columns from the graph).
        graph::EntityGraph::TieLists lists{
            std::move(snapshot.view.out_offsets), std::move(snapshot.view.out_relations),
            std::move(snapshot.view.in_offsets), std::move(snapshot.view.in_relations)};
        snapshot.graph = graph::EntityGraph::from_parts(
            std::move(schema), std::move(info), std::move(sources), std::move(entities),
            std::move(relations), std::move(by_id), std::move(lists));
    } catch (const Error& error) {
        in.damaged(error.diagnostic().message);
    }
    return snapshot;
}

} // namespace

} // namespace powermap::io
