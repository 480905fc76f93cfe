#include "io/formats/dot_reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <graphviz/cgraph.h>

#include "io/detail/html_entities.hpp"
#include "io/diagrams/graphviz_errors.hpp"
#include "io/files/line_index.hpp"
#include "io/formats/interop_util.hpp"

namespace powermap::io {

namespace {

std::string latin1_to_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x80) {
            out += c;
        } else {
            out += static_cast<char>(0xC0 | (byte >> 6));
            out += static_cast<char>(0x80 | (byte & 0x3F));
        }
    }
    return out;
}

void append_utf8(std::string& out, char32_t code) {
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

/// The character reference at the start of `text` ("&amp;", "&#92;", "&#x5C;"): its code
/// point and length, or nothing. As Graphviz's htmlEntity: names from its table, decimal
/// up to 7 digits, hex up to 6; a reference must end in ';'. NUL, surrogates and code
/// points beyond Unicode are not decoded (they would not be valid UTF-8 text).
std::optional<std::pair<char32_t, std::size_t>> character_reference(std::string_view text) {
    if (text.size() < 3 || text[0] != '&') {
        return std::nullopt;
    }
    if (text[1] == '#') {
        const bool hex = text.size() > 2 && (text[2] == 'x' || text[2] == 'X');
        const std::size_t first = hex ? 3 : 2;
        const std::size_t max_digits = hex ? 6 : 7;
        std::uint32_t code = 0;
        std::size_t pos = first;
        for (; pos < text.size() && pos - first < max_digits; ++pos) {
            const char c = text[pos];
            int digit = -1;
            if (c >= '0' && c <= '9') {
                digit = c - '0';
            } else if (hex && c >= 'a' && c <= 'f') {
                digit = c - 'a' + 10;
            } else if (hex && c >= 'A' && c <= 'F') {
                digit = c - 'A' + 10;
            }
            if (digit < 0) {
                break;
            }
            code = code * (hex ? 16U : 10U) + static_cast<std::uint32_t>(digit);
        }
        if (pos == first || pos >= text.size() || text[pos] != ';' || code == 0 ||
            code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
            return std::nullopt;
        }
        return std::pair{static_cast<char32_t>(code), pos + 1};
    }
    const auto semicolon = text.find(';', 1);
    if (semicolon == std::string_view::npos || semicolon > 9) {
        return std::nullopt;
    }
    const std::string_view name = text.substr(1, semicolon - 1);
    const auto* begin = std::begin(detail::html_entities);
    const auto* end = std::end(detail::html_entities);
    const auto* found =
        std::lower_bound(begin, end, name,
                         [](const auto& entry, std::string_view key) { return entry.first < key; });
    if (found == end || found->first != name) {
        return std::nullopt;
    }
    return std::pair{found->second, semicolon + 1};
}

/// A node label as people read it, decoded in Graphviz's order (make_label): first "\N"
/// (the node's name) and "\G" (the graph's), then character references such as "&amp;" and
/// "&#92;", then the escapes: "\\" is a backslash, "\n", "\l", "\r" and raw newlines are
/// line breaks, which become one space (none at either end: they are layout, not name),
/// and a backslash before any other character stands for that character.
std::string plain_label(std::string_view label, std::string_view node_name,
                        std::string_view graph_name) {
    std::string substituted;
    for (std::size_t pos = 0; pos < label.size(); ++pos) {
        if (label[pos] != '\\' || pos + 1 == label.size()) {
            substituted += label[pos];
            continue;
        }
        const char next = label[pos + 1];
        if (next == 'N' || next == 'G') {
            substituted += next == 'N' ? node_name : graph_name;
        } else if (next != 'E' && next != 'H' && next != 'T' && next != 'L') {
            substituted += label.substr(pos, 2); // kept for the escape pass ("\\" too)
        }
        ++pos;
    }
    std::string decoded;
    for (std::size_t pos = 0; pos < substituted.size();) {
        if (auto reference = character_reference(std::string_view(substituted).substr(pos))) {
            append_utf8(decoded, reference->first);
            pos += reference->second;
        } else {
            decoded += substituted[pos++];
        }
    }
    std::string out;
    bool pending_break = false;
    auto line_break = [&] {
        pending_break = !out.empty();
    };
    for (std::size_t pos = 0; pos < decoded.size(); ++pos) {
        char c = decoded[pos];
        if (c == '\\' && pos + 1 < decoded.size()) {
            c = decoded[++pos];
            if (c == 'n' || c == 'l' || c == 'r') {
                line_break();
                continue;
            }
        } else if (c == '\n') {
            line_break();
            continue;
        }
        if (pending_break) {
            out += ' ';
            pending_break = false;
        }
        out += c;
    }
    return out;
}

/// Positions of the nodes and edges of a DOT text, by top-level graph. cgraph keeps none,
/// so this small lexer follows DOT's grammar as far as positions need: comments, quoted
/// strings (with '+' concatenation), HTML strings, attribute lists, ports, edge chains.
class DotPositions {
public:
    explicit DotPositions(std::string_view text) : text_(text) { scan(); }

    [[nodiscard]] std::size_t graphs() const { return nodes_.size(); }

    /// Where node `name` of graph `graph` is first written.
    [[nodiscard]] std::optional<std::size_t> node(std::size_t graph,
                                                  const std::string& name) const {
        if (graph >= nodes_.size()) {
            return std::nullopt;
        }
        const auto found = nodes_[graph].find(name);
        return found == nodes_[graph].end() ? std::nullopt : std::optional(found->second);
    }

    /// Where the next edge tail -> head of `graph` not asked for yet is written (edges
    /// between the same two nodes are handed out in the order they are written).
    [[nodiscard]] std::optional<std::size_t> edge(std::size_t graph, const std::string& tail,
                                                  const std::string& head) {
        if (graph >= edges_.size()) {
            return std::nullopt;
        }
        for (const auto& key : {std::pair{tail, head}, std::pair{head, tail}}) {
            auto found = edges_[graph].find(key);
            if (found != edges_[graph].end() && !found->second.empty()) {
                const std::size_t offset = found->second.front();
                found->second.pop_front();
                return offset;
            }
        }
        return node(graph, tail);
    }

private:
    enum class Kind { Id, Keyword, EdgeOp, Punct, End };
    struct Token {
        Kind kind = Kind::End;
        std::string text; ///< an ID as cgraph names it; a keyword in lower case
        std::size_t offset = 0;
        char punct = 0;
    };

    static bool id_char(char c) {
        const auto byte = static_cast<unsigned char>(c);
        return std::isalnum(byte) != 0 || c == '_' || byte >= 0x80;
    }

    void skip_space() {
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
                ++pos_;
            } else if ((c == '#' && (pos_ == 0 || text_[pos_ - 1] == '\n')) ||
                       text_.substr(pos_, 2) == "//") {
                const auto eol = text_.find('\n', pos_);
                pos_ = eol == std::string_view::npos ? text_.size() : eol;
            } else if (text_.substr(pos_, 2) == "/*") {
                const auto close = text_.find("*/", pos_ + 2);
                pos_ = close == std::string_view::npos ? text_.size() : close + 2;
            } else {
                return;
            }
        }
    }

    /// A quoted string as cgraph's lexer reads it: \" is a quote, \ and a newline
    /// continue the line, every other backslash stays (\\ stays two).
    void read_quoted(std::string& out) {
        ++pos_;
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == '"') {
                ++pos_;
                return;
            }
            if (c == '\\' && pos_ + 1 < text_.size()) {
                const char next = text_[pos_ + 1];
                if (next == '"' || next == '\n' || next == '\\') {
                    if (next != '\n') {
                        out += next == '"' ? std::string_view("\"") : std::string_view("\\\\");
                    }
                    pos_ += 2;
                    continue;
                }
            }
            out += c;
            ++pos_;
        }
    }

    Token next() {
        skip_space();
        Token token;
        token.offset = pos_;
        if (pos_ >= text_.size()) {
            return token;
        }
        const char c = text_[pos_];
        if (c == '"') {
            token.kind = Kind::Id;
            read_quoted(token.text);
            while (true) {
                const std::size_t save = pos_;
                skip_space();
                if (pos_ < text_.size() && text_[pos_] == '+') {
                    ++pos_;
                    skip_space();
                    if (pos_ < text_.size() && text_[pos_] == '"') {
                        read_quoted(token.text);
                        continue;
                    }
                }
                pos_ = save;
                break;
            }
            return token;
        }
        if (c == '<') {
            token.kind = Kind::Id;
            int depth = 0;
            const std::size_t start = pos_;
            do {
                depth += text_[pos_] == '<' ? 1 : text_[pos_] == '>' ? -1 : 0;
                ++pos_;
            } while (pos_ < text_.size() && depth > 0);
            token.text = std::string(text_.substr(start + 1, pos_ - start - (depth == 0 ? 2 : 1)));
            return token;
        }
        if (c == '-' && pos_ + 1 < text_.size() &&
            (text_[pos_ + 1] == '>' || text_[pos_ + 1] == '-')) {
            token.kind = Kind::EdgeOp;
            pos_ += 2;
            return token;
        }
        const bool numeral = std::isdigit(static_cast<unsigned char>(c)) != 0 ||
                             ((c == '-' || c == '.') && pos_ + 1 < text_.size() &&
                              (std::isdigit(static_cast<unsigned char>(text_[pos_ + 1])) != 0 ||
                               text_[pos_ + 1] == '.'));
        if (numeral) {
            const std::size_t start = pos_++;
            while (pos_ < text_.size() &&
                   (std::isdigit(static_cast<unsigned char>(text_[pos_])) != 0 ||
                    text_[pos_] == '.')) {
                ++pos_;
            }
            token.kind = Kind::Id;
            token.text = std::string(text_.substr(start, pos_ - start));
            return token;
        }
        if (id_char(c)) {
            const std::size_t start = pos_;
            while (pos_ < text_.size() && id_char(text_[pos_])) {
                ++pos_;
            }
            token.text = std::string(text_.substr(start, pos_ - start));
            std::string folded = token.text;
            std::transform(folded.begin(), folded.end(), folded.begin(),
                           [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
            static const std::set<std::string> keywords{"node",    "edge",     "graph",
                                                        "digraph", "subgraph", "strict"};
            if (keywords.count(folded) != 0) {
                token.kind = Kind::Keyword;
                token.text = std::move(folded);
            } else {
                token.kind = Kind::Id;
            }
            return token;
        }
        token.kind = Kind::Punct;
        token.punct = c;
        ++pos_;
        return token;
    }

    void scan() {
        // One token of look-back and one of look-ahead are all the grammar needs here, so
        // the tokens of a big file are never held at once.
        int depth = 0;
        int brackets = 0;
        std::optional<std::pair<std::string, std::size_t>> chain; // the node an edge leaves
        bool after_edge_op = false;
        Token before_token;
        Token token = next();
        Token after_token = next();
        for (; token.kind != Kind::End; before_token = std::move(token),
                                        token = std::move(after_token), after_token = next()) {
            const Token* before = before_token.kind == Kind::End ? nullptr : &before_token;
            const Token* after = after_token.kind == Kind::End ? nullptr : &after_token;
            auto is_punct = [](const Token* other, char c) {
                return other != nullptr && other->kind == Kind::Punct && other->punct == c;
            };
            if (token.kind == Kind::Punct) {
                if (token.punct == '[') {
                    ++brackets;
                } else if (token.punct == ']') {
                    brackets = std::max(0, brackets - 1);
                } else if (brackets == 0 && token.punct != ':') {
                    depth += token.punct == '{' ? 1 : token.punct == '}' ? -1 : 0;
                    chain.reset(); // a subgraph as an edge end has no one node position
                    after_edge_op = false;
                }
                continue;
            }
            if (brackets > 0) {
                continue;
            }
            if (token.kind == Kind::Keyword) {
                if (depth <= 0 && (token.text == "graph" || token.text == "digraph")) {
                    nodes_.emplace_back();
                    edges_.emplace_back();
                    depth = 0;
                }
                chain.reset();
                after_edge_op = false;
                continue;
            }
            if (token.kind == Kind::EdgeOp) {
                after_edge_op = true;
                continue;
            }
            const bool named_graph =
                before != nullptr && before->kind == Kind::Keyword && before->text != "strict";
            if (nodes_.empty() || is_punct(before, '=') || is_punct(before, ':') ||
                is_punct(after, '=') || named_graph) {
                continue; // an attribute, a port, or the name of a graph
            }
            nodes_.back().emplace(token.text, token.offset);
            if (after_edge_op && chain) {
                edges_.back()[{chain->first, token.text}].push_back(chain->second);
            }
            chain = std::pair{token.text, token.offset};
            after_edge_op = false;
        }
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    std::vector<std::unordered_map<std::string, std::size_t>> nodes_;
    std::vector<std::map<std::pair<std::string, std::string>, std::deque<std::size_t>>> edges_;
};

// cgraph reads through an I/O discipline; this one serves a string line by line, as
// Graphviz's own agmemread does, but lets agread be called again for the next graph.
struct MemoryChannel {
    std::string_view text;
    std::size_t pos = 0;
};

int memory_read(void* chan, char* buffer, int size) {
    auto* channel = static_cast<MemoryChannel*>(chan);
    if (size <= 0 || channel->pos >= channel->text.size()) {
        return 0;
    }
    int count = 0;
    char c = 0;
    do {
        c = channel->text[channel->pos++];
        buffer[count++] = c;
    } while (c != '\n' && count < size && channel->pos < channel->text.size());
    return count;
}

int memory_put(void*, const char*) {
    return 0;
}
int memory_flush(void*) {
    return 0;
}

Agiodisc_t memory_io{memory_read, memory_put, memory_flush};

struct GraphCloser {
    void operator()(Agraph_t* graph) const { agclose(graph); }
};
using GraphPtr = std::unique_ptr<Agraph_t, GraphCloser>;

/// "Error: f.dot: syntax error in line 11 near '\'" -> 11 and "syntax error near '\'".
std::pair<std::uint32_t, std::string> parse_message(std::string message,
                                                    std::string_view file_name) {
    for (std::string_view prefix : {"Error: ", "Warning: "}) {
        if (message.rfind(prefix, 0) == 0) {
            message.erase(0, prefix.size());
        }
    }
    const std::string file_prefix = fmt::format("{}: ", file_name);
    if (message.rfind(file_prefix, 0) == 0) {
        message.erase(0, file_prefix.size());
    }
    std::uint32_t line = 0;
    for (std::string_view marker : {" in line ", " on line "}) {
        const auto at = message.find(marker);
        if (at == std::string::npos) {
            continue;
        }
        const char* begin = message.data() + at + marker.size();
        const char* end = message.data() + message.size();
        const auto [stop, error] = std::from_chars(begin, end, line);
        if (error == std::errc{}) {
            std::size_t cut_end = static_cast<std::size_t>(stop - message.data());
            const std::string of_file = fmt::format(" of {}", file_name);
            if (message.compare(cut_end, of_file.size(), of_file) == 0) {
                cut_end += of_file.size();
            }
            message.erase(at, cut_end - at);
        }
        break;
    }
    return {line, message};
}

graph::PropValue prop_text(const char* value) {
    graph::PropValue prop;
    prop.kind = graph::PropValue::Kind::String;
    // HTML-like labels keep their brackets so they can be written back as DOT.
    prop.text = aghtmlstr(const_cast<char*>(value)) ? fmt::format("<{}>", value) : value;
    return prop;
}

class DotGraphReader {
public:
    /// `graphs`: how many graphs cgraph read from `text`.
    DotGraphReader(std::string_view file_name, std::string_view text, std::size_t graphs,
                   graph::EntityGraphBuilder& builder)
        : file_name_(file_name), lines_(text), positions_(text), graphs_read_(graphs),
          builder_(builder) {}

    void read(Agraph_t* graph, std::size_t graph_idx, const std::string& prefix) {
        prefix_ = prefix;
        graph_idx_ = graph_idx;
        graph_name_ = agnameof(graph);
        empty_id_.clear();
        const bool directed = agisdirected(graph) != 0;
        for (Agnode_t* node = agfstnode(graph); node != nullptr; node = agnxtnode(graph, node)) {
            tags_.clear();
            collect_tags(graph, node);
            add_entity(graph, node);
        }
        for (Agnode_t* node = agfstnode(graph); node != nullptr; node = agnxtnode(graph, node)) {
            for (Agedge_t* edge = agfstout(graph, node); edge != nullptr;
                 edge = agnxtout(graph, edge)) {
                add_relation(graph, edge, directed);
            }
        }
    }

private:
    SourceLocation at(std::optional<std::size_t> offset) const {
        // The scan found as many graphs as cgraph read, or its positions would be another
        // graph's: then only the file is known.
        if (!offset || positions_.graphs() != graphs_read_) {
            return SourceLocation{std::string(file_name_), 0, 0, {}};
        }
        const auto [line, column] = lines_.position(*offset);
        return SourceLocation{std::string(file_name_), line, column, {}};
    }

    /// The entity id of a node: the graph's prefix and its name. A node written "" (some
    /// tools write one for a missing value) gets a stand-in id, with a warning, as an
    /// entity needs an id.
    std::string id_of(Agraph_t* graph, const std::string& name) {
        if (!name.empty()) {
            return prefix_ + name;
        }
        if (empty_id_.empty()) {
            std::string stand_in = "empty-name";
            for (int suffix = 2; agnode(graph, stand_in.data(), 0) != nullptr; ++suffix) {
                stand_in = fmt::format("empty-name-{}", suffix);
            }
            empty_id_ = prefix_ + stand_in;
            builder_.add_diagnostic(
                {Severity::Warning, at(positions_.node(graph_idx_, name)),
                 fmt::format("a node is named \"\"; imported with the id '{}'", empty_id_),
                 "give the node a name in the DOT file", std::nullopt});
        }
        return empty_id_;
    }

    void collect_tags(Agraph_t* graph, Agnode_t* node) {
        for (Agraph_t* sub = agfstsubg(graph); sub != nullptr; sub = agnxtsubg(sub)) {
            if (agsubnode(sub, node, 0) == nullptr) {
                continue;
            }
            const char* name = agnameof(sub);
            // Anonymous subgraphs ({a b}) get internal names starting with '%'.
            if (name != nullptr && name[0] != '%' && name[0] != '\0') {
                tags_.insert(name);
            }
            collect_tags(sub, node);
        }
    }

    void add_entity(Agraph_t* graph, Agnode_t* node) {
        const std::string name = agnameof(node);
        graph::Entity entity;
        entity.origin = at(positions_.node(graph_idx_, name));
        entity.id = id_of(graph, name);
        entity.type = "entity";
        entity.name = name;
        for (Agsym_t* sym = agnxtattr(graph, AGNODE, nullptr); sym != nullptr;
             sym = agnxtattr(graph, AGNODE, sym)) {
            const char* value = agxget(node, sym);
            if (value == nullptr || value[0] == '\0') {
                continue;
            }
            const std::string key = sym->name;
            if (key == "type") {
                if (graph::Schema::default_schema().find_entity_type(value) != nullptr) {
                    entity.type = value;
                } else {
                    builder_.add_diagnostic(
                        {Severity::Warning, entity.origin,
                         fmt::format("node '{}' has unknown type '{}'; read as 'entity'", name,
                                     value),
                         did_you_mean(value, graph::Schema::default_schema().entity_type_ids()),
                         std::nullopt});
                    entity.props.emplace("type", prop_text(value));
                }
                continue;
            }
            if (key == "label" && !aghtmlstr(const_cast<char*>(value))) {
                // The label becomes the name (so it is not kept twice as a prop).
                std::string label = plain_label(value, name, graph_name_);
                if (!label.empty()) {
                    entity.name = std::move(label);
                }
                continue;
            }
            entity.props.emplace(key, prop_text(value));
        }
        entity.tags.assign(tags_.begin(), tags_.end());
        builder_.add_entity(std::move(entity));
    }

    void add_relation(Agraph_t* graph, Agedge_t* edge, bool directed) {
        graph::Relation relation;
        const std::string tail = agnameof(agtail(edge));
        const std::string head = agnameof(aghead(edge));
        relation.from = id_of(graph, tail);
        relation.to = id_of(graph, head);
        relation.type = std::string(directed ? dot_directed_relation : dot_undirected_relation);
        relation.origin = at(positions_.edge(graph_idx_, tail, head));
        for (Agsym_t* sym = agnxtattr(graph, AGEDGE, nullptr); sym != nullptr;
             sym = agnxtattr(graph, AGEDGE, sym)) {
            const char* value = agxget(edge, sym);
            if (value == nullptr || value[0] == '\0') {
                continue;
            }
            const std::string key = sym->name;
            if (key == "type" &&
                graph::Schema::default_schema().find_relation_type(value) != nullptr) {
                relation.type = value;
                continue;
            }
            relation.props.emplace(key, prop_text(value));
        }
        builder_.add_relation(std::move(relation));
    }

    std::string_view file_name_;
    LineIndex lines_;
    DotPositions positions_;
    std::size_t graphs_read_;
    graph::EntityGraphBuilder& builder_;
    std::string prefix_;
    std::size_t graph_idx_ = 0;
    std::string graph_name_;
    std::string empty_id_;
    std::set<std::string> tags_;
};

/// A DOT file may not hold a NUL byte: cgraph reads names as C strings and would cut them
/// there without a word. A NUL in a text file means it is binary, UTF-16 or damaged.
void refuse_nul(const std::string& file_name, std::string_view text) {
    const auto nul = text.find('\0');
    if (nul == std::string_view::npos) {
        return;
    }
    const auto [line, column] = LineIndex(text).position(nul);
    throw Error(Diagnostic{Severity::Error,
                           {file_name, line, column, {}},
                           "the file holds a NUL byte, which DOT text cannot hold",
                           "is it UTF-16 or a binary file? save it as UTF-8 text",
                           std::nullopt});
}

/// The column of Graphviz's "near 'x'" on `line` (1 unless 'x' is there exactly once).
std::uint32_t near_column(std::string_view text, std::uint32_t line, std::string_view message) {
    const auto near = message.find("near '");
    if (line == 0 || near == std::string_view::npos) {
        return line == 0 ? 0 : 1;
    }
    const auto close = message.rfind('\'');
    const std::string_view token = message.substr(near + 6, close - (near + 6));
    std::size_t start = 0;
    for (std::uint32_t at = 1; at < line && start != std::string_view::npos; ++at) {
        start = text.find('\n', start);
        start = start == std::string_view::npos ? start : start + 1;
    }
    if (start == std::string_view::npos || token.empty()) {
        return 1;
    }
    const auto end = text.find('\n', start);
    const std::string_view line_text =
        text.substr(start, end == std::string_view::npos ? end : end - start);
    const auto found = line_text.find(token);
    if (found == std::string_view::npos ||
        line_text.find(token, found + 1) != std::string_view::npos) {
        return 1; // not there, or there twice: which one Graphviz means is not known
    }
    return LineIndex(line_text).position(found).second;
}

graph::RelationType generic_relation(std::string_view id, bool directed) {
    graph::RelationType type;
    type.id = std::string(id);
    type.wording = directed ? graph::Wording{"is linked to", "is linked from"}
                            : graph::Wording{"is linked with", "is linked with"};
    type.wordings["ar"] = directed ? graph::Wording{"\u0645\u0631\u062a\u0628\u0637 \u0628\u0640",
                                                    "\u0645\u0631\u062a\u0628\u0637 \u0628\u0647"}
                                   : graph::Wording{"\u0645\u0631\u062a\u0628\u0637 \u0645\u0639",
                                                    "\u0645\u0631\u062a\u0628\u0637 \u0645\u0639"};
    type.directed = directed;
    type.supply = false;
    type.style = {"", "#888888", "", "solid"};
    return type;
}

} // namespace

void read_dot_map(std::string_view file_name, std::string_view text,
                  graph::EntityGraphBuilder& builder) {
    const std::string name(file_name);
    refuse_nul(name, text);
    std::string converted;
    if (const auto bad = detail::first_invalid_utf8(text)) {
        const auto [line, column] = LineIndex(text).position(*bad);
        converted = latin1_to_utf8(text);
        text = converted;
        builder.add_diagnostic({Severity::Warning,
                                {name, line, column, {}},
                                "the file is not valid UTF-8; read it as Latin-1",
                                "save it as UTF-8 if other characters look wrong",
                                std::nullopt});
    }
    detail::GraphvizMessages messages;
    // cgraph keeps this pointer in a global for later messages: it must outlive the call.
    static std::string current_file;
    current_file = name;
    agsetfile(current_file.data());
    MemoryChannel channel{text, 0};
    Agdisc_t discipline{&AgMemDisc, &AgIdDisc, &memory_io};
    std::vector<GraphPtr> graphs;
    while (GraphPtr graph{agread(&channel, &discipline)}) {
        graphs.push_back(std::move(graph));
    }
    for (const auto& message : messages.take()) {
        const bool error = message.rfind("Error", 0) == 0;
        auto [line, text_only] = parse_message(message, file_name);
        Diagnostic diagnostic{error ? Severity::Error : Severity::Warning,
                              {name, line, near_column(text, line, text_only), {}},
                              fmt::format("Graphviz: {}", text_only),
                              error ? "check the DOT syntax at that line" : "",
                              std::nullopt};
        if (error) {
            throw Error(std::move(diagnostic));
        }
        builder.add_diagnostic(std::move(diagnostic));
    }
    if (graphs.empty()) {
        throw Error(Diagnostic{Severity::Error,
                               {name, 0, 0, {}},
                               "no graph in this DOT file",
                               "a DOT file starts with 'graph' or 'digraph'",
                               std::nullopt});
    }
    builder.put_relation_type(generic_relation(dot_directed_relation, true));
    builder.put_relation_type(generic_relation(dot_undirected_relation, false));
    graph::MapInfo info;
    info.title = agnameof(graphs.front().get());
    if (info.title.empty() || info.title[0] == '%') {
        info.title = detail::utf8_or_windows1252(std::filesystem::path(name).stem().string());
    }
    builder.set_info(std::move(info));
    DotGraphReader reader(file_name, text, graphs.size(), builder);
    std::set<std::string> prefixes;
    for (std::size_t graph_idx = 0; graph_idx < graphs.size(); ++graph_idx) {
        std::string prefix;
        if (graphs.size() > 1) {
            std::string graph_name = agnameof(graphs[graph_idx].get());
            if (graph_name.empty() || graph_name[0] == '%' || prefixes.count(graph_name) != 0) {
                graph_name = fmt::format("graph{}", graph_idx + 1);
            }
            prefixes.insert(graph_name);
            prefix = graph_name + "/";
        }
        reader.read(graphs[graph_idx].get(), graph_idx, prefix);
    }
}

} // namespace powermap::io
