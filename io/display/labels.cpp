#include "io/display/labels.hpp"

#include <cmath>

#include <fmt/format.h>

namespace powermap::io {

std::string display_name(const graph::Entity& entity, std::string_view language) {
    if (language != "en") {
        if (auto found = entity.names.find(std::string(language)); found != entity.names.end()) {
            return found->second;
        }
    }
    if (!entity.name.empty()) {
        return entity.name;
    }
    if (!entity.names.empty()) {
        return entity.names.begin()->second;
    }
    return entity.id;
}

std::string format_amount(const graph::Amount& amount) {
    if (!std::isfinite(amount.value)) {
        return fmt::format("overflow {}", amount.currency);
    }
    std::string symbol;
    if (amount.currency == "USD") {
        symbol = "$";
    } else if (amount.currency == "EUR") {
        symbol = "\u20ac";
    } else if (amount.currency == "GBP") {
        symbol = "\u00a3";
    }
    const double value = amount.value;
    std::string number;
    auto scaled = [&](double unit, const char* suffix) {
        double shown = value / unit;
        // One decimal unless it is whole: $6.8B, $97.2M, $24M.
        std::string text = std::fabs(shown - std::round(shown)) < 0.05
                               ? fmt::format("{:.0f}", shown)
                               : fmt::format("{:.1f}", shown);
        return text + suffix;
    };
    if (std::fabs(value) >= 1e15) {
        number = fmt::format("{:.3g}", value); // beyond a thousand trillion: 1.7e+308
    } else if (std::fabs(value) >= 1e12) {
        number = scaled(1e12, "T");
    } else if (std::fabs(value) >= 1e9) {
        number = scaled(1e9, "B");
    } else if (std::fabs(value) >= 1e6) {
        number = scaled(1e6, "M");
    } else {
        // Below a million: the exact figure with thousands separators.
        const auto whole = static_cast<long long>(std::llround(value));
        std::string digits = std::to_string(whole < 0 ? -whole : whole);
        for (int pos = static_cast<int>(digits.size()) - 3; pos > 0; pos -= 3) {
            digits.insert(static_cast<std::size_t>(pos), ",");
        }
        number = (whole < 0 ? "-" : "") + digits;
    }
    if (symbol.empty()) {
        return fmt::format("{} {}", number, amount.currency);
    }
    // Money taken back (a de-obligation) reads "-$15", the sign before the symbol.
    if (!number.empty() && number.front() == '-') {
        return "-" + symbol + number.substr(1);
    }
    return symbol + number;
}

std::string relation_wording(const graph::EntityGraph& graph, graph::RelationIndex relation,
                             bool forward, std::string_view language) {
    const auto& type = graph.relation_type(relation);
    const auto& wording = graph.schema().wording(type, language);
    return forward ? wording.forward : wording.reverse;
}

std::string format_period(const graph::Relation& relation) {
    if (!relation.start.empty() && !relation.end.empty()) {
        return relation.start == relation.end
                   ? relation.start.str()
                   : fmt::format("{}\u2013{}", relation.start, relation.end);
    }
    if (!relation.start.empty()) {
        return fmt::format("from {}", relation.start);
    }
    if (!relation.end.empty()) {
        return fmt::format("until {}", relation.end);
    }
    return {};
}

} // namespace powermap::io
