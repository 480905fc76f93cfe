// powermap export --to FORMAT: the map in another format, written atomically.
#include <filesystem>
#include <memory>
#include <ostream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/diagram_options.hpp"
#include "io/atomic_file.hpp"
#include "io/csv_writer.hpp"
#include "io/cytoscape_writer.hpp"
#include "io/ftm_writer.hpp"
#include "io/gexf_writer.hpp"
#include "io/graphml_writer.hpp"
#include "io/html_writer.hpp"
#include "io/json_map.hpp"
#include "io/neo4j_writer.hpp"
#include "io/nodelink_writer.hpp"

namespace powermap::cli {

namespace {

/// Where one of several output files goes: inside -o when it is a directory (or ends in
/// '/'), else -o is a prefix glued to the file name ("out/map-" -> "out/map-nodes.csv").
bool into_directory(const std::string& output) {
    std::error_code ignored;
    return !output.empty() &&
           (output.back() == '/' || std::filesystem::is_directory(output, ignored));
}

std::string place(const std::string& output, const std::string& name) {
    return into_directory(output) ? (std::filesystem::path(output) / name).string() : output + name;
}

} // namespace

void register_export(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "export",
        "Write the map in another format: json (native powermap/1, canonical), nodelink "
        "(NetworkX, D3), graphml (Gephi, yEd, Cytoscape, igraph; reads back losslessly), gexf "
        "(Gephi), cytoscape (Cytoscape.js elements JSON), ftm (FollowTheMoney JSON lines), and "
        "the multi-file formats csv (entities.csv, relations.csv, sources.csv for "
        "spreadsheets, and map-header.json with the title and schema) and neo4j (nodes.csv, "
        "relationships.csv, load.cypher for "
        "neo4j-admin import or LOAD CSV). For csv and neo4j, -o is a directory (existing, or "
        "ending in '/', created), into which the set is swapped whole so readers see the old "
        "set or the new one, or a file-name prefix such as out/map- (each file replaced once "
        "all are written). Outputs keep the mode of the files they replace.");
    auto to = std::make_shared<std::string>("json");
    auto output = std::make_shared<std::string>("-");
    cmd->add_option("--to", *to,
                    "json (powermap/1), nodelink, graphml, gexf, cytoscape, ftm, csv, neo4j, or "
                    "html (one self-contained interactive page)")
        ->check(CLI::IsMember(
            {"json", "nodelink", "graphml", "gexf", "cytoscape", "ftm", "csv", "neo4j", "html"}))
        ->capture_default_str();
    cmd->add_option(
           "-o,--output", *output,
           "Output file ('-' for standard output); for csv and neo4j a directory or prefix")
        ->capture_default_str();
    auto embed = std::make_shared<bool>(false);
    cmd->add_flag("--embed-sources", *embed,
                  "Put each source's text into the map (a 'text' field; json, graphml and csv), "
                  "so it needs no text file beside it. Without it, relative text_file paths "
                  "are rewritten for the output's folder");
    auto view = std::make_shared<DiagramArgs>();
    add_diagram_options(cmd, *view, false);
    cmd->callback([&ctx, to, output, view, embed] {
        ctx.require_text_or_json("export");
        const auto& graph = ctx.graph();
        if (!view->path.empty() && *to != "html") {
            throw Error("--path needs --to html", "other formats hold the whole map");
        }
        // The formats that keep the sources list, and so text_file and the texts.
        const bool carries_sources = *to == "json" || *to == "graphml" || *to == "csv";
        if (*embed && !carries_sources) {
            throw Error(fmt::format("'--to {}' does not carry source texts", *to),
                        "--embed-sources works with --to json, graphml and csv");
        }
        if (*to == "csv" || *to == "neo4j") {
            if (*output == "-" || output->empty()) {
                throw Error(fmt::format("'--to {}' writes several files", *to),
                            "give -o a directory (e.g. -o out/) or a prefix (e.g. -o out/map-)");
            }
            // The tables sit where "sources.csv" goes: text_file is rewritten for that folder.
            const auto sources = Context::source_output(place(*output, "sources.csv"), *embed);
            const auto files =
                *to == "csv" ? io::write_csv_tables(graph, sources) : io::write_neo4j(graph);
            for (const auto& file : files) {
                io::refuse_overwriting_inputs(place(*output, file.name), ctx.options.graphs);
            }
            // "out/" (a directory) is swapped in whole; "out/map-" (a prefix) file by file,
            // once every file is written. Either needs the folder above.
            std::error_code ignored;
            std::filesystem::path above = std::filesystem::path(*output).lexically_normal();
            if (into_directory(*output) && !above.has_filename()) {
                above = above.parent_path(); // "out/" -> "out"
            }
            if (!above.parent_path().empty()) {
                std::filesystem::create_directories(above.parent_path(), ignored);
            }
            if (into_directory(*output)) {
                if (io::write_file_set(*output, files) == io::SetReplacement::FileByFile) {
                    ctx.err << fmt::format(
                        "powermap: note: the files in '{}' were replaced one by one, not swapped "
                        "in as a set — the directory holds other files or cannot be swapped\n",
                        *output);
                }
            } else {
                io::write_file_set_with_prefix(*output, files);
            }
            for (const auto& file : files) {
                ctx.err << fmt::format("wrote {}\n", place(*output, file.name));
            }
            ctx.err << fmt::format("({} entities, {} relations)\n", graph.entity_count(),
                                   graph.relation_count());
            if (*to == "csv") {
                ctx.note_travel(graph, sources);
            }
            return;
        }
        const auto sources = Context::source_output(*output, *embed);
        std::string content;
        if (*to == "html") {
            const auto html = make_html_options(ctx, *view);
            if (!html) {
                return;
            }
            content = io::write_html(graph, *html);
        } else if (*to == "nodelink") {
            content = io::write_nodelink(graph);
        } else if (*to == "graphml") {
            content = io::write_graphml(graph, sources);
        } else if (*to == "gexf") {
            content = io::write_gexf(graph);
        } else if (*to == "cytoscape") {
            content = io::write_cytoscape(graph);
        } else if (*to == "ftm") {
            content = io::write_ftm(graph);
        } else {
            content = io::write_json_map(graph, sources);
        }
        ctx.write_output(*output, content);
        if (*output != "-") {
            ctx.err << fmt::format("wrote {} ({} entities, {} relations)\n", *output,
                                   graph.entity_count(), graph.relation_count());
            if (carries_sources) {
                ctx.note_travel(graph, sources);
            }
        }
    });
}

} // namespace powermap::cli
