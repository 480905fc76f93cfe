#include "io/native/map_loader.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <tuple>

#include <fmt/format.h>

#include "io/files/embedded.hpp"
#include "io/files/input_file.hpp"
#include "io/formats/csv_import.hpp"
#include "io/formats/ftm_reader.hpp"
#include "io/formats/registry.hpp"
#include "io/native/json_map.hpp"
#include "io/native/judgements.hpp"
#include "io/native/snapshot.hpp"

namespace powermap::io {

namespace {

/// Source texts for maps read with `options`: the sample's from the binary, the others
/// confined to their map's folder and the --sources-dir folders (io/files/source_text.hpp).
TextResolver text_resolver(const LoadOptions& options) {
    return [&options](std::string_view map_file, std::string_view text_file) {
        if (map_file == sample_map_name) {
            SourceText result;
            if (auto embedded = embedded_file(fmt::format("samples/{}", text_file))) {
                result.text = std::string(*embedded);
            } else {
                result.problem = TextProblem::Missing;
            }
            return result;
        }
        return read_source_text(map_file, text_file, options.sources_dirs);
    };
}

/// The start of a file, up to its first newline (at most 1 MiB): enough to tell a
/// FollowTheMoney file (one entity per line) from a powermap/1 map without reading it all.
std::string first_line_of(const std::string& path) {
    const FilePtr file = open_input(path);
    constexpr std::size_t limit = std::size_t{1} << 20;
    std::string line;
    std::array<char, 1 << 12> buffer{};
    while (line.size() < limit) {
        const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), file.get());
        const std::string_view chunk(buffer.data(), got);
        if (const auto end = chunk.find('\n'); end != std::string_view::npos) {
            line.append(chunk.substr(0, end));
            break;
        }
        line.append(chunk);
        if (got < buffer.size()) {
            break;
        }
    }
    line.resize(std::min(line.size(), limit));
    return line;
}

/// Seconds since `start`, restarting the clock.
double lap(std::chrono::steady_clock::time_point& start) {
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - start).count();
    start = now;
    return seconds;
}

/// `given` without the files named twice ("a.json a.json", "./a.json a.json"): a file read
/// twice would define each of its ids twice. Each repeat is noted in `notes`.
std::vector<std::string> distinct_files(const std::vector<std::string>& given,
                                        std::vector<Diagnostic>& notes) {
    std::vector<std::string> paths;
    std::vector<std::filesystem::path> seen;
    for (const auto& path : given) {
        std::error_code ignored;
        auto canonical = std::filesystem::weakly_canonical(path, ignored);
        if (ignored) {
            canonical = std::filesystem::absolute(path, ignored).lexically_normal();
        }
        if (std::find(seen.begin(), seen.end(), canonical) != seen.end()) {
            notes.push_back({Severity::Note,
                             {path, 0, 0, {}},
                             "this file is named more than once; it is read once",
                             {},
                             std::nullopt});
            continue;
        }
        seen.push_back(std::move(canonical));
        paths.push_back(path);
    }
    return paths;
}

} // namespace

