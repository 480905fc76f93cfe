#include "io/native/json_map.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/filereadstream.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "io/detail/json_reading.hpp"
#include "io/detail/json_writing.hpp"
#include "io/files/input_file.hpp"
#include "io/files/line_index.hpp"
#include "io/formats/interop_util.hpp"

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
using rapidjson::Value;

namespace {

// Numbers reach the handler converted exactly by the guard (detail::guarded_parse).
constexpr unsigned parse_flags =
    rapidjson::kParseValidateEncodingFlag | rapidjson::kParseNanAndInfFlag;

std::string kind_name(const Value& value) {
    switch (value.GetType()) {
    case rapidjson::kNullType:
        return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType:
        return "a boolean";
    case rapidjson::kObjectType:
        return "an object";
    case rapidjson::kArrayType:
        return "a list";
    case rapidjson::kStringType:
        return "a string";
    case rapidjson::kNumberType:
        return "a number";
    }
    return "a value";
}

std::string compact_json(const Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    return {buffer.GetString(), buffer.GetSize()};
}

/// The same, or nullopt when `value` holds a number no JSON writer may write (NaN,
/// Infinity: the reader takes them, kParseNanAndInfFlag, so that amounts get their own
/// message).
std::optional<std::string> finite_json(const Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    if (!value.Accept(writer)) {
        return std::nullopt;
    }
    return std::string(buffer.GetString(), buffer.GetSize());
}

/// Reads one document, reporting into the builder with JSON pointers as locations.
class DocumentReader {
public:
    DocumentReader(std::string_view file, graph::EntityGraphBuilder& builder,
                   const TextResolver& resolve_text)
        : file_(file), builder_(builder), resolve_text_(resolve_text) {}

    /// Reads a whole document held as one DOM.
    void read(const Value& root) {
        if (read_root(root, {})) {
            for (const char* key : {"sources", "entities", "relations"}) {
                for_each(root, "", key, [this, key](const Value& item, const std::string& path) {
                    read_object(key, item, path);
                });
            }
        }
    }

    /// The root's own fields (format, title, schema, unknown keys). `streamed` names the
    /// lists whose items were (or will be) handed to read_item one by one; the others
    /// are read by the caller. Returns false when the root is not an object.
    bool read_root(const Value& root, const std::vector<std::string>& streamed) {
        if (!root.IsObject()) {
            problem("", fmt::format("a map must be a JSON object, not {}", kind_name(root)),
                    "start the file with {\"format\": \"powermap/1\", ...}");
            return false;
        }
        check_keys(root, "", "map",
                   {"format", "title", "description", "schema", "sources", "entities", "relations",
                    "$schema", "notes"});
        if (auto format = string_field(root, "", "format", false)) {
            if (*format != "powermap/1") {
                problem("/format", fmt::format("unsupported format '{}'", *format),
                        "this version reads \"powermap/1\"");
            }
        } else {
            warn("", "the map does not say its format", "add \"format\": \"powermap/1\"");
        }
        graph::MapInfo info;
        info.title = string_field(root, "", "title", false).value_or("");
        info.description = string_field(root, "", "description", false).value_or("");
        builder_.set_info(std::move(info));
        if (const Value* schema = member(root, "schema")) {
            read_schema(*schema, "/schema");
        }
        for (const char* key : {"sources", "entities", "relations"}) {
            if (std::find(streamed.begin(), streamed.end(), key) != streamed.end()) {
                continue;
            }
            for_each(root, "", key, [this, key](const Value& item, const std::string& path) {
                read_object(key, item, path);
            });
        }
        return true;
    }

    /// Item `index` of the root list `key` ("sources", "entities" or "relations").
    void read_item(const char* key, const Value& item, std::size_t index) {
        const std::string item_path = fmt::format("/{}/{}", key, index);
        if (!item.IsObject()) {
            problem(item_path,
                    fmt::format("items of '{}' must be objects, not {}", key, kind_name(item)));
            return;
        }
        read_object(key, item, item_path);
    }

private:
    SourceLocation where(const std::string& path) const {
        return SourceLocation{std::string(file_), 0, 0, path};
    }
    void problem(const std::string& path, std::string message, std::string hint = {}) {
        builder_.add_diagnostic(
            {Severity::Error, where(path), std::move(message), std::move(hint), std::nullopt});
    }
    void warn(const std::string& path, std::string message, std::string hint = {}) {
        builder_.add_diagnostic(
            {Severity::Warning, where(path), std::move(message), std::move(hint), std::nullopt});
    }

    static const Value* member(const Value& object, const char* key) {
        auto found = object.FindMember(key);
        return found == object.MemberEnd() ? nullptr : &found->value;
    }

    void check_keys(const Value& object, const std::string& path, std::string_view what,
                    std::initializer_list<const char*> known) {
        for (const auto& item : object.GetObject()) {
            const std::string_view name(item.name.GetString(), item.name.GetStringLength());
            if (std::any_of(known.begin(), known.end(),
                            [name](const char* candidate) { return name == candidate; })) {
                continue; // the common case allocates nothing
            }
            const std::vector<std::string> names(known.begin(), known.end());
            const std::string key(name);
            {
                warn(path + "/" + key, fmt::format("unknown field '{}' in {}", key, what),
                     did_you_mean(key, names).empty()
                         ? fmt::format("it is ignored; put free data under \"props\"")
                         : did_you_mean(key, names));
            }
        }
    }

    std::optional<std::string> string_field(const Value& object, const std::string& path,
                                            const char* key, bool required,
                                            std::string_view what = {}) {
        const Value* value = member(object, key);
        if (value == nullptr) {
            if (required) {
                problem(path, fmt::format("{} has no '{}'", what, key),
                        fmt::format("add \"{}\": \"...\"", key));
            }
            return std::nullopt;
        }
        if (!value->IsString()) {
            problem(path + "/" + key,
                    fmt::format("'{}' must be a string, not {}", key, kind_name(*value)),
                    value->IsNumber()
                        ? fmt::format("write it in quotes: \"{}\"", compact_json(*value))
                        : std::string{});
            return std::nullopt;
        }
        return std::string(value->GetString(), value->GetStringLength());
    }

