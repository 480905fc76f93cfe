#include "io/formats/csv_import.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "graph/lookup.hpp"
#include "io/detail/json_reading.hpp"
#include "io/files/input_file.hpp"
#include "io/files/line_index.hpp"
#include "io/formats/csv_reader.hpp"
#include "io/formats/interop_util.hpp"

namespace powermap::io {

using graph::Amount;
using graph::Citation;
using graph::Entity;
using graph::PropValue;
using graph::Relation;
using graph::Source;

struct EntitySpec {
    std::string key;
    std::string type;        ///< the type, or the type when type_column's cell is empty
    std::string type_column; ///< each row's type, lowercased ("Person" -> "person")
    std::string id;          ///< a constant id (one entity for the whole file)
    std::string name;        ///< constant name
    std::string id_column;
    std::string name_column;
    std::string id_prefix;
    bool merge_by_name = true;
    bool required = false;
    std::vector<std::string> aliases;
    std::vector<std::string> tags;
    std::vector<std::pair<std::string, std::string>> props; ///< prop name, column
    std::string pointer; ///< JSON pointer in the mapping, for messages
};

struct RelationSpec {
    std::string from;
    std::string to;
    std::string type;
    std::string role;
    std::string role_column;
    std::string amount_column;
    /// Read when amount_column is empty on a row (e.g. a contract's potential value where its
    /// current value is blank); the tie then says so in prop "amount_column".
    std::string amount_fallback_column;
    std::string currency = "USD";
    std::string currency_column;
    std::string start_column;
    std::string end_column;
    std::vector<std::pair<std::string, std::string>> props;
    std::string pointer;
};

struct CsvMapping {
    std::string file;
    std::string text; ///< the mapping itself, for positions
    std::optional<char> delimiter;
    bool header = true; ///< false: no header row; columns are named by number, "1" first
    std::string title;  ///< the map's title, when the maps read have none
    Source source;
    bool has_source = false; ///< the mapping has a "source" object
    bool cite_rows = true;
    std::string schema_json; ///< a powermap/1 document holding only the mapping's schema
    std::map<std::string, std::string> pinned; ///< normalised name -> id
    std::vector<EntitySpec> entities;
    std::vector<RelationSpec> relations;
};

void CsvMappingDeleter::operator()(CsvMapping* mapping) const {
    delete mapping;
}

namespace {

using rapidjson::Value;

[[noreturn]] void mapping_error(const std::string& file, const std::string& text,
                                const std::string& pointer, std::string message,
                                std::string hint = {}) {
    std::vector<Diagnostic> one{{Severity::Error,
                                 {file, 0, 0, pointer},
                                 std::move(message),
                                 std::move(hint),
                                 std::nullopt}};
    resolve_json_positions(file, text, one);
    throw Error(one.front());
}

std::string get_string(const Value& object, const char* key, const std::string& file,
                       const std::string& text, const std::string& pointer) {
    auto found = object.FindMember(key);
    if (found == object.MemberEnd()) {
        return {};
    }
    if (!found->value.IsString()) {
        mapping_error(file, text, pointer + "/" + key, fmt::format("'{}' must be a string", key));
    }
    return {found->value.GetString(), found->value.GetStringLength()};
}

/// A column: its header name, or (in a file without a header) its number, "2" or 2.
std::string get_column(const Value& object, const char* key, const std::string& file,
                       const std::string& text, const std::string& pointer) {
    auto found = object.FindMember(key);
    if (found != object.MemberEnd() && found->value.IsUint()) {
        return std::to_string(found->value.GetUint());
    }
    if (found != object.MemberEnd() && !found->value.IsString()) {
        mapping_error(
            file, text, pointer + "/" + key,
            fmt::format("'{}' must be a column name (or, without a header, its number)", key));
    }
    return get_string(object, key, file, text, pointer);
}

std::vector<std::string> get_strings(const Value& object, const char* key, const std::string& file,
                                     const std::string& text, const std::string& pointer) {
    std::vector<std::string> out;
    auto found = object.FindMember(key);
    if (found == object.MemberEnd()) {
        return out;
    }
    if (!found->value.IsArray()) {
        mapping_error(file, text, pointer + "/" + key,
                      fmt::format("'{}' must be a list of strings", key));
    }
    for (const auto& item : found->value.GetArray()) {
        if (!item.IsString()) {
            mapping_error(file, text, pointer + "/" + key,
                          fmt::format("'{}' must be a list of strings", key));
        }
        out.emplace_back(item.GetString(), item.GetStringLength());
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> get_props(const Value& object,
                                                           const std::string& file,
                                                           const std::string& text,
                                                           const std::string& pointer) {
    std::vector<std::pair<std::string, std::string>> out;
    auto found = object.FindMember("props");
    if (found == object.MemberEnd()) {
        return out;
    }
    if (!found->value.IsObject()) {
        mapping_error(file, text, pointer + "/props", "'props' must map prop names to column names",
                      "write \"props\": {\"city\": \"recipient_city\"}");
    }
    for (const auto& item : found->value.GetObject()) {
        if (!item.value.IsString()) {
            mapping_error(file, text, pointer + "/props/" + item.name.GetString(),
                          "a prop must name a column");
        }
        out.emplace_back(item.name.GetString(), item.value.GetString());
    }
    return out;
}

void check_keys(const Value& object, std::initializer_list<const char*> known,
                const std::string& file, const std::string& text, const std::string& pointer) {
    std::vector<std::string> names(known.begin(), known.end());
    for (const auto& item : object.GetObject()) {
        const std::string key = item.name.GetString();
        if (std::find(names.begin(), names.end(), key) == names.end()) {
            const std::string hint = did_you_mean(key, names);
            mapping_error(file, text, pointer + "/" + key,
                          fmt::format("unknown field '{}' in the mapping", key),
                          hint.empty() ? fmt::format("known fields: {}", fmt::join(names, ", "))
                                       : hint);
        }
    }
}

std::string slug(std::string_view normalised) {
    std::string out;
    for (char c : normalised) {
        out += c == ' ' ? '-' : c;
    }
    return out;
}

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

std::string compact(const Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    return {buffer.GetString(), buffer.GetSize()};
}

/// "5,135,635.83" or "$1200" -> number; nullopt when the cell is not a plain amount.
std::optional<double> parse_amount(std::string_view cell) {
    std::string digits;
    for (char c : cell) {
        if (c == ',' || c == '$' || c == ' ') {
            continue;
        }
        digits += c;
    }
    if (digits.empty()) {
        return std::nullopt;
    }
    double value = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc{} || ptr != digits.data() + digits.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

} // namespace

CsvMappingPtr load_csv_mapping(const std::string& path, const InputLimits& limits) {
    CsvMappingPtr mapping(new CsvMapping);
    mapping->file = path;
    mapping->text = read_file(path, limits);
    strip_bom(mapping->text); // positions count from after it
    const std::string& text = mapping->text;
    if (const auto bad = detail::first_invalid_utf8(text)) {
        // Its names, ids and tags go into the map, which must be UTF-8 to load again.
        const auto [line, column] = LineIndex(text).position(*bad);
        throw Error(Diagnostic{Severity::Error,
                               {path, line, column, {}},
                               "the mapping is not UTF-8",
                               "save it as UTF-8, as JSON files are",
                               std::nullopt});
    }
    rapidjson::Document doc;
    detail::GuardReport guard;
    const auto parsed = detail::parse_document(doc, text, limits.max_depth, guard, true);
    const LineIndex lines(text);
    auto at = [&](std::size_t offset) {
        const auto [line, column] = lines.position(offset);
        return SourceLocation{path, line, column, {}};
    };
    if (guard.too_deep) {
        const auto [line, column] = lines.position(guard.deep_offset);
        throw_too_deep(path, line, column, limits);
    }
    if (!guard.repeated.empty()) {
        const auto& repeat = guard.repeated.front();
        throw Error(
            detail::repeated_key_problem(at(repeat.offset), repeat.key, at(repeat.first_offset)));
    }
    if (parsed.IsError()) {
        throw Error(Diagnostic{Severity::Error, at(parsed.Offset()),
                               fmt::format("malformed JSON in the mapping: {}",
                                           rapidjson::GetParseError_En(parsed.Code())),
                               "check for a missing comma, quote or bracket just before this point",
                               std::nullopt});
    }
    if (!doc.IsObject()) {
        mapping_error(path, text, "", "a mapping must be a JSON object");
    }
    check_keys(doc,
               {"format", "title", "description", "delimiter", "header", "source", "cite", "schema",
                "ids", "entities", "relations"},
               path, text, "");
    const std::string format = get_string(doc, "format", path, text, "");
    if (format != "powermap-csv-mapping/1") {
        mapping_error(path, text, "/format",
                      format.empty() ? "the mapping does not say its format"
                                     : fmt::format("unsupported mapping format '{}'", format),
                      "start it with \"format\": \"powermap-csv-mapping/1\"");
    }
    const std::string delimiter = get_string(doc, "delimiter", path, text, "");
    if (!delimiter.empty()) {
        if (delimiter == "\\t" || delimiter == "tab") {
            mapping->delimiter = '\t';
        } else if (delimiter.size() == 1) {
            mapping->delimiter = delimiter[0];
        } else {
            mapping_error(path, text, "/delimiter",
                          fmt::format("delimiter '{}' is not one character", delimiter),
                          "use \",\", \";\" or \"tab\"");
        }
    }
    mapping->title = get_string(doc, "title", path, text, "");
    if (auto header = doc.FindMember("header"); header != doc.MemberEnd()) {
        if (!header->value.IsBool()) {
            mapping_error(path, text, "/header", "'header' must be true or false",
                          "false: the file has no header row, and columns are named by number "
                          "(\"name_column\": \"2\")");
        }
        mapping->header = header->value.GetBool();
    }
    const std::string cite = get_string(doc, "cite", path, text, "");
    if (!cite.empty() && cite != "row" && cite != "none") {
        mapping_error(path, text, "/cite", fmt::format("unknown cite mode '{}'", cite),
                      "use \"row\" (each tie quotes its CSV row) or \"none\"");
    }
    mapping->cite_rows = cite != "none";
    if (auto found = doc.FindMember("source"); found != doc.MemberEnd()) {
        if (!found->value.IsObject()) {
            mapping_error(path, text, "/source", "'source' must be an object");
        }
        const Value& source = found->value;
        check_keys(source, {"id", "title", "publisher", "date", "language", "url"}, path, text,
                   "/source");
        mapping->has_source = true;
        mapping->source.id = get_string(source, "id", path, text, "/source");
        mapping->source.title = get_string(source, "title", path, text, "/source");
        mapping->source.publisher = get_string(source, "publisher", path, text, "/source");
        mapping->source.date = get_string(source, "date", path, text, "/source");
        mapping->source.language = get_string(source, "language", path, text, "/source");
        mapping->source.url = get_string(source, "url", path, text, "/source");
    }
    if (auto found = doc.FindMember("schema"); found != doc.MemberEnd()) {
        mapping->schema_json =
            fmt::format("{{\"format\":\"powermap/1\",\"schema\":{}}}", compact(found->value));
    }
    if (auto found = doc.FindMember("ids"); found != doc.MemberEnd()) {
        if (!found->value.IsObject()) {
            mapping_error(path, text, "/ids", "'ids' must map names to ids",
                          "write \"ids\": {\"Palantir Technologies\": \"palantir\"}");
        }
        for (const auto& item : found->value.GetObject()) {
            if (!item.value.IsString()) {
                mapping_error(path, text, std::string("/ids/") + item.name.GetString(),
                              "an id must be a string");
            }
            mapping->pinned[graph::normalize_name(item.name.GetString())] = item.value.GetString();
        }
    }
    auto entities = doc.FindMember("entities");
    if (entities == doc.MemberEnd() || !entities->value.IsObject() ||
        entities->value.MemberCount() == 0) {
        mapping_error(path, text, "/entities",
                      "the mapping needs 'entities': an object of entity specs by key",
                      "e.g. \"entities\": {\"vendor\": {\"type\": \"company\", \"name_column\": "
                      "\"recipient\"}}");
    }
    for (const auto& item : entities->value.GetObject()) {
        const std::string pointer = std::string("/entities/") + item.name.GetString();
        if (!item.value.IsObject()) {
            mapping_error(path, text, pointer, "an entity spec must be an object");
        }
        const Value& spec_json = item.value;
        check_keys(spec_json,
                   {"type", "type_column", "id", "name", "id_column", "name_column", "id_prefix",
                    "merge", "required", "aliases", "tags", "props"},
                   path, text, pointer);
        EntitySpec spec;
        spec.key = item.name.GetString();
        spec.pointer = pointer;
        spec.type = get_string(spec_json, "type", path, text, pointer);
        spec.type_column = get_column(spec_json, "type_column", path, text, pointer);
        if (spec.type.empty() && spec.type_column.empty()) {
            mapping_error(path, text, pointer,
                          fmt::format("entity spec '{}' has no 'type'", spec.key),
                          "add \"type\": \"company\" (or another entity type), or "
                          "\"type_column\" for a type per row");
        }
        spec.id = get_string(spec_json, "id", path, text, pointer);
        spec.name = get_string(spec_json, "name", path, text, pointer);
        spec.id_column = get_column(spec_json, "id_column", path, text, pointer);
        spec.name_column = get_column(spec_json, "name_column", path, text, pointer);
        spec.id_prefix = get_string(spec_json, "id_prefix", path, text, pointer);
        const std::string merge = get_string(spec_json, "merge", path, text, pointer);
        if (!merge.empty() && merge != "name" && merge != "id") {
            mapping_error(
                path, text, pointer + "/merge", fmt::format("unknown merge rule '{}'", merge),
                "use \"name\" (same normalised name, same entity) or \"id\" (same id column)");
        }
        spec.merge_by_name = merge.empty() ? spec.id_column.empty() : merge == "name";
        if (auto required = spec_json.FindMember("required"); required != spec_json.MemberEnd()) {
            if (!required->value.IsBool()) {
                mapping_error(path, text, pointer + "/required",
                              "'required' must be true or false");
            }
            spec.required = required->value.GetBool();
        }
        spec.aliases = get_strings(spec_json, "aliases", path, text, pointer);
        spec.tags = get_strings(spec_json, "tags", path, text, pointer);
        spec.props = get_props(spec_json, path, text, pointer);
        if (spec.id.empty() && spec.id_column.empty() && spec.name_column.empty()) {
            mapping_error(
                path, text, pointer,
                fmt::format("entity spec '{}' says neither 'id', 'id_column' nor 'name_column'",
                            spec.key),
                "name the column that holds the entity's name: \"name_column\": \"...\"");
        }
        if (spec.merge_by_name && spec.id.empty() && spec.name_column.empty()) {
            mapping_error(path, text, pointer, "merging by name needs a 'name_column'",
                          "add \"name_column\", or \"merge\": \"id\"");
        }
        mapping->entities.push_back(std::move(spec));
    }
    auto relations = doc.FindMember("relations");
    if (relations != doc.MemberEnd()) {
        if (!relations->value.IsArray()) {
            mapping_error(path, text, "/relations", "'relations' must be a list");
        }
        rapidjson::SizeType idx = 0;
        for (const auto& item : relations->value.GetArray()) {
            const std::string pointer = fmt::format("/relations/{}", idx++);
            if (!item.IsObject()) {
                mapping_error(path, text, pointer, "a relation spec must be an object");
            }
            check_keys(item,
                       {"from", "to", "type", "role", "role_column", "amount_column",
                        "amount_fallback_column", "currency", "currency_column", "start_column",
                        "end_column", "props"},
                       path, text, pointer);
            RelationSpec spec;
            spec.pointer = pointer;
            spec.from = get_string(item, "from", path, text, pointer);
            spec.to = get_string(item, "to", path, text, pointer);
            spec.type = get_string(item, "type", path, text, pointer);
            spec.role = get_string(item, "role", path, text, pointer);
            spec.role_column = get_column(item, "role_column", path, text, pointer);
            spec.amount_column = get_column(item, "amount_column", path, text, pointer);
            spec.amount_fallback_column =
                get_column(item, "amount_fallback_column", path, text, pointer);
            if (!spec.amount_fallback_column.empty() && spec.amount_column.empty()) {
                mapping_error(path, text, pointer + "/amount_fallback_column",
                              "amount_fallback_column needs amount_column");
            }
            const std::string currency = get_string(item, "currency", path, text, pointer);
            if (!currency.empty()) {
                spec.currency = currency;
            }
            spec.currency_column = get_column(item, "currency_column", path, text, pointer);
            spec.start_column = get_column(item, "start_column", path, text, pointer);
            spec.end_column = get_column(item, "end_column", path, text, pointer);
            spec.props = get_props(item, path, text, pointer);
            std::vector<std::string> keys;
            for (const auto& entity : mapping->entities) {
                keys.push_back(entity.key);
            }
            for (const auto* end : {&spec.from, &spec.to}) {
                if (std::find(keys.begin(), keys.end(), *end) == keys.end()) {
                    mapping_error(path, text, pointer + (end == &spec.from ? "/from" : "/to"),
                                  fmt::format("'{}' is not an entity key of this mapping", *end),
                                  did_you_mean(*end, keys).empty()
                                      ? fmt::format("keys: {}", fmt::join(keys, ", "))
                                      : did_you_mean(*end, keys));
                }
            }
            if (spec.type.empty()) {
                mapping_error(path, text, pointer, "relation spec has no 'type'",
                              "add \"type\": \"holds_contract\"");
            }
            mapping->relations.push_back(std::move(spec));
        }
    }
    return mapping;
}

namespace {

/// Whether ties of `type` may carry a negative amount (a de-obligation); unknown types may
/// not (the builder reports them).
bool negative_allowed(const graph::Schema& schema, std::string_view type) {
    const auto* found = schema.find_relation_type(type);
    return found != nullptr && found->negative_amounts;
}

/// The CSV as UTF-8: Windows-1252 text is converted, with a warning at the first byte
/// that is not UTF-8.
std::string_view as_utf8(std::string_view file_name, std::string_view text, std::string& converted,
                         graph::EntityGraphBuilder& builder) {
    const auto bad = detail::first_invalid_utf8(text);
    if (!bad) {
        return text;
    }
    const auto [line, column] = LineIndex(text).position(*bad);
    builder.add_diagnostic({Severity::Warning,
                            {std::string(file_name), line, column, {}},
                            "the file is not UTF-8; read as Windows-1252 (Latin-1)",
                            "if names look wrong, save the file as UTF-8 and import it again",
                            std::nullopt});
    converted = detail::windows1252_to_utf8(text);
    return converted;
}

/// Column name -> index, with a mapping error naming near misses for unknown columns.
class Columns {
public:
    Columns(const CsvTable& table, const CsvMapping& mapping, std::string_view csv_file)
        : table_(table), mapping_(mapping), csv_file_(csv_file) {
        for (std::size_t idx = 0; idx < table.header.size(); ++idx) {
            by_name_.emplace(table.header[idx], idx);
        }
    }
    std::optional<std::size_t> find(const std::string& name, const std::string& pointer) const {
        if (name.empty()) {
            return std::nullopt;
        }
        auto found = by_name_.find(name);
        if (found == by_name_.end()) {
            const std::string hint = did_you_mean(name, table_.header);
            mapping_error(mapping_.file, mapping_.text, pointer,
                          fmt::format("column '{}' is not in the header of '{}'", name, csv_file_),
                          hint.empty() ? "column names are matched exactly, case included" : hint);
        }
        return found->second;
    }

private:
    const CsvTable& table_;
    const CsvMapping& mapping_;
    std::string_view csv_file_;
    std::unordered_map<std::string, std::size_t> by_name_;
};

struct BoundEntity {
    const EntitySpec* spec;
    std::optional<std::size_t> id_column, name_column, type_column;
    std::vector<std::pair<std::string, std::size_t>> props;
};

struct BoundRelation {
    const RelationSpec* spec;
    std::size_t from, to; ///< index into the bound entities
    std::optional<std::size_t> role, amount, currency, start, end;
    std::vector<std::pair<std::string, std::size_t>> props;
    std::optional<std::size_t> amount_fallback;
};

} // namespace

namespace {

/// The records of `table` (read from `text`) made into entities and ties as `mapping` says.
void map_table(std::string_view file_name, std::string_view text, CsvTable& table,
               const CsvMapping& mapping, graph::EntityGraphBuilder& builder, ImportReport& report,
               const ProgressFn& progress, const InputLimits& limits) {
    const std::string file(file_name);
    if (!mapping.title.empty()) {
        builder.set_info({mapping.title, {}});
    }
    for (auto& diagnostic : table.diagnostics) {
        builder.add_diagnostic(diagnostic);
    }
    if (has_errors(table.diagnostics) && table.records.empty()) {
        return;
    }
    if (!mapping.schema_json.empty()) {
        read_json_map(mapping.file, mapping.schema_json, {}, builder, limits);
    }
    Source source = mapping.source;
    // A file name need not be UTF-8; what the map takes from it must be.
    const std::string file_stem =
        detail::utf8_or_windows1252(std::filesystem::path(file).stem().string());
    const std::string file_base =
        detail::utf8_or_windows1252(std::filesystem::path(file).filename().string());
    if (source.id.empty()) {
        source.id = slug(graph::normalize_name(file_stem));
    }
    if (source.title.empty()) {
        source.title = file_base;
    }
    // The mapping's "source" object: the builder's checks of it (its date) point there.
    source.origin = {mapping.file, 0, 0, mapping.has_source ? "/source" : ""};
    const std::string source_id = source.id;
    builder.add_source(std::move(source));

    const Columns columns(table, mapping, file_name);
    std::vector<BoundEntity> bound;
    std::map<std::string, std::size_t> bound_by_key;
    for (const auto& spec : mapping.entities) {
        BoundEntity entity{&spec,
                           columns.find(spec.id_column, spec.pointer + "/id_column"),
                           columns.find(spec.name_column, spec.pointer + "/name_column"),
                           columns.find(spec.type_column, spec.pointer + "/type_column"),
                           {}};
        for (const auto& [prop, column] : spec.props) {
            entity.props.emplace_back(prop, *columns.find(column, spec.pointer + "/props/" + prop));
        }
        bound_by_key[spec.key] = bound.size();
        bound.push_back(std::move(entity));
    }
    std::vector<BoundRelation> relations;
    for (const auto& spec : mapping.relations) {
        BoundRelation relation{
            &spec,
            bound_by_key.at(spec.from),
            bound_by_key.at(spec.to),
            columns.find(spec.role_column, spec.pointer + "/role_column"),
            columns.find(spec.amount_column, spec.pointer + "/amount_column"),
            columns.find(spec.currency_column, spec.pointer + "/currency_column"),
            columns.find(spec.start_column, spec.pointer + "/start_column"),
            columns.find(spec.end_column, spec.pointer + "/end_column"),
            {},
            columns.find(spec.amount_fallback_column, spec.pointer + "/amount_fallback_column")};
        for (const auto& [prop, column] : spec.props) {
            relation.props.emplace_back(prop,
                                        *columns.find(column, spec.pointer + "/props/" + prop));
        }
        relations.push_back(std::move(relation));
    }

    struct Built {
        Entity entity;
        std::set<std::string> spellings;
    };
    std::vector<Built> entities;
    std::unordered_map<std::string, std::size_t> entity_at;
    std::vector<Relation> ties;
    std::unordered_map<std::string, std::size_t> tie_at;

    auto cell = [](const CsvRecord& record, std::size_t column) -> std::string {
        return column < record.fields.size() ? trim(record.fields[column]) : std::string{};
    };
    auto where = [&file](const CsvRecord& record, std::optional<std::size_t> column) {
        std::uint32_t col = 1;
        if (column && *column < record.columns.size()) {
            col = record.columns[*column];
        }
        return SourceLocation{file, record.line, col, {}};
    };

    // Merging by an id column, a row whose id cell is empty joins the entity that rows with
    // an id give the same normalised name (LittleSis lists people with and without their
    // id); a name two ids share stays apart, by name.
    std::vector<std::unordered_map<std::string, std::string>> id_by_name(bound.size());
    for (std::size_t idx = 0; idx < bound.size(); ++idx) {
        const BoundEntity& spec = bound[idx];
        if (spec.spec->merge_by_name || !spec.id_column || !spec.name_column ||
            !spec.spec->id.empty()) {
            continue;
        }
        std::unordered_set<std::string> ambiguous;
        for (const CsvRecord& record : table.records) {
            const std::string raw = cell(record, *spec.id_column);
            const std::string folded = graph::normalize_name(cell(record, *spec.name_column));
            if (raw.empty() || folded.empty() || ambiguous.count(folded) != 0) {
                continue;
            }
            const std::string id = spec.spec->id_prefix + raw;
            auto [known, added] = id_by_name[idx].emplace(folded, id);
            if (!added && known->second != id) {
                id_by_name[idx].erase(known);
                ambiguous.insert(folded);
            }
        }
    }
    // Role cells that differ only in case are one role, spelled as first seen
    // ("Transition entity" / "Transition Entity").
    std::unordered_map<std::string, std::string> role_spelling;
    auto role_of = [&role_spelling](std::string role) {
        if (role.empty()) {
            return role;
        }
        return role_spelling.emplace(graph::normalize_name(role), role).first->second;
    };

    std::size_t done_records = 0;
    for (const CsvRecord& record : table.records) {
        ++report.records;
        if (progress && (++done_records % 4096) == 0) {
            progress(static_cast<std::size_t>(record.raw.data() - text.data()), text.size());
        }
        std::vector<std::string> ids(bound.size());
        std::string missing;
        for (std::size_t idx = 0; idx < bound.size(); ++idx) {
            const BoundEntity& spec = bound[idx];
            std::string id;
            std::string name = spec.spec->name;
            if (spec.name_column) {
                name = cell(record, *spec.name_column);
            }
            if (!spec.spec->id.empty()) {
                id = spec.spec->id;
            } else {
                if (!spec.spec->merge_by_name && spec.id_column) {
                    const std::string raw = cell(record, *spec.id_column);
                    if (!raw.empty()) {
                        id = spec.spec->id_prefix + raw;
                    }
                }
                if (id.empty() && !name.empty()) {
                    const std::string folded = graph::normalize_name(name);
                    if (auto known = id_by_name[idx].find(folded); known != id_by_name[idx].end()) {
                        id = known->second;
                    } else if (auto pinned = mapping.pinned.find(folded);
                               pinned != mapping.pinned.end()) {
                        id = pinned->second;
                    } else if (!folded.empty()) {
                        id = spec.spec->id_prefix + slug(folded);
                    }
                }
            }
            if (id.empty()) {
                if (spec.spec->required && missing.empty()) {
                    missing = !spec.spec->merge_by_name && !spec.spec->id_column.empty()
                                  ? spec.spec->id_column
                                  : spec.spec->name_column;
                }
                continue;
            }
            ids[idx] = id;
            auto [slot, inserted] = entity_at.emplace(id, entities.size());
            if (inserted) {
                Built built;
                built.entity.id = id;
                built.entity.type = spec.spec->type;
                if (spec.type_column) {
                    // The row's own type, lowercased; the spec's type when the cell is empty.
                    std::string type = cell(record, *spec.type_column);
                    std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) {
                        return static_cast<char>(std::tolower(c));
                    });
                    if (!type.empty()) {
                        built.entity.type = type;
                    }
                }

                built.entity.name = name.empty() ? id : name;
                built.entity.aliases = spec.spec->aliases;
                built.entity.tags = spec.spec->tags;
                built.entity.origin =
                    where(record, spec.name_column ? spec.name_column : spec.id_column);
                if (!name.empty()) {
                    built.spellings.insert(name);
                }
                entities.push_back(std::move(built));
            } else if (!name.empty()) {
                Built& built = entities[slot->second];
                if (built.spellings.insert(name).second) {
                    ++report.merged;
                    if (report.merged_examples.size() < 5) {
                        report.merged_examples.push_back(fmt::format("'{}' into '{}'", name, id));
                    }
                    if (name != built.entity.name &&
                        std::find(built.entity.aliases.begin(), built.entity.aliases.end(), name) ==
                            built.entity.aliases.end()) {
                        built.entity.aliases.push_back(name);
                    }
                }
            }
            Entity& entity = entities[slot->second].entity;
            for (const auto& [prop, column] : spec.props) {
                const std::string value = cell(record, column);
                if (!value.empty() && entity.props.find(prop) == entity.props.end()) {
                    entity.props[prop] = PropValue{PropValue::Kind::String, value};
                }
            }
        }
        if (!missing.empty()) {
            report.skip(fmt::format("empty '{}'", missing), record.line);
            continue;
        }
        for (const BoundRelation& spec : relations) {
            const std::string& from = ids[spec.from];
            const std::string& to = ids[spec.to];
            if (from.empty() || to.empty()) {
                continue;
            }
            if (from == to) {
                ++report.self_ties;
                continue;
            }
            Relation relation;
            relation.from = from;
            relation.to = to;
            relation.type = spec.spec->type;
            relation.role = spec.role ? role_of(cell(record, *spec.role)) : spec.spec->role;
            relation.origin = where(record, std::nullopt);
            if (spec.amount) {
                std::optional<std::size_t> amount_at = spec.amount;
                std::string raw = cell(record, *spec.amount);
                if (raw.empty() && spec.amount_fallback) {
                    raw = cell(record, *spec.amount_fallback);
                    if (!raw.empty()) {
                        amount_at = spec.amount_fallback;
                        relation.props["amount_column"] =
                            PropValue{PropValue::Kind::String, spec.spec->amount_fallback_column};
                        ++report.amount_fallbacks;
                    }
                }
                const std::string& amount_name = amount_at == spec.amount
                                                     ? spec.spec->amount_column
                                                     : spec.spec->amount_fallback_column;
                if (!raw.empty()) {
                    const auto value = parse_amount(raw);
                    if (!value && detail::is_unrepresentable_number(raw)) {
                        builder.add_diagnostic(
                            detail::amount_not_finite(where(record, amount_at), raw));
                    } else if (value && *value < 0 &&
                               !negative_allowed(builder.schema(), spec.spec->type)) {
                        builder.add_diagnostic(
                            {Severity::Warning, where(record, amount_at),
                             fmt::format("'{}' in column '{}' is a negative amount, which '{}' "
                                         "ties do not take; kept as prop 'amount'",
                                         raw, amount_name, spec.spec->type),
                             "if it is money taken back (a de-obligation), give the type "
                             "\"negative_amounts\": true in the mapping's schema",
                             std::nullopt});
                        relation.props["amount"] = PropValue{PropValue::Kind::String, raw};
                    } else if (!value) {
                        builder.add_diagnostic(
                            {Severity::Warning, where(record, amount_at),
                             fmt::format("'{}' in column '{}' is not a non-negative amount; kept "
                                         "as prop 'amount'",
                                         raw, amount_name),
                             "", std::nullopt});
                        relation.props["amount"] = PropValue{PropValue::Kind::String, raw};
                    } else {
                        std::string currency =
                            spec.currency ? cell(record, *spec.currency) : spec.spec->currency;
                        relation.amount = Amount{*value, currency};
                    }
                }
            }
            const std::optional<std::size_t>* dates[2] = {&spec.start, &spec.end};
            graph::Text* targets[2] = {&relation.start, &relation.end};
            for (int end = 0; end < 2; ++end) {
                if (!*dates[end]) {
                    continue;
                }
                const std::string raw = cell(record, **dates[end]);
                if (raw.empty()) {
                    continue;
                }
                const std::string head = raw.substr(0, 10);
                if (graph::parse_partial_date(head) &&
                    (raw.size() == 10 || raw.size() == 4 || raw.size() == 7 || raw[10] == ' ' ||
                     raw[10] == 'T')) {
                    *targets[end] = graph::parse_partial_date(raw) ? raw : head;
                } else {
                    builder.add_diagnostic({Severity::Warning, where(record, *dates[end]),
                                            fmt::format("'{}' is not a date; kept as prop '{}'",
                                                        raw, end == 0 ? "start" : "end"),
                                            "dates are YYYY, YYYY-MM or YYYY-MM-DD", std::nullopt});
                    relation.props[end == 0 ? "start" : "end"] =
                        PropValue{PropValue::Kind::String, raw};
                }
            }
            for (const auto& [prop, column] : spec.props) {
                const std::string value = cell(record, column);
                if (!value.empty()) {
                    relation.props[prop] = PropValue{PropValue::Kind::String, value};
                }
            }
            // Identical ties from several rows are one tie (an office is part of ICE once).
            std::string key =
                fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", relation.from, relation.type,
                            relation.to, relation.role,
                            relation.amount ? fmt::format("{} {}", relation.amount->value,
                                                          relation.amount->currency)
                                            : "",
                            relation.start, relation.end);
            for (const auto& [prop, value] : relation.props) {
                key += fmt::format("\x1f{}={}", prop, value.text);
            }
            if (tie_at.count(key) != 0) {
                continue;
            }
            if (mapping.cite_rows) {
                relation.sources = {Citation{
                    source_id, graph::Text::unique(record.raw),
                    graph::Text::unique(fmt::format("{} line {}", file_base, record.line))}};
            }
            tie_at.emplace(std::move(key), ties.size());
            ties.push_back(std::move(relation));
        }
    }
    for (auto& built : entities) {
        builder.add_entity(std::move(built.entity));
    }
    for (auto& relation : ties) {
        builder.add_relation(std::move(relation));
    }
    if (progress) {
        progress(text.size(), text.size());
    }
}

/// The elements of a JSON array of records as rows: the keys (in the order first seen) are
/// the columns; strings are cells as they are, other values their JSON text (null: empty).
/// Throws powermap::Error for malformed JSON or an element that is not an object.
CsvTable json_records(std::string_view file_name, std::string_view text,
                      const InputLimits& limits) {
    const std::string file(file_name);
    rapidjson::Document doc;
    detail::GuardReport guard;
    const auto parsed = detail::parse_document(doc, text, limits.max_depth, guard);
    const LineIndex lines(text);
    auto at = [&](std::size_t offset) {
        const auto [line, column] = lines.position(offset);
        return SourceLocation{file, line, column, {}};
    };
    if (guard.too_deep) {
        const auto [line, column] = lines.position(guard.deep_offset);
        throw_too_deep(file, line, column, limits);
    }
    if (parsed.IsError()) {
        throw Error(Diagnostic{
            Severity::Error, at(parsed.Offset()),
            fmt::format("malformed JSON: {}", rapidjson::GetParseError_En(parsed.Code())),
            "check for a missing comma, quote or bracket just before this point", std::nullopt});
    }
    if (!doc.IsArray()) {
        throw Error(Diagnostic{Severity::Error, at(0), "a mapping reads a JSON array of records",
                               "the file must hold [{\"column\": \"value\", ...}, ...]",
                               std::nullopt});
    }
    // Where each element starts and ends: the text is valid JSON, so brackets and strings
    // are enough to find them.
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    std::size_t pos = text.find('[') + 1;
    auto skip_space = [&] {
        while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\n' || text[pos] == '\r' ||
                                     text[pos] == '\t' || text[pos] == ',')) {
            ++pos;
        }
    };
    for (skip_space(); pos < text.size() && text[pos] != ']'; skip_space()) {
        const std::size_t start = pos;
        int depth = 0;
        bool in_string = false;
        for (; pos < text.size(); ++pos) {
            const char c = text[pos];
            if (in_string) {
                if (c == '\\') {
                    ++pos;
                } else if (c == '"') {
                    in_string = false;
                    if (depth == 0) {
                        ++pos;
                        break;
                    }
                }
                continue;
            }
            if (c == '"') {
                in_string = true;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    break; // the array's own ']' after a bare value
                }
                if (--depth == 0) {
                    ++pos;
                    break;
                }
            } else if (depth == 0 &&
                       (c == ',' || c == ' ' || c == '\n' || c == '\r' || c == '\t')) {
                break;
            }
        }
        spans.emplace_back(start, pos);
    }
    CsvTable table;
    std::map<std::string, std::size_t> column_of;
    const auto& items = doc.GetArray();
    for (rapidjson::SizeType idx = 0; idx < items.Size(); ++idx) {
        const std::size_t start = idx < spans.size() ? spans[idx].first : 0;
        const std::size_t end = idx < spans.size() ? spans[idx].second : start;
        if (!items[idx].IsObject()) {
            throw Error(Diagnostic{Severity::Error, at(start),
                                   fmt::format("item {} of the array is not an object", idx),
                                   "each item is one record: {\"column\": \"value\", ...}",
                                   std::nullopt});
        }
        CsvRecord record;
        const auto [line, column] = lines.position(start);
        record.line = line;
        record.raw = text.substr(start, end - start);
        for (const auto& member : items[idx].GetObject()) {
            const std::string key(member.name.GetString(), member.name.GetStringLength());
            auto [found, added] = column_of.emplace(key, table.header.size());
            if (added) {
                table.header.push_back(key);
            }
            if (record.fields.size() <= found->second) {
                record.fields.resize(found->second + 1);
                record.columns.resize(found->second + 1, column);
            }
            const auto& value = member.value;
            record.fields[found->second] =
                value.IsString() ? std::string(value.GetString(), value.GetStringLength())
                : value.IsNull() ? std::string()
                                 : compact(value);
        }
        table.records.push_back(std::move(record));
    }
    for (auto& record : table.records) {
        record.fields.resize(table.header.size());
        record.columns.resize(table.header.size(), record.columns.empty() ? 1 : record.columns[0]);
    }
    return table;
}

} // namespace

