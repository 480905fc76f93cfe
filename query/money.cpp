#include "query/money.hpp"

#include <fmt/format.h>

#include "io/display/labels.hpp"

namespace powermap::query {

std::string money_text(const std::vector<graph::MoneySum>& money) {
    std::string text;
    for (const auto& sum : money) {
        text += (text.empty() ? "" : " + ") + io::format_amount({sum.value, sum.currency});
    }
    return text;
}

void note_money_overflow(Answer& answer, std::string_view currency, std::string_view whose) {
    Diagnostic overflow; // an error: the answer is printed, and exit 1
    overflow.message = fmt::format("the {} total{}{} is too large to add up (beyond 1.8e308)",
                                   currency, whose.empty() ? "" : " ", whose);
    overflow.hint = "an amount is probably mistyped; 'powermap totals --explain' lists them all";
    answer.notes.push_back(std::move(overflow));
}

} // namespace powermap::query
