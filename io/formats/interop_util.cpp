#include "io/formats/interop_util.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <tuple>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "io/detail/json_reading.hpp"
#include "io/detail/json_writing.hpp"
#include "io/files/input_file.hpp"

namespace powermap::io::detail {

namespace {
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;
using detail::put;
} // namespace

std::string json_string_list(const std::vector<std::string>& items) {
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    writer.StartArray();
    for (const auto& item : items) {
        put(writer, item);
    }
    writer.EndArray();
    return {buffer.GetString(), buffer.GetSize()};
}

std::optional<std::vector<std::string>> parse_string_list(std::string_view text) {
    rapidjson::Document doc;
    if (!parse_small_json(doc, text, InputLimits{}.max_depth) || !doc.IsArray()) {
        return std::nullopt;
    }
    std::vector<std::string> out;
    for (const auto& item : doc.GetArray()) {
        if (!item.IsString()) {
            return std::nullopt;
        }
        out.emplace_back(item.GetString(), item.GetStringLength());
    }
    return out;
}

std::string json_quote(std::string_view text) {
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    put(writer, text);
    return {buffer.GetString(), buffer.GetSize()};
}

std::string format_number(double value) {
    if (std::isfinite(value) && std::floor(value) == value &&
        std::fabs(value) < 9007199254740992.0) {
        return fmt::format("{}", static_cast<long long>(value));
    }
    return fmt::format("{}", value);
}

std::optional<double> parse_number(std::string_view text) {
    text = trim(text);
    if (text.empty()) {
        return std::nullopt;
    }
    if (text.front() == '+') {
        text.remove_prefix(1);
    }
    double value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size() || !std::isfinite(value)) {
        return std::nullopt; // from_chars reads "inf" and "nan", which JSON does not
    }
    return value;
}

bool is_unrepresentable_number(std::string_view text) {
    text = trim(text);
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
    }
    double value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return !text.empty() && ptr == text.data() + text.size() &&
           (ec == std::errc::result_out_of_range || (ec == std::errc{} && !std::isfinite(value)));
}

Diagnostic amount_not_finite(SourceLocation at, std::string_view written) {
    return {Severity::Error, std::move(at),
            fmt::format("amount '{}' is not a finite number", written),
            "amounts are plain numbers below 1.8e308, e.g. 6800000000", std::nullopt};
}

std::string_view kind_name(graph::PropValue::Kind kind) {
    using Kind = graph::PropValue::Kind;
    switch (kind) {
    case Kind::String:
        return "string";
    case Kind::Number:
        return "number";
    case Kind::Bool:
        return "bool";
    case Kind::Null:
        return "null";
    case Kind::Json:
        return "json";
    }
    return "string";
}

std::optional<graph::PropValue::Kind> kind_from_name(std::string_view name) {
    using Kind = graph::PropValue::Kind;
    for (Kind kind : {Kind::String, Kind::Number, Kind::Bool, Kind::Null, Kind::Json}) {
        if (kind_name(kind) == name) {
            return kind;
        }
    }
    return std::nullopt;
}

graph::PropValue checked_prop(graph::PropValue value) {
    using Kind = graph::PropValue::Kind;
    bool ok = true;
    if (value.kind == Kind::Bool) {
        ok = value.text == "true" || value.text == "false";
    } else if (value.kind == Kind::Null) {
        ok = value.text == "null";
    } else if (value.kind == Kind::Number || value.kind == Kind::Json) {
        rapidjson::Document doc;
        ok = parse_small_json(doc, value.text, InputLimits{}.max_depth) &&
             (value.kind == Kind::Json ? (doc.IsObject() || doc.IsArray()) : doc.IsNumber());
        if (ok) {
            // Written as a map read from JSON writes it ("6.00" -> 6.0, "1e2" -> 100.0), so
            // an imported map and the same map read back and written again are the same text.
            // A number beyond a double (1.7977e308 parses as infinity) has no JSON form:
            // it stays the text it was.
            rapidjson::StringBuffer buffer;
            Writer writer(buffer);
            ok = doc.Accept(writer);
            if (ok) {
                value.text.assign(buffer.GetString(), buffer.GetSize());
            }
        }
    }
    if (!ok) {
        value.kind = Kind::String;
    }
    return value;
}

std::string header_json(const graph::EntityGraph& graph, bool with_sources, bool pretty,
                        const SourceOutput& sources) {
    const std::string full = write_json_map(graph, sources);
    rapidjson::Document doc;
    // Our own output, nested no deeper than the map it was written from (see --max-depth);
    // parsed through the guard for its exact numbers.
    detail::GuardReport report;
    detail::parse_document(doc, full, max_depth_ceiling, report);
    doc.RemoveMember("entities");
    doc.RemoveMember("relations");
    if (!with_sources) {
        doc.RemoveMember("sources");
    }
    rapidjson::StringBuffer buffer;
    if (pretty) {
        rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
        writer.SetIndent(' ', 2);
        doc.Accept(writer);
        return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
    }
    Writer writer(buffer);
    doc.Accept(writer);
    return {buffer.GetString(), buffer.GetSize()};
}