    std::vector<std::string> string_list(const Value& object, const std::string& path,
                                         const char* key) {
        std::vector<std::string> out;
        const Value* value = member(object, key);
        if (value == nullptr) {
            return out;
        }
        if (!value->IsArray()) {
            problem(path + "/" + key,
                    fmt::format("'{}' must be a list of strings, not {}", key, kind_name(*value)),
                    fmt::format("write \"{}\": [\"...\"]", key));
            return out;
        }
        for (rapidjson::SizeType idx = 0; idx < value->Size(); ++idx) {
            const Value& item = (*value)[idx];
            if (!item.IsString()) {
                problem(fmt::format("{}/{}/{}", path, key, idx),
                        fmt::format("items of '{}' must be strings, not {}", key, kind_name(item)));
                continue;
            }
            out.emplace_back(item.GetString(), item.GetStringLength());
        }
        return out;
    }

    std::map<std::string, std::string> string_map(const Value& object, const std::string& path,
                                                  const char* key) {
        std::map<std::string, std::string> out;
        const Value* value = member(object, key);
        if (value == nullptr) {
            return out;
        }
        if (!value->IsObject()) {
            problem(path + "/" + key,
                    fmt::format("'{}' must be an object of strings by language, not {}", key,
                                kind_name(*value)),
                    fmt::format("write \"{}\": {{\"ar\": \"...\"}}", key));
            return out;
        }
        for (const auto& item : value->GetObject()) {
            const std::string name(item.name.GetString(), item.name.GetStringLength());
            if (!item.value.IsString()) {
                problem(path + "/" + key + "/" + name,
                        fmt::format("'{}' must be a string, not {}", name, kind_name(item.value)));
                continue;
            }
            out.emplace(name, std::string(item.value.GetString(), item.value.GetStringLength()));
        }
        return out;
    }

    std::optional<bool> bool_field(const Value& object, const std::string& path, const char* key) {
        const Value* value = member(object, key);
        if (value == nullptr) {
            return std::nullopt;
        }
        if (!value->IsBool()) {
            problem(path + "/" + key,
                    fmt::format("'{}' must be true or false, not {}", key, kind_name(*value)));
            return std::nullopt;
        }
        return value->GetBool();
    }

    Props props_field(const Value& object, const std::string& path) {
        Props out;
        const Value* value = member(object, "props");
        if (value == nullptr) {
            return out;
        }
        if (!value->IsObject()) {
            problem(path + "/props",
                    fmt::format("'props' must be an object, not {}", kind_name(*value)),
                    "write \"props\": {\"key\": \"value\"}");
            return out;
        }
        for (const auto& item : value->GetObject()) {
            const std::string key(item.name.GetString(), item.name.GetStringLength());
            PropValue prop;
            if (item.value.IsString()) {
                prop = {PropValue::Kind::String,
                        std::string(item.value.GetString(), item.value.GetStringLength())};
            } else if (item.value.IsBool()) {
                prop = {PropValue::Kind::Bool, item.value.GetBool() ? "true" : "false"};
            } else if (item.value.IsNull()) {
                prop = {PropValue::Kind::Null, "null"};
            } else if (auto text = finite_json(item.value)) {
                prop = {item.value.IsNumber() ? PropValue::Kind::Number : PropValue::Kind::Json,
                        std::move(*text)};
            } else {
                // A JSON pointer token escapes '/' and '~'; the positions only know plain ones.
                const bool plain = key.find_first_of("/~") == std::string::npos;
                problem(path + "/props" + (plain ? "/" + key : std::string()),
                        fmt::format("prop '{}' holds a number that is not finite (NaN, Infinity "
                                    "or beyond 1.8e308)",
                                    key),
                        "JSON has no such number: write it in quotes to keep the text");
                continue;
            }
            out[key] = std::move(prop);
        }
        return out;
    }

    template <typename Fn>
    void for_each(const Value& object, const std::string& path, const char* key, Fn&& fn) {
        const Value* value = member(object, key);
        if (value == nullptr) {
            return;
        }
        if (!value->IsArray()) {
            problem(path + "/" + key,
                    fmt::format("'{}' must be a list, not {}", key, kind_name(*value)),
                    fmt::format("write \"{}\": [ ... ]", key));
            return;
        }
        for (rapidjson::SizeType idx = 0; idx < value->Size(); ++idx) {
            const std::string item_path = fmt::format("{}/{}/{}", path, key, idx);
            const Value& item = (*value)[idx];
            if (!item.IsObject()) {
                problem(item_path,
                        fmt::format("items of '{}' must be objects, not {}", key, kind_name(item)));
                continue;
            }
            fn(item, item_path);
        }
    }

    Style read_style(const Value& object, const std::string& path) {
        Style style;
        const Value* value = member(object, "style");
        if (value == nullptr) {
            return style;
        }
        if (!value->IsObject()) {
            problem(path + "/style", "'style' must be an object");
            return style;
        }
        const std::string style_path = path + "/style";
        check_keys(*value, style_path, "style", {"shape", "color", "fillcolor", "style"});
        style.shape = string_field(*value, style_path, "shape", false).value_or("");
        style.color = string_field(*value, style_path, "color", false).value_or("");
        style.fillcolor = string_field(*value, style_path, "fillcolor", false).value_or("");
        style.style = string_field(*value, style_path, "style", false).value_or("");
        return style;
    }

