// powermap export --to FORMAT: the map in another format, written atomically.
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/diagram_options.hpp"
#include "io/files/atomic_file.hpp"
#include "io/formats/registry.hpp"

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

/// The names of the formats for which `wanted` holds, as a sentence ("json, graphml and csv").
std::string names_where(bool (*wanted)(const io::MapFormat&), std::string_view last = " and ") {
    return io::join_names(io::format_names(wanted), last);
}

bool file_set(const io::MapFormat& format) {
    return format.write != nullptr && format.file_set;
}
bool one_file(const io::MapFormat& format) {
    return format.write != nullptr && !format.file_set;
}
bool carries_sources(const io::MapFormat& format) {
    return format.write != nullptr && format.carries_sources;
}
bool draws(const io::MapFormat& format) {
    return format.write != nullptr && format.draws;
}

/// "json (native powermap/1, canonical), nodelink (NetworkX, D3)": the formats with a
/// summary each, from the registry.
std::string described(bool (*wanted)(const io::MapFormat&), std::string_view last) {
    std::vector<std::string> items;
    for (const auto& format : io::map_formats()) {
        if (wanted(format)) {
            items.push_back(fmt::format("{} ({})", format.name, format.summary));
        }
    }
    return io::join_names(items, last);
}

} // namespace

void register_export(CLI::App& app, Context& ctx) {
    const std::string sets = names_where(file_set);
    auto* cmd = app.add_subcommand(
        "export",
        fmt::format("Write the map in another format: {}, and the multi-file formats {}. For {}, "
                    "-o is a directory (existing, or ending in '/', created), into which the set "
                    "is swapped whole so readers see the old set or the new one, or a file-name "
                    "prefix such as out/map- (each file replaced once all are written). Outputs "
                    "keep the mode of the files they replace.",
                    described(one_file, ", "), described(file_set, " and "), sets));
    auto to = std::make_shared<std::string>("json");
    auto output = std::make_shared<std::string>("-");
    const std::vector<std::string> writable = io::writable_format_names();
    cmd->add_option("--to", *to, io::join_names(writable, ", or "))
        ->check(CLI::IsMember(writable))
        ->capture_default_str();
    cmd->add_option(
           "-o,--output", *output,
           fmt::format("Output file ('-' for standard output); for {} a directory or prefix", sets))
        ->capture_default_str();
    auto embed = std::make_shared<bool>(false);
    cmd->add_flag("--embed-sources", *embed,
                  fmt::format("Put each source's text into the map (a 'text' field; {}), so it "
                              "needs no text file beside it. Without it, relative text_file "
                              "paths are rewritten for the output's folder",
                              names_where(carries_sources)));
    auto view = std::make_shared<DiagramArgs>();
    add_diagram_options(cmd, *view, false);
    cmd->callback([&ctx, to, output, view, embed] {
        ctx.require_text_or_json("export");
        const auto& graph = ctx.graph();
        const io::MapFormat& format = io::map_format(*to);
        if (!view->path.empty() && !format.draws) {
            throw Error(fmt::format("--path needs --to {}", names_where(draws, " or ")),
                        "other formats hold the whole map");
        }
        if (*embed && !format.carries_sources) {
            throw Error(
                fmt::format("'--to {}' does not carry source texts", *to),
                fmt::format("--embed-sources works with --to {}", names_where(carries_sources)));
        }
        if (format.file_set) {
            if (*output == "-" || output->empty()) {
                throw Error(fmt::format("'--to {}' writes several files", *to),
                            "give -o a directory (e.g. -o out/) or a prefix (e.g. -o out/map-)");
            }
            // The tables sit where "sources.csv" goes: text_file is rewritten for that folder.
            const auto sources = Context::source_output(place(*output, "sources.csv"), *embed);
            const auto files = format.write({graph, sources}).files;
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
            if (format.carries_sources) {
                ctx.note_travel(graph, sources);
            }
            return;
        }
        const auto sources = Context::source_output(*output, *embed);
        std::optional<io::HtmlOptions> drawing;
        if (format.draws) {
            drawing = make_html_options(ctx, *view);
            if (!drawing) {
                return;
            }
        }
        const std::string content =
            format.write({graph, sources, drawing ? &*drawing : nullptr}).content;
        ctx.write_output(*output, content);
        if (*output != "-") {
            ctx.err << fmt::format("wrote {} ({} entities, {} relations)\n", *output,
                                   graph.entity_count(), graph.relation_count());
            if (format.carries_sources) {
                ctx.note_travel(graph, sources);
            }
        }
    });
}

} // namespace powermap::cli