std::string citations_json(std::span<const graph::Citation> citations) {
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    writer.StartArray();
    for (const auto& citation : citations) {
        writer.StartObject();
        writer.Key("source");
        put(writer, citation.source);
        if (!citation.quote.empty()) {
            writer.Key("quote");
            put(writer, citation.quote);
        }
        if (!citation.note.empty()) {
            writer.Key("note");
            put(writer, citation.note);
        }
        writer.EndObject();
    }
    writer.EndArray();
    return {buffer.GetString(), buffer.GetSize()};
}

std::optional<std::vector<graph::Citation>> parse_citations(std::string_view text) {
    rapidjson::Document doc;
    if (!parse_small_json(doc, text, InputLimits{}.max_depth) || !doc.IsArray()) {
        return std::nullopt;
    }
    std::vector<graph::Citation> out;
    for (const auto& item : doc.GetArray()) {
        if (!item.IsObject()) {
            return std::nullopt;
        }
        graph::Citation citation;
        for (const auto& member : item.GetObject()) {
            if (!member.value.IsString()) {
                return std::nullopt;
            }
            const std::string value(member.value.GetString(), member.value.GetStringLength());
            const std::string_view key = member.name.GetString();
            if (key == "source") {
                citation.source = value;
            } else if (key == "quote") {
                citation.quote = value;
            } else if (key == "note") {
                citation.note = value;
            }
        }
        out.push_back(std::move(citation));
    }
    return out;
}

std::vector<const graph::Relation*> sorted_relations(const graph::EntityGraph& graph) {
    std::vector<const graph::Relation*> relations;
    relations.reserve(graph.relation_count());
    for (const auto& relation : graph.relations()) {
        relations.push_back(&relation);
    }
    std::stable_sort(relations.begin(), relations.end(),
                     [](const graph::Relation* left, const graph::Relation* right) {
                         return std::tie(left->from, left->type, left->to, left->id, left->start) <
                                std::tie(right->from, right->type, right->to, right->id,
                                         right->start);
                     });
    return relations;
}

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto lead = static_cast<unsigned char>(text[pos]);
        if (lead < 0x80) {
            ++pos;
            continue;
        }
        std::size_t length = 0;
        std::uint32_t code = 0;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            code = lead & 0x1Fu;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            code = lead & 0x0Fu;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            code = lead & 0x07u;
        } else {
            return pos;
        }
        if (pos + length > text.size()) {
            return pos;
        }
        for (std::size_t idx = 1; idx < length; ++idx) {
            const auto next = static_cast<unsigned char>(text[pos + idx]);
            if ((next & 0xC0) != 0x80) {
                return pos;
            }
            code = (code << 6) | (next & 0x3Fu);
        }
        if ((length == 3 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF))) ||
            (length == 4 && (code < 0x10000 || code > 0x10FFFF))) {
            return pos;
        }
        pos += length;
    }
    return std::nullopt;
}

std::string xml_value(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '\0') {
            out += "\xEF\xBF\xBD";
        } else {
            out += c;
        }
    }
    return out;
}

std::string xml_1_0(std::string document) {
    if (document.find_first_of("\r&") == std::string::npos) {
        return document;
    }
    std::string out;
    out.reserve(document.size() + document.size() / 64);
    for (std::size_t pos = 0; pos < document.size(); ++pos) {
        const char c = document[pos];
        if (c == '\r') {
            // Attributes already hold "&#13;": a raw CR is text, which XML reads as LF.
            out += "&#13;";
            continue;
        }
        // pugixml writes a control character as "&#" two digits ";"; a '&' of the text
        // itself is always "&amp;", so this pattern is pugixml's.
        if (c == '&' && pos + 4 < document.size() && document[pos + 1] == '#' &&
            document[pos + 4] == ';' &&
            std::isdigit(static_cast<unsigned char>(document[pos + 2])) &&
            std::isdigit(static_cast<unsigned char>(document[pos + 3]))) {
            const int code = (document[pos + 2] - '0') * 10 + (document[pos + 3] - '0');
            if (code < 0x20 && code != '\t' && code != '\n' && code != '\r') {
                out += "\xEF\xBF\xBD";
                pos += 4;
                continue;
            }
        }
        out += c;
    }
    return out;
}

std::string utf8_or_windows1252(std::string_view text) {
    return first_invalid_utf8(text) ? windows1252_to_utf8(text) : std::string(text);
}

std::string windows1252_to_utf8(std::string_view text) {
    // 0x80-0x9F in Windows-1252; 0 where the code page leaves a hole (kept as U+0080+n).
    static constexpr std::uint16_t high[32] = {
        0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        std::uint32_t code = byte;
        if (byte >= 0x80 && byte <= 0x9F && high[byte - 0x80] != 0) {
            code = high[byte - 0x80];
        }
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        }
    }
    return out;
}

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

} // namespace powermap::io::detail
