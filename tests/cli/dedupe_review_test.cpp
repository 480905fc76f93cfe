// dedupe review: the page (both entities of each pair with their ties and quotes, markup in
// names kept as text) and the prompt (answers from the input appended to the decisions file
// one by one, pairs already decided left out).
#include <cstdlib>

#include <catch2/catch.hpp>

#include "io/native/judgements.hpp"
#include "tests/support.hpp"

using namespace powermap;
using powermap::tests::run_cli;
using powermap::tests::run_cli_with_input;

namespace {

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t found = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
        ++found;
    }
    return found;
}

//   deloitte ──sells_to $5M──> ice <──sells_to── deloitte-llp     (the same firm, two spellings)
//   tag ──sells_to──> cbp <──sells_to── tag-inc                    (markup in both names)
// Two pairs, each a firm written two ways; the second pair's names are HTML that must stay
// text, and its quote holds a script end tag.
const char* two_pairs_map = R"({
  "format": "powermap/1",
  "sources": [
    {"id": "awards", "title": "Award list <2020>", "language": "en",
     "text": "Deloitte Consulting won a $5M ICE task order. DELOITTE CONSULTING LLP also won one. The vendor <!-- </script> --> sold to CBP. It sold twice."}
  ],
  "entities": [
    {"id": "deloitte", "type": "company", "name": "Deloitte Consulting", "aliases": ["Deloitte"],
     "props": {"city": "Arlington"}},
    {"id": "deloitte-llp", "type": "company", "name": "DELOITTE CONSULTING LLP",
     "props": {"city": "ARLINGTON"}},
    {"id": "ice", "type": "agency", "name": "Immigration and Customs Enforcement"},
    {"id": "cbp", "type": "agency", "name": "Customs and Border Protection"},
    {"id": "tag", "type": "company", "name": "<img src=x onerror=alert(1)> Widgets"},
    {"id": "tag-inc", "type": "company", "name": "<img src=x onerror=alert(1)> Widgets Inc."}
  ],
  "relations": [
    {"from": "deloitte", "to": "ice", "type": "sells_to", "amount": {"value": 5000000, "currency": "USD"},
     "sources": [{"source": "awards", "quote": "Deloitte Consulting won a $5M ICE task order"}]},
    {"from": "deloitte-llp", "to": "ice", "type": "sells_to",
     "sources": [{"source": "awards", "quote": "DELOITTE CONSULTING LLP also won one"}]},
    {"from": "tag", "to": "cbp", "type": "sells_to",
     "sources": [{"source": "awards", "quote": "The vendor <!-- </script> --> sold to CBP"}]},
    {"from": "tag-inc", "to": "cbp", "type": "sells_to",
     "sources": [{"source": "awards", "quote": "It sold twice"}]}
  ]
})";

std::filesystem::path drawn_map(const std::string& test) {
    const auto dir = tests::scratch_dir(test);
    tests::spit(dir / "map.json", two_pairs_map);
    return dir;
}

} // namespace

TEST_CASE("the review page shows both entities of each pair with their ties and quotes",
          "[cli][dedupe]") {
    const auto dir = drawn_map("review-page");
    const auto page_path = (dir / "review.html").string();
    auto result = run_cli({"-g", (dir / "map.json").string(), "dedupe", "review", "-o", page_path});
    REQUIRE(result.code == 0);
    CHECK(has(result.err, "review.html: 2 pairs to decide (2 found scoring 0.85 or more)"));
    const std::string page = tests::slurp(page_path);
    // Self-contained: the styles and script are inline, nothing is fetched.
    CHECK(has(page, "Content-Security-Policy"));
    CHECK(!has(page, "src=\"http"));
    CHECK(!has(page, "<link"));
    CHECK(has(page, "function judgementLine("));
    // Both entities, their props, their ties' other end and the quotes they rest on.
    CHECK(has(page, R"("id": "deloitte","type": "Company","label": "Deloitte Consulting")"));
    CHECK(
        has(page, R"("id": "deloitte-llp","type": "Company","label": "DELOITTE CONSULTING LLP")"));
    CHECK(has(page, R"("city": "Arlington")"));
    CHECK(has(page, R"("city": "ARLINGTON")"));
    CHECK(has(page, R"("label": "Immigration and Customs Enforcement")"));
    CHECK(has(page, "Deloitte Consulting won a $5M ICE task order"));
    CHECK(has(page, "DELOITTE CONSULTING LLP also won one"));
    CHECK(has(page, R"("amount": "$5M")"));
    CHECK(has(page, R"("awards": "Award list \u003c2020\u003e")"));
    // The score as the decisions file writes it, and its evidence.
    CHECK(has(page, R"("score_text": "1.000")"));
    CHECK(has(page, R"("name": "name","detail":)"));
}