    void read_schema(const Value& schema, const std::string& path) {
        if (!schema.IsObject()) {
            problem(path, "'schema' must be an object");
            return;
        }
        check_keys(schema, path, "schema", {"replace", "entity_types", "relation_types"});
        if (bool_field(schema, path, "replace").value_or(false)) {
            builder_.clear_schema();
        }
        for_each(schema, path, "entity_types", [this](const Value& item, const std::string& at) {
            check_keys(item, at, "entity type", {"id", "parent", "label", "labels", "style"});
            EntityType type;
            type.origin = where(at);
            auto id = string_field(item, at, "id", true, "entity type");
            if (!id) {
                return;
            }
            type.id = *id;
            type.parent = string_field(item, at, "parent", false).value_or("");
            type.label = string_field(item, at, "label", false).value_or(type.id);
            type.labels = string_map(item, at, "labels");
            type.style = read_style(item, at);
            builder_.put_entity_type(std::move(type));
        });
        for_each(schema, path, "relation_types", [this](const Value& item, const std::string& at) {
            check_keys(item, at, "relation type",
                       {"id", "forward", "reverse", "wordings", "from", "to", "directed", "supply",
                        "negative_amounts", "style"});
            RelationType type;
            type.origin = where(at);
            auto id = string_field(item, at, "id", true, "relation type");
            if (!id) {
                return;
            }
            type.id = *id;
            type.wording.forward = string_field(item, at, "forward", false).value_or(type.id);
            type.wording.reverse =
                string_field(item, at, "reverse", false).value_or(type.wording.forward);
            if (const Value* wordings = member(item, "wordings");
                wordings && wordings->IsObject()) {
                for (const auto& language : wordings->GetObject()) {
                    const std::string code(language.name.GetString(),
                                           language.name.GetStringLength());
                    const std::string sub = at + "/wordings/" + code;
                    if (!language.value.IsObject()) {
                        problem(sub, "a wording must be {\"forward\": ..., \"reverse\": ...}");
                        continue;
                    }
                    Wording wording;
                    wording.forward =
                        string_field(language.value, sub, "forward", true, "wording").value_or("");
                    wording.reverse = string_field(language.value, sub, "reverse", false)
                                          .value_or(wording.forward);
                    type.wordings[code] = std::move(wording);
                }
            }
            type.from = string_list(item, at, "from");
            type.to = string_list(item, at, "to");
            type.directed = bool_field(item, at, "directed").value_or(true);
            type.supply = bool_field(item, at, "supply").value_or(false);
            type.negative_amounts = bool_field(item, at, "negative_amounts").value_or(false);
            type.style = read_style(item, at);
            builder_.put_relation_type(std::move(type));
        });
    }

    void read_object(std::string_view key, const Value& item, const std::string& path) {
        if (key == "sources") {
            read_source(item, path);
        } else if (key == "entities") {
            read_entity(item, path);
        } else {
            read_relation(item, path);
        }
    }

    void read_source(const Value& item, const std::string& path) {
        check_keys(item, path, "source",
                   {"id", "title", "title_en", "publisher", "date", "language", "url", "text_file",
                    "text", "props"});
        Source source;
        source.origin = where(path);
        auto id = string_field(item, path, "id", true, "source");
        if (!id) {
            return;
        }
        source.id = *id;
        source.title = string_field(item, path, "title", false).value_or("");
        source.title_en = string_field(item, path, "title_en", false).value_or("");
        source.publisher = string_field(item, path, "publisher", false).value_or("");
        source.date = string_field(item, path, "date", false).value_or("");
        source.language = string_field(item, path, "language", false).value_or("");
        source.url = string_field(item, path, "url", false).value_or("");
        source.text_file = string_field(item, path, "text_file", false).value_or("");
        source.props = props_field(item, path);
        // The map's own `text` wins; `text_file` then only says where it came from.
        source.text = string_field(item, path, "text", false);
        source.text_in_map = source.text.has_value();
        if (!source.text && !source.text_file.empty() && resolve_text_) {
            auto found = resolve_text_(file_, source.text_file);
            if (found.problem == TextProblem::None) {
                source.text = std::move(found.text);
                source.text_path = std::move(found.path);
            } else {
                builder_.add_diagnostic(source_text_warning(source.id, source.text_file, found,
                                                            where(path + "/text_file")));
            }
        }
        builder_.add_source(std::move(source));
    }

    void read_entity(const Value& item, const std::string& path) {
        check_keys(item, path, "entity",
                   {"id", "type", "name", "names", "aliases", "tags", "referents", "props"});
        Entity entity;
        entity.origin = where(path);
        auto id = string_field(item, path, "id", true, "entity");
        if (!id) {
            return;
        }
        entity.id = *id;
        entity.type = string_field(item, path, "type", true, fmt::format("entity '{}'", entity.id))
                          .value_or("entity");
        entity.name = graph::Text::unique(
            string_field(item, path, "name", false).value_or("")); // names are rarely shared
        entity.names = string_map(item, path, "names");
        entity.aliases = string_list(item, path, "aliases");
        entity.tags = string_list(item, path, "tags");
        entity.referents = string_list(item, path, "referents");
        entity.props = props_field(item, path);
        if (entity.name.empty() && entity.names.empty()) {
            warn(path, fmt::format("entity '{}' has no name", entity.id),
                 "add \"name\" (English) or \"names\": {\"ar\": ...}");
        }
        builder_.add_entity(std::move(entity));
    }

    void read_amount(const Value& item, const std::string& path, Relation& relation) {
        const Value* value = member(item, "amount");
        if (value == nullptr) {
            return;
        }
        const std::string at = path + "/amount";
        if (value->IsNumber()) {
            problem(at, "amount must say its currency",
                    fmt::format("write \"amount\": {{\"value\": {}, \"currency\": \"USD\"}}",
                                compact_json(*value)));
            return;
        }
        if (!value->IsObject()) {
            problem(at, fmt::format("amount must be an object, not {}", kind_name(*value)),
                    "write \"amount\": {\"value\": 6800000000, \"currency\": \"USD\"}");
            return;
        }
        check_keys(*value, at, "amount", {"value", "currency"});
        const Value* number = member(*value, "value");
        Amount amount;
        bool ok = true;
        if (number == nullptr) {
            problem(at, "amount has no 'value'", "add \"value\": 6800000000");
            ok = false;
        } else if (!number->IsNumber()) {
            problem(at + "/value",
                    fmt::format("amount value must be a number, not {}", kind_name(*number)),
                    number->IsString() ? fmt::format("write the plain number without quotes or "
                                                     "units, e.g. 6800000000 for '{}'",
                                                     number->GetString())
                                       : std::string{});
            ok = false;
        } else if (!std::isfinite(number->GetDouble())) {
            // NaN and Infinity parse (kParseNanAndInfFlag, for props) but are no amount.
            const double bad = number->GetDouble();
            builder_.add_diagnostic(detail::amount_not_finite(
                where(at + "/value"),
                std::isnan(bad) ? "NaN" : (bad > 0 ? "Infinity" : "-Infinity")));
            ok = false;
        } else {
            amount.value = number->GetDouble();
        }
        auto currency = string_field(*value, at, "currency", true, "amount");
        if (!currency) {
            ok = false;
        } else {
            amount.currency = *currency;
        }
        if (ok) {
            relation.amount = amount;
        }
    }

