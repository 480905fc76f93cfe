// show: one entity's card, with every tie in words both ways and its sources.
#include <span>
#include <sstream>

#include "query/describe.hpp"
#include "query/registry.hpp"
#include <fmt/format.h>

#include "io/display/labels.hpp"
#include "io/native/json_output.hpp"

namespace powermap::query {

namespace {

std::vector<Param> show_params() {
    return {
        entity_param("ENTITY", "Id, name or alias (any language)"),
        {.name = "--quotes",
         .kind = ParamKind::Flag,
         .help = "Print each tie's source quote under it"},
    };
}

std::string card_json(const graph::EntityGraph& graph, graph::EntityIndex index) {
    const auto& entity = graph.entity(index);
    io::JsonOut json;
    json.begin_object();
    json.key("id").string(entity.id);
    json.key("type").string(entity.type);
    json.field("name", entity.name);
    entity_details_json(json, entity);
    json.key("outgoing").begin_array();
    for (auto relation : graph.out_relations(index)) {
        relation_json(json, graph, relation);
    }
    json.end_array();
    json.key("incoming").begin_array();
    for (auto relation : graph.in_relations(index)) {
        relation_json(json, graph, relation);
    }
    json.end_array();
    json.end_object();
    return json.str();
}

std::string card_text(const graph::EntityGraph& graph, graph::EntityIndex index,
                      const std::string& lang, bool quotes) {
    const auto& entity = graph.entity(index);
    std::ostringstream out;
    const auto* type = graph.schema().find_entity_type(entity.type);
    out << fmt::format("{}  [{}]\n", io::display_name(entity, lang),
                       type != nullptr ? type->label : entity.type.str());
    out << fmt::format("  id       {}\n", entity.id);
    if (!entity.name.empty()) {
        out << fmt::format("  name     {}\n", entity.name);
    }
    for (const auto& [language, name] : entity.names) {
        out << fmt::format("  name:{}  {}\n", language, name);
    }
    if (!entity.aliases.empty()) {
        out << fmt::format("  aliases  {}\n", fmt::join(entity.aliases, ", "));
    }
    if (!entity.tags.empty()) {
        out << fmt::format("  tags     {}\n", fmt::join(entity.tags, ", "));
    }
    if (!entity.referents.empty()) {
        out << fmt::format("  merged   {} (ids merged into it; they find it too)\n",
                           fmt::join(entity.referents, ", "));
    }
    for (const auto& [key, value] : entity.props) {
        out << fmt::format("  {}  {}\n", key, value.text);
    }
    auto ties = [&](std::span<const graph::RelationIndex> relations, bool outgoing) {
        if (relations.empty()) {
            return;
        }
        out << fmt::format("\n{} ({}):\n", outgoing ? "ties from it" : "ties to it",
                           relations.size());
        for (auto relation : relations) {
            const auto& record = graph.relation(relation);
            const auto other = outgoing ? record.to_index : record.from_index;
            out << fmt::format("  {} {} {}\n", io::display_name(entity, lang),
                               tie_words(graph, relation, outgoing, lang),
                               entity_label(graph, other, lang));
            if (quotes) {
                out << citation_lines(graph, relation, "      ");
            } else if (!record.sources.empty()) {
                out << fmt::format("      cites {}\n", record.sources.front().source);
            }
        }
    };
    ties(graph.out_relations(index), true);
    ties(graph.in_relations(index), false);
    return out.str();
}

Answer run_show(const Request& request) {
    Answer answer;
    Session& session = request.session;
    const auto& graph = session.graph();
    const auto index = session.resolve(request.args.text("ENTITY"));
    if (request.parts.json) {
        answer.json = card_json(graph, index);
    }
    if (request.parts.text) {
        answer.text = card_text(graph, index, request.lang, request.args.flag("--quotes"));
    }
    return answer;
}

} // namespace

QueryDef show_query() {
    return {
        .name = "show",
        .summary = "An entity's card: names, tags, props, and every tie in words with its "
                   "citation",
        .json_shape =
            R"(`{"id", "type", "name", "names", "aliases", "tags", "referents", "props", "outgoing": [relation], "incoming": [relation]}`)",
        .params = show_params(),
        .tabular = false,
        .run = run_show};
}

} // namespace powermap::query
