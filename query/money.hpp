// Money in answers: sums by currency as words, and the error an answer carries when a sum
// went past the largest double (totals and impact say it the same way).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "query/answer.hpp"

#include "graph/algorithms/dependency/dependency.hpp"

namespace powermap::query {

/// "$6.8B + €120M": sums in several currencies, never added together.
[[nodiscard]] std::string money_text(const std::vector<graph::MoneySum>& money);

/// Adds to `answer` the error "the CURRENCY total WHOSE is too large to add up (beyond
/// 1.8e308)" with its hint: the answer is printed, and the front end reports a problem.
void note_money_overflow(Answer& answer, std::string_view currency, std::string_view whose);

} // namespace powermap::query