    void read_relation(const Value& item, const std::string& path) {
        check_keys(
            item, path, "relation",
            {"id", "from", "to", "type", "amount", "role", "start", "end", "props", "sources"});
        Relation relation;
        relation.origin = where(path);
        relation.id = string_field(item, path, "id", false).value_or("");
        auto from = string_field(item, path, "from", true, "relation");
        auto to = string_field(item, path, "to", true, "relation");
        auto type = string_field(item, path, "type", true, "relation");
        if (!from || !to || !type) {
            return;
        }
        relation.from = *from;
        relation.to = *to;
        relation.type = *type;
        relation.role = string_field(item, path, "role", false).value_or("");
        relation.start = date_field(item, path, "start");
        relation.end = date_field(item, path, "end");
        relation.props = props_field(item, path);
        read_amount(item, path, relation);
        std::vector<Citation> citations;
        for_each(item, path, "sources", [&](const Value& cite, const std::string& at) {
            check_keys(cite, at, "citation", {"source", "quote", "note"});
            Citation citation;
            auto source = string_field(cite, at, "source", true, "citation");
            if (!source) {
                return;
            }
            citation.source = *source;
            citation.quote =
                graph::Text::unique(string_field(cite, at, "quote", false).value_or(""));
            citation.note = graph::Text::unique(string_field(cite, at, "note", false).value_or(""));
            citations.push_back(citation);
        });
        relation.sources = citations;
        builder_.add_relation(std::move(relation));
    }

    std::string date_field(const Value& item, const std::string& path, const char* key) {
        const Value* value = member(item, key);
        if (value != nullptr && value->IsInt() && value->GetInt() >= 1000 &&
            value->GetInt() <= 9999) {
            return std::to_string(value->GetInt()); // a bare year, 2019, is what people write
        }
        return string_field(item, path, key, false).value_or("");
    }

    std::string_view file_;
    graph::EntityGraphBuilder& builder_;
    const TextResolver& resolve_text_;
};

/// Streams a map: the items of the root lists "sources", "entities" and "relations" are
/// built one at a time as small DOMs in a reused memory pool and read as soon as they
/// end, so the whole file is never held as a DOM; the root's other members (format,
/// title, schema, ...) are kept in a small DOM read at the end. The same DocumentReader
/// code reads both ways, so every diagnostic is the same as with a whole-file DOM.
class StreamingHandler {
public:
    /// `tell` gives the stream's offset, asked only when the record limit is reached.
    StreamingHandler(DocumentReader& reader, std::uint64_t max_records,
                     std::function<std::size_t()> tell)
        : reader_(reader), max_records_(max_records), tell_(std::move(tell)),
          item_pool_(pool_buffer_, sizeof pool_buffer_), item_(&item_pool_) {
        root_.SetObject();
    }

    /// Set when the parse stopped at the record limit: where the record past it starts.
    [[nodiscard]] std::optional<std::size_t> records_stop() const { return records_stop_; }

    bool Null() {
        return value([this] { return item_.Null(); });
    }
    bool Bool(bool flag) {
        return value([&] { return item_.Bool(flag); });
    }
    bool Int(int number) {
        return value([&] { return item_.Int(number); });
    }
    bool Uint(unsigned number) {
        return value([&] { return item_.Uint(number); });
    }
    bool Int64(int64_t number) {
        return value([&] { return item_.Int64(number); });
    }
    bool Uint64(uint64_t number) {
        return value([&] { return item_.Uint64(number); });
    }
    bool Double(double number) {
        return value([&] { return item_.Double(number); });
    }
    bool String(const char* text, rapidjson::SizeType length, bool copy) {
        return value([&] { return item_.String(text, length, copy); });
    }
    bool Key(const char* text, rapidjson::SizeType length, bool copy) {
        if (nest_ > 0) {
            return item_.Key(text, length, copy);
        }
        key_.assign(text, length); // a member of the root
        return true;
    }
    bool StartObject() {
        return open([this] { return item_.StartObject(); }, true);
    }
    bool StartArray() {
        return open([this] { return item_.StartArray(); }, false);
    }
    bool EndObject(rapidjson::SizeType count) {
        if (nest_ == 0) { // the root ends
            --depth_;
            return true;
        }
        return close([&] { return item_.EndObject(count); });
    }
    bool EndArray(rapidjson::SizeType count) {
        if (nest_ == 0) { // a streamed list ends
            list_ = nullptr;
            --depth_;
            return true;
        }
        return close([&] { return item_.EndArray(count); });
    }

    /// Reads the root's own members once the parse succeeded.
    void finish() {
        if (root_is_value_) {
            reader_.read(root_value_);
            return;
        }
        reader_.read_root(root_, streamed_);
    }

private:
    /// A value starts: it is the root, a member of the root, or part of a captured value.
    template <typename Forward>
    bool value(Forward&& forward) {
        if (nest_ == 0) {
            if (!count_record(0)) {
                return false;
            }
            begin_capture(); // a scalar: the root, a root member, or an item of a list
        }
        if (!forward()) {
            return false;
        }
        if (nest_ == 0) {
            end_capture();
        }
        return true;
    }

    template <typename Forward>
    bool open(Forward&& forward, bool object) {
        if (nest_ == 0) {
            if (depth_ == 0 && object) {
                ++depth_; // the root object: its members are handled one by one
                return true;
            }
            if (depth_ == 1 && !object && streamable()) {
                ++depth_; // a root list whose items are read one at a time
                streamed_.push_back(key_);
                list_ = streamed_key(key_);
                index_ = 0;
                add_root_member(rapidjson::Value(rapidjson::kArrayType)); // keeps check_keys whole
                return true;
            }
            if (!count_record(1)) {
                return false;
            }
            begin_capture();
        }
        ++nest_;
        return forward();
    }

    template <typename Forward>
    bool close(Forward&& forward) {
        if (!forward()) {
            return false;
        }
        if (--nest_ == 0) {
            end_capture();
        }
        return true;
    }

