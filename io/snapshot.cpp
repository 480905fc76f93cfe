#include "io/snapshot.hpp"

#include <bit>
#include <cstring>
#include <filesystem>

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

/// 64-bit checksum, 8 bytes per step (a multiply-xorshift mix, not cryptographic): fast
/// enough to check every load, and any flipped or lost byte changes it.
std::uint64_t checksum(const char* data, std::size_t size) {
    std::uint64_t hash = 0x9E3779B97F4A7C15ull ^ size;
    std::size_t pos = 0;
    for (; pos + 8 <= size; pos += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, data + pos, 8);
        hash = (hash ^ word) * 0xFF51AFD7ED558CCDull;
        hash ^= hash >> 32;
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
        std::memcpy(values.data(), take(values.size() * 4), values.size() * 4);
        return values;
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

/// A read-only mapping of a whole file, unmapped on scope exit.
class MappedFile {
public:
    explicit MappedFile(const std::string& path) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            throw Error(Diagnostic{Severity::Error,
                                   {path, 0, 0, {}},
                                   fmt::format("cannot open: {}", std::strerror(errno)),
                                   "check the path",
                                   std::nullopt});
        }
        struct stat info {};
        if (::fstat(fd, &info) != 0) {
            ::close(fd);
            throw Error(Diagnostic{
                Severity::Error, {path, 0, 0, {}}, "cannot read its size", "", std::nullopt});
        }
        size_ = static_cast<std::size_t>(info.st_size);
        if (size_ > 0) {
            void* mapped = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
            if (mapped == MAP_FAILED) {
                ::close(fd);
                throw Error(Diagnostic{Severity::Error,
                                       {path, 0, 0, {}},
                                       fmt::format("cannot map: {}", std::strerror(errno)),
                                       "",
                                       std::nullopt});
            }
            data_ = static_cast<const char*>(mapped);
            ::madvise(mapped, size_, MADV_SEQUENTIAL | MADV_WILLNEED);
        }
        ::close(fd);
    }
    ~MappedFile() {
        if (data_ != nullptr) {
            ::munmap(const_cast<char*>(data_), size_);
        }
    }
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    [[nodiscard]] const char* data() const { return data_; }
    [[nodiscard]] std::size_t size() const { return size_; }

private:
    const char* data_ = nullptr;
    std::size_t size_ = 0;
};

} // namespace

std::uint64_t snapshot_checksum(std::string_view payload) {
    return checksum(payload.data(), payload.size());
}

bool is_snapshot_path(std::string_view path) {
    return std::filesystem::path(std::string(path)).extension() == ".pmap";
}

std::string write_snapshot(const graph::EntityGraph& graph, const graph::AnalyticsView& view) {
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
        out.u8(type.supply ? 1 : 0);
        out.style(type.style);
    }

    out.count(graph.sources().size());
    for (const Source& source : graph.sources()) {
        for (const std::string* field :
             {&source.id, &source.title, &source.title_en, &source.publisher, &source.date,
              &source.language, &source.url, &source.text_file}) {
            out.str(*field);
        }
        out.props(source.props);
        out.u8(source.text ? 1 : 0);
        out.str(source.text.value_or(""));
    }

    out.count(graph.entities().size());
    for (const Entity& entity : graph.entities()) {
        out.str(entity.id);
        out.str(entity.type);
        out.str(entity.name);
        out.string_map(entity.names);
        out.strings(entity.aliases);
        out.strings(entity.tags);
        out.props(entity.props);
    }

    out.count(graph.relations().size());
    for (const Relation& relation : graph.relations()) {
        out.str(relation.id);
        out.str(relation.from);
        out.str(relation.to);
        out.str(relation.type);
        out.u8(relation.amount ? 1 : 0);
        out.f64(relation.amount ? relation.amount->value : 0.0);
        out.str(relation.amount ? relation.amount->currency.view() : std::string_view{});
        out.str(relation.role);
        out.str(relation.start);
        out.str(relation.end);
        out.props(relation.props);
        out.count(relation.sources.size());
        for (const Citation& citation : relation.sources) {
            out.str(citation.source);
            out.str(citation.quote);
            out.str(citation.note);
        }
        out.u32(graph::to_underlying(relation.from_index));
        out.u32(graph::to_underlying(relation.to_index));
    }

    std::vector<std::uint32_t> by_id;
    by_id.reserve(graph.entity_count());
    for (auto index : graph.entities_by_id()) {
        by_id.push_back(graph::to_underlying(index));
    }
    out.array(by_id);
    const auto arrays = view.arrays();
    for (const auto* values : {&arrays.out_offsets, &arrays.out_entities, &arrays.out_relations,
                               &arrays.in_offsets, &arrays.in_entities, &arrays.in_relations}) {
        out.array(*values);
    }

    const std::string& payload = out.bytes();
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

