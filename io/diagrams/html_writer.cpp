#include "io/diagrams/html_writer.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "io/diagrams/page_parts.hpp"
#include "io/diagrams/render.hpp"
#include "io/display/labels.hpp"

namespace powermap::io {

std::string json_for_script(std::string_view json) {
    std::string out;
    out.reserve(json.size() + json.size() / 16);
    for (std::size_t pos = 0; pos < json.size(); ++pos) {
        const char c = json[pos];
        if (c == '<') {
            out += "\\u003c";
        } else if (c == '>') {
            out += "\\u003e";
        } else if (c == '&') {
            out += "\\u0026";
        } else if (c == '\xE2' && pos + 2 < json.size() && json[pos + 1] == '\x80' &&
                   (json[pos + 2] == '\xA8' || json[pos + 2] == '\xA9')) {
            out += json[pos + 2] == '\xA8' ? "\\u2028" : "\\u2029";
            pos += 2;
        } else {
            out += c;
        }
    }
    return out;
}

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void string(Writer& writer, std::string_view text) {
    writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}
void field(Writer& writer, std::string_view key, std::string_view value) {
    string(writer, key);
    string(writer, value);
}

std::string entity_type_label(const graph::Schema& schema, const std::string& type,
                              const std::string& language) {
    const auto* found = schema.find_entity_type(type);
    if (found == nullptr) {
        return type;
    }
    if (auto label = found->labels.find(language); label != found->labels.end()) {
        return label->second;
    }
    return found->label.empty() ? type : found->label;
}

std::string map_json(const graph::EntityGraph& graph, const HtmlOptions& options,
                     const Diagram& diagram) {
    const std::string& language = options.view.language;
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    writer.StartObject();
    field(writer, "title", graph.info().title);
    field(writer, "description", graph.info().description);
    field(writer, "lang", language);
    string(writer, "sources");
    writer.StartObject();
    for (const auto& source : graph.sources()) {
        string(writer, source.id);
        writer.StartObject();
        field(writer, "title", source.title);
        field(writer, "title_en", source.title_en);
        field(writer, "publisher", source.publisher);
        field(writer, "date", source.date);
        field(writer, "url", source.url);
        writer.EndObject();
    }
    writer.EndObject();
    std::set<std::string> drawn_names;
    for (const auto& node : diagram.nodes) {
        drawn_names.insert(node.name);
    }
    string(writer, "entities");
    writer.StartArray();
    for (std::uint32_t idx = 0; idx < graph.entity_count(); ++idx) {
        const auto& entity = graph.entity(graph::EntityIndex{idx});
        writer.StartObject();
        field(writer, "id", entity.id);
        field(writer, "type", entity.type);
        field(writer, "type_label", entity_type_label(graph.schema(), entity.type, language));
        field(writer, "name", entity.name);
        field(writer, "label", display_name(entity, language));
        string(writer, "names");
        writer.StartObject();
        for (const auto& [lang, name] : entity.names) {
            field(writer, lang, name);
        }
        writer.EndObject();
        string(writer, "aliases");
        writer.StartArray();
        for (const auto& alias : entity.aliases) {
            string(writer, alias);
        }
        writer.EndArray();
        string(writer, "tags");
        writer.StartArray();
        for (const auto& tag : entity.tags) {
            string(writer, tag);
        }
        writer.EndArray();
        string(writer, "props");
        writer.StartObject();
        for (const auto& [key, value] : entity.props) {
            field(writer, key, value.text);
        }
        writer.EndObject();
        writer.EndObject();
    }
    writer.EndArray();
    string(writer, "relations");
    writer.StartArray();
    for (std::uint32_t idx = 0; idx < graph.relation_count(); ++idx) {
        const graph::RelationIndex handle{idx};
        const auto& relation = graph.relation(handle);
        writer.StartObject();
        string(writer, "from");
        writer.Uint(graph::to_underlying(relation.from_index));
        string(writer, "to");
        writer.Uint(graph::to_underlying(relation.to_index));
        field(writer, "type", relation.type);
        field(writer, "forward", relation_wording(graph, handle, true, language));
        field(writer, "reverse", relation_wording(graph, handle, false, language));
        string(writer, "supply");
        writer.Bool(graph.relation_type(handle).supply);
        field(writer, "role", relation.role);
        field(writer, "amount", relation.amount ? format_amount(*relation.amount) : "");
        field(writer, "period", format_period(relation));
        string(writer, "citations");
        writer.StartArray();
        for (const auto& citation : relation.sources) {
            writer.StartObject();
            field(writer, "source", citation.source);
            field(writer, "quote", citation.quote);
            field(writer, "note", citation.note);
            writer.EndObject();
        }
        writer.EndArray();
        writer.EndObject();
    }
    writer.EndArray();
    string(writer, "path");
    writer.StartArray();
    for (graph::EntityIndex entity : options.path) {
        writer.Uint(graph::to_underlying(entity));
    }
    writer.EndArray();
    writer.EndObject();
    return buffer.GetString();
}

/// Graphviz's SVG without its XML declaration, doctype and comments (comments carry node
/// names; Graphviz escapes them, but there is no reason to keep them).
std::string inline_svg(std::string_view svg) {
    const auto start = svg.find("<svg");
    POWERMAP_ASSERT(start != std::string_view::npos);
    svg.remove_prefix(start);
    std::string out;
    out.reserve(svg.size());
    for (std::size_t pos = 0; pos < svg.size();) {
        const auto comment = svg.find("<!--", pos);
        if (comment == std::string_view::npos) {
            out.append(svg.substr(pos));
            break;
        }
        out.append(svg.substr(pos, comment - pos));
        const auto end = svg.find("-->", comment + 4);
        pos = end == std::string_view::npos ? svg.size() : end + 3;
    }
    return out;
}

} // namespace