    [[nodiscard]] bool streamable() const {
        return streamed_key(key_) != nullptr &&
               std::find(streamed_.begin(), streamed_.end(), key_) == streamed_.end() &&
               root_.FindMember(rapidjson::StringRef(
                   key_.data(), static_cast<rapidjson::SizeType>(key_.size()))) ==
                   root_.MemberEnd();
    }
    static const char* streamed_key(const std::string& key) {
        for (const char* name : {"sources", "entities", "relations"}) {
            if (key == name) {
                return name;
            }
        }
        return nullptr;
    }

    /// Counts an item of a streamed list; false (stopping the parse) past the limit.
    /// `bracket` is 1 when the stream is just past the item's opening bracket.
    bool count_record(std::size_t bracket) {
        if (depth_ != 2 || list_ == nullptr || ++records_ <= max_records_) {
            return true;
        }
        records_stop_ = tell_() - bracket;
        return false;
    }

    void begin_capture() {
        item_.SetNull();
        item_pool_.Clear();
    }

    /// The captured value is complete on item_'s stack: move it to item_ and use it.
    void end_capture() {
        auto done = [](auto&) {
            return true;
        };
        item_.Populate(done);
        if (depth_ == 0) {
            root_value_.CopyFrom(item_, root_.GetAllocator());
            root_is_value_ = true;
        } else if (depth_ == 2 && list_ != nullptr) {
            reader_.read_item(list_, item_, index_++);
        } else {
            rapidjson::Value copy(item_, root_.GetAllocator());
            add_root_member(std::move(copy));
        }
    }

    void add_root_member(rapidjson::Value&& member) {
        if (root_.FindMember(rapidjson::StringRef(
                key_.data(), static_cast<rapidjson::SizeType>(key_.size()))) != root_.MemberEnd()) {
            return; // a repeated key: the first one counts, as with a whole-file DOM
        }
        rapidjson::Value name(key_.data(), static_cast<rapidjson::SizeType>(key_.size()),
                              root_.GetAllocator());
        root_.AddMember(name, member, root_.GetAllocator());
    }

    DocumentReader& reader_;
    std::uint64_t max_records_;
    std::function<std::size_t()> tell_;
    std::uint64_t records_ = 0;
    std::optional<std::size_t> records_stop_;
    alignas(std::max_align_t) char pool_buffer_[64 * 1024]; // RapidJSON puts a header in it
    rapidjson::MemoryPoolAllocator<> item_pool_;
    rapidjson::Document item_; ///< the value being captured (one item, or one root member)
    rapidjson::Document root_; ///< the root's members other than the streamed lists
    rapidjson::Value root_value_;
    bool root_is_value_ = false;
    std::vector<std::string> streamed_;
    std::string key_;
    const char* list_ = nullptr; ///< the root list being streamed, or null
    std::size_t index_ = 0;
    int depth_ = 0; ///< 0 before the root, 1 in the root object, 2 in a streamed list
    int nest_ = 0;  ///< depth inside the value being captured
};

[[noreturn]] void throw_syntax_error(std::string_view file_name, std::uint32_t line,
                                     std::uint32_t column, rapidjson::ParseErrorCode code,
                                     bool at_end) {
    std::string message = rapidjson::GetParseError_En(code);
    if (!message.empty()) {
        message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
    }
    if (!message.empty() && message.back() == '.') {
        message.pop_back();
    }
    std::string hint;
    if (at_end) {
        hint = "the file ends too early: is it truncated?";
    } else if (code == rapidjson::kParseErrorStringInvalidEncoding) {
        hint = "save the file as UTF-8";
    } else if (code == rapidjson::kParseErrorNumberTooBig) {
        hint = "a number must be below 1.8e308, the largest a double holds";
    } else {
        hint = "check for a missing comma, quote or bracket just before this point";
    }
    throw Error(Diagnostic{Severity::Error,
                           {std::string(file_name), line, column, {}},
                           "malformed JSON: " + message,
                           hint,
                           std::nullopt});
}

using Positions = std::vector<std::pair<std::uint32_t, std::uint32_t>>;
using PositionsOf = std::function<Positions(const std::vector<std::size_t>& sorted_offsets)>;
/// Where the key whose closing quote ends at an offset opens, if it can be told.
using KeyStartOf = std::function<std::optional<std::size_t>(std::size_t end)>;

/// Each key repeated in an object of the map, as an error at its line and column.
void report_repeated_keys(std::string_view file, detail::GuardReport guard,
                          const PositionsOf& positions_of, const KeyStartOf& key_start_of,
                          graph::EntityGraphBuilder& builder) {
    if (guard.repeated.empty()) {
        return;
    }
    std::vector<std::size_t> offsets;
    for (auto& repeat : guard.repeated) {
        if (guard.key_offsets_at_end) { // point at the key, not just past it
            repeat.offset = key_start_of(repeat.offset).value_or(repeat.offset);
            repeat.first_offset = key_start_of(repeat.first_offset).value_or(repeat.first_offset);
        }
        offsets.push_back(repeat.offset);
        offsets.push_back(repeat.first_offset);
    }
    std::sort(offsets.begin(), offsets.end());
    offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
    const Positions positions = positions_of(offsets);
    auto at = [&](std::size_t offset) {
        const auto found = std::lower_bound(offsets.begin(), offsets.end(), offset);
        const auto& [line, column] = positions[static_cast<std::size_t>(found - offsets.begin())];
        return SourceLocation{std::string(file), line, column, {}};
    };
    for (const auto& repeat : guard.repeated) {
        builder.add_diagnostic(
            detail::repeated_key_problem(at(repeat.offset), repeat.key, at(repeat.first_offset)));
    }
    if (guard.repeated_unlisted > 0) {
        builder.add_diagnostic(
            {Severity::Error,
             {std::string(file), 0, 0, {}},
             fmt::format("{} more repeated keys are not listed", guard.repeated_unlisted),
             "",
             std::nullopt});
    }
}

/// Turns how a guarded parse of a map ended into the error it deserves: the depth or
/// record limit, or a syntax error, each at its line and column; or, when it parsed,
/// reports the repeated keys. `size` is the length of the parsed text.
void after_parse(std::string_view file, const rapidjson::ParseResult& result,
                 const detail::GuardReport& guard, const StreamingHandler& handler,
                 std::size_t size, const InputLimits& limits, const PositionsOf& positions_of,
                 const KeyStartOf& key_start_of, graph::EntityGraphBuilder& builder) {
    if (!result.IsError()) {
        report_repeated_keys(file, guard, positions_of, key_start_of, builder);
        return;
    }
    std::size_t offset = result.Offset();
    if (guard.too_deep) {
        offset = guard.deep_offset;
    } else if (handler.records_stop()) {
        offset = *handler.records_stop();
    }
    const auto [line, column] = positions_of({offset}).front();
    if (guard.too_deep) {
        throw_too_deep(file, line, column, limits);
    }
    if (handler.records_stop()) {
        throw_too_many_records(file, line, column, limits);
    }
    throw_syntax_error(file, line, column, result.Code(), offset >= size);
}

} // namespace

