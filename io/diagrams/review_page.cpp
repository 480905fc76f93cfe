#include "io/diagrams/review_page.hpp"

#include <fmt/format.h>

#include "graph/diagnostics.hpp"
#include "io/diagrams/html_writer.hpp"
#include "io/diagrams/page_parts.hpp"

namespace powermap::io {

std::string write_review_page(std::string_view title, std::string_view data_json) {
    std::string page;
    page += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    // Nothing may be loaded from elsewhere: the page works offline and leaks no reader.
    page += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n";
    page += fmt::format("<title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n",
                        html_text(title), page_file("page/review.css"));
    page += "<noscript>This page needs JavaScript to show the pairs.</noscript>\n";
    page += fmt::format("<script type=\"application/json\" id=\"review-data\">{}</script>\n",
                        json_for_script(data_json));
    page += fmt::format("<script>\n{}</script>\n</body>\n</html>\n", page_file("page/review.js"));
    return page;
}

} // namespace powermap::io
