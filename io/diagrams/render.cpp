#include "io/diagrams/render.hpp"

#include <algorithm>
#include <cctype>
#include <memory>

#include <fmt/format.h>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include "io/diagrams/graphviz_errors.hpp"

namespace powermap::io {

std::optional<ImageFormat> image_format_for(const std::filesystem::path& path) {
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (extension == ".dot" || extension == ".gv") {
        return ImageFormat::Dot;
    }
    if (extension == ".svg") {
        return ImageFormat::Svg;
    }
    if (extension == ".png") {
        return ImageFormat::Png;
    }
    if (extension == ".pdf") {
        return ImageFormat::Pdf;
    }
    return std::nullopt;
}

const std::vector<std::string>& layout_engines() {
    static const std::vector<std::string> engines{"dot", "neato", "fdp", "sfdp", "circo", "twopi"};
    return engines;
}

namespace {

// cgraph's API takes char* for strings it only reads.
char* chars(const std::string& text) {
    return const_cast<char*>(text.c_str());
}

struct GraphCloser {
    void operator()(Agraph_t* graph) const { agclose(graph); }
};
/// One Graphviz context for the whole process, never freed. Graphviz 2.43's Pango plugin
/// caches a pointer to the last font name it measured, and that name lives in the
/// context's font dictionary: a second context would make it read freed memory (ASan
/// shows this). One context also loads the plugins only once.
GVC_t* shared_context() {
    static GVC_t* const context = gvContext();
    return context;
}

void set_attrs(void* object, const DotAttrs& attrs) {
    static const std::string empty;
    for (const auto& [key, value] : attrs) {
        agsafeset(object, chars(key), chars(value), chars(empty));
    }
}

void add_cluster(Agraph_t* parent, const DiagramCluster& cluster) {
    Agraph_t* sub = agsubg(parent, chars(cluster.name), 1);
    set_attrs(sub, cluster.attrs);
    Agraph_t* root = agroot(parent);
    for (const auto& name : cluster.nodes) {
        if (Agnode_t* node = agnode(root, chars(name), 0)) {
            agsubnode(sub, node, 1);
        }
    }
    for (const auto& child : cluster.children) {
        add_cluster(sub, child);
    }
}

/// The diagram as a cgraph graph, attribute by attribute (no DOT text in between).
std::unique_ptr<Agraph_t, GraphCloser> build_graph(const Diagram& diagram) {
    std::unique_ptr<Agraph_t, GraphCloser> graph(agopen(chars(diagram.name), Agdirected, nullptr));
    for (const auto& [key, value] : diagram.graph_attrs) {
        agattr(graph.get(), AGRAPH, chars(key), chars(value));
    }
    for (const auto& [key, value] : diagram.node_defaults) {
        agattr(graph.get(), AGNODE, chars(key), chars(value));
    }
    for (const auto& [key, value] : diagram.edge_defaults) {
        agattr(graph.get(), AGEDGE, chars(key), chars(value));
    }
    for (const auto& node : diagram.nodes) {
        set_attrs(agnode(graph.get(), chars(node.name), 1), node.attrs);
    }
    for (const auto& cluster : diagram.clusters) {
        add_cluster(graph.get(), cluster);
    }
    for (const auto& edge : diagram.edges) {
        Agnode_t* from = agnode(graph.get(), chars(edge.from), 1);
        Agnode_t* to = agnode(graph.get(), chars(edge.to), 1);
        set_attrs(agedge(graph.get(), from, to, nullptr, 1), edge.attrs);
    }
    return graph;
}

const char* renderer(ImageFormat format) {
    switch (format) {
    case ImageFormat::Svg:
        return "svg:svg:core";
    case ImageFormat::Png:
        return "png:cairo:cairo";
    case ImageFormat::Pdf:
        return "pdf:cairo:cairo";
    case ImageFormat::Dot:
        break;
    }
    POWERMAP_UNREACHABLE();
}

[[noreturn]] void fail(std::string what, detail::GraphvizMessages& messages, std::string hint) {
    const auto lines = messages.take();
    if (!lines.empty()) {
        what += fmt::format(": {}", fmt::join(lines, "; "));
    }
    throw Error(std::move(what), std::move(hint));
}

} // namespace

std::string render_diagram(const Diagram& diagram, ImageFormat format,
                           const RenderOptions& options) {
    if (format == ImageFormat::Dot) {
        return write_dot(diagram);
    }
    const auto& engines = layout_engines();
    if (std::find(engines.begin(), engines.end(), options.layout) == engines.end()) {
        throw Error(fmt::format("unknown layout '{}'", options.layout),
                    fmt::format("use one of {}", fmt::join(engines, ", ")));
    }
    detail::GraphvizMessages messages;
    // gvContext() loads the plugins Debian's graphviz registered (config6a), including the
    // cairo renderer and the Pango text layout that measures every label.
    GVC_t* const context = shared_context();
    if (context == nullptr) {
        fail("Graphviz could not start", messages, "check the graphviz installation");
    }
    auto graph = build_graph(diagram);
    if (gvLayout(context, graph.get(), options.layout.c_str()) != 0) {
        fail(fmt::format("Graphviz could not lay out the map with '{}'", options.layout), messages,
             "try another --layout");
    }
    char* data = nullptr;
    unsigned int length = 0;
    const int status = gvRenderData(context, graph.get(), renderer(format), &data, &length);
    std::string bytes;
    if (data != nullptr) {
        bytes.assign(data, length);
        gvFreeRenderData(data);
    }
    // Graphviz 2.43's dot_cleanup frees a labelled edge's record twice in some graphs with
    // clusters (the sample with --clusters --legend is one: glibc aborts). A clustered
    // layout is therefore left for agclose() and process exit to reclaim.
    if (diagram.clusters.empty() || options.layout != "dot") {
        gvFreeLayout(context, graph.get());
    }
    if (status != 0 || bytes.empty()) {
        fail("Graphviz could not render the map", messages,
             "PNG and PDF need Graphviz's cairo/Pango plugin (Debian package 'graphviz')");
    }
    return bytes;
}

} // namespace powermap::io