void read_csv_with_mapping(std::string_view file_name, std::string_view text,
                           const CsvMapping& mapping, graph::EntityGraphBuilder& builder,
                           ImportReport& report, const ProgressFn& progress,
                           const InputLimits& limits) {
    report.file = std::string(file_name);
    report.format = "csv";
    std::string converted;
    text = as_utf8(file_name, text, converted, builder);
    CsvOptions options;
    options.delimiter = mapping.delimiter;
    options.header = mapping.header;
    options.limits = limits;
    CsvTable table = read_csv(file_name, text, options);
    if (!mapping.header) {
        // Columns named by number, "1" first, as far as the widest row goes.
        std::size_t width = 0;
        for (const auto& record : table.records) {
            width = std::max(width, record.fields.size());
        }
        table.header.clear();
        for (std::size_t column = 1; column <= width; ++column) {
            table.header.push_back(std::to_string(column));
        }
    }
    map_table(file_name, text, table, mapping, builder, report, progress, limits);
}

void read_json_records_with_mapping(std::string_view file_name, std::string_view text,
                                    const CsvMapping& mapping, graph::EntityGraphBuilder& builder,
                                    ImportReport& report, const ProgressFn& progress,
                                    const InputLimits& limits) {
    report.file = std::string(file_name);
    report.format = "json";
    report.mapped_rows = true;
    CsvTable table = json_records(file_name, text, limits);
    map_table(file_name, text, table, mapping, builder, report, progress, limits);
}

