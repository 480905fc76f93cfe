// powermap dedupe review: decide the pairs `dedupe candidates` finds, one by one, in a
// self-contained HTML page (-o) or at a terminal prompt (--prompt) that appends each answer
// to the decisions file as it is given.
#include <cctype>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <ostream>
#include <string>

#include "query/review.hpp"
#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/commands.hpp"
#include "cli/query_command.hpp"
#include "io/diagrams/review_page.hpp"
#include "io/files/atomic_file.hpp"
#include "io/native/judgements.hpp"

namespace powermap::cli {

namespace {

struct ReviewArgs {
    std::string output;
    std::string judgements; ///< the global --judgements, where the prompt's answers go
    std::string who;
    bool prompt = false;
};

/// How wide the pairs are drawn: the terminal's width when stdout is one (at least 60
/// columns), else 120.
std::size_t text_width() {
    winsize size{};
    if (isatty(STDOUT_FILENO) != 0 && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 &&
        size.ws_col >= 60) {
        return size.ws_col;
    }
    return 120;
}

std::string reviewer(const ReviewArgs& review) {
    if (!review.who.empty()) {
        return review.who;
    }
    const char* user = std::getenv("USER");
    if (user == nullptr || *user == '\0') {
        throw Error("no reviewer name for the decisions ('who')",
                    "give --who NAME (by default $USER, which is not set)");
    }
    return user;
}

/// The prompt: each pair as text, an answer read per pair; each answer is added to the
/// decisions file at once (atomically), so quitting, or the end of the input, loses nothing.
void run_prompt(Context& ctx, const ReviewArgs& review, const query::ReviewSet& set) {
    const auto& graph = ctx.graph();
    const std::string who = reviewer(review);
    std::istream& in = ctx.in != nullptr ? *ctx.in : std::cin;
    const std::size_t width = text_width();
    std::size_t counts[3] = {0, 0, 0};
    std::size_t skipped = 0;
    std::size_t done = 0;
    bool quit = false;
    for (std::size_t idx = 0; idx < set.pairs.size() && !quit; ++idx) {
        const auto& pair = set.pairs[idx];
        ctx.out << query::pair_text(graph, pair, ctx.options.lang, idx + 1, set.pairs.size(), width)
                << '\n';
        while (true) {
            ctx.out << "[s]ame, [d]ifferent, [u]nsure, [k] skip, [q]uit? " << std::flush;
            std::string line;
            if (!std::getline(in, line)) {
                ctx.out << '\n';
                quit = true;
                break;
            }
            const auto first = line.find_first_not_of(" \t\r");
            const char answer =
                first == std::string::npos
                    ? '\0'
                    : static_cast<char>(std::tolower(static_cast<unsigned char>(line[first])));
            std::optional<graph::Verdict> verdict;
            if (answer == 's') {
                verdict = graph::Verdict::Same;
            } else if (answer == 'd') {
                verdict = graph::Verdict::Different;
            } else if (answer == 'u') {
                verdict = graph::Verdict::Unsure;
            } else if (answer == 'k') {
                ++skipped;
                ++done;
                break;
            } else if (answer == 'q') {
                quit = true;
                break;
            } else {
                ctx.out << "answer s, d, u, k or q\n";
                continue;
            }
            io::append_judgements(
                review.judgements,
                {query::review_decision(graph, pair, *verdict, who, io::judgement_time_now())});
            ++counts[static_cast<int>(*verdict)];
            ++done;
            break;
        }
        ctx.out << '\n';
    }
    const std::size_t recorded = counts[0] + counts[1] + counts[2];
    ctx.err << fmt::format("recorded {} decision{} in {} ({} same, {} different, {} unsure)",
                           recorded, recorded == 1 ? "" : "s", review.judgements, counts[0],
                           counts[1], counts[2]);
    if (skipped > 0) {
        ctx.err << fmt::format("; {} skipped", skipped);
    }
    if (done < set.pairs.size()) {
        ctx.err << fmt::format("; {} not reached", set.pairs.size() - done);
    }
    ctx.err << '\n';
}

} // namespace

void register_dedupe_review(CLI::App& app, Context& ctx) {
    CLI::App* group = group_command(app, "dedupe");
    auto* cmd = group->add_subcommand(
        "review",
        "Decide the pairs 'dedupe candidates' finds, one by one: -o writes a self-contained "
        "HTML page (both entities side by side with their ties and quotes; Same / Different / "
        "Unsure, keys s, d, u, n, p) whose decisions download as judgements.jsonl lines; "
        "--prompt asks at the terminal and appends each answer to --judgements at once. With "
        "--judgements (given before or after 'dedupe review'), its 'same' decisions are "
        "merged first and pairs it answers are left out");
    // At most 2,000 pairs by default: a page stays quick to write and open (about 17 KB a pair
    // on freezer.csv and the subawards, whose quotes are whole CSV rows).
    auto bound = bind_params(cmd, query::candidate_params("2000"));
    auto review = std::make_shared<ReviewArgs>();
    auto* output = cmd->add_option("-o,--output", review->output,
                                   "The review page to write (HTML, one file, works offline; "
                                   "'-' for standard output)")
                       ->type_name("FILE");
    auto* prompt = cmd->add_flag("--prompt", review->prompt,
                                 "Ask at the terminal instead of writing a page: each pair as "
                                 "text, answered s(ame), d(ifferent), u(nsure), k (skip) or "
                                 "q(uit); needs --judgements");
    cmd->add_option("--who", review->who,
                    "Your name, written as 'who' in each decision (default: $USER; the page "
                    "asks for it when not given)")
        ->type_name("NAME");
    output->excludes(prompt);
    cmd->callback([&ctx, bound, review] {
        review->judgements = ctx.options.judgements;
        if (!review->prompt && review->output.empty()) {
            throw Error("dedupe review needs -o FILE (the review page) or --prompt",
                        "e.g. powermap dedupe review -o review.html, or powermap dedupe review "
                        "--prompt --judgements judgements.jsonl");
        }
        if (review->prompt && review->judgements.empty()) {
            throw Error("--prompt needs --judgements FILE, where each answer is written as it "
                        "is given",
                        "e.g. powermap dedupe review --prompt --judgements judgements.jsonl "
                        "(created when absent)");
        }
        const query::Arguments args = bound->arguments();
        if (!review->judgements.empty()) {
            io::refuse_overwriting_inputs(review->judgements, ctx.options.graphs);
        }
        if (!review->output.empty() && review->output != "-" && !review->judgements.empty()) {
            io::refuse_overwriting_inputs(review->output, {review->judgements});
        }
        // The prompt creates the decisions file with its first answer.
        ctx.options.judgements_may_be_absent = review->prompt;
        const auto& graph = ctx.graph(); // merges the decisions; a bad line stops here
        const auto set = query::review_set(graph, args, ctx.load().decisions);
        for (const auto& note : query::review_notes(set, review->judgements)) {
            ctx.err << "powermap: note: " << note << '\n';
        }
        if (set.pairs.empty()) {
            ctx.err << fmt::format("powermap: no pair left to decide ({} found scoring {} or "
                                   "more, {} pairs compared)\n",
                                   set.found, set.min_score, set.considered);
        }
        if (review->prompt) {
            if (!set.pairs.empty()) {
                run_prompt(ctx, *review, set);
            }
            return;
        }
        query::ReviewPageOptions page;
        page.lang = ctx.options.lang;
        page.who = review->who;
        page.judgements_file = review->judgements;
        page.notes = query::review_notes(set, review->judgements);
        const std::string title =
            graph.info().title.empty() ? "dedupe review" : "dedupe review: " + graph.info().title;
        ctx.write_output(review->output,
                         io::write_review_page(title, query::review_page_data(graph, set, page)));
        if (review->output != "-") {
            ctx.err << fmt::format("wrote {}: {} pair{} to decide ({} found scoring {} or more)\n",
                                   review->output, set.pairs.size(),
                                   set.pairs.size() == 1 ? "" : "s", set.found, set.min_score);
        }
    });
}

} // namespace powermap::cli
