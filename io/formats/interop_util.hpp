// Small pieces the interchange readers and writers share: lists as JSON text, numbers
// printed the way the native writer prints them, the map's "header" (title, schema,
// sources) as a powermap/1 document for formats that carry it as one attribute.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/entity_graph.hpp"
#include "io/native/json_map.hpp"

namespace powermap::io::detail {

/// ["a","b"] as compact JSON.
[[nodiscard]] std::string json_string_list(const std::vector<std::string>& items);
/// The strings of a JSON array of strings; nullopt when `text` is not one.
[[nodiscard]] std::optional<std::vector<std::string>> parse_string_list(std::string_view text);
/// A JSON string literal (quotes and escapes included).
[[nodiscard]] std::string json_quote(std::string_view text);

/// 6800000000 for integral values, the shortest round-tripping form otherwise.
[[nodiscard]] std::string format_number(double value);
/// A finite number as JSON would read it; nullopt otherwise (also for "inf", "nan" and
/// numbers beyond the range of a double).
[[nodiscard]] std::optional<double> parse_number(std::string_view text);

/// Whether `text` is written as a number that no finite double holds: "inf", "nan",
/// "1e400" (beyond 1.8e308).
[[nodiscard]] bool is_unrepresentable_number(std::string_view text);
/// The error for an amount written as such a number (every reader reports it alike).
[[nodiscard]] Diagnostic amount_not_finite(SourceLocation at, std::string_view written);

/// "string", "number", "bool", "null", "json".
[[nodiscard]] std::string_view kind_name(graph::PropValue::Kind kind);
[[nodiscard]] std::optional<graph::PropValue::Kind> kind_from_name(std::string_view name);

/// `value` if its text is valid for its kind (a JSON number, true/false, JSON text), else
/// the same text as a string, so the native writer never emits broken JSON.
[[nodiscard]] graph::PropValue checked_prop(graph::PropValue value);

/// The map without entities and relations (format, title, description, schema, and
/// sources unless `with_sources` is false) as powermap/1 JSON, compact or pretty; read it
/// back with read_json_map.
[[nodiscard]] std::string header_json(const graph::EntityGraph& graph, bool with_sources = true,
                                      bool pretty = false, const SourceOutput& sources = {});

/// Citations as a JSON array of {source, quote, note} objects, and back.
[[nodiscard]] std::string citations_json(std::span<const graph::Citation> citations);
[[nodiscard]] std::optional<std::vector<graph::Citation>> parse_citations(std::string_view text);

/// Relations in the native writer's order (from, type, to, id, start; stable).
[[nodiscard]] std::vector<const graph::Relation*> sorted_relations(const graph::EntityGraph& graph);

/// Offset of the first byte that breaks UTF-8 (bad lead, bad continuation, overlong,
/// surrogate, past U+10FFFF), or nullopt when `text` is valid UTF-8.
[[nodiscard]] std::optional<std::size_t> first_invalid_utf8(std::string_view text);
/// Reads bytes as Windows-1252 (Latin-1 with the usual 0x80-0x9F letters), the encoding
/// spreadsheets on Windows save CSV in, and returns UTF-8.
[[nodiscard]] std::string windows1252_to_utf8(std::string_view text);
/// `text` itself when it is UTF-8, else read as Windows-1252: for strings a map takes from
/// outside any file's checked text, such as a file name turned into a title.
[[nodiscard]] std::string utf8_or_windows1252(std::string_view text);

/// A string for a pugixml node or attribute: a NUL (where pugixml would cut the string)
/// becomes U+FFFD, as XML cannot hold one.
[[nodiscard]] std::string xml_value(std::string_view text);
/// A document pugixml wrote, made what XML 1.0 readers (expat, libxml2, Java) accept and
/// read back exactly: a carriage return in text becomes "&#13;" (a raw one would be read as
/// a line feed), and the control characters pugixml writes as "&#1;" and the like, which
/// XML 1.0 forbids even as references, become U+FFFD.
[[nodiscard]] std::string xml_1_0(std::string document);

/// Trims ASCII whitespace both sides.
[[nodiscard]] std::string_view trim(std::string_view text);

} // namespace powermap::io::detail
