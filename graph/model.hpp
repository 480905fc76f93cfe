// The data of a map: sources, entities and relations as plain structs. They hold what the
// user wrote (string ids, raw dates) plus where it came from, so every answer can cite it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "graph/diagnostics.hpp"

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
using Props = std::map<std::string, PropValue>;

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
    std::string text_file; ///< path relative to the map file
    Props props;
    /// The text of `text_file` when it could be read; quotes are checked against it.
    std::optional<std::string> text;
    SourceLocation origin;
};

struct Citation {
    std::string source;
    std::string quote;
    std::string note;
    friend bool operator==(const Citation&, const Citation&) = default;
};

struct Amount {
    double value = 0;
    std::string currency;
    friend bool operator==(const Amount&, const Amount&) = default;
};

struct Entity {
    std::string id;
    std::string type;
    std::string name;
    std::map<std::string, std::string> names; ///< by language code, e.g. {"ar": "بالانتير"}
    std::vector<std::string> aliases;
    std::vector<std::string> tags;
    Props props;
    SourceLocation origin;
};

struct Relation {
    std::string id; ///< optional stable id; empty when the user gave none
    std::string from;
    std::string to;
    std::string type;
    std::optional<Amount> amount;
    std::string role;
    std::string start;
    std::string end;
    Props props;
    std::vector<Citation> sources;
    SourceLocation origin;
    EntityIndex from_index{};
    EntityIndex to_index{};
};

} // namespace powermap::graph