LoadedMap load_maps(const std::vector<std::string>& given, const LoadOptions& options) {
    LoadTimings timings;
    auto clock = std::chrono::steady_clock::now();
    std::vector<Diagnostic> repeats;
    const std::vector<std::string> paths = distinct_files(given, repeats);
    for (const auto& path : paths) {
        require_regular_file(path); // before anything opens it: a FIFO would block
    }
    if (std::any_of(paths.begin(), paths.end(),
                    [](const auto& path) { return is_snapshot_path(path); })) {
        if (paths.size() != 1) {
            throw Error(Diagnostic{Severity::Error,
                                   {paths.front(), 0, 0, {}},
                                   "a snapshot (.pmap) cannot be merged with other maps",
                                   "merge the JSON maps, then pack the result",
                                   std::nullopt});
        }
        if (!options.judgements.empty()) {
            throw Error(Diagnostic{Severity::Error,
                                   {paths.front(), 0, 0, {}},
                                   "decisions (--judgements) cannot be applied to a snapshot",
                                   "a snapshot is loaded as it was packed: load the JSON maps "
                                   "with --judgements and pack the merged map",
                                   std::nullopt});
        }
        auto snapshot = read_snapshot(paths.front());
        timings.parse = lap(clock);
        LoadedMap loaded;
        loaded.graph = std::move(snapshot.graph);
        loaded.view = std::move(snapshot.view);
        loaded.diagnostics = std::move(repeats);
        loaded.inputs = paths;
        loaded.timings = timings;
        return loaded;
    }
    graph::EntityGraphBuilder builder;
    std::vector<std::pair<std::string, std::string>> texts; // name, content (for positions)
    if (paths.empty()) {
        const auto sample = embedded_file(sample_map_name);
        POWERMAP_ASSERT(sample.has_value());
        texts.emplace_back(std::string(sample_map_name), std::string(*sample));
    }
    // Plain powermap/1 files are streamed from disk, never held whole: the text of a map of
    // 5 million ties is 800 MB. Other formats (and gzip) are read whole.
    std::vector<bool> streamed(texts.size(), false);
    const InputLimits& limits = options.limits;
    for (const auto& path : paths) {
        const bool plain_json = std::filesystem::path(path).extension() == ".json";
        // A JSON array read through a mapping is records, read whole; powermap/1 streams.
        const std::string first_line = plain_json ? first_line_of(path) : std::string();
        const bool stream = plain_json && !looks_like_ftm(first_line, limits.max_depth) &&
                            !(!options.mapping.empty() && is_json_array(first_line));
        texts.emplace_back(path, stream ? std::string() : read_maybe_gzipped(path, limits));
        strip_bom(texts.back().second); // offsets and columns count from after it
        streamed.push_back(stream);
    }
    CsvMappingPtr mapping;
    const TextResolver resolve_text = text_resolver(options);
    std::vector<ImportReport> imports;
    std::vector<Positions> positions;
    timings.read = lap(clock);
    for (std::size_t text_idx = 0; text_idx < texts.size(); ++text_idx) {
        auto& [name, text] = texts[text_idx];
        // A streamed file was seen to be powermap/1 (not FollowTheMoney) before it was read.
        const MapFormat* format = streamed[text_idx]
                                      ? &map_format("json")
                                      : format_for_file(name, text, limits.max_depth);
        if (format == nullptr) {
            throw Error(Diagnostic{Severity::Error,
                                   {name, 0, 0, {}},
                                   fmt::format("unknown map format '{}'", map_extension(name)),
                                   readable_formats_hint(),
                                   std::nullopt});
        }
        ImportReport report;
        report.file = name;
        report.format = std::string(format->name);
        MapInput input{.file = name,
                       .text = text,
                       .streamed = streamed[text_idx],
                       .rereadable = !paths.empty(),
                       .resolve_text = resolve_text,
                       .mapping_path = options.mapping,
                       .mapping = mapping,
                       .progress = options.progress,
                       .limits = limits,
                       .builder = builder,
                       .report = report};
        format->read(input);
        positions.push_back(input.positions);
        imports.push_back(std::move(report));
    }
    if (!options.mapping.empty() && !mapping) {
        // Silently ignored, it would leave the user wondering why the mapping did nothing.
        throw Error(Diagnostic{Severity::Error,
                               {options.mapping, 0, 0, {}},
                               "this mapping applies to none of the inputs",
                               "a mapping reads CSV files (.csv, .tsv, .txt, also .gz); give "
                               "the CSV file, or drop --mapping",
                               std::nullopt});
    }
    JudgementsFile judgements;
    if (!options.judgements.empty()) {
        judgements = read_judgements(options.judgements, options.judgements_may_be_absent);
        auto clusters = graph::cluster_decisions(judgements.decisions);
        for (std::size_t idx = 0; idx < clusters.same.size(); ++idx) {
            builder.merge_entities(std::move(clusters.same[idx]),
                                   std::move(clusters.same_origins[idx]));
        }
        judgements.diagnostics.insert(judgements.diagnostics.end(), clusters.problems.begin(),
                                      clusters.problems.end());
    }
    timings.parse = lap(clock);
    auto built = std::move(builder).build(options.build);
    timings.build = lap(clock);
    LoadedMap loaded;
    loaded.graph = std::move(built.graph);
    loaded.diagnostics = std::move(built.diagnostics);
    loaded.diagnostics.insert(loaded.diagnostics.end(), judgements.diagnostics.begin(),
                              judgements.diagnostics.end());
    loaded.decisions = std::move(judgements.decisions);
    loaded.merges = std::move(built.merges);
    loaded.diagnostics.insert(loaded.diagnostics.end(), repeats.begin(), repeats.end());
    if (mapping) {
        resolve_mapping_positions(*mapping, loaded.diagnostics);
    }
    for (const auto& report : imports) {
        if (!report.embedded_json) {
            continue;
        }
        for (auto& diagnostic : loaded.diagnostics) {
            if (diagnostic.location.file == report.file && diagnostic.location.line == 0 &&
                !diagnostic.location.path.empty()) {
                diagnostic.location = *report.embedded_json;
            }
        }
    }
    for (std::size_t idx = 0; idx < texts.size(); ++idx) {
        if (positions[idx] == Positions::PlainCsv) {
            resolve_plain_csv_positions(texts[idx].first, texts[idx].second, loaded.diagnostics);
        }
        if (positions[idx] != Positions::Json) {
            continue;
        }
        // References, not a structured binding: the lambda captures `name`, which clang
        // before 16 refuses for bindings (P1091).
        const std::string& name = texts[idx].first;
        std::string& text = texts[idx].second;
        const bool wanted = std::any_of(
            loaded.diagnostics.begin(), loaded.diagnostics.end(), [&name](const Diagnostic& found) {
                // Either place: "first defined at" may point into this file.
                return (found.location.file == name && found.location.line == 0) ||
                       (found.related && found.related->file == name && found.related->line == 0);
            });
        if (text.empty() && wanted) {
            // A streamed map, read again only to place its problems: it was never held, so
            // the input-size limit is not what guards it.
            InputLimits unlimited = limits;
            unlimited.max_input_size = std::numeric_limits<std::uint64_t>::max();
            text = read_maybe_gzipped(name, unlimited);
            strip_bom(text);
        }
        resolve_json_positions(name, text, loaded.diagnostics);
    }
    loaded.imports = std::move(imports);
    std::stable_sort(
        loaded.diagnostics.begin(), loaded.diagnostics.end(),
        [](const Diagnostic& left, const Diagnostic& right) {
            return std::tie(left.location.file, left.location.line, left.location.column) <
                   std::tie(right.location.file, right.location.line, right.location.column);
        });
    timings.positions = lap(clock);
    loaded.inputs = paths;
    loaded.timings = timings;
    return loaded;
}

LoadedMap reload_written_map(const std::string& name, const std::string& content,
                             const std::map<std::string, std::optional<std::string>>& texts,
                             const graph::BuildOptions& build) {
    graph::EntityGraphBuilder builder;
    const TextResolver resolve = [&texts](std::string_view, std::string_view text_file) {
        SourceText result;
        const auto found = texts.find(std::string(text_file));
        if (found == texts.end() || !found->second) {
            result.problem = TextProblem::Missing;
        } else {
            result.text = found->second;
        }
        return result;
    };
    read_json_map(name, content, resolve, builder);
    auto built = std::move(builder).build(build);
    LoadedMap loaded;
    loaded.graph = std::move(built.graph);
    loaded.diagnostics = std::move(built.diagnostics);
    resolve_json_positions(name, content, loaded.diagnostics);
    loaded.inputs = {name};
    return loaded;
}

} // namespace powermap::io
