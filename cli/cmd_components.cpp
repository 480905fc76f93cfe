// powermap components: the connected pieces of the map (weak, or strong with --strong).
#include <memory>
#include <ostream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/output/query.hpp"
#include "cli/usage.hpp"
#include "graph/algorithms/components.hpp"

namespace powermap::cli {

namespace {

struct ComponentsArgs {
    bool strong = false;
    bool supply = false;
    std::size_t show = 8;
    TimeArgs time;
};

} // namespace

void register_components(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "components", "Connected components, largest first: weak (ties either way) or --strong "
                      "(following the ties' direction)");
    auto args = std::make_shared<ComponentsArgs>();
    cmd->add_flag("--strong", args->strong, "Strongly connected components");
    cmd->add_flag("--supply", args->supply, "Use only supply ties");
    cmd->add_option("--members", args->show, "Members listed per component in text (0 = all)")
        ->check(whole_number(0, max_count))
        ->capture_default_str();
    add_time_options(cmd, args->time);
    cmd->callback([&ctx, args] {
        const auto& graph = ctx.graph();
        graph::TraversalMask mask;
        if (args->supply) {
            graph::restrict_to_supply(graph, mask);
        }
        (void)graph::apply_time_filter(graph, time_filter(ctx, args->time), mask);
        const auto result = args->strong ? graph::strong_components(ctx.view(), mask)
                                         : graph::weak_components(ctx.view(), mask);
        if (result.count() == 0) {
            empty_answer(ctx, "the map has no entities");
        }
        if (ctx.json()) {
            io::JsonOut json;
            json.begin_object();
            json.key("kind").string(args->strong ? "strong" : "weak");
            json.key("count").integer(static_cast<std::int64_t>(result.count()));
            json.key("components").begin_array();
            for (const auto& members : result.members) {
                json.begin_array();
                for (auto entity : members) {
                    json.string(graph.entity(entity).id);
                }
                json.end_array();
            }
            json.end_array();
            json.end_object();
            ctx.out << json.str();
            return;
        }
        if (ctx.csv()) {
            Table table({"component", "id", "type"});
            for (std::size_t idx = 0; idx < result.count(); ++idx) {
                for (auto entity : result.members[idx]) {
                    table.add_row({std::to_string(idx + 1), graph.entity(entity).id,
                                   graph.entity(entity).type});
                }
            }
            table.print_csv(ctx.out);
            return;
        }
        ctx.out << fmt::format("{} {} component{}\n\n", result.count(),
                               args->strong ? "strongly connected" : "weakly connected",
                               result.count() == 1 ? "" : "s");
        Table table({"component", "size", "members"});
        for (std::size_t idx = 0; idx < result.count(); ++idx) {
            const auto& members = result.members[idx];
            std::vector<graph::EntityIndex> shown(
                members.begin(),
                members.begin() +
                    static_cast<std::ptrdiff_t>(
                        args->show == 0 ? members.size() : std::min(members.size(), args->show)));
            std::string text = join_ids(graph, shown);
            if (shown.size() < members.size()) {
                text += fmt::format(", ... ({} more)", members.size() - shown.size());
            }
            table.add_row({std::to_string(idx + 1), std::to_string(members.size()), text});
        }
        table.print_text(ctx.out);
    });
}

} // namespace powermap::cli