void read_json_map_file(const std::string& path, const TextResolver& resolve_text,
                        graph::EntityGraphBuilder& builder, const InputLimits& limits) {
    const FilePtr file = open_input(path);
    // A byte order mark is skipped; offsets count from after it, as in the text that
    // resolve_json_positions is given (the loader strips it there too).
    std::array<char, 3> start{};
    std::size_t skip = 0;
    if (std::fread(start.data(), 1, start.size(), file.get()) == start.size() &&
        std::string_view(start.data(), start.size()) == utf8_bom) {
        skip = utf8_bom.size();
    } else {
        std::rewind(file.get());
    }
    DocumentReader reader(path, builder, resolve_text);
    std::array<char, 1 << 16> buffer{};
    // Parsed directly (as UTF-8): an EncodedInputStream over it would read one byte ahead
    // and put every error one column late.
    rapidjson::FileReadStream stream(file.get(), buffer.data(), buffer.size());
    auto handler = std::make_unique<StreamingHandler>(reader, limits.max_records,
                                                      [&stream] { return stream.Tell(); });
    detail::GuardReport guard;
    const auto result =
        detail::guarded_parse<parse_flags>(stream, *handler, limits.max_depth, true, guard);
    std::error_code ignored;
    const auto size = static_cast<std::size_t>(std::filesystem::file_size(path, ignored));
    auto positions_of = [&](const std::vector<std::size_t>& offsets) {
        return positions_in_file(path, skip, offsets);
    };
    auto key_start_of = [&](std::size_t end) -> std::optional<std::size_t> {
        // A key's bytes, read back from the file: the last 64 KiB before its end.
        const std::size_t from = end - std::min<std::size_t>(end, 1 << 16);
        std::string window(end - from, '\0');
        if (std::fseek(file.get(), static_cast<long>(skip + from), SEEK_SET) != 0) {
            return std::nullopt;
        }
        window.resize(std::fread(window.data(), 1, window.size(), file.get()));
        return detail::string_start(window, from, end);
    };
    after_parse(path, result, guard, *handler, size - std::min(size, skip), limits, positions_of,
                key_start_of, builder);
    handler->finish();
}

void read_json_map(std::string_view file_name, std::string_view text,
                   const TextResolver& resolve_text, graph::EntityGraphBuilder& builder,
                   const InputLimits& limits) {
    text = without_bom(text);
    DocumentReader reader(file_name, builder, resolve_text);
    rapidjson::MemoryStream stream(text.data(), text.size());
    auto handler = std::make_unique<StreamingHandler>(reader, limits.max_records,
                                                      [&stream] { return stream.Tell(); });
    detail::GuardReport guard;
    const auto result =
        detail::guarded_parse<parse_flags>(stream, *handler, limits.max_depth, true, guard);
    const LineIndex lines(text);
    auto positions_of = [&](const std::vector<std::size_t>& offsets) {
        Positions out;
        for (std::size_t offset : offsets) {
            out.push_back(lines.position(offset));
        }
        return out;
    };
    auto key_start_of = [&](std::size_t end) {
        return detail::string_start(text, 0, end);
    };
    after_parse(file_name, result, guard, *handler, text.size(), limits, positions_of, key_start_of,
                builder);
    handler->finish();
}

namespace {

/// SAX handler that records the start offset of every value whose JSON pointer is wanted.
/// Offsets come from the stream's Tell() at each event. RapidJSON parses strings and
/// numbers from a local copy of a ViewStream and writes it back only after the handler
/// returns, so at String/Key/number events Tell() is the token's first byte; literals and
/// brackets are consumed on the stream itself, so there Tell() is just past the token.
class PositionFinder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, PositionFinder> {
public:
    PositionFinder(const std::set<std::string>& wanted, detail::ViewStream& stream)
        : wanted_(wanted), stream_(stream) {}

    std::map<std::string, std::size_t> found;

    bool Null() { return scalar(stream_.Tell() - 4); }
    bool Bool(bool value) { return scalar(stream_.Tell() - (value ? 4 : 5)); }
    bool Int(int) { return scalar(stream_.Tell()); }
    bool Uint(unsigned) { return scalar(stream_.Tell()); }
    bool Int64(int64_t) { return scalar(stream_.Tell()); }
    bool Uint64(uint64_t) { return scalar(stream_.Tell()); }
    bool Double(double) { return scalar(stream_.Tell()); }
    bool RawNumber(const char*, rapidjson::SizeType, bool) { return scalar(stream_.Tell()); }
    bool String(const char*, rapidjson::SizeType, bool) { return scalar(stream_.Tell()); }
    bool StartObject() { return open(false); }
    bool StartArray() { return open(true); }
    bool Key(const char* key, rapidjson::SizeType length, bool) {
        if (skipped_ == 0) {
            frames_.back().key.assign(key, length);
        }
        return true;
    }
    bool EndObject(rapidjson::SizeType) { return close(); }
    bool EndArray(rapidjson::SizeType) { return close(); }

private:
    struct Frame {
        bool array;
        std::size_t index = 0;
        std::string key;
    };

