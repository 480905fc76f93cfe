#include "io/native/judgements.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "io/files/atomic_file.hpp"
#include "io/files/input_file.hpp"

namespace powermap::io {

namespace {

constexpr const char* known_keys[] = {"a", "b", "judgement", "score", "who", "when", "note"};

/// The 1-based column of byte `offset` of `line` (counting UTF-8 characters).
std::uint32_t column_of(std::string_view line, std::size_t offset) {
    std::uint32_t column = 1;
    for (std::size_t idx = 0; idx < offset && idx < line.size(); ++idx) {
        if ((static_cast<unsigned char>(line[idx]) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return column;
}

/// The column where `"key"` starts in the line (1 when it cannot be found).
std::uint32_t column_of_key(std::string_view line, std::string_view key) {
    const std::string quoted = fmt::format("\"{}\"", key);
    const auto found = line.find(quoted);
    return found == std::string_view::npos ? 1 : column_of(line, found);
}

void read_line(const std::string& path, std::uint32_t number, std::string_view line,
               JudgementsFile& out) {
    auto problem = [&](std::uint32_t column, std::string message, std::string hint) {
        out.diagnostics.push_back({Severity::Error,
                                   {path, number, column, {}},
                                   std::move(message),
                                   std::move(hint),
                                   std::nullopt});
    };
    rapidjson::Document doc;
    doc.Parse(line.data(), line.size());
    if (doc.HasParseError()) {
        problem(
            column_of(line, doc.GetErrorOffset()),
            fmt::format("not a JSON object: {}", rapidjson::GetParseError_En(doc.GetParseError())),
            "each line is one decision, e.g. {\"a\":\"acme\",\"b\":\"acme-inc\","
            "\"judgement\":\"same\"}");
        return;
    }
    if (!doc.IsObject()) {
        problem(1, "a decision must be a JSON object",
                "e.g. {\"a\":\"acme\",\"b\":\"acme-inc\",\"judgement\":\"same\"}");
        return;
    }
    graph::Decision decision;
    decision.origin = {path, number, 1, {}};
    auto text = [&](const char* key, std::string& into, bool required) {
        const auto found = doc.FindMember(key);
        if (found == doc.MemberEnd()) {
            if (required) {
                problem(1, fmt::format("the decision has no \"{}\"", key),
                        "write \"a\" and \"b\" (the two entity ids) and \"judgement\"");
            }
            return !required;
        }
        if (!found->value.IsString()) {
            problem(column_of_key(line, key), fmt::format("\"{}\" must be a string", key),
                    key[0] == 'a' || key[0] == 'b' ? "write the entity id in quotes"
                                                   : "write it in quotes");
            return false;
        }
        into.assign(found->value.GetString(), found->value.GetStringLength());
        return true;
    };
    std::string verdict;
    bool ok = text("a", decision.a, true);
    ok = text("b", decision.b, true) && ok;
    ok = text("judgement", verdict, true) && ok;
    ok = text("who", decision.who, false) && ok;
    ok = text("when", decision.when, false) && ok;
    ok = text("note", decision.note, false) && ok;
    if (!ok) {
        return;
    }
    if (decision.a.empty() || decision.b.empty()) {
        problem(column_of_key(line, decision.a.empty() ? "a" : "b"), "an entity id is empty",
                "write the ids as the maps have them, e.g. \"deloitte-consulting\"");
        return;
    }
    if (decision.a == decision.b) {
        problem(column_of_key(line, "b"),
                fmt::format("the decision pairs '{}' with itself", decision.a),
                "a decision is about two different entity ids");
        return;
    }
    if (auto parsed = graph::parse_verdict(verdict)) {
        decision.verdict = *parsed;
    } else {
        problem(column_of_key(line, "judgement"),
                fmt::format("judgement '{}' is not one of same, different, unsure", verdict),
                "write \"judgement\": \"same\", \"different\" or \"unsure\"");
        return;
    }
    if (const auto found = doc.FindMember("score"); found != doc.MemberEnd()) {
        if (found->value.IsNull()) {
            // no score
        } else if (!found->value.IsNumber() || !std::isfinite(found->value.GetDouble())) {
            problem(column_of_key(line, "score"), "\"score\" must be a number",
                    "the score dedupe gave the pair, 0 to 1, or leave it out");
            return;
        } else {
            decision.score = found->value.GetDouble();
        }
    }
    for (const auto& member : doc.GetObject()) {
        const std::string_view key(member.name.GetString(), member.name.GetStringLength());
        if (std::find(std::begin(known_keys), std::end(known_keys), key) == std::end(known_keys)) {
            out.diagnostics.push_back(
                {Severity::Warning,
                 {path, number, column_of_key(line, key), {}},
                 fmt::format("unknown key \"{}\" in a decision; ignored", key),
                 "a decision has a, b, judgement, score, who, when and note",
                 std::nullopt});
        }
    }
    out.decisions.push_back(std::move(decision));
}

} // namespace

JudgementsFile read_judgements(const std::string& path, bool missing_ok) {
    JudgementsFile out;
    std::error_code error;
    if (missing_ok && !std::filesystem::exists(path, error)) {
        return out;
    }
    const std::string content = read_file(path);
    const std::string_view text = without_bom(content);
    std::uint32_t number = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        ++number;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        const auto first = line.find_first_not_of(" \t");
        if (first == std::string_view::npos || line[first] == '#') {
            continue;
        }
        read_line(path, number, line, out);
    }
    return out;
}

std::string judgement_line(const graph::Decision& decision) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    auto put = [&](const char* key, const std::string& value) {
        writer.Key(key);
        writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
    };
    writer.StartObject();
    put("a", decision.a);
    put("b", decision.b);
    put("judgement", std::string(graph::verdict_name(decision.verdict)));
    if (decision.score) {
        writer.Key("score");
        // Three decimals, as dedupe shows scores.
        writer.RawValue(fmt::format("{:.3f}", *decision.score).c_str(),
                        fmt::format("{:.3f}", *decision.score).size(), rapidjson::kNumberType);
    }
    if (!decision.who.empty()) {
        put("who", decision.who);
    }
    if (!decision.when.empty()) {
        put("when", decision.when);
    }
    if (!decision.note.empty()) {
        put("note", decision.note);
    }
    writer.EndObject();
    return {buffer.GetString(), buffer.GetSize()};
}

void append_judgements(const std::string& path, const std::vector<graph::Decision>& decisions) {
    std::string content;
    std::error_code error;
    if (std::filesystem::exists(path, error)) {
        content = read_file(path);
        if (!content.empty() && content.back() != '\n') {
            content += '\n';
        }
    }
    for (const auto& decision : decisions) {
        content += judgement_line(decision);
        content += '\n';
    }
    AtomicFile file(path);
    file.write(content);
    file.commit();
}

std::string judgement_time_now() {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

} // namespace powermap::io
