#include "io/dot_reader.hpp"

#include <charconv>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <graphviz/cgraph.h>

#include "io/graphviz_errors.hpp"

namespace powermap::io {

namespace {

/// The 1-based line of the first byte that is not valid UTF-8, or 0 when all of it is.
std::uint32_t first_invalid_utf8_line(std::string_view text) {
    std::uint32_t line = 1;
    for (std::size_t pos = 0; pos < text.size();) {
        const auto byte = static_cast<unsigned char>(text[pos]);
        std::size_t length = 0;
        if (byte < 0x80) {
            line += byte == '\n' ? 1U : 0U;
            ++pos;
            continue;
        }
        if (byte >= 0xC2 && byte <= 0xDF) {
            length = 2;
        } else if (byte >= 0xE0 && byte <= 0xEF) {
            length = 3;
        } else if (byte >= 0xF0 && byte <= 0xF4) {
            length = 4;
        } else {
            return line;
        }
        if (pos + length > text.size()) {
            return line;
        }
        for (std::size_t next = 1; next < length; ++next) {
            if ((static_cast<unsigned char>(text[pos + next]) & 0xC0) != 0x80) {
                return line;
            }
        }
        pos += length;
    }
    return 0;
}

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

/// A label as people read it: Graphviz escapes (\n, \l, \r) become spaces, "\N" the node.
std::string plain_label(std::string_view label, std::string_view node_name) {
    std::string out;
    for (std::size_t pos = 0; pos < label.size(); ++pos) {
        if (label[pos] != '\\' || pos + 1 == label.size()) {
            out += label[pos];
            continue;
        }
        const char next = label[++pos];
        if (next == 'n' || next == 'l' || next == 'r') {
            out += ' ';
        } else if (next == 'N') {
            out += node_name;
        } else {
            out += next;
        }
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
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
    DotGraphReader(std::string_view file_name, graph::EntityGraphBuilder& builder)
        : file_name_(file_name), builder_(builder) {}

    void read(Agraph_t* graph, const std::string& prefix) {
        prefix_ = prefix;
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
        entity.id = prefix_ + name;
        entity.type = "entity";
        entity.name = name;
        entity.origin = SourceLocation{std::string(file_name_), 0, 0, {}};
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
                std::string label = plain_label(value, name);
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
        relation.from = prefix_ + agnameof(agtail(edge));
        relation.to = prefix_ + agnameof(aghead(edge));
        relation.type = std::string(directed ? dot_directed_relation : dot_undirected_relation);
        relation.origin = SourceLocation{std::string(file_name_), 0, 0, {}};
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
    graph::EntityGraphBuilder& builder_;
    std::string prefix_;
    std::set<std::string> tags_;
};

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
    std::string converted;
    if (const auto bad_line = first_invalid_utf8_line(text); bad_line != 0) {
        converted = latin1_to_utf8(text);
        text = converted;
        builder.add_diagnostic({Severity::Warning,
                                {std::string(file_name), bad_line, 0, {}},
                                "the file is not valid UTF-8; read it as Latin-1",
                                "save it as UTF-8 if other characters look wrong",
                                std::nullopt});
    }
    const std::string name(file_name);
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
                              {name, line, 0, {}},
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
        info.title = std::filesystem::path(name).stem().string();
    }
    builder.set_info(std::move(info));
    DotGraphReader reader(file_name, builder);
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
        reader.read(graphs[graph_idx].get(), prefix);
    }
}

} // namespace powermap::io