bool is_json_array(std::string_view text) {
    const auto start = text.find_first_not_of(" \t\r\n");
    return start != std::string_view::npos && text[start] == '[';
}

void resolve_mapping_positions(const CsvMapping& mapping, std::vector<Diagnostic>& diagnostics) {
    resolve_json_positions(mapping.file, mapping.text, diagnostics);
}

// ---- plain tables -------------------------------------------------------------------

std::string unguard_cell(std::string_view cell) {
    std::size_t quotes = 0;
    while (quotes < cell.size() && cell[quotes] == '\'') {
        ++quotes;
    }
    if (quotes == 0 || quotes == cell.size()) {
        return std::string(cell);
    }
    const char next = cell[quotes];
    if (next == '=' || next == '+' || next == '-' || next == '@' || next == '\t' || next == '\r') {
        return std::string(cell.substr(1));
    }
    return std::string(cell);
}

std::optional<std::string> plain_csv_kind(const std::vector<std::string>& header) {
    auto has = [&header](std::string_view name) {
        return std::find(header.begin(), header.end(), name) != header.end();
    };
    if (has("from") && has("to") && has("type")) {
        return "relations";
    }
    if (has("id") && has("type") && has("name")) {
        return "entities";
    }
    if (has("id") && has("title") && !has("type")) {
        return "sources";
    }
    return std::nullopt;
}

