#include "io/formats/registry.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "io/formats/csv_import.hpp"
#include "io/formats/csv_writer.hpp"
#include "io/formats/cytoscape_writer.hpp"
#include "io/formats/dot_reader.hpp"
#include "io/formats/ftm_reader.hpp"
#include "io/formats/ftm_writer.hpp"
#include "io/formats/gexf_writer.hpp"
#include "io/formats/graphml_reader.hpp"
#include "io/formats/graphml_writer.hpp"
#include "io/formats/neo4j_writer.hpp"
#include "io/formats/nodelink_writer.hpp"
#include "io/native/json_map.hpp"

namespace powermap::io {

namespace {

// Readers: each adapts one format's read function to MapInput.

void read_json(MapInput& input) {
    if (!input.mapping_path.empty() && !input.streamed && is_json_array(input.text)) {
        // A JSON array of records (LittleSis' swamped.json) read as rows of a table.
        if (!input.mapping) {
            input.mapping = load_csv_mapping(input.mapping_path, input.limits);
        }
        read_json_records_with_mapping(input.file, input.text, *input.mapping, input.builder,
                                       input.report, input.progress, input.limits);
        return;
    }
    input.positions = Positions::Json;
    if (input.streamed) {
        read_json_map_file(input.file, input.resolve_text, input.builder, input.limits);
        return;
    }
    read_json_map(input.file, input.text, input.resolve_text, input.builder, input.limits);
    if (input.rereadable) {
        // Free the text while the graph is built; positions re-read it if needed.
        std::string().swap(input.text);
    }
}

void read_ftm_stream(MapInput& input) {
    read_ftm(input.file, input.text, input.builder, input.report, input.progress, input.limits);
}

void read_graphml_file(MapInput& input) {
    read_graphml(input.file, input.text, input.resolve_text, input.builder, input.report);
}

void read_dot(MapInput& input) {
    read_dot_map(input.file, input.text, input.builder);
}

void read_csv_file(MapInput& input) {
    if (input.mapping_path.empty()) {
        input.positions = Positions::PlainCsv;
        read_plain_csv(input.file, input.text, input.resolve_text, input.builder, input.report,
                       input.limits);
        return;
    }
    if (!input.mapping) {
        input.mapping = load_csv_mapping(input.mapping_path, input.limits);
    }
    read_csv_with_mapping(input.file, input.text, *input.mapping, input.builder, input.report,
                          input.progress, input.limits);
}

// Which format a file with its extension is in, where the extension alone does not say.

bool claims_json(std::string_view extension, std::string_view text, std::uint32_t max_depth) {
    // A file without an extension is taken for powermap/1 too.
    return (extension == ".json" || extension.empty()) && !looks_like_ftm(text, max_depth);
}

bool claims_ftm(std::string_view extension, std::string_view text, std::uint32_t max_depth) {
    return extension == ".ftm" || extension == ".ijson" || extension == ".jsonl" ||
           (extension == ".json" && looks_like_ftm(text, max_depth));
}

// Writers: each adapts one format's write function to MapOutput.

WrittenMap content(std::string text) {
    return WrittenMap{std::move(text), {}};
}

WrittenMap write_json(const MapOutput& out) {
    return content(write_json_map(out.graph, out.sources));
}
WrittenMap write_nodelink_json(const MapOutput& out) {
    return content(write_nodelink(out.graph));
}
WrittenMap write_graphml_xml(const MapOutput& out) {
    return content(write_graphml(out.graph, out.sources));
}
WrittenMap write_gexf_xml(const MapOutput& out) {
    return content(write_gexf(out.graph));
}
WrittenMap write_cytoscape_json(const MapOutput& out) {
    return content(write_cytoscape(out.graph));
}
WrittenMap write_ftm_lines(const MapOutput& out) {
    return content(write_ftm(out.graph));
}
WrittenMap write_csv_set(const MapOutput& out) {
    return WrittenMap{{}, write_csv_tables(out.graph, out.sources)};
}
WrittenMap write_neo4j_set(const MapOutput& out) {
    return WrittenMap{{}, write_neo4j(out.graph)};
}
WrittenMap write_html_page(const MapOutput& out) {
    POWERMAP_ASSERT(out.drawing != nullptr);
    return content(write_html(out.graph, *out.drawing));
}

} // namespace

std::string map_extension(std::string_view path) {
    std::filesystem::path as_path(path);
    if (as_path.extension() == ".gz") {
        as_path = as_path.stem();
    }
    return as_path.extension().string();
}

const std::vector<MapFormat>& map_formats() {
    // The order of `export --help`; json comes before ftm, which shares its extension.
    static const std::vector<MapFormat> formats = {
        {.name = "json",
         .extensions = {".json"},
         .summary = "native powermap/1, canonical",
         .import_note = "(powermap/1; with --mapping, a JSON array of records, each read as "
                        "a row)",
         .claims = claims_json,
         .read = read_json,
         .write = write_json,
         .carries_sources = true},
        {.name = "nodelink", .summary = "NetworkX, D3", .write = write_nodelink_json},
        {.name = "graphml",
         .extensions = {".graphml", ".xml"},
         .summary = "Gephi, yEd, Cytoscape, igraph; reads back losslessly",
         .read = read_graphml_file,
         .write = write_graphml_xml,
         .carries_sources = true,
         .counts_records = true},
        {.name = "gexf", .summary = "Gephi", .write = write_gexf_xml},
        {.name = "cytoscape",
         .summary = "Cytoscape.js elements JSON",
         .write = write_cytoscape_json},
        {.name = "ftm",
         .extensions = {".ftm", ".ijson", ".jsonl"},
         .summary = "FollowTheMoney JSON lines",
         .import_note = "(FtM entity streams; also a .json holding one entity per line)",
         .claims = claims_ftm,
         .read = read_ftm_stream,
         .write = write_ftm_lines,
         .counts_records = true},
        {.name = "csv",
         .extensions = {".csv", ".tsv", ".txt"},
         .summary = "entities.csv, relations.csv, sources.csv for spreadsheets, and "
                    "map-header.json with the title and schema",
         .import_note = "(cells split by comma, semicolon or tab, whichever the first row "
                        "uses) with --mapping M.json (see samples/*.mapping.json), or plain "
                        "entities.csv/relations.csv/sources.csv as 'export --to csv' writes them",
         .read = read_csv_file,
         .write = write_csv_set,
         .file_set = true,
         .carries_sources = true,
         .counts_records = true,
         .rows = true},
        {.name = "neo4j",
         .summary = "nodes.csv, relationships.csv, load.cypher for neo4j-admin import or LOAD CSV",
         .write = write_neo4j_set,
         .file_set = true},
        {.name = "html",
         .summary = "one self-contained interactive page",
         .write = write_html_page,
         .draws = true},
        {.name = "dot",
         .extensions = {".dot", ".gv"},
         .summary = "Graphviz",
         .import_note = "(Graphviz)",
         .read = read_dot},
    };
    return formats;
}

const MapFormat& map_format(std::string_view name) {
    for (const auto& format : map_formats()) {
        if (format.name == name) {
            return format;
        }
    }
    throw Error(fmt::format("unknown map format '{}'", name),
                fmt::format("the formats are {}",
                            join_names(format_names([](const MapFormat&) { return true; }))));
}

const MapFormat* format_for_file(std::string_view path, std::string_view text,
                                 std::uint32_t max_depth) {
    const std::string extension = map_extension(path);
    for (const auto& format : map_formats()) {
        if (format.read == nullptr) {
            continue;
        }
        const bool claimed = format.claims != nullptr
                                 ? format.claims(extension, text, max_depth)
                                 : std::find(format.extensions.begin(), format.extensions.end(),
                                             extension) != format.extensions.end();
        if (claimed) {
            return &format;
        }
    }
    return nullptr;
}

std::vector<std::string> format_names(bool (*wanted)(const MapFormat&)) {
    std::vector<std::string> names;
    for (const auto& format : map_formats()) {
        if (wanted(format)) {
            names.emplace_back(format.name);
        }
    }
    return names;
}

std::vector<std::string> writable_format_names() {
    return format_names([](const MapFormat& format) { return format.write != nullptr; });
}

std::string join_names(const std::vector<std::string>& names, std::string_view last) {
    std::string out;
    for (std::size_t idx = 0; idx < names.size(); ++idx) {
        if (idx > 0) {
            out += idx + 1 == names.size() ? last : std::string_view(", ");
        }
        out += names[idx];
    }
    return out;
}

std::string readable_formats_hint() {
    std::vector<std::string> lists;
    for (const auto& format : map_formats()) {
        if (format.read != nullptr) {
            lists.push_back(fmt::format("{}", fmt::join(format.extensions, "/")));
        }
    }
    return fmt::format("powermap reads {} (.gz too)", join_names(lists));
}

std::string readable_formats_help() {
    std::vector<std::string> items;
    for (const auto& format : map_formats()) {
        if (format.read != nullptr) {
            items.push_back(fmt::format("{}{}{}", fmt::join(format.extensions, "/"),
                                        format.import_note.empty() ? "" : " ", format.import_note));
        }
    }
    return fmt::format("Formats by extension (each may be gzipped, .gz): {}.",
                       fmt::join(items, "; "));
}

} // namespace powermap::io