TEST_CASE("markup in names and quotes reaches the review page as data, never as markup",
          "[cli][dedupe]") {
    const auto dir = drawn_map("review-xss");
    const auto page_path = (dir / "review.html").string();
    REQUIRE(
        run_cli({"-g", (dir / "map.json").string(), "dedupe", "review", "-o", page_path}).code ==
        0);
    const std::string page = tests::slurp(page_path);
    // The names are in the data with '<' and '>' escaped, so no <img> element exists and the
    // quote's "</script>" cannot end the data's script element.
    CHECK(!has(page, "<img"));
    CHECK(has(page, R"(\u003cimg src=x onerror=alert(1)\u003e Widgets)"));
    CHECK(has(page, R"(The vendor \u003c!-- \u003c/script\u003e --\u003e sold to CBP)"));
    // Exactly the page's two script elements: the data and the code.
    CHECK(count(page, "<script") == 2);
    CHECK(count(page, "</script>") == 2);
    // The title escapes the map's title, and the script sets text, never HTML.
    CHECK(!has(page, "innerHTML"));
    CHECK(!has(page, "insertAdjacentHTML"));
}

TEST_CASE("the review prompt appends each answer to the decisions file as it is given",
          "[cli][dedupe]") {
    const auto dir = drawn_map("review-prompt");
    const auto map = (dir / "map.json").string();
    const auto file = (dir / "judgements.jsonl").string();
    // Pair 1 (deloitte / deloitte-llp): a wrong answer, then "same"; pair 2: "different".
    auto result = run_cli_with_input(
        {"-g", map, "dedupe", "review", "--prompt", "--judgements", file, "--who", "rana"},
        "maybe\nsame\nD\n");
    REQUIRE(result.code == 0);
    CHECK(has(result.out, "Pair 1 of 2 · score 1.00 (likely same)"));
    CHECK(has(result.out, "Deloitte Consulting"));
    CHECK(has(result.out, "DELOITTE CONSULTING LLP"));
    CHECK(has(result.out, "[Award list <2020>] “Deloitte Consulting won a $5M"));
    CHECK(has(result.out, "task order”"));
    CHECK(has(result.out, "answer s, d, u, k or q"));
    CHECK(has(result.err, "recorded 2 decisions in " + file + " (1 same, 1 different, 0 unsure)"));
    const auto read = io::read_judgements(file);
    CHECK(read.diagnostics.empty());
    REQUIRE(read.decisions.size() == 2);
    CHECK(read.decisions[0].a == "deloitte");
    CHECK(read.decisions[0].b == "deloitte-llp");
    CHECK(read.decisions[0].verdict == graph::Verdict::Same);
    CHECK(read.decisions[0].who == "rana");
    CHECK(read.decisions[0].score == Approx(1.0));
    CHECK(read.decisions[0].when.size() == std::string("2026-12-01T19:40:00Z").size());
    CHECK(read.decisions[1].a == "tag");
    CHECK(read.decisions[1].b == "tag-inc");
    CHECK(read.decisions[1].verdict == graph::Verdict::Different);
    // Each line is judgement_line's, byte for byte.
    CHECK(tests::slurp(file) == io::judgement_line(read.decisions[0]) + "\n" +
                                    io::judgement_line(read.decisions[1]) + "\n");

    SECTION("decided pairs are left out of the next review, with a note") {
        auto again = run_cli_with_input(
            {"-g", map, "dedupe", "review", "--prompt", "--judgements", file, "--who", "rana"}, "");
        CHECK(again.code == 0);
        // The "same" pair is one entity now; the "different" one is left out.
        CHECK(has(again.err, "2 entities merged into 1 by " + file));
        CHECK(has(again.err, "1 pair already judged in '" + file + "' is left out"));
        CHECK(has(again.err, "no pair left to decide"));
        CHECK(again.out.empty());
        const auto page_path = (dir / "left.html").string();
        auto page = run_cli({"-g", map, "dedupe", "review", "--judgements", file, "-o", page_path});
        CHECK(page.code == 0);
        CHECK(has(page.err, "0 pairs to decide (1 found scoring 0.85 or more)"));
        CHECK(!has(tests::slurp(page_path), "\"score_text\""));
    }
}

