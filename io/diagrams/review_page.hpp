// The review page of `dedupe review`: one self-contained HTML file that shows pairs of
// entities that may be the same, one pair at a time, and records the reader's decisions as
// lines of the decisions file (judgements.jsonl) to download or copy. Its script and styles
// are diagrams/page/review.js and review.css, embedded at build time; nothing is fetched,
// and every string of the data reaches the page as text, never as markup.
#pragma once

#include <string>
#include <string_view>

namespace powermap::io {

/// The page around `data_json` (query::review_page_data's document), titled `title`.
[[nodiscard]] std::string write_review_page(std::string_view title, std::string_view data_json);

} // namespace powermap::io