    std::string pointer() const {
        std::string out;
        for (const auto& frame : frames_) {
            out += '/';
            out += frame.array ? std::to_string(frame.index) : frame.key;
        }
        return out;
    }
    void record(std::size_t offset) {
        std::string path = pointer();
        if (wanted_.count(path) != 0) {
            found.emplace(std::move(path), offset);
        }
    }
    void advance() {
        if (!frames_.empty() && frames_.back().array) {
            ++frames_.back().index;
        }
    }
    bool scalar(std::size_t start) {
        if (skipped_ == 0) {
            record(start);
            advance();
        }
        return true;
    }
    /// A container no wanted pointer starts with (every prefix of one is wanted) is skipped
    /// whole, so deep values cost no pointer building: O(depth) per event made a map nested
    /// 10,000 levels take minutes under ASan.
    bool open(bool array) {
        if (skipped_ > 0) {
            ++skipped_;
            return true;
        }
        std::string path = pointer();
        if (wanted_.count(path) == 0) {
            skipped_ = 1;
            return true;
        }
        found.emplace(std::move(path), stream_.Tell() - 1);
        frames_.push_back({array, 0, {}});
        return true;
    }
    bool close() {
        if (skipped_ > 0) {
            if (--skipped_ == 0) {
                advance();
            }
            return true;
        }
        frames_.pop_back();
        advance();
        return true;
    }

    const std::set<std::string>& wanted_;
    detail::ViewStream& stream_;
    std::vector<Frame> frames_;
    std::size_t skipped_ = 0; ///< depth inside a skipped container, 0 when not in one
};

} // namespace

void resolve_json_positions(std::string_view file_name, std::string_view text,
                            std::vector<Diagnostic>& diagnostics) {
    std::set<std::string> wanted;
    auto want = [&wanted](const std::string& path) {
        // Every prefix, so a pointer to a missing member falls back to its parent.
        wanted.insert("");
        for (std::size_t pos = path.find('/', 1); pos != std::string::npos;
             pos = path.find('/', pos + 1)) {
            wanted.insert(path.substr(0, pos));
        }
        wanted.insert(path);
    };
    bool any = false;
    for (const auto& diagnostic : diagnostics) {
        for (const SourceLocation* location :
             {&diagnostic.location, diagnostic.related ? &*diagnostic.related : nullptr}) {
            if (location != nullptr && location->file == file_name && location->line == 0) {
                want(location->path);
                any = true;
            }
        }
    }
    if (!any) {
        return;
    }
    // The text already parsed once (within the depth limit), so this pass cannot fail.
    text = without_bom(text);
    detail::ViewStream stream(text);
    PositionFinder finder(wanted, stream);
    rapidjson::Reader reader;
    reader.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseNanAndInfFlag>(stream,
                                                                                         finder);
    const LineIndex lines(text);
    auto resolve = [&](SourceLocation& location) {
        if (location.file != file_name || location.line != 0) {
            return;
        }
        std::string path = location.path;
        while (true) {
            if (auto found = finder.found.find(path); found != finder.found.end()) {
                std::tie(location.line, location.column) = lines.position(found->second);
                return;
            }
            if (path.empty()) {
                return;
            }
            path.erase(path.rfind('/'));
        }
    };
    for (auto& diagnostic : diagnostics) {
        resolve(diagnostic.location);
        if (diagnostic.related) {
            resolve(*diagnostic.related);
        }
    }
}

namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

using detail::put;

using detail::put_field;

void put_number(Writer& writer, double value) {
    if (std::isfinite(value) && std::floor(value) == value &&
        std::fabs(value) < 9007199254740992.0) {
        writer.Int64(static_cast<int64_t>(value));
    } else {
        writer.Double(value);
    }
}

void put_props(Writer& writer, const Props& props) {
    if (props.empty()) {
        return;
    }
    writer.Key("props");
    writer.StartObject();
    for (const auto& [key, value] : props) {
        put(writer, key); // a key is written like a string
        switch (value.kind) {
        case PropValue::Kind::String:
            put(writer, value.text);
            break;
        case PropValue::Kind::Bool:
            writer.Bool(value.text == "true");
            break;
        case PropValue::Kind::Null:
            writer.Null();
            break;
        case PropValue::Kind::Number:
        case PropValue::Kind::Json:
            writer.RawValue(value.text.data(), value.text.size(),
                            value.kind == PropValue::Kind::Number ? rapidjson::kNumberType
                                                                  : rapidjson::kObjectType);
            break;
        }
    }
    writer.EndObject();
}

void put_list(Writer& writer, const char* key, const std::vector<std::string>& items) {
    if (items.empty()) {
        return;
    }
    writer.Key(key);
    writer.StartArray();
    for (const auto& item : items) {
        put(writer, item);
    }
    writer.EndArray();
}

void put_map(Writer& writer, const char* key, const std::map<std::string, std::string>& items) {
    if (items.empty()) {
        return;
    }
    writer.Key(key);
    writer.StartObject();
    for (const auto& [name, value] : items) {
        put(writer, name);
        put(writer, value);
    }
    writer.EndObject();
}

void put_style(Writer& writer, const Style& style) {
    if (style == Style{}) {
        return;
    }
    writer.Key("style");
    writer.StartObject();
    put_field(writer, "shape", style.shape);
    put_field(writer, "color", style.color);
    put_field(writer, "fillcolor", style.fillcolor);
    put_field(writer, "style", style.style);
    writer.EndObject();
}

bool same_entity_type(const EntityType& left, const EntityType& right) {
    return left.id == right.id && left.parent == right.parent && left.label == right.label &&
           left.labels == right.labels && left.style == right.style;
}

bool same_relation_type(const RelationType& left, const RelationType& right) {
    return left.id == right.id && left.wording == right.wording &&
           left.wordings == right.wordings && left.from == right.from && left.to == right.to &&
           left.directed == right.directed && left.supply == right.supply &&
           left.negative_amounts == right.negative_amounts && left.style == right.style;
}