Snapshot read_snapshot(const std::string& path) {
    const MappedFile file(path);
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
    if (checksum(payload, payload_size) != stored_sum) {
        head.damaged("its checksum does not match its contents");
    }

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
        type.supply = in.u8() != 0;
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
        const bool has_text = in.u8() != 0;
        std::string text = in.str();
        if (has_text) {
            source.text = std::move(text);
        }
        source.origin.file = path;
    }

    if (entity_count > payload_size / 24 || relation_count > payload_size / 40) {
        in.damaged("its counts are larger than the file");
    }
    std::vector<Entity> entities(in.count(4 * 7));
    if (entities.size() != entity_count) {
        in.damaged("its entity count disagrees with its header");
    }
    for (Entity& entity : entities) {
        entity.id = in.str();
        entity.type = in.str();
        entity.name = in.str();
        entity.names = in.string_map();
        entity.aliases = in.strings();
        entity.tags = in.strings();
        entity.props = in.props();
    }

    std::vector<Relation> relations(in.count(4 * 12 + 9));
    if (relations.size() != relation_count) {
        in.damaged("its relation count disagrees with its header");
    }
    for (Relation& relation : relations) {
        relation.id = in.str();
        relation.from = in.str();
        relation.to = in.str();
        relation.type = in.str();
        const bool has_amount = in.u8() != 0;
        Amount amount;
        amount.value = in.f64();
        amount.currency = in.str();
        if (has_amount) {
            relation.amount = std::move(amount);
        }
        relation.role = in.str();
        relation.start = in.str();
        relation.end = in.str();
        relation.props = in.props();
        std::vector<Citation> citations(in.count(12));
        for (Citation& citation : citations) {
            citation.source = in.str();
            citation.quote = graph::Text::unique(in.str());
            citation.note = graph::Text::unique(in.str());
        }
        relation.sources = citations;
        relation.from_index = graph::EntityIndex{in.u32()};
        relation.to_index = graph::EntityIndex{in.u32()};
    }

    const auto by_id_raw = in.array();
    std::vector<graph::EntityIndex> by_id(by_id_raw.size());
    for (std::size_t pos = 0; pos < by_id_raw.size(); ++pos) {
        by_id[pos] = graph::EntityIndex{by_id_raw[pos]};
    }
    Snapshot snapshot;
    snapshot.view.out_offsets = in.array();
    snapshot.view.out_entities = in.array();
    snapshot.view.out_relations = in.array();
    snapshot.view.in_offsets = in.array();
    snapshot.view.in_entities = in.array();
    snapshot.view.in_relations = in.array();
    in.expect_end();
    try {
        snapshot.graph = graph::EntityGraph::from_parts(std::move(schema), std::move(info),
                                                        std::move(sources), std::move(entities),
                                                        std::move(relations), std::move(by_id));
    } catch (const Error& error) {
        in.damaged(error.diagnostic().message);
    }
    return snapshot;
}

} // namespace powermap::io
