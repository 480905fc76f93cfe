// The data of a map: sources, entities and relations as plain structs. They hold what the
// user wrote (string ids, raw dates) plus where it came from, so every answer can cite it.
// Entities and relations are compact (Text strings, pooled citations, props only when
// present): a map of 100 million ties has to fit in one machine's memory.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "graph/diagnostics.hpp"
#include "graph/text.hpp"

namespace powermap::graph {

/// Handles into an EntityGraph. 32-bit: 4 billion entities is more than one machine holds.
enum class EntityIndex : std::uint32_t {};
enum class RelationIndex : std::uint32_t {};

[[nodiscard]] constexpr std::uint32_t to_underlying(EntityIndex index) {
    return static_cast<std::uint32_t>(index);
}
[[nodiscard]] constexpr std::uint32_t to_underlying(RelationIndex index) {
    return static_cast<std::uint32_t>(index);
}

/// A free-form property value, kept losslessly: numbers keep their text, nested JSON
/// (objects, arrays) is kept as compact JSON text.
struct PropValue {
    enum class Kind { String, Number, Bool, Null, Json };
    Kind kind = Kind::String;
    std::string text;
    friend bool operator==(const PropValue&, const PropValue&) = default;
};
using PropMap = std::map<std::string, PropValue>;

/// A container allocated only when it holds something: 8 bytes where std::map costs 48
/// and std::vector 24, for the props, names, aliases and tags that most entities and ties
/// of a large map lack. Reads see an empty container (copies are deep); writes go through
/// edit(), push_back, emplace or [].
template <typename T>
class Lazy {
public:
    Lazy() = default;
    Lazy(T value) // NOLINT: implicit, as readers assign containers
        : ptr_(value.empty() ? nullptr : std::make_unique<T>(std::move(value))) {}
    Lazy(const Lazy& other) : ptr_(other.ptr_ ? std::make_unique<T>(*other.ptr_) : nullptr) {}
    Lazy(Lazy&&) noexcept = default;
    Lazy& operator=(const Lazy& other) {
        if (this != &other) {
            ptr_ = other.ptr_ ? std::make_unique<T>(*other.ptr_) : nullptr;
        }
        return *this;
    }
    Lazy& operator=(Lazy&&) noexcept = default;
    ~Lazy() = default;

    [[nodiscard]] const T& get() const { return ptr_ ? *ptr_ : empty_value(); }
    operator const T&() const { return get(); } // NOLINT
    T& edit() {
        if (!ptr_) {
            ptr_ = std::make_unique<T>();
        }
        return *ptr_;
    }
    [[nodiscard]] auto begin() const { return get().begin(); }
    [[nodiscard]] auto end() const { return get().end(); }
    [[nodiscard]] bool empty() const { return ptr_ == nullptr || ptr_->empty(); }
    [[nodiscard]] std::size_t size() const { return ptr_ ? ptr_->size() : 0; }
    [[nodiscard]] auto find(const auto& key) const { return get().find(key); }
    [[nodiscard]] const auto& at(const auto& key) const { return get().at(key); }
    [[nodiscard]] std::size_t count(const auto& key) const { return get().count(key); }
    auto& operator[](const auto& key) { return edit()[key]; }
    Lazy& operator=(std::initializer_list<typename T::value_type> items) {
        *this = T(items);
        return *this;
    }
    template <typename... Args>
    auto emplace(Args&&... args) {
        return edit().emplace(std::forward<Args>(args)...);
    }
    template <typename Value>
    void push_back(Value&& value) {
        edit().push_back(std::forward<Value>(value));
    }
    template <typename Iterator>
    void assign(Iterator first, Iterator last) {
        *this = T(first, last);
    }
    friend bool operator==(const Lazy& left, const Lazy& right) {
        return left.get() == right.get();
    }

private:
    static const T& empty_value() {
        static const T empty;
        return empty;
    }
    std::unique_ptr<T> ptr_;
};

/// Free-form properties by name, allocated only when there are some: most ties have none.
using Props = Lazy<PropMap>;

/// Where an entity or relation was read, in 20 bytes: the file, and either its place in a
/// JSON array (`array` "/relations", `index` 3: the pointer "/relations/3") or a line
/// and column. Converts to and from SourceLocation, whose strings would cost a tie about
/// 130 bytes.
struct Origin {
    static constexpr std::uint32_t no_index = 0xFFFFFFFFu;
    Text file;
    Text array; ///< a JSON pointer: the whole path when `index` is no_index
    std::uint32_t index = no_index;
    std::uint32_t line = 0;
    std::uint32_t column = 0;

    Origin() = default;
    Origin(const SourceLocation& where); // NOLINT: implicit, as readers assign locations
    [[nodiscard]] SourceLocation location() const;
    operator SourceLocation() const { return location(); } // NOLINT
};

/// A date as users write it: a year, a year and month, or a full date.
struct PartialDate {
    int year = 0;
    int month = 0; ///< 0 when only the year is known
    int day = 0;   ///< 0 when only the month is known
    friend auto operator<=>(const PartialDate&, const PartialDate&) = default;
};
/// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (checking month and day ranges); nullopt otherwise.
[[nodiscard]] std::optional<PartialDate> parse_partial_date(std::string_view text);

struct Source {
    std::string id;
    std::string title;
    std::string title_en;
    std::string publisher;
    std::string date;
    std::string language;
    std::string url;
    std::string text_file; ///< path relative to the map file's folder (or a --sources-dir)
    Props props;
    /// The text quotes are checked against: the map's own `text` field, else the contents of
    /// `text_file` when it could be read; nullopt leaves this source's quotes unchecked.
    std::optional<std::string> text;
    /// The text came from the map itself (a `text` field), so writers must keep it.
    bool text_in_map = false;
    /// Where `text_file` was read from (absolute, symlinks resolved); empty when it was not.
    std::string text_path;
    SourceLocation origin;
};

struct Citation {
    Text source;
    Text quote; ///< usually unique: readers store it with Text::unique
    Text note;
    friend bool operator==(const Citation&, const Citation&) = default;
};

struct Amount {
    double value = 0;
    Text currency;
    friend bool operator==(const Amount&, const Amount&) = default;
};

struct Entity {
    Text id;
    Text type;
    Text name;
    Lazy<std::map<std::string, std::string>> names; ///< by language, e.g. {"ar": "بالانتير"}
    Lazy<std::vector<std::string>> aliases;
    Lazy<std::vector<std::string>> tags;
    /// Ids of entities merged into this one (decided the same in a decisions file): they
    /// still find it, and a map that defines one of them merges into it again.
    Lazy<std::vector<std::string>> referents;
    Props props;
    Origin origin;
};

/// A tie: 96 bytes plus its citations (16 bytes in the pool for one) and any text of its
/// own; every string in it is a Text shared with the rest of the map.
struct Relation {
    Text id; ///< optional stable id; empty when the user gave none
    Text from;
    Text to;
    Text type;
    EntityIndex from_index{};
    EntityIndex to_index{};
    Text role;
    Text start;
    Text end;
    PooledList<Citation> sources;
    Origin origin;
    Props props;
    std::optional<Amount> amount;
};

} // namespace powermap::graph
