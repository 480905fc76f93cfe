// powermap underpin: which vendor reaches which target through supply ties, as a matrix of
// chain lengths; --explain gives the shortest chain for each cell with its citations.
#include <map>
#include <memory>
#include <ostream>

#include "query/describe.hpp"
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/output/query.hpp"
#include "graph/algorithms/dependency.hpp"
#include "graph/selector.hpp"
#include "io/labels.hpp"

namespace powermap::cli {

namespace {

struct UnderpinArgs {
    std::string vendors = "type=company";
    std::string targets = "type=system,type=agency";
    std::vector<std::string> avoid;
    bool explain = false;
    TimeArgs time;
};

} // namespace

void register_underpin(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "underpin", "Which vendors underpin which targets through supply ties (vendor hosts/"
                    "provides/holds -> ... -> target), as a vendor x target matrix of chain "
                    "lengths. Exit 1 when no vendor reaches any target");
    auto args = std::make_shared<UnderpinArgs>();
    cmd->add_option("--vendors", args->vendors,
                    "Selector: type=T, tag=T, id=X or a name; commas join")
        ->capture_default_str();
    cmd->add_option("--targets", args->targets, "Selector for the targets")->capture_default_str();
    cmd->add_option("--avoid", args->avoid, "Chains may not pass through these entities")
        ->delimiter(',')
        ->type_name("ENTITY,...");
    cmd->add_flag("--explain", args->explain,
                  "After the matrix, the shortest chain of every cell with its sources");
    add_time_options(cmd, args->time);
    cmd->callback([&ctx, args] {
        const auto& graph = ctx.graph();
        const auto vendors = graph::select_entities(graph, ctx.names(), args->vendors);
        const auto targets = graph::select_entities(graph, ctx.names(), args->targets);
        graph::DependencyOptions options;
        options.time = time_filter(ctx, args->time);
        for (const auto& avoided : args->avoid) {
            options.avoid.push_back(ctx.resolve(avoided));
        }
        const auto result = graph::underpin(ctx.view(), vendors, targets, options);
        const auto& lang = ctx.options.lang;
        if (ctx.json()) {
            io::JsonOut json;
            json.begin_object();
            json.key("vendors").begin_array();
            for (auto vendor : result.vendors) {
                json.string(graph.entity(vendor).id);
            }
            json.end_array();
            json.key("targets").begin_array();
            for (auto target : result.targets) {
                json.string(graph.entity(target).id);
            }
            json.end_array();
            json.key("cells").begin_array();
            for (const auto& cell : result.cells) {
                json.begin_object();
                json.key("vendor").string(graph.entity(cell.vendor).id);
                json.key("target").string(graph.entity(cell.target).id);
                json.key("length").integer(static_cast<std::int64_t>(cell.chain.length()));
                json.key("chain");
                hops_json(json, graph, cell.chain.hops, lang, options.time);
                json.end_object();
            }
            json.end_array();
            json.end_object();
            ctx.out << json.str();
        } else if (ctx.csv()) {
            Table table({"vendor", "target", "length", "chain"});
            for (const auto& cell : result.cells) {
                table.add_row({graph.entity(cell.vendor).id, graph.entity(cell.target).id,
                               std::to_string(cell.chain.length()),
                               chain_ids(graph, cell.chain.hops)});
            }
            table.print_csv(ctx.out);
        } else if (!result.cells.empty()) {
            // Only vendors and targets with at least one chain: a matrix of blanks says nothing.
            std::vector<graph::EntityIndex> rows;
            std::vector<graph::EntityIndex> columns;
            std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> length;
            for (const auto& cell : result.cells) {
                if (rows.empty() || rows.back() != cell.vendor) {
                    rows.push_back(cell.vendor);
                }
                length[{graph::to_underlying(cell.vendor), graph::to_underlying(cell.target)}] =
                    cell.chain.length();
            }
            for (auto target : result.targets) {
                for (auto vendor : rows) {
                    if (length.count(
                            {graph::to_underlying(vendor), graph::to_underlying(target)}) != 0) {
                        columns.push_back(target);
                        break;
                    }
                }
            }
            ctx.out << fmt::format("{} of {} vendors reach {} of {} targets over supply ties "
                                   "(cells: ties in the shortest chain)\n\n",
                                   rows.size(), result.vendors.size(), columns.size(),
                                   result.targets.size());
            std::vector<std::string> headers{"vendor \\ target"};
            for (auto target : columns) {
                headers.push_back(graph.entity(target).id);
            }
            Table table(headers);
            for (auto vendor : rows) {
                std::vector<std::string> cells{graph.entity(vendor).id};
                for (auto target : columns) {
                    auto found =
                        length.find({graph::to_underlying(vendor), graph::to_underlying(target)});
                    cells.push_back(found == length.end() ? "\u00b7"
                                                          : std::to_string(found->second));
                }
                table.add_row(cells);
            }
            table.print_text(ctx.out);
            if (args->explain) {
                for (const auto& cell : result.cells) {
                    ctx.out << fmt::format(
                        "\n{} \u2192 {}: {} hop{}\n", entity_label(graph, cell.vendor, lang),
                        entity_label(graph, cell.target, lang), cell.chain.length(),
                        cell.chain.length() == 1 ? "" : "s");
                    print_hops(ctx.out, graph, cell.chain.hops, lang, true, "  ", options.time);
                }
            }
        }
        if (result.cells.empty()) {
            empty_answer(ctx, fmt::format("none of the {} vendors reaches any of the {} targets "
                                          "over supply ties",
                                          result.vendors.size(), result.targets.size()));
        }
    });
}

} // namespace powermap::cli
