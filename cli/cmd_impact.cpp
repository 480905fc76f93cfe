// powermap impact ENTITY: everything that depends on it through supply ties, by distance
// and type, with the money along the way summed per dependant.
#include <memory>
#include <ostream>

#include "query/describe.hpp"
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/output/query.hpp"
#include "graph/algorithms/dependency.hpp"
#include "io/labels.hpp"

namespace powermap::cli {

namespace {

struct ImpactArgs {
    std::string entity;
    std::vector<std::string> avoid;
    bool explain = false;
    TimeArgs time;
};

std::string money_text(const std::vector<graph::MoneySum>& money) {
    std::string text;
    for (const auto& sum : money) {
        text += (text.empty() ? "" : " + ") + io::format_amount({sum.value, sum.currency});
    }
    return text;
}

} // namespace

void register_impact(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "impact", "Everything that depends on an entity directly or through a chain of supply "
                  "ties, by distance and type, with contract money along the way summed per "
                  "dependant. Exit 1 when nothing depends on it");
    auto args = std::make_shared<ImpactArgs>();
    cmd->add_option("ENTITY", args->entity, "Id, name or alias")->required();
    cmd->add_option("--avoid", args->avoid, "Chains may not pass through these entities")
        ->delimiter(',')
        ->type_name("ENTITY,...");
    cmd->add_flag("--explain", args->explain, "Each dependant's chain with its sources");
    add_time_options(cmd, args->time);
    cmd->callback([&ctx, args] {
        const auto& graph = ctx.graph();
        const auto root = ctx.resolve(args->entity);
        graph::DependencyOptions options;
        options.time = time_filter(ctx, args->time);
        for (const auto& avoided : args->avoid) {
            options.avoid.push_back(ctx.resolve(avoided));
        }
        const auto result = graph::impact(ctx.view(), root, options);
        const auto& lang = ctx.options.lang;
        if (ctx.json()) {
            io::JsonOut json;
            json.begin_object();
            json.key("entity");
            entity_json(json, graph, root);
            json.key("dependants").begin_array();
            for (const auto& entry : result.entries) {
                json.begin_object();
                json.key("id").string(graph.entity(entry.entity).id);
                json.key("type").string(graph.entity(entry.entity).type);
                json.key("name").string(io::display_name(graph.entity(entry.entity), lang));
                json.key("distance").integer(static_cast<std::int64_t>(entry.distance));
                json.key("money").begin_array();
                for (const auto& sum : entry.money) {
                    json.begin_object();
                    json.key("currency").string(sum.currency);
                    json.key("value").number(sum.value); // null when it overflowed
                    if (sum.overflowed()) {
                        json.key("overflow").boolean(true);
                    }
                    json.key("relations").begin_array();
                    for (auto tie : sum.ties) {
                        relation_json(json, graph, tie);
                    }
                    json.end_array();
                    json.end_object();
                }
                json.end_array();
                json.key("chain");
                hops_json(json, graph, entry.chain.hops, lang, options.time);
                json.end_object();
            }
            json.end_array();
            json.end_object();
            ctx.out << json.str();
        } else if (ctx.csv()) {
            Table table({"distance", "type", "id", "name", "money", "chain"});
            for (const auto& entry : result.entries) {
                const auto& entity = graph.entity(entry.entity);
                table.add_row({std::to_string(entry.distance), entity.type, entity.id,
                               io::display_name(entity, lang), money_text(entry.money),
                               chain_ids(graph, entry.chain.hops)});
            }
            table.print_csv(ctx.out);
        } else if (!result.entries.empty()) {
            ctx.out << fmt::format("{} dependant{} of {} over supply ties\n", result.entries.size(),
                                   result.entries.size() == 1 ? "" : "s",
                                   entity_label(graph, root, lang));
            std::size_t idx = 0;
            while (idx < result.entries.size()) {
                const std::size_t distance = result.entries[idx].distance;
                ctx.out << fmt::format("\ndistance {}\n", distance);
                Table table({"type", "id", "name", "money on the way", "via"});
                for (; idx < result.entries.size() && result.entries[idx].distance == distance;
                     ++idx) {
                    const auto& entry = result.entries[idx];
                    const auto& entity = graph.entity(entry.entity);
                    const auto& last = entry.chain.hops.back();
                    table.add_row({entity.type, entity.id, io::display_name(entity, lang),
                                   money_text(entry.money),
                                   fmt::format("{} {}", graph.entity(last.from).id,
                                               io::relation_wording(graph, last.relation,
                                                                    last.forward, lang))});
                }
                table.print_text(ctx.out);
            }
            if (args->explain) {
                for (const auto& entry : result.entries) {
                    ctx.out << fmt::format("\n{}:\n", entity_label(graph, entry.entity, lang));
                    print_hops(ctx.out, graph, entry.chain.hops, lang, true, "  ", options.time);
                }
            }
        }
        for (const auto& entry : result.entries) {
            for (const auto& sum : entry.money) {
                if (sum.overflowed()) {
                    money_overflow(
                        ctx, sum.currency,
                        fmt::format("of money on the way to '{}'", graph.entity(entry.entity).id));
                }
            }
        }
        if (result.entries.empty()) {
            empty_answer(ctx, fmt::format("nothing depends on {} through supply ties",
                                          entity_label(graph, root, lang)));
        }
    });
}

} // namespace powermap::cli