std::string write_html(const graph::EntityGraph& graph, const HtmlOptions& options) {
    const Diagram diagram = build_diagram(graph, options.view);
    RenderOptions render_options;
    render_options.layout = options.layout;
    const std::string svg = render_diagram(diagram, ImageFormat::Svg, render_options);
    const bool arabic = options.view.language == "ar";
    const std::string title = graph.info().title.empty() ? "powermap" : graph.info().title;
    std::string page;
    page += fmt::format("<!DOCTYPE html>\n<html lang=\"{}\"{}>\n<head>\n<meta charset=\"utf-8\">\n",
                        html_text(options.view.language), arabic ? " dir=\"rtl\"" : "");
    page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    // Nothing may be loaded from elsewhere: the page works offline and leaks no reader.
    page += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n";
    page += fmt::format("<title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n",
                        html_text(title), page_file("page/page.css"));
    page += fmt::format(
        "<header><h1>{}</h1><div class=\"searchbox\"><input id=\"search\" type=\"search\" "
        "placeholder=\"{}\" autocomplete=\"off\"><ul id=\"results\"></ul></div></header>\n",
        html_text(title),
        arabic ? "\u0627\u0628\u062d\u062b \u0639\u0646 \u0627\u0633\u0645"
               : "Find a name (any language)");
    page += "<div id=\"caption\"></div>\n<main>\n<div id=\"canvas\">\n";
    page += inline_svg(svg);
    page += "<div id=\"controls\"><button id=\"zoom-in\" title=\"Zoom in\">+</button>"
            "<button id=\"zoom-out\" title=\"Zoom out\">\u2212</button>"
            "<button id=\"zoom-reset\" title=\"Fit\">\u25a1</button></div>\n</div>\n";
    page +=
        fmt::format("<aside id=\"panel\"><p>{}</p></aside>\n</main>\n<div id=\"tip\"></div>\n",
                    arabic ? "\u0627\u0646\u0642\u0631 \u0639\u0644\u0649 \u0643\u064a\u0627\u0646 "
                             "\u0644\u0639\u0631\u0636 \u0628\u0637\u0627\u0642\u062a\u0647"
                           : "Click an entity to see its card: names, ties and the sources "
                             "they rest on. Hover a tie for its citation.");
    page += fmt::format("<script type=\"application/json\" id=\"powermap-data\">{}</script>\n",
                        json_for_script(map_json(graph, options, diagram)));
    page += fmt::format("<script>\n{}</script>\n</body>\n</html>\n", page_file("page/page.js"));
    return page;
}

} // namespace powermap::io
