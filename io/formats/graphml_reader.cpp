#include "io/formats/graphml_reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "io/files/line_index.hpp"
#include "io/formats/interop_util.hpp"

namespace powermap::io {

namespace {

using graph::PropValue;
using Kind = PropValue::Kind;

std::string_view local_name(const char* name) {
    std::string_view text(name);
    const auto colon = text.find(':');
    return colon == std::string_view::npos ? text : text.substr(colon + 1);
}

bool is(const pugi::xml_node& node, std::string_view name) {
    return node.type() == pugi::node_element && local_name(node.name()) == name;
}

/// The whole text of an element: every text and CDATA part, joined. pugixml's text()
/// gives only the first, so "a<!-- note -->b" or "a<![CDATA[<b>]]>" would lose the rest.
std::string text_of(const pugi::xml_node& element) {
    std::string out;
    for (const auto& child : element.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
            out += child.value();
        }
    }
    return out;
}

struct KeyDef {
    std::string id;
    std::string domain; ///< node, edge, graph, all, ...
    std::string name;   ///< attr.name, or the id when none
    std::string type;   ///< boolean int long float double string; "" for yFiles graphics
    bool graphics = false;
    std::optional<std::string> default_value;
};

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

/// The encoding an XML declaration names, in lower case; "" when there is none.
std::string declared_encoding(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);
    }
    if (text.substr(0, 5) != "<?xml") {
        return {};
    }
    const std::string_view declaration = text.substr(0, text.find("?>"));
    const auto key = declaration.find("encoding");
    if (key == std::string_view::npos) {
        return {};
    }
    const auto open = declaration.find_first_of("\"'", key);
    if (open == std::string_view::npos) {
        return {};
    }
    const auto close = declaration.find(declaration[open], open + 1);
    return lower(detail::trim(declaration.substr(
        open + 1, close == std::string_view::npos ? std::string_view::npos : close - open - 1)));
}

class Reader {
public:
    Reader(std::string_view file, std::string_view text, const TextResolver& resolve_text,
           graph::EntityGraphBuilder& builder, ImportReport& report)
        : file_(file), text_(text), lines_(text), resolve_text_(resolve_text), builder_(builder),
          report_(report) {}

    void run() {
        // The map written from the file must be UTF-8, or it would not load: UTF-8 is read
        // as it is, Latin-1 and Windows-1252 are converted here (as Windows-1252, which is
        // what files declaring ISO-8859-1 hold in practice), UTF-16 and UTF-32 by pugixml;
        // any other encoding is refused unless the bytes are UTF-8 anyway (US-ASCII).
        const std::string encoding = declared_encoding(text_);
        const bool wide = text_.size() >= 2 &&
                          (text_.substr(0, 2) == "\xFF\xFE" || text_.substr(0, 2) == "\xFE\xFF" ||
                           text_.substr(0, 4).find('\0') != std::string_view::npos);
        static const std::set<std::string> eight_bit{"iso-8859-1",   "iso8859-1", "iso_8859-1",
                                                     "latin1",       "latin-1",   "l1",
                                                     "windows-1252", "cp1252"};
        if (!wide && eight_bit.count(encoding) != 0) {
            converted_ = detail::windows1252_to_utf8(text_); // as declared, even if UTF-8 too
            text_ = converted_;
            lines_ = LineIndex(text_);
        } else if (!wide) {
            if (const auto bad = detail::first_invalid_utf8(text_)) {
                if (encoding.empty() || encoding == "utf-8" || encoding == "utf8") {
                    fail_at(*bad, "the file is not UTF-8",
                            "save it as UTF-8, or name its encoding in the XML declaration");
                } else if (encoding.rfind("utf-", 0) == 0 || encoding.rfind("ucs", 0) == 0) {
                    fail_at(*bad,
                            fmt::format("the file declares the encoding '{}', but its bytes are "
                                        "not in it",
                                        encoding),
                            "save it as UTF-8");
                } else {
                    fail_at(*bad,
                            fmt::format("the file is in the encoding '{}', which powermap does "
                                        "not read",
                                        encoding),
                            "save it as UTF-8");
                }
            }
        }
        pugi::xml_document doc;
        // parse_ws_pcdata_single keeps a value made only of spaces; no parse_doctype, so a
        // DOCTYPE is skipped and never defines entities.
        const auto result = doc.load_buffer(text_.data(), text_.size(),
                                            pugi::parse_default | pugi::parse_ws_pcdata_single,
                                            wide ? pugi::encoding_auto : pugi::encoding_utf8);
        if (!result) {
            const auto offset =
                static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0));
            fail_at(offset, fmt::format("not well-formed XML: {}", lower(result.description())),
                    text_.empty() ? "the file is empty"
                                  : "check the markup just before this point");
        }
        const pugi::xml_node root = doc.document_element();
        if (!is(root, "graphml")) {
            fail_at(static_cast<std::size_t>(root.offset_debug()),
                    fmt::format("the root element is '{}', not 'graphml'", root.name()),
                    "this is not a GraphML file");
        }
        for (const pugi::xpath_node& key : root.select_nodes(".//*[local-name()='key']")) {
            read_key(key.node());
        }
        const pugi::xml_node first_graph = find_first_graph(root);
        if (!first_graph) {
            return;
        }
        own_format_ = has_own_header();
        directed_ = std::string_view(first_graph.attribute("edgedefault").as_string("directed")) !=
                    "undirected";
        if (own_format_) {
            read_own_header(first_graph);
        }
        walk_graph(first_graph);
        for (auto& entity : entities_) {
            builder_.add_entity(std::move(entity));
        }
        if (used_linked_to_) {
            graph::RelationType type;
            type.id = "linked_to";
            type.wording = {"is linked to", "is linked to"};
            type.directed = directed_;
            type.style.style = "dashed";
            type.style.color = "#888888";
            builder_.put_relation_type(std::move(type));
        }
        for (auto& relation : relations_) {
            builder_.add_relation(std::move(relation));
        }
    }