TEST_CASE("quitting or the end of the input keeps the answers given so far", "[cli][dedupe]") {
    const auto dir = drawn_map("review-quit");
    const auto map = (dir / "map.json").string();
    const auto file = (dir / "judgements.jsonl").string();
    SECTION("q") {
        auto result = run_cli_with_input(
            {"-g", map, "dedupe", "review", "--prompt", "--judgements", file, "--who", "rana"},
            "u\nq\n");
        CHECK(result.code == 0);
        CHECK(has(result.err, "recorded 1 decision in " + file +
                                  " (0 same, 0 different, 1 unsure); 1 not reached"));
    }
    SECTION("end of input") {
        auto result = run_cli_with_input(
            {"-g", map, "dedupe", "review", "--prompt", "--judgements", file, "--who", "rana"},
            "u\n");
        CHECK(result.code == 0);
        CHECK(has(result.err, "; 1 not reached"));
    }
    const auto read = io::read_judgements(file);
    REQUIRE(read.decisions.size() == 1);
    CHECK(read.decisions[0].verdict == graph::Verdict::Unsure);
    // Skipping records nothing; the skipped pair comes back next time.
    auto skipped = run_cli_with_input(
        {"-g", map, "dedupe", "review", "--prompt", "--judgements", file, "--who", "rana"}, "k\n");
    CHECK(has(skipped.err, "recorded 0 decisions"));
    CHECK(has(skipped.err, "; 1 skipped"));
    CHECK(io::read_judgements(file).decisions.size() == 1);
}

TEST_CASE("pairs that 'same' decisions merge, even through a third id, are not asked again",
          "[cli][dedupe]") {
    // deloitte = deloitte-llp is decided through a third id: deloitte = x and x = deloitte-llp.
    const auto dir = drawn_map("review-implied");
    const auto file = dir / "judgements.jsonl";
    tests::spit(file, "{\"a\":\"deloitte\",\"b\":\"x\",\"judgement\":\"same\"}\n"
                      "{\"a\":\"x\",\"b\":\"deloitte-llp\",\"judgement\":\"same\"}\n"
                      "{\"a\":\"tag-inc\",\"b\":\"tag\",\"judgement\":\"different\"}\n");
    const auto page_path = (dir / "review.html").string();
    auto result = run_cli({"-g", (dir / "map.json").string(), "dedupe", "review", "--judgements",
                           file.string(), "-o", page_path});
    CHECK(result.code == 0);
    CHECK(has(result.err, "1 pair already judged in '" + file.string() + "' is left out"));
    // x is in no map: deloitte and deloitte-llp still merge through it.
    CHECK(has(result.err, "2 entities merged into 1 by " + file.string()));
    CHECK(has(result.err, "0 pairs to decide (1 found scoring 0.85 or more)"));
}

TEST_CASE("dedupe review: bad usage is refused with a hint", "[cli][dedupe]") {
    const auto dir = drawn_map("review-usage");
    const auto map = (dir / "map.json").string();
    auto no_file = run_cli({"-g", map, "dedupe", "review", "--prompt"});
    CHECK(no_file.code == 2);
    CHECK(has(no_file.err, "--prompt needs --judgements FILE"));
    auto nowhere = run_cli({"-g", map, "dedupe", "review"});
    CHECK(nowhere.code == 2);
    CHECK(has(nowhere.err, "dedupe review needs -o FILE (the review page) or --prompt"));
    // The decisions file is never a map, and the page never replaces the decisions file.
    auto onto_map = run_cli_with_input(
        {"-g", map, "dedupe", "review", "--prompt", "--judgements", map, "--who", "r"}, "s\n");
    CHECK(onto_map.code == 2);
    const auto file = (dir / "judgements.jsonl").string();
    tests::spit(file, "");
    auto onto_file = run_cli({"-g", map, "dedupe", "review", "--judgements", file, "-o", file});
    CHECK(onto_file.code == 2);
    // A line that does not read stops the review at its position.
    tests::spit(file, "<<<<<<< HEAD\n");
    auto broken = run_cli(
        {"-g", map, "dedupe", "review", "--judgements", file, "-o", (dir / "r.html").string()});
    CHECK(broken.code == 1);
    CHECK(has(broken.err, file + ":1:1: error: not a JSON object"));
}