void put_schema(Writer& writer, const graph::Schema& schema) {
    const graph::Schema& base = graph::Schema::default_schema();
    // A map that dropped a built-in type replaced the schema; otherwise write only what it
    // added or changed, so maps stay small and pick up improvements to the defaults.
    bool replaced = false;
    for (const auto& type : base.entity_types()) {
        replaced = replaced || schema.find_entity_type(type.id) == nullptr;
    }
    for (const auto& type : base.relation_types()) {
        replaced = replaced || schema.find_relation_type(type.id) == nullptr;
    }
    std::vector<const EntityType*> entity_types;
    for (const auto& type : schema.entity_types()) {
        const EntityType* builtin = base.find_entity_type(type.id);
        if (replaced || builtin == nullptr || !same_entity_type(*builtin, type)) {
            entity_types.push_back(&type);
        }
    }
    std::vector<const RelationType*> relation_types;
    for (const auto& type : schema.relation_types()) {
        const RelationType* builtin = base.find_relation_type(type.id);
        if (replaced || builtin == nullptr || !same_relation_type(*builtin, type)) {
            relation_types.push_back(&type);
        }
    }
    if (!replaced && entity_types.empty() && relation_types.empty()) {
        return;
    }
    writer.Key("schema");
    writer.StartObject();
    if (replaced) {
        writer.Key("replace");
        writer.Bool(true);
    }
    if (!entity_types.empty()) {
        writer.Key("entity_types");
        writer.StartArray();
        for (const EntityType* type : entity_types) {
            writer.StartObject();
            put_field(writer, "id", type->id);
            put_field(writer, "parent", type->parent);
            put_field(writer, "label", type->label);
            put_map(writer, "labels", type->labels);
            put_style(writer, type->style);
            writer.EndObject();
        }
        writer.EndArray();
    }
    if (!relation_types.empty()) {
        writer.Key("relation_types");
        writer.StartArray();
        for (const RelationType* type : relation_types) {
            writer.StartObject();
            put_field(writer, "id", type->id);
            put_field(writer, "forward", type->wording.forward);
            put_field(writer, "reverse", type->wording.reverse);
            if (!type->wordings.empty()) {
                writer.Key("wordings");
                writer.StartObject();
                for (const auto& [code, wording] : type->wordings) {
                    put(writer, code);
                    writer.StartObject();
                    put_field(writer, "forward", wording.forward);
                    put_field(writer, "reverse", wording.reverse);
                    writer.EndObject();
                }
                writer.EndObject();
            }
            put_list(writer, "from", type->from);
            put_list(writer, "to", type->to);
            writer.Key("directed");
            writer.Bool(type->directed);
            writer.Key("supply");
            writer.Bool(type->supply);
            if (type->negative_amounts) { // written only when set, so older maps read the same
                writer.Key("negative_amounts");
                writer.Bool(true);
            }
            put_style(writer, type->style);
            writer.EndObject();
        }
        writer.EndArray();
    }
    writer.EndObject();
}

} // namespace

std::string write_json_map(const graph::EntityGraph& graph, const SourceOutput& source_output) {
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    writer.SetIndent(' ', 2);
    writer.StartObject();
    put_field(writer, "format", "powermap/1");
    put_field(writer, "title", graph.info().title);
    put_field(writer, "description", graph.info().description);
    put_schema(writer, graph.schema());

    std::vector<const Source*> sources;
    for (const auto& source : graph.sources()) {
        sources.push_back(&source);
    }
    std::sort(sources.begin(), sources.end(),
              [](const Source* left, const Source* right) { return left->id < right->id; });
    writer.Key("sources");
    writer.StartArray();
    for (const Source* source : sources) {
        writer.StartObject();
        put_field(writer, "id", source->id);
        put_field(writer, "title", source->title);
        put_field(writer, "title_en", source->title_en);
        put_field(writer, "publisher", source->publisher);
        put_field(writer, "date", source->date);
        put_field(writer, "language", source->language);
        put_field(writer, "url", source->url);
        put_field(writer, "text_file", output_text_file(*source, source_output));
        if (output_embeds_text(*source, source_output)) {
            writer.Key("text");
            put(writer, *source->text); // even when empty: the map then has its (empty) text
        }
        put_props(writer, source->props);
        writer.EndObject();
    }
    writer.EndArray();

    writer.Key("entities");
    writer.StartArray();
    for (graph::EntityIndex index : graph.entities_by_id()) {
        const Entity& entity = graph.entity(index);
        writer.StartObject();
        put_field(writer, "id", entity.id);
        put_field(writer, "type", entity.type);
        put_field(writer, "name", entity.name);
        put_map(writer, "names", entity.names);
        put_list(writer, "aliases", entity.aliases);
        put_list(writer, "tags", entity.tags);
        put_list(writer, "referents", entity.referents);
        put_props(writer, entity.props);
        writer.EndObject();
    }
    writer.EndArray();

    std::vector<const Relation*> relations;
    for (const auto& relation : graph.relations()) {
        relations.push_back(&relation);
    }
    std::stable_sort(
        relations.begin(), relations.end(), [](const Relation* left, const Relation* right) {
            return std::tie(left->from, left->type, left->to, left->id, left->start) <
                   std::tie(right->from, right->type, right->to, right->id, right->start);
        });
    writer.Key("relations");
    writer.StartArray();
    for (const Relation* relation : relations) {
        writer.StartObject();
        put_field(writer, "id", relation->id);
        put_field(writer, "from", relation->from);
        put_field(writer, "to", relation->to);
        put_field(writer, "type", relation->type);
        put_field(writer, "role", relation->role);
        if (relation->amount) {
            writer.Key("amount");
            writer.StartObject();
            writer.Key("value");
            put_number(writer, relation->amount->value);
            put_field(writer, "currency", relation->amount->currency);
            writer.EndObject();
        }
        put_field(writer, "start", relation->start);
        put_field(writer, "end", relation->end);
        put_props(writer, relation->props);
        if (!relation->sources.empty()) {
            writer.Key("sources");
            writer.StartArray();
            for (const Citation& citation : relation->sources) {
                writer.StartObject();
                put_field(writer, "source", citation.source);
                put_field(writer, "quote", citation.quote);
                put_field(writer, "note", citation.note);
                writer.EndObject();
            }
            writer.EndArray();
        }
        writer.EndObject();
    }
    writer.EndArray();
    writer.EndObject();
    std::string out(buffer.GetString(), buffer.GetSize());
    out += '\n';
    return out;
}

} // namespace powermap::io