private:
    [[noreturn]] void fail_at(std::size_t offset, std::string message, std::string hint) {
        const auto [line, column] = lines_.position(offset);
        throw Error(Diagnostic{Severity::Error,
                               {std::string(file_), line, column, {}},
                               std::move(message),
                               std::move(hint),
                               std::nullopt});
    }
    SourceLocation at(const pugi::xml_node& node) const {
        // offset_debug() points at the element name; the element starts at its "<".
        const auto [line, column] = lines_.position(
            static_cast<std::size_t>(std::max<std::ptrdiff_t>(node.offset_debug() - 1, 0)));
        return {std::string(file_), line, column, {}};
    }
    void warn(const pugi::xml_node& node, std::string message, std::string hint = {}) {
        builder_.add_diagnostic(
            {Severity::Warning, at(node), std::move(message), std::move(hint), std::nullopt});
    }

    static pugi::xml_node find_first_graph(const pugi::xml_node& root) {
        for (const auto& child : root.children()) {
            if (is(child, "graph")) {
                return child;
            }
        }
        return {};
    }

    void read_key(const pugi::xml_node& node) {
        KeyDef key;
        key.id = node.attribute("id").as_string();
        key.domain = node.attribute("for").as_string("all");
        key.name = node.attribute("attr.name").as_string(key.id.c_str());
        const pugi::xml_attribute type = node.attribute("attr.type");
        key.graphics =
            !node.attribute("yfiles.type").empty() || !node.attribute("y:attr.uri").empty();
        if (type) {
            key.type = lower(detail::trim(type.as_string()));
            static const std::set<std::string> known{"boolean", "int",    "long",
                                                     "float",   "double", "string"};
            if (known.count(key.type) == 0) {
                warn(node,
                     fmt::format("key '{}' has unknown type '{}'; its values are read as text",
                                 key.id, type.as_string()),
                     "GraphML types are boolean, int, long, float, double and string");
                key.type = "string";
            }
        } else {
            key.type = key.graphics ? "" : "string";
        }
        for (const auto& child : node.children()) {
            if (is(child, "default")) {
                key.default_value = text_of(child);
            }
        }
        keys_.push_back(std::move(key));
    }

    const KeyDef* find_key(std::string_view id, std::string_view domain) const {
        const KeyDef* fallback = nullptr;
        for (const auto& key : keys_) {
            if (key.id != id) {
                continue;
            }
            if (key.domain == domain) {
                return &key;
            }
            if (key.domain == "all" || fallback == nullptr) {
                fallback = &key;
            }
        }
        return fallback;
    }

    bool has_own_header() const {
        return std::any_of(keys_.begin(), keys_.end(), [](const KeyDef& key) {
            return key.domain == "graph" && key.name == "powermap";
        });
    }

    void read_own_header(const pugi::xml_node& graph_node) {
        for (const auto& child : graph_node.children()) {
            if (!is(child, "data")) {
                continue;
            }
            const KeyDef* key = find_key(child.attribute("key").as_string(), "graph");
            if (key != nullptr && key->name == "powermap") {
                report_.embedded_json = at(child);
                read_json_map(file_, text_of(child), resolve_text_, builder_);
            }
        }
    }

    /// A typed value; nullopt (with a warning) when it does not parse as its type.
    std::optional<PropValue> typed(const KeyDef& key, std::string_view raw,
                                   const pugi::xml_node& where) {
        if (key.type == "string" || key.type.empty()) {
            return PropValue{Kind::String, std::string(raw)};
        }
        const std::string_view text = detail::trim(raw);
        if (text.empty()) {
            return std::nullopt; // igraph reads a blank typed value as missing too
        }
        if (key.type == "boolean") {
            const std::string folded = lower(text);
            if (folded == "true" || folded == "1") {
                return PropValue{Kind::Bool, "true"};
            }
            if (folded == "false" || folded == "0") {
                return PropValue{Kind::Bool, "false"};
            }
        } else if (key.type == "int" || key.type == "long") {
            long long value = 0;
            auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (ec == std::errc{} && ptr == text.data() + text.size()) {
                // As a JSON number: "007" or "-0" would not load again.
                return PropValue{Kind::Number, std::to_string(value)};
            }
        } else if (auto value = detail::parse_number(text); value && std::isfinite(*value)) {
            // Our own files keep the number as written, when it is a JSON number ("+1",
            // "1." and ".5" are not).
            const bool as_written =
                own_format_ &&
                detail::checked_prop({Kind::Number, std::string(text)}).kind == Kind::Number;
            // Otherwise as a map read from JSON writes it (checked_prop), so that the
            // imported map and the same map read back are written the same ("1e-06" and
            // "0.000001" are both 0.000001).
            return detail::checked_prop(
                {Kind::Number, as_written ? std::string(text) : detail::format_number(*value)});
        }
        warn(where, fmt::format("'{}' is not a {} as key '{}' declares; kept as text", text,
                                key.type, key.id));
        return PropValue{Kind::String, std::string(raw)};
    }

    /// yEd/yFiles keep the visible label inside graphics data.
    static std::string graphics_label(const pugi::xml_node& data) {
        for (const auto& node : data.select_nodes(".//*")) {
            const pugi::xml_node element = node.node();
            const std::string_view name = local_name(element.name());
            if (name == "NodeLabel" || name == "EdgeLabel" || name == "Label.Text") {
                std::string label = std::string(detail::trim(text_of(element)));
                if (!label.empty()) {
                    return label;
                }
            }
            if (name == "Label" && element.attribute("Text")) {
                return element.attribute("Text").as_string();
            }
        }
        return {};
    }

    struct Values {
        std::map<std::string, PropValue> by_name;
        std::string label; ///< from graphics
    };

    Values collect(const pugi::xml_node& element, std::string_view domain) {
        Values values;
        std::set<std::string> seen;
        for (const auto& child : element.children()) {
            if (!is(child, "data")) {
                continue;
            }
            const std::string key_id = child.attribute("key").as_string();
            const KeyDef* key = find_key(key_id, domain);
            if (key == nullptr) {
                if (warned_keys_.insert(key_id).second) {
                    warn(child, fmt::format("data uses undeclared key '{}'; kept as text", key_id),
                         "declare it with <key id=... for=... attr.name=... attr.type=...>");
                }
                values.by_name[key_id.empty() ? "key" : key_id] =
                    PropValue{Kind::String, text_of(child)};
                continue;
            }
            seen.insert(key->id);
            if (key->type.empty()) {
                if (values.label.empty()) {
                    values.label = graphics_label(child);
                }
                continue;
            }
            if (auto value = typed(*key, text_of(child), child)) {
                values.by_name[key->name] = std::move(*value);
            }
        }
        for (const auto& key : keys_) {
            if ((key.domain == domain || key.domain == "all") && key.default_value &&
                !key.type.empty() && seen.count(key.id) == 0 &&
                values.by_name.count(key.name) == 0) {
                if (auto value = typed(key, *key.default_value, element)) {
                    values.by_name[key.name] = std::move(*value);
                }
            }
        }
        return values;
    }

    static std::optional<std::string> take_text(Values& values, const std::string& name) {
        auto found = values.by_name.find(name);
        if (found == values.by_name.end()) {
            return std::nullopt;
        }
        std::string out = found->second.text;
        values.by_name.erase(found);
        return out;
    }

    /// prop.<k> values plus the prop_kinds note -> Props (our own files).
    graph::Props own_props(Values& values, const pugi::xml_node& where) {
        graph::Props props;
        std::map<std::string, std::string> kinds;
        if (auto note = take_text(values, "prop_kinds")) {
            rapidjson_kinds(*note, kinds, where);
        }
        for (auto it = values.by_name.begin(); it != values.by_name.end();) {
            if (it->first.rfind("prop.", 0) == 0) {
                PropValue value = it->second;
                if (auto kind = kinds.find(it->first.substr(5)); kind != kinds.end()) {
                    if (auto parsed = detail::kind_from_name(kind->second)) {
                        value.kind = *parsed;
                    }
                }
                props[it->first.substr(5)] = detail::checked_prop(std::move(value));
                it = values.by_name.erase(it);
            } else {
                ++it;
            }
        }
        return props;
    }

    void rapidjson_kinds(const std::string& note, std::map<std::string, std::string>& kinds,
                         const pugi::xml_node& where) {
        // ["name", "kind", "name", "kind", ...]
        auto items = detail::parse_string_list(note);
        if (!items || items->size() % 2 != 0) {
            warn(where, "prop_kinds is not a list of name, kind pairs; props are read as typed by "
                        "their keys");
            return;
        }
        for (std::size_t idx = 0; idx + 1 < items->size(); idx += 2) {
            kinds[(*items)[idx]] = (*items)[idx + 1];
        }
    }

    void walk_graph(const pugi::xml_node& graph_node, int depth = 0) {
        if (depth > 256) {
            // yEd nests groups a few levels deep; thousands of levels are an attack on the stack.
            fail_at(static_cast<std::size_t>(
                        std::max<std::ptrdiff_t>(graph_node.offset_debug() - 1, 0)),
                    "graphs nested more than 256 levels deep", "flatten the nested groups");
        }
        for (const auto& child : graph_node.children()) {
            if (is(child, "node")) {
                read_node(child);
                for (const auto& inner : child.children()) {
                    if (is(inner, "graph")) {
                        walk_graph(inner, depth + 1); // yEd groups: nested graphs, flattened
                    }
                }
            } else if (is(child, "edge")) {
                read_edge(child);
            } else if (is(child, "hyperedge")) {
                warn(child, "hyperedges are not supported; skipped");
                report_.skip("hyperedge", at(child).line);
            }
        }
    }

    void read_node(const pugi::xml_node& node) {
        ++report_.records;
        graph::Entity entity;
        entity.origin = at(node);
        entity.id = node.attribute("id").as_string();
        if (entity.id.empty()) {
            builder_.add_diagnostic({Severity::Error, entity.origin, "node has no id",
                                     "every <node> needs a unique id attribute", std::nullopt});
            return;
        }
        Values values = collect(node, "node");
        if (own_format_) {
            entity.type = take_text(values, "type").value_or("entity");
            entity.name = take_text(values, "name").value_or("");
            if (auto aliases = take_text(values, "aliases")) {
                entity.aliases = detail::parse_string_list(*aliases).value_or(
                    std::vector<std::string>{*aliases});
            }
            if (auto tags = take_text(values, "tags")) {
                entity.tags =
                    detail::parse_string_list(*tags).value_or(std::vector<std::string>{*tags});
            }
            for (auto it = values.by_name.begin(); it != values.by_name.end();) {
                if (it->first.rfind("name:", 0) == 0) {
                    entity.names[it->first.substr(5)] = it->second.text;
                    it = values.by_name.erase(it);
                } else {
                    ++it;
                }
            }
            entity.props = own_props(values, node);
            for (auto& [name, value] : values.by_name) {
                entity.props[name] = std::move(value);
            }
        } else {
            entity.type = "entity";
            if (auto type = values.by_name.find("type");
                type != values.by_name.end() &&
                graph::Schema::default_schema().find_entity_type(type->second.text)) {
                entity.type = type->second.text;
                values.by_name.erase(type);
            }
            for (const char* candidate : {"name", "label", "Name", "Label"}) {
                if (auto found = values.by_name.find(candidate);
                    found != values.by_name.end() && found->second.kind == Kind::String) {
                    entity.name = found->second.text;
                    values.by_name.erase(found);
                    break;
                }
            }
            if (entity.name.empty()) {
                entity.name = values.label;
            }
            entity.props = std::move(values.by_name);
        }
        entities_.push_back(std::move(entity));
    }

    void read_edge(const pugi::xml_node& edge) {
        ++report_.records;
        graph::Relation relation;
        relation.origin = at(edge);
        relation.from = edge.attribute("source").as_string();
        relation.to = edge.attribute("target").as_string();
        if (relation.from.empty() || relation.to.empty()) {
            builder_.add_diagnostic(
                {Severity::Error, relation.origin, "edge lacks a source or target",
                 "every <edge> needs source and target node ids", std::nullopt});
            return;
        }
        const std::string id = edge.attribute("id").as_string();
        if (!id.empty() && edge_ids_.insert(id).second) {
            relation.id = id;
        }
        Values values = collect(edge, "edge");
        if (own_format_) {
            relation.type = take_text(values, "type").value_or("linked_to");
            take_text(values, "label");
            relation.role = take_text(values, "role").value_or("");
            auto amount = take_text(values, "amount");
            auto currency = take_text(values, "currency");
            if (amount) {
                if (auto value = detail::parse_number(*amount)) {
                    relation.amount = graph::Amount{*value, currency.value_or("")};
                } else if (detail::is_unrepresentable_number(*amount)) {
                    builder_.add_diagnostic(detail::amount_not_finite(at(edge), *amount));
                } else {
                    warn(edge, fmt::format("amount '{}' is not a number; dropped", *amount),
                         "write the amount as a plain number, e.g. 6800000000");
                }
            }
            relation.start = take_text(values, "start").value_or("");
            relation.end = take_text(values, "end").value_or("");
            if (auto sources = take_text(values, "sources")) {
                if (auto citations = detail::parse_citations(*sources)) {
                    relation.sources = std::move(*citations);
                } else {
                    warn(edge, "'sources' is not a JSON list of citations; dropped");
                }
            }
            relation.props = own_props(values, edge);
            for (auto& [name, value] : values.by_name) {
                relation.props[name] = std::move(value);
            }
        } else {
            relation.type = "linked_to";
            if (auto type = values.by_name.find("type");
                type != values.by_name.end() &&
                graph::Schema::default_schema().find_relation_type(type->second.text)) {
                relation.type = type->second.text;
                values.by_name.erase(type);
            } else {
                used_linked_to_ = true;
            }
            if (!values.label.empty() && values.by_name.count("label") == 0) {
                values.by_name["label"] = PropValue{Kind::String, values.label};
            }
            relation.props = std::move(values.by_name);
        }
        relations_.push_back(std::move(relation));
    }

    std::string_view file_;
    std::string_view text_;
    std::string converted_; ///< the text as UTF-8, when it was in an 8-bit encoding
    LineIndex lines_;
    const TextResolver& resolve_text_;
    graph::EntityGraphBuilder& builder_;
    ImportReport& report_;
    std::vector<KeyDef> keys_;
    std::set<std::string> warned_keys_;
    std::set<std::string> edge_ids_;
    std::vector<graph::Entity> entities_;
    std::vector<graph::Relation> relations_;
    bool own_format_ = false;
    bool directed_ = true;
    bool used_linked_to_ = false;
};

} // namespace

void read_graphml(std::string_view file_name, std::string_view text,
                  const TextResolver& resolve_text, graph::EntityGraphBuilder& builder,
                  ImportReport& report) {
    report.file = std::string(file_name);
    report.format = "graphml";
    Reader reader(file_name, text, resolve_text, builder, report);
    reader.run();
}

} // namespace powermap::io