TEST_CASE("freezer.csv and the USAspending subawards: the review offers Accenture / ACCENTURE "
          "INC. with both sources' quotes, and a decision leaves it out",
          "[cli][dedupe][data]") {
    POWERMAP_SKIP_UNLESS_SHARED_DATA();
    const auto dir = tests::scratch_dir("review-real");
    const auto samples = tests::source_dir() / "samples";
    const auto data = tests::shared_data_dir();
    const auto freezer = (dir / "freezer.json").string();
    const auto subawards = (dir / "subawards.json").string();
    REQUIRE(run_cli({"import", (data / "torn-apart-ice-awards" / "freezer.csv").string(),
                     "--mapping", (samples / "freezer.mapping.json").string(), "-o", freezer})
                .code == 0);
    REQUIRE(
        run_cli({"import",
                 (data / "usaspending-ice-mn" / "Contracts_Subawards_2025-03-28_H03M23S17_1.csv.gz")
                     .string(),
                 "--mapping", (samples / "usaspending-subawards.mapping.json").string(), "-o",
                 subawards})
            .code == 0);
    const auto file = (dir / "judgements.jsonl").string();
    auto prompt =
        run_cli_with_input({"-g", freezer, "-g", subawards, "dedupe", "review", "--prompt",
                            "--judgements", file, "--who", "rana", "--top", "1"},
                           "s\n");
    INFO(prompt.err);
    REQUIRE(prompt.code == 0);
    CHECK(has(prompt.out, "Accenture"));
    CHECK(has(prompt.out, "ACCENTURE INC."));
    const auto read = io::read_judgements(file);
    REQUIRE(read.decisions.size() == 1);
    CHECK(read.decisions[0].a == "accenture");
    CHECK(read.decisions[0].b == "accenture-inc");
    const auto page_path = (dir / "review.html").string();
    auto page = run_cli({"-g", freezer, "-g", subawards, "dedupe", "review", "--judgements", file,
                         "-o", page_path});
    CHECK(page.code == 0);
    CHECK(has(page.err, "2 entities merged into 1 by " + file));
    const std::string html = tests::slurp(page_path);
    CHECK(!has(html, R"("id": "accenture-inc")"));
    // Both sources are cited in the page: the award list and the subawards download.
    CHECK(has(html, "Torn Apart / Separados"));
    CHECK(has(html, "USAspending contract subawards"));
}

TEST_CASE("the prompt needs a reviewer's name: --who, else $USER", "[cli][dedupe]") {
    const auto dir = drawn_map("review-who");
    const auto map = (dir / "map.json").string();
    const auto file = (dir / "judgements.jsonl").string();
    const char* saved = std::getenv("USER");
    const std::string user = saved != nullptr ? saved : "";
    ::unsetenv("USER");
    auto nameless = run_cli_with_input(
        {"-g", map, "dedupe", "review", "--prompt", "--judgements", file}, "s\n");
    ::setenv("USER", "amal", 1);
    auto from_env = run_cli_with_input(
        {"-g", map, "dedupe", "review", "--prompt", "--judgements", file}, "s\n");
    if (saved != nullptr) {
        ::setenv("USER", user.c_str(), 1);
    } else {
        ::unsetenv("USER");
    }
    CHECK(nameless.code == 2);
    CHECK(has(nameless.err, "no reviewer name for the decisions ('who') — give --who NAME"));
    CHECK(from_env.code == 0);
    const auto read = io::read_judgements(file);
    REQUIRE(read.decisions.size() == 1);
    CHECK(read.decisions[0].who == "amal");
}
