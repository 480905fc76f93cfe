#include "io/html_writer.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "io/labels.hpp"
#include "io/render.hpp"

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

std::string html_text(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '&':
            out += "&amp;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

constexpr const char* page_style = R"CSS(
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; font-family: "Noto Sans", "Noto Sans Arabic", sans-serif; color: #222; }
body { display: flex; flex-direction: column; }
header { display: flex; gap: 1em; align-items: center; padding: .5em 1em; border-bottom: 1px solid #ddd; background: #fafafa; }
header h1 { font-size: 1.1em; margin: 0; flex: 1; }
#search { width: 22em; padding: .35em .5em; font-size: 1em; }
#results { position: absolute; top: 2.9em; z-index: 5; background: #fff; border: 1px solid #ccc; list-style: none; margin: 0; padding: 0; max-height: 60vh; overflow: auto; min-width: 22em; }
#results:empty { display: none; }
#results li { padding: .3em .6em; cursor: pointer; }
#results li:hover, #results li.active { background: #e8f0fe; }
.searchbox { position: relative; }
main { flex: 1; display: flex; min-height: 0; }
#canvas { flex: 1; overflow: hidden; position: relative; cursor: grab; direction: ltr; background: #fff; }
#canvas.dragging { cursor: grabbing; }
#canvas svg { width: 100%; height: 100%; }
#controls { position: absolute; top: .5em; left: .5em; display: flex; gap: .25em; }
#controls button { width: 2em; height: 2em; font-size: 1em; }
#panel { width: 26em; border-left: 1px solid #ddd; overflow: auto; padding: 1em; background: #fcfcfc; }
#panel h2 { margin: 0 0 .2em; font-size: 1.2em; }
#panel .type { color: #666; margin-bottom: .6em; }
#panel dl { margin: .4em 0; }
#panel dt { font-weight: bold; margin-top: .4em; }
#panel dd { margin: 0 0 0 1em; }
#panel ul { padding-inline-start: 1.2em; }
#panel li { margin-bottom: .5em; }
#panel a.entity { color: #1a4e9c; cursor: pointer; text-decoration: underline; }
blockquote { margin: .2em 0 .2em .8em; padding-inline-start: .5em; border-inline-start: 3px solid #bbb; color: #444; unicode-bidi: plaintext; }
.citation-source { color: #777; font-size: .85em; }
#caption { padding: .3em 1em; background: #fff6d5; border-bottom: 1px solid #e6d690; }
#caption:empty { display: none; }
#tip { position: fixed; display: none; max-width: 32em; background: #fff; border: 1px solid #999; padding: .4em .6em; box-shadow: 0 2px 6px rgba(0,0,0,.2); z-index: 10; pointer-events: none; font-size: .9em; }
g.node, g.edge { cursor: pointer; }
g.node.selected polygon, g.node.selected ellipse, g.node.selected path { stroke: #d62728; stroke-width: 4; }
g.edge:hover path { stroke-width: 3; }
)CSS";

constexpr const char* page_script = R"JS(
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('powermap-data').textContent);
  const svg = document.querySelector('#canvas svg');
  const panel = document.getElementById('panel');
  const tip = document.getElementById('tip');
  const search = document.getElementById('search');
  const results = document.getElementById('results');

  // The same folding as graph::normalize_name: decompose, drop marks (accents, tashkeel,
  // hamza), tatweel and bidi controls, fold alef/ya/ta marbuta, case, punctuation.
  function normalize(text) {
    return String(text || '').normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/\u0640/g, '')
      .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
      .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627')
      .replace(/\u0649/g, '\u064a')
      .replace(/\u0629/g, '\u0647')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  const outgoing = data.entities.map(() => []);
  const incoming = data.entities.map(() => []);
  data.relations.forEach((relation, index) => {
    outgoing[relation.from].push(index);
    incoming[relation.to].push(index);
  });
  const keys = data.entities.map((entity) => {
    const names = [entity.id, entity.name, entity.label].concat(Object.values(entity.names), entity.aliases);
    return names.filter(Boolean).map((name) => ({ name: name, folded: normalize(name) }));
  });

  function sourceTitle(id) {
    const source = data.sources[id];
    if (!source) return id;
    return source.title_en || source.title || id;
  }

  function citations(relation, into) {
    relation.citations.forEach((citation) => {
      if (citation.quote) into.appendChild(el('blockquote', '\u201c' + citation.quote + '\u201d'));
      into.appendChild(el('div', sourceTitle(citation.source) + (citation.note ? ' \u2014 ' + citation.note : ''), 'citation-source'));
    });
    if (relation.citations.length === 0) into.appendChild(el('div', 'no source cited', 'citation-source'));
  }

  function details(relation) {
    return [relation.role, relation.amount, relation.period].filter(Boolean).join(', ');
  }

  let selected = null;
  function select(index) {
    if (selected !== null) {
      const old = document.getElementById('n' + selected);
      if (old) old.classList.remove('selected');
    }
    selected = index;
    const node = document.getElementById('n' + index);
    if (node) node.classList.add('selected');
    const entity = data.entities[index];
    panel.replaceChildren();
    const card = el('div', null, 'card');
    card.id = 'card';
    card.dataset.entity = entity.id;
    card.appendChild(el('h2', entity.label));
    card.appendChild(el('div', entity.type_label + ' \u00b7 ' + entity.id, 'type'));
    const facts = el('dl');
    const addFact = (term, value) => {
      if (!value) return;
      facts.appendChild(el('dt', term));
      facts.appendChild(el('dd', value));
    };
    addFact('name', entity.name);
    Object.keys(entity.names).sort().forEach((lang) => addFact('name (' + lang + ')', entity.names[lang]));
    addFact('also known as', entity.aliases.join(' \u00b7 '));
    addFact('tags', entity.tags.join(', '));
    Object.keys(entity.props).sort().forEach((key) => addFact(key, entity.props[key]));
    card.appendChild(facts);
    const ties = outgoing[index].map((r) => [r, true]).concat(incoming[index].map((r) => [r, false]));
    card.appendChild(el('h3', 'Ties (' + ties.length + ')'));
    const list = el('ul');
    ties.forEach(([relationIndex, forward]) => {
      const relation = data.relations[relationIndex];
      const other = forward ? relation.to : relation.from;
      const item = el('li');
      item.dataset.relation = relationIndex;
      item.appendChild(document.createTextNode((forward ? relation.forward : relation.reverse) + ' '));
      const link = el('a', data.entities[other].label, 'entity');
      link.addEventListener('click', () => select(other));
      item.appendChild(link);
      const more = details(relation);
      if (more) {
        // Isolated so that "$24.6M" keeps its order inside an Arabic line.
        item.appendChild(document.createTextNode(' '));
        item.appendChild(el('bdi', '[' + more + ']'));
      }
      citations(relation, item);
      list.appendChild(item);
    });
    card.appendChild(list);
    panel.appendChild(card);
    if (location.hash !== '#' + encodeURIComponent(entity.id)) {
      history.replaceState(null, '', '#' + encodeURIComponent(entity.id));
    }
  }

  // Entities and ties in the SVG carry id="n<index>" / id="r<index>".
  svg.querySelectorAll('g.node').forEach((node) => {
    const index = Number(node.id.slice(1));
    if (node.id[0] !== 'n' || !(index in data.entities)) return;
    node.addEventListener('click', (event) => { event.stopPropagation(); select(index); });
  });
  svg.querySelectorAll('g.edge').forEach((edge) => {
    const index = Number(edge.id.slice(1));
    const relation = data.relations[index];
    if (edge.id[0] !== 'r' || !relation) return;
    edge.querySelectorAll('title').forEach((title) => title.remove());
    edge.querySelectorAll('a').forEach((a) => a.removeAttribute('xlink:title'));
    edge.addEventListener('mousemove', (event) => {
      tip.replaceChildren();
      tip.appendChild(el('strong', data.entities[relation.from].label + ' ' + relation.forward + ' ' + data.entities[relation.to].label));
      const more = details(relation);
      if (more) tip.appendChild(el('div', more)).dir = 'auto';
      citations(relation, tip);
      tip.style.display = 'block';
      tip.style.left = Math.min(event.clientX + 14, window.innerWidth - tip.offsetWidth - 8) + 'px';
      tip.style.top = Math.min(event.clientY + 14, window.innerHeight - tip.offsetHeight - 8) + 'px';
    });
    edge.addEventListener('mouseleave', () => { tip.style.display = 'none'; });
  });

  function find(text) {
    const wanted = normalize(text);
    if (!wanted) return [];
    const found = [];
    keys.forEach((names, index) => {
      let best = null;
      names.forEach((key) => {
        const score = key.folded === wanted ? 3 : key.folded.startsWith(wanted) ? 2 : key.folded.includes(wanted) ? 1 : 0;
        if (score > 0 && (!best || score > best.score)) best = { index: index, score: score, name: key.name };
      });
      if (best) found.push(best);
    });
    found.sort((a, b) => b.score - a.score || data.entities[a.index].id.localeCompare(data.entities[b.index].id));
    return found.slice(0, 20);
  }
  search.addEventListener('input', () => {
    results.replaceChildren();
    find(search.value).forEach((match) => {
      const entity = data.entities[match.index];
      const item = el('li', entity.label + (match.name !== entity.label ? ' (' + match.name + ')' : ''));
      item.dataset.entity = entity.id;
      item.addEventListener('click', () => { select(match.index); centre(match.index); results.replaceChildren(); });
      results.appendChild(item);
    });
  });
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && results.firstChild) results.firstChild.click();
    if (event.key === 'Escape') results.replaceChildren();
  });

  // Pan and zoom by rewriting the viewBox.
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  const initial = svg.viewBox.baseVal;
  let box = { x: initial.x, y: initial.y, w: initial.width, h: initial.height };
  const home = Object.assign({}, box);
  function apply() { svg.setAttribute('viewBox', [box.x, box.y, box.w, box.h].join(' ')); }
  function zoom(factor, cx, cy) {
    const w = Math.min(Math.max(box.w * factor, home.w / 50), home.w * 4);
    const h = box.h * (w / box.w);
    box = { x: cx - (cx - box.x) * (w / box.w), y: cy - (cy - box.y) * (h / box.h), w: w, h: h };
    apply();
  }
  function toSvg(event) {
    const point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    return point.matrixTransform(svg.getScreenCTM().inverse());
  }
  svg.addEventListener('wheel', (event) => {
    event.preventDefault();
    const at = toSvg(event);
    zoom(event.deltaY < 0 ? 0.85 : 1 / 0.85, at.x, at.y);
  }, { passive: false });
  let drag = null;
  svg.addEventListener('pointerdown', (event) => {
    drag = { x: event.clientX, y: event.clientY, box: Object.assign({}, box) };
    document.getElementById('canvas').classList.add('dragging');
  });
  window.addEventListener('pointermove', (event) => {
    if (!drag) return;
    const scale = box.w / svg.getBoundingClientRect().width;
    box.x = drag.box.x - (event.clientX - drag.x) * scale;
    box.y = drag.box.y - (event.clientY - drag.y) * scale;
    apply();
  });
  window.addEventListener('pointerup', () => {
    drag = null;
    document.getElementById('canvas').classList.remove('dragging');
  });
  function centre(index) {
    const node = document.getElementById('n' + index);
    if (!node) return;
    const bounds = node.getBBox();
    const ctm = node.getCTM();
    const root = svg.getCTM();
    const matrix = root ? root.inverse().multiply(ctm) : ctm;
    const point = svg.createSVGPoint();
    point.x = bounds.x + bounds.width / 2;
    point.y = bounds.y + bounds.height / 2;
    const at = point.matrixTransform(matrix);
    box.x = at.x - box.w / 2;
    box.y = at.y - box.h / 2;
    apply();
  }
  document.getElementById('zoom-in').addEventListener('click', () => zoom(0.8, box.x + box.w / 2, box.y + box.h / 2));
  document.getElementById('zoom-out').addEventListener('click', () => zoom(1.25, box.x + box.w / 2, box.y + box.h / 2));
  document.getElementById('zoom-reset').addEventListener('click', () => { box = Object.assign({}, home); apply(); });

  if (data.path.length > 0) {
    document.getElementById('caption').textContent =
      'Path: ' + data.path.map((index) => data.entities[index].label).join(' \u2192 ');
  }
  const wanted = decodeURIComponent(location.hash.slice(1));
  const start = data.entities.findIndex((entity) => entity.id === wanted);
  if (start >= 0) {
    select(start);
    zoom(0.45, box.x + box.w / 2, box.y + box.h / 2);
    centre(start);
  }
})();
)JS";

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
    page += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n", html_text(title),
                        page_style);
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
    page += fmt::format("<script>{}</script>\n</body>\n</html>\n", page_script);
    return page;
}

} // namespace powermap::io
