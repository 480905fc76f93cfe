#include "io/formats/ftm_reader.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <unordered_set>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "io/detail/json_reading.hpp"
#include "io/files/line_index.hpp"
#include "io/formats/ftm_model.hpp"
#include "io/formats/interop_util.hpp"

namespace powermap::io {

namespace {

using graph::PropValue;
using Kind = PropValue::Kind;

struct FtmEntity {
    std::string id;
    std::string schema;
    std::vector<std::pair<std::string, std::vector<std::string>>> properties; ///< in file order
    graph::Props extras;
    std::uint32_t line = 0;
    std::string_view raw; ///< the line, for columns
};

/// 1-based column (code points) of byte `offset` in `line`.
std::uint32_t column_at(std::string_view line, std::size_t offset) {
    std::uint32_t column = 1;
    for (std::size_t idx = 0; idx < std::min(offset, line.size()); ++idx) {
        if ((static_cast<unsigned char>(line[idx]) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return column;
}

/// 1-based column (code points) of `needle` quoted in `line`, or 1.
std::uint32_t column_of(std::string_view line, std::string_view needle) {
    const auto at = line.find(detail::json_quote(needle));
    if (at == std::string_view::npos) {
        return 1;
    }
    return column_at(line, at);
}

std::string_view first_line(std::string_view text) {
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        if (!detail::trim(text.substr(start, end - start)).empty()) {
            return text.substr(start, end - start);
        }
        start = end + 1;
    }
    return {};
}

PropValue list_value(const std::vector<std::string>& values) {
    if (values.size() == 1) {
        return {Kind::String, values.front()};
    }
    return {Kind::Json, detail::json_string_list(values)};
}

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

} // namespace

bool looks_like_ftm(std::string_view text, std::uint32_t max_depth) {
    // At most the first MiB, as for a streamed .json: a minified map is one long line, and
    // parsing all of it here would parse it twice.
    rapidjson::Document doc;
    const std::string_view line = first_line(without_bom(text)).substr(0, std::size_t{1} << 20);
    return detail::parse_small_json(doc, line, max_depth) && doc.IsObject() &&
           doc.HasMember("schema") && doc.HasMember("properties") && !doc.HasMember("format");
}

void read_ftm(std::string_view file_name, std::string_view text, graph::EntityGraphBuilder& builder,
              ImportReport& report, const ProgressFn& progress, const InputLimits& limits) {
    const std::string file(file_name);
    text = without_bom(text);
    check_line_lengths(file, text, limits);
    report.file = file;
    report.format = "ftm";
    if (const auto bad = detail::first_invalid_utf8(text)) {
        const auto [bad_line, bad_column] = LineIndex(text).position(*bad);
        throw Error(Diagnostic{Severity::Error,
                               {file, bad_line, bad_column, {}},
                               "the stream is not UTF-8",
                               "FtM streams are UTF-8 JSON; convert it, e.g. with iconv",
                               std::nullopt});
    }
    std::vector<FtmEntity> entities;
    std::uint32_t line = 0;
    std::size_t start = 0;
    auto problem = [&](Severity severity, std::uint32_t at_line, std::uint32_t column,
                       std::string message, std::string hint = {}) {
        builder.add_diagnostic({severity,
                                {file, at_line, column, {}},
                                std::move(message),
                                std::move(hint),
                                std::nullopt});
    };
    while (start < text.size()) {
        ++line;
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const std::string_view raw = text.substr(start, end - start);
        const std::size_t line_start = start;
        start = end + 1;
        if (progress && (line % 4096) == 0) {
            progress(line_start, text.size());
        }
        if (detail::trim(raw).empty()) {
            continue;
        }
        if (++report.records > limits.max_records) {
            throw_too_many_records(file, line, 1, limits);
        }
        rapidjson::Document doc;
        detail::GuardReport guard;
        const auto parsed = detail::parse_document(doc, raw, limits.max_depth, guard, true);
        if (guard.too_deep) {
            throw_too_deep(file, line, column_at(raw, guard.deep_offset), limits);
        }
        for (const auto& repeat : guard.repeated) {
            builder.add_diagnostic(detail::repeated_key_problem(
                {file, line, column_at(raw, repeat.offset), {}}, repeat.key,
                {file, line, column_at(raw, repeat.first_offset), {}}));
        }
        if (parsed.IsError()) {
            const auto column = column_at(raw, parsed.Offset());
            std::string message = rapidjson::GetParseError_En(parsed.Code());
            if (!message.empty() && message.back() == '.') {
                message.pop_back();
            }
            if (!message.empty()) {
                message[0] =
                    static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
            }
            problem(Severity::Error, line, column, "malformed JSON line: " + message,
                    "an FtM stream holds one JSON object per line");
            continue;
        }
        if (!doc.IsObject()) {
            problem(Severity::Error, line, 1, "an FtM line must be a JSON object");
            continue;
        }
        FtmEntity entity;
        entity.line = line;
        entity.raw = raw;
        auto get = [&doc](const char* key) -> std::string {
            auto found = doc.FindMember(key);
            return found != doc.MemberEnd() && found->value.IsString()
                       ? std::string(found->value.GetString(), found->value.GetStringLength())
                       : std::string{};
        };
        entity.id = get("id");
        entity.schema = get("schema");
        if (entity.id.empty() || entity.schema.empty()) {
            problem(Severity::Error, line, 1,
                    fmt::format("entity lacks {}", entity.id.empty() ? "an 'id'" : "a 'schema'"),
                    "every FtM entity has \"id\" and \"schema\"");
            continue;
        }
        if (auto props = doc.FindMember("properties");
            props != doc.MemberEnd() && props->value.IsObject()) {
            for (const auto& prop : props->value.GetObject()) {
                std::vector<std::string> values;
                if (prop.value.IsArray()) {
                    for (const auto& item : prop.value.GetArray()) {
                        if (item.IsString()) {
                            values.emplace_back(item.GetString(), item.GetStringLength());
                        }
                    }
                } else if (prop.value.IsString()) {
                    values.emplace_back(prop.value.GetString(), prop.value.GetStringLength());
                }
                if (!values.empty()) {
                    entity.properties.emplace_back(prop.name.GetString(), std::move(values));
                }
            }
        }
        for (std::string_view field : ftm::extra_fields()) {
            auto found = doc.FindMember(rapidjson::StringRef(field.data(), field.size()));
            if (found == doc.MemberEnd() || found->value.IsNull()) {
                continue;
            }
            const std::string key = fmt::format("ftm:{}", field);
            const auto& value = found->value;
            if (value.IsString()) {
                entity.extras[key] = {Kind::String,
                                      std::string(value.GetString(), value.GetStringLength())};
            } else if (value.IsBool()) {
                entity.extras[key] = {Kind::Bool, value.GetBool() ? "true" : "false"};
            } else if (value.IsArray()) {
                std::vector<std::string> items;
                for (const auto& item : value.GetArray()) {
                    if (item.IsString()) {
                        items.emplace_back(item.GetString(), item.GetStringLength());
                    }
                }
                entity.extras[key] = {Kind::Json, detail::json_string_list(items)};
            }
        }
        entities.push_back(std::move(entity));
    }

    // An entity's referents (ids merged into it, as OpenSanctions keeps them) name it too: a
    // reference to one is a tie to the entity (the builder resolves it).
    auto referents_of = [](const FtmEntity& entity) {
        const auto found = entity.extras.find("ftm:referents");
        std::vector<std::string> ids;
        if (found != entity.extras.end() && found->second.kind == Kind::Json) {
            ids = detail::parse_string_list(found->second.text).value_or(ids);
        }
        return ids;
    };
    std::unordered_set<std::string> node_ids;
    for (const auto& entity : entities) {
        if (!ftm::find_edge_schema(entity.schema)) {
            node_ids.insert(entity.id);
            for (auto& referent : referents_of(entity)) {
                node_ids.insert(std::move(referent));
            }
        }
    }
    std::set<std::string> declared_entity_types;
    std::set<std::string> used_relation_types;
    auto dangling = [&](const FtmEntity& entity, std::string_view property,
                        const std::string& target) {
        ++report.dangling;
        problem(Severity::Warning, entity.line, column_of(entity.raw, target),
                fmt::format("{} '{}' refers through '{}' to '{}', which this stream does not "
                            "define; the tie is left out",
                            entity.schema, entity.id, property, target),
                "add that entity to the stream, or ignore this if the stream is a cut-out");
    };
    for (const auto& entity : entities) {
        const SourceLocation origin{file, entity.line, 1, {}};
        if (const auto* edge = ftm::find_edge_schema(entity.schema)) {
            graph::Relation relation;
            relation.id = entity.id;
            relation.type = std::string(edge->relation);
            relation.origin = origin;
            graph::Props props = entity.extras;
            std::map<std::string, std::vector<std::string>> rest;
            for (const auto& [name, values] : entity.properties) {
                if (name == edge->source || name == edge->target) {
                    if (values.size() > 1) {
                        problem(Severity::Warning, entity.line, 1,
                                fmt::format("{} '{}' has {} values for '{}'; the first is used",
                                            entity.schema, entity.id, values.size(), name));
                    }
                    (name == edge->source ? relation.from : relation.to) = values.front();
                } else {
                    rest[name] = values;
                }
            }
            if (relation.from.empty() || relation.to.empty()) {
                report.skip(fmt::format("{} without '{}'", entity.schema,
                                        relation.from.empty() ? edge->source : edge->target),
                            entity.line);
                continue;
            }
            bool ok = true;
            for (const auto& [end, property] :
                 {std::pair{relation.from, edge->source}, std::pair{relation.to, edge->target}}) {
                if (node_ids.count(end) == 0) {
                    dangling(entity, property, end);
                    ok = false;
                }
            }
            if (!ok) {
                continue;
            }
            auto single = [&rest](const char* name) -> std::optional<std::string> {
                auto found = rest.find(name);
                if (found == rest.end() || found->second.size() != 1) {
                    return std::nullopt;
                }
                return found->second.front();
            };
            if (auto role = single("role")) {
                relation.role = *role;
                rest.erase("role");
            }
            for (const char* name : {"startDate", "date"}) {
                if (auto date = single(name);
                    date && relation.start.empty() && graph::parse_partial_date(*date)) {
                    relation.start = *date;
                    rest.erase(name);
                }
            }
            if (auto date = single("endDate"); date && graph::parse_partial_date(*date)) {
                relation.end = *date;
                rest.erase("endDate");
            }
            auto take_amount = [&](const char* name, std::optional<std::string> currency) {
                auto raw = single(name);
                if (!raw || relation.amount) {
                    return;
                }
                auto value = detail::parse_number(*raw);
                if (!value && detail::is_unrepresentable_number(*raw)) {
                    builder.add_diagnostic(detail::amount_not_finite(
                        {file, entity.line, column_of(entity.raw, *raw), {}}, *raw));
                    rest.erase(name);
                    return;
                }
                if (!value) {
                    return;
                }
                // A negative amount is money taken back where the type allows it (an award's
                // de-obligation, a refund); elsewhere it stays a prop, said as CSV says it.
                if (*value < 0 && !edge->negative_amounts_allowed()) {
                    problem(Severity::Warning, entity.line, column_of(entity.raw, *raw),
                            fmt::format("'{}' in property '{}' is a negative amount, which a {} "
                                        "does not take; kept as prop '{}'",
                                        *raw, name, entity.schema, name));
                    return;
                }
                if (!currency) {
                    currency = single("currency");
                    if (!currency) {
                        return;
                    }
                    rest.erase("currency");
                }
                relation.amount = graph::Amount{*value, upper(*currency)};
                rest.erase(name);
            };
            take_amount("amount", std::nullopt);
            take_amount("amountEur", std::string("EUR"));
            take_amount("amountUsd", std::string("USD"));
            for (const auto& [name, values] : rest) {
                props[name] = list_value(values);
            }
            relation.props = std::move(props);
            used_relation_types.insert(relation.type);
            builder.add_relation(std::move(relation));
            continue;
        }
        graph::Entity out;
        out.id = entity.id;
        out.type = ftm::entity_type_for(entity.schema);
        out.origin = origin;
        if (graph::Schema::default_schema().find_entity_type(out.type) == nullptr &&
            declared_entity_types.insert(out.type).second) {
            builder.put_entity_type(ftm::declared_entity_type(out.type, entity.schema));
        }
        out.props = entity.extras;
        if (auto referents = referents_of(entity); !referents.empty()) {
            out.referents = std::move(referents);
            out.props.edit().erase("ftm:referents");
        }
        for (const auto& [name, values] : entity.properties) {
            if (name == "name") {
                out.name = values.front();
                out.aliases.assign(values.begin() + 1, values.end());
                continue;
            }
            if (name == "keywords") {
                out.tags = values;
                continue;
            }
            if (const auto* reference = ftm::find_reference(entity.schema, name)) {
                for (const auto& target : values) {
                    if (node_ids.count(target) == 0) {
                        dangling(entity, name, target);
                        continue;
                    }
                    graph::Relation relation;
                    relation.from = entity.id;
                    relation.to = target;
                    relation.type = std::string(reference->relation);
                    relation.origin = origin;
                    used_relation_types.insert(relation.type);
                    builder.add_relation(std::move(relation));
                }
                continue;
            }
            out.props[name] = list_value(values);
        }
        if (out.name.empty()) {
            if (auto caption = out.props.find("ftm:caption"); caption != out.props.end()) {
                out.name = caption->second.text;
            } else if (auto full = out.props.find("full");
                       full != out.props.end() && full->second.kind == Kind::String) {
                out.name = full->second.text;
            }
        }
        builder.add_entity(std::move(out));
    }
    for (const auto& relation : used_relation_types) {
        if (auto type = ftm::relation_type_for(relation)) {
            builder.put_relation_type(std::move(*type));
        }
    }
    if (progress) {
        progress(text.size(), text.size());
    }
}

} // namespace powermap::io
