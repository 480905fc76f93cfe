#include "cli/diagram_options.hpp"

#include <algorithm>
#include <ostream>

#include "query/diagram_view.hpp"
#include <fmt/format.h>

#include "cli/usage.hpp"

namespace powermap::cli {

void add_diagram_options(CLI::App* cmd, DiagramArgs& args, bool full) {
    cmd->add_option("--path", args.path,
                    full ? "Highlight the shortest chain of ties between two entities (the "
                           "rest faded, or hidden with --only)"
                         : "Bake in the shortest chain of ties between two entities as a "
                           "highlighted view")
        ->expected(2)
        ->type_name("FROM TO");
    cmd->add_option("--underpin", args.underpin,
                    "Highlight every supply chain from these vendors (a selector: type=T, tag=T, "
                    "id=X or a name; commas join) to the --targets")
        ->type_name("SELECTOR");
    cmd->add_option("--targets", args.targets, "With --underpin: the targets' selector")
        ->type_name("SELECTOR")
        ->capture_default_str();
    if (!full) {
        return;
    }
    cmd->add_option("--focus", args.focus, "Draw only this entity's neighbourhood")
        ->type_name("ENTITY");
    cmd->add_option("--depth", args.depth, "How many ties out from --focus")
        ->check(whole_number(0, 100))
        ->capture_default_str();
    cmd->add_flag("--only", args.only, "Draw the highlighted answer alone");
    cmd->add_option("--types", args.types, "Draw only entities of these types (subtypes included)")
        ->delimiter(',')
        ->type_name("TYPE,...");
    cmd->add_option("--relations", args.relations, "Draw only ties of these relation types")
        ->delimiter(',')
        ->type_name("TYPE,...");
    cmd->add_flag("--legend", args.legend, "Add a legend of the entity types drawn");
    cmd->add_flag("--clusters", args.clusters,
                  "Draw each organisation with its parts (part_of ties) as one box");
}

namespace {

query::DiagramView diagram_view(Context& ctx, const DiagramArgs& args) {
    query::DiagramRequest request{.focus = args.focus,
                                  .depth = static_cast<std::size_t>(args.depth),
                                  .path = args.path,
                                  .underpin = args.underpin,
                                  .targets = args.targets,
                                  .types = args.types,
                                  .relations = args.relations,
                                  .only = args.only,
                                  .legend = args.legend,
                                  .clusters = args.clusters};
    auto view = query::diagram_view(ctx.session(), request, ctx.options.lang);
    if (view.empty) {
        ctx.err << fmt::format("powermap: {}\n", *view.empty);
        ctx.exit_code = static_cast<int>(ExitCode::ProblemsFound);
    }
    return view;
}

} // namespace

std::optional<io::DotOptions> make_dot_options(Context& ctx, const DiagramArgs& args) {
    auto view = diagram_view(ctx, args);
    if (view.empty) {
        return std::nullopt;
    }
    return std::move(view.options);
}

std::optional<io::HtmlOptions> make_html_options(Context& ctx, const DiagramArgs& args) {
    auto view = diagram_view(ctx, args);
    if (view.empty) {
        return std::nullopt;
    }
    io::HtmlOptions html;
    html.view = std::move(view.options);
    html.path = std::move(view.path);
    return html;
}

} // namespace powermap::cli
