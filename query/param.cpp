#include "query/param.hpp"

#include <charconv>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "graph/diagnostics.hpp"

namespace powermap::query {

namespace {

bool parse_whole(std::string_view text, std::uint64_t& value) {
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    if (begin != end && *begin == '+') {
        ++begin;
    }
    const auto [stop, failed] = std::from_chars(begin, end, value);
    return failed == std::errc{} && stop == end && begin != end;
}

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const auto& name : names) {
        text += (text.empty() ? "" : ", ") + name;
    }
    return text;
}

} // namespace

std::optional<std::string> whole_number_problem(std::uint64_t min, std::uint64_t max,
                                                std::string_view text) {
    std::uint64_t value = 0;
    if (!parse_whole(text, value) || value < min || value > max) {
        return fmt::format("must be a whole number from {} to {}, not '{}'", min, max, text);
    }
    return std::nullopt;
}

std::optional<std::string> real_number_problem(double min, double max, std::string_view text) {
    double value = 0;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    if (begin != end && *begin == '+') {
        ++begin;
    }
    const auto [stop, failed] = std::from_chars(begin, end, value);
    if (failed != std::errc{} || stop != end || begin == end || !std::isfinite(value) ||
        value < min || value > max) {
        return fmt::format("must be a number from {} to {}, not '{}'", min, max, text);
    }
    return std::nullopt;
}

Param entity_param(std::string name, std::string help) {
    return {.name = std::move(name),
            .kind = ParamKind::Text,
            .help = std::move(help),
            .positional = true,
            .required = true};
}

std::optional<std::string> value_problem(const Param& param, std::string_view text) {
    switch (param.kind) {
    case ParamKind::Flag:
        if (text != "true" && text != "false") {
            return fmt::format("takes no value, not '{}'", text);
        }
        return std::nullopt;
    case ParamKind::Count:
        return whole_number_problem(param.count_min, param.count_max, text);
    case ParamKind::Real:
        return real_number_problem(param.min, param.max, text);
    case ParamKind::Choice:
        for (const auto& choice : param.choices) {
            if (choice == text) {
                return std::nullopt;
            }
        }
        return fmt::format("must be one of {}, not '{}'", joined(param.choices), text);
    case ParamKind::Text:
    case ParamKind::List:
        return std::nullopt;
    }
    return std::nullopt;
}

Arguments::Arguments(const std::vector<Param>& params) {
    for (const auto& param : params) {
        Value value;
        value.param = &param;
        value.text = param.kind == ParamKind::Flag && param.default_value.empty()
                         ? "false"
                         : param.default_value;
        values_.emplace(param.name, std::move(value));
    }
}

void Arguments::set(std::string_view name, std::string_view text) {
    auto found = values_.find(name);
    if (found == values_.end()) {
        std::vector<std::string> known;
        for (const auto& [known_name, ignored] : values_) {
            known.push_back(known_name);
        }
        throw Error(fmt::format("unknown parameter '{}'", name), did_you_mean(name, known));
    }
    Value& value = found->second;
    if (value.param->is_list()) {
        if (!value.given) {
            value.items.clear();
        }
        std::size_t start = 0;
        while (start <= text.size()) {
            const auto comma = text.find(',', start);
            const auto stop = comma == std::string_view::npos ? text.size() : comma;
            value.items.emplace_back(text.substr(start, stop - start));
            start = stop + 1;
        }
    } else {
        if (auto problem = value_problem(*value.param, text)) {
            throw Error(fmt::format("{} {}", value.param->name, *problem),
                        value.param->kind == ParamKind::Choice
                            ? did_you_mean(text, value.param->choices)
                            : std::string());
        }
        value.text = std::string(text);
    }
    value.given = true;
}

void Arguments::check() const {
    for (const auto& [name, value] : values_) {
        if (value.param->required && !value.given) {
            throw Error(fmt::format("{} is required", name));
        }
        if (!value.given) {
            continue;
        }
        for (const auto& other : value.param->excludes) {
            if (given(other)) {
                throw Error(fmt::format("{} excludes {}", name, other));
            }
        }
        for (const auto& other : value.param->needs) {
            if (!given(other)) {
                throw Error(fmt::format("{} requires {}", name, other));
            }
        }
    }
}

const Arguments::Value& Arguments::value(std::string_view name) const {
    auto found = values_.find(name);
    POWERMAP_ASSERT(found != values_.end());
    return found->second;
}

bool Arguments::declares(std::string_view name) const {
    return values_.find(name) != values_.end();
}

bool Arguments::given(std::string_view name) const {
    auto found = values_.find(name);
    return found != values_.end() && found->second.given;
}

bool Arguments::flag(std::string_view name) const {
    return value(name).text == "true";
}

std::uint64_t Arguments::count(std::string_view name) const {
    std::uint64_t number = 0;
    const auto& text = value(name).text;
    POWERMAP_ASSERT(parse_whole(text, number));
    return number;
}

double Arguments::real(std::string_view name) const {
    std::string_view text = value(name).text;
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
    }
    double number = 0;
    const auto [stop, failed] = std::from_chars(text.data(), text.data() + text.size(), number);
    POWERMAP_ASSERT(failed == std::errc{});
    return number;
}

const std::string& Arguments::text(std::string_view name) const {
    return value(name).text;
}

const std::vector<std::string>& Arguments::list(std::string_view name) const {
    return value(name).items;
}

} // namespace powermap::query
