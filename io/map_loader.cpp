#include "io/map_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <tuple>

#include "io/atomic_file.hpp"
#include "io/dot_reader.hpp"
#include "io/csv_import.hpp"
#include "io/csv_reader.hpp"
#include "io/ftm_reader.hpp"
#include "io/graphml_reader.hpp"
#include "io/embedded.hpp"
#include "io/json_map.hpp"

namespace powermap::io {

namespace {

std::optional<std::string> resolve_text(std::string_view map_file, std::string_view text_file) {
    if (map_file == sample_map_name) {
        if (auto embedded = embedded_file(fmt::format("samples/{}", text_file))) {
            return std::string(*embedded);
        }
        return std::nullopt;
    }
    const std::filesystem::path path =
        std::filesystem::path(std::string(map_file)).parent_path() / std::string(text_file);
    try {
        return read_file(path);
    } catch (const Error&) {
        return std::nullopt;
    }
}

} // namespace

LoadedMap load_maps(const std::vector<std::string>& paths, const LoadOptions& options) {
    graph::EntityGraphBuilder builder;
    std::vector<std::pair<std::string, std::string>> texts; // name, content (for positions)
    if (paths.empty()) {
        const auto sample = embedded_file(sample_map_name);
        POWERMAP_ASSERT(sample.has_value());
        texts.emplace_back(std::string(sample_map_name), std::string(*sample));
    } else {
        for (const auto& path : paths) {
            texts.emplace_back(path, read_maybe_gzipped(path));
        }
    }
    CsvMappingPtr mapping;
    std::vector<ImportReport> imports;
    std::vector<bool> is_json;
    for (const auto& [name, text] : texts) {
        std::filesystem::path as_path(name);
        if (as_path.extension() == ".gz") {
            as_path = as_path.stem();
        }
        const std::string extension = as_path.extension().string();
        ImportReport report;
        report.file = name;
        is_json.push_back(false);
        if ((extension == ".json" || extension.empty()) && !looks_like_ftm(text)) {
            report.format = "json";
            is_json.back() = true;
            read_json_map(name, text, resolve_text, builder);
        } else if (extension == ".dot" || extension == ".gv") {
            read_dot_map(name, text, builder);
        } else if (extension == ".json" || extension == ".ftm" || extension == ".ijson" ||
                   extension == ".jsonl") {
            read_ftm(name, text, builder, report, options.progress);
        } else if (extension == ".graphml" || extension == ".xml") {
            read_graphml(name, text, resolve_text, builder, report);
        } else if (extension == ".csv" || extension == ".tsv" || extension == ".txt") {
            if (!options.mapping.empty()) {
                if (!mapping) {
                    mapping = load_csv_mapping(options.mapping);
                }
                read_csv_with_mapping(name, text, *mapping, builder, report, options.progress);
            } else {
                read_plain_csv(name, text, resolve_text, builder, report);
            }
        } else {
            throw Error(Diagnostic{Severity::Error, {name, 0, 0, {}},
                                   fmt::format("unknown map format '{}'", extension),
                                   "powermap reads .json (powermap/1 or FollowTheMoney), "
                                   ".ftm/.ijson/.jsonl, .graphml/.xml, .dot/.gv and .csv/.tsv "
                                   "(.gz too)",
                                   std::nullopt});
        }
        imports.push_back(std::move(report));
    }
    auto built = std::move(builder).build(options.build);
    LoadedMap loaded;
    loaded.graph = std::move(built.graph);
    loaded.diagnostics = std::move(built.diagnostics);
    for (std::size_t idx = 0; idx < texts.size(); ++idx) {
        if (is_json[idx]) {
            resolve_json_positions(texts[idx].first, texts[idx].second, loaded.diagnostics);
        }
    }
    loaded.imports = std::move(imports);
    std::stable_sort(loaded.diagnostics.begin(), loaded.diagnostics.end(),
                     [](const Diagnostic& left, const Diagnostic& right) {
                         return std::tie(left.location.file, left.location.line,
                                         left.location.column) <
                                std::tie(right.location.file, right.location.line,
                                         right.location.column);
                     });
    loaded.inputs = paths;
    return loaded;
}

} // namespace powermap::io