namespace {

std::vector<std::string> split_list(const std::string& cell) {
    std::vector<std::string> out;
    if (cell.empty()) {
        return out;
    }
    std::size_t start = 0;
    while (true) {
        const std::size_t bar = cell.find('|', start);
        out.push_back(
            cell.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
        if (bar == std::string::npos) {
            break;
        }
        start = bar + 1;
    }
    return out;
}

} // namespace

void read_plain_csv(std::string_view file_name, std::string_view text,
                    const TextResolver& resolve_text, graph::EntityGraphBuilder& builder,
                    ImportReport& report, const InputLimits& limits) {
    const std::string file(file_name);
    report.file = file;
    report.format = "csv";
    std::string converted;
    text = as_utf8(file_name, text, converted, builder);
    CsvOptions options;
    options.limits = limits;
    CsvTable table = read_csv(file_name, text, options);
    for (auto& diagnostic : table.diagnostics) {
        builder.add_diagnostic(diagnostic);
    }
    const auto kind = plain_csv_kind(table.header);
    if (!kind) {
        throw Error(Diagnostic{Severity::Error,
                               {file, 1 + static_cast<std::uint32_t>(table.blank_lines), 1, {}},
                               "this CSV is not a plain entities, relations or sources table",
                               "give a mapping: 'powermap import FILE --mapping M.json' (see "
                               "samples/*.mapping.json), or use the columns id,type,name / "
                               "from,to,type",
                               std::nullopt});
    }
    for (const CsvRecord& record : table.records) {
        ++report.records;
        auto at = [&record, &file](std::size_t column) {
            return SourceLocation{
                file, record.line, column < record.columns.size() ? record.columns[column] : 1, {}};
        };
        std::map<std::string, std::string> values;
        graph::Props props;
        std::map<std::string, std::string> names;
        std::map<int, Citation> citations;
        for (std::size_t column = 0; column < table.header.size(); ++column) {
            const std::string value =
                column < record.fields.size() ? unguard_cell(record.fields[column]) : std::string{};
            const std::string& name = table.header[column];
            if (name.rfind("prop:", 0) == 0) {
                if (!value.empty()) {
                    std::string key = name.substr(5);
                    PropValue::Kind prop_kind = PropValue::Kind::String;
                    const auto colon = key.rfind(':');
                    if (colon != std::string::npos) {
                        if (auto typed =
                                detail::kind_from_name(std::string_view(key).substr(colon + 1))) {
                            prop_kind = *typed;
                            key.erase(colon);
                        }
                    }
                    props[key] = detail::checked_prop(PropValue{prop_kind, value});
                }
            } else if (name.rfind("name:", 0) == 0) {
                if (!value.empty()) {
                    names[name.substr(5)] = value;
                }
            } else if (*kind == "relations" &&
                       (name.rfind("source", 0) == 0 || name.rfind("quote", 0) == 0 ||
                        name.rfind("note", 0) == 0)) {
                const auto underscore = name.find('_');
                int slot = 1;
                if (underscore != std::string::npos) {
                    slot = std::atoi(name.c_str() + underscore + 1);
                }
                const std::string field = name.substr(0, underscore);
                if (field != "source" && field != "quote" && field != "note") {
                    props[name] = PropValue{PropValue::Kind::String, value};
                    continue;
                }
                Citation& citation = citations[slot];
                (field == "source"  ? citation.source
                 : field == "quote" ? citation.quote
                                    : citation.note) = value;
            } else {
                values[name] = value;
            }
        }
        auto take = [&values](const char* key) {
            auto found = values.find(key);
            if (found == values.end()) {
                return std::string{};
            }
            std::string out = std::move(found->second);
            values.erase(found);
            return out;
        };
        if (*kind == "entities") {
            Entity entity;
            entity.origin = at(0);
            entity.id = take("id");
            entity.type = take("type");
            entity.name = take("name");
            entity.names = std::move(names);
            entity.aliases = split_list(take("aliases"));
            entity.tags = split_list(take("tags"));
            if (entity.id.empty()) {
                report.skip("empty 'id'", record.line);
                continue;
            }
            for (auto& [key, value] : values) {
                if (!value.empty()) {
                    props[key] = PropValue{PropValue::Kind::String, value};
                }
            }
            entity.props = std::move(props);
            builder.add_entity(std::move(entity));
        } else if (*kind == "relations") {
            Relation relation;
            relation.origin = at(0);
            relation.id = take("id");
            relation.from = take("from");
            relation.to = take("to");
            relation.type = take("type");
            relation.role = take("role");
            relation.start = take("start");
            relation.end = take("end");
            const std::string amount = take("amount");
            const std::string currency = take("currency");
            if (!amount.empty()) {
                const auto value = parse_amount(amount);
                if (!value) {
                    builder.add_diagnostic(
                        {Severity::Error,
                         at(static_cast<std::size_t>(
                             std::find(table.header.begin(), table.header.end(), "amount") -
                             table.header.begin())),
                         fmt::format("'{}' is not an amount", amount),
                         "write a plain number such as 6800000000", std::nullopt});
                } else {
                    relation.amount = Amount{*value, currency};
                }
            }
            if (relation.from.empty() || relation.to.empty() || relation.type.empty()) {
                report.skip("empty 'from', 'to' or 'type'", record.line);
                continue;
            }
            std::vector<Citation> cited;
            for (auto& [slot, citation] : citations) {
                if (!citation.source.empty() || !citation.quote.empty()) {
                    cited.push_back(citation);
                }
            }
            relation.sources = cited;
            for (auto& [key, value] : values) {
                if (!value.empty()) {
                    props[key] = PropValue{PropValue::Kind::String, value};
                }
            }
            relation.props = std::move(props);
            builder.add_relation(std::move(relation));
        } else {
            Source source;
            source.origin = at(0);
            source.id = take("id");
            source.title = take("title");
            source.title_en = take("title_en");
            source.publisher = take("publisher");
            source.date = take("date");
            source.language = take("language");
            source.url = take("url");
            source.text_file = take("text_file");
            std::string embedded = take("text");
            if (source.id.empty()) {
                report.skip("empty 'id'", record.line);
                continue;
            }
            for (auto& [key, value] : values) {
                if (!value.empty()) {
                    props[key] = PropValue{PropValue::Kind::String, value};
                }
            }
            source.props = std::move(props);
            if (!embedded.empty()) { // the table's own `text` column wins over text_file
                source.text = std::move(embedded);
                source.text_in_map = true;
            } else if (!source.text_file.empty() && resolve_text) {
                auto found = resolve_text(file_name, source.text_file);
                if (found.problem == TextProblem::None) {
                    source.text = std::move(found.text);
                    source.text_path = std::move(found.path);
                } else {
                    const auto column = std::find(table.header.begin(), table.header.end(),
                                                  std::string("text_file")) -
                                        table.header.begin();
                    builder.add_diagnostic(source_text_warning(
                        source.id, source.text_file, found, at(static_cast<std::size_t>(column))));
                }
            }
            builder.add_source(std::move(source));
        }
    }
}

void resolve_plain_csv_positions(std::string_view file_name, std::string_view text,
                                 std::vector<Diagnostic>& diagnostics) {
    auto about_a_field = [file_name](const Diagnostic& diagnostic) {
        return diagnostic.location.file == file_name && diagnostic.location.line > 0 &&
               diagnostic.location.path.size() > 1 && diagnostic.location.path[0] == '/';
    };
    if (std::none_of(diagnostics.begin(), diagnostics.end(), about_a_field)) {
        return;
    }
    std::string converted;
    if (detail::first_invalid_utf8(text)) {
        converted = detail::windows1252_to_utf8(text); // as read_plain_csv read it
        text = converted;
    }
    const CsvTable table = read_csv(file_name, text);
    std::unordered_map<std::uint32_t, const CsvRecord*> by_line;
    for (const auto& record : table.records) {
        by_line.emplace(record.line, &record);
    }
    auto column_of = [&table](std::string_view name) -> std::optional<std::size_t> {
        const auto found = std::find(table.header.begin(), table.header.end(), name);
        if (found == table.header.end()) {
            return std::nullopt;
        }
        return static_cast<std::size_t>(found - table.header.begin());
    };
    for (auto& diagnostic : diagnostics) {
        if (!about_a_field(diagnostic)) {
            continue;
        }
        SourceLocation& where = diagnostic.location;
        const auto record = by_line.find(where.line);
        std::string_view path = std::string_view(where.path).substr(1);
        std::string field(path.substr(0, path.find('/')));
        if (path == "amount/currency") {
            field = "currency";
        } else if (field == "sources") {
            // "/sources/N[/source|/quote]": the Nth citation the row gives, in slot order
            // (source, quote, note; then source_2, quote_2, ...), empty slots skipped.
            std::string_view rest = path.substr(std::min(path.size(), std::size_t{8}));
            std::size_t nth = 0;
            std::from_chars(rest.data(), rest.data() + rest.size(), nth);
            const auto slash = rest.find('/');
            const std::string part =
                slash == std::string_view::npos ? "quote" : std::string(rest.substr(slash + 1));
            field.clear();
            if (record != by_line.end()) {
                std::size_t seen = 0;
                for (int slot = 1; slot < 1000 && field.empty(); ++slot) {
                    const std::string suffix = slot == 1 ? "" : fmt::format("_{}", slot);
                    const auto source = column_of("source" + suffix);
                    const auto quote = column_of("quote" + suffix);
                    if (!source && !quote) {
                        if (slot > 1) {
                            break;
                        }
                        continue;
                    }
                    auto filled = [&](std::optional<std::size_t> column) {
                        return column && *column < record->second->fields.size() &&
                               !record->second->fields[*column].empty();
                    };
                    if ((filled(source) || filled(quote)) && seen++ == nth) {
                        field = part + suffix;
                    }
                }
            }
        }
        if (record != by_line.end()) {
            if (const auto column = column_of(field);
                column && *column < record->second->columns.size()) {
                where.column = record->second->columns[*column];
            }
        }
        where.path.clear();
    }
}

} // namespace powermap::io
