#include "io/formats/csv_writer.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "io/formats/interop_util.hpp"

namespace powermap::io {

namespace {
/// "-12", "-0.5", "-1.5e+20": a number as our writers print it (and as a spreadsheet reads
/// it) — it is no formula, so it keeps its sign and stays a number in the sheet.
bool negative_number(std::string_view cell) {
    std::size_t pos = 1;
    const auto digits = [&] {
        const std::size_t start = pos;
        while (pos < cell.size() && cell[pos] >= '0' && cell[pos] <= '9') {
            ++pos;
        }
        return pos > start;
    };
    if (cell.size() < 2 || cell[0] != '-') {
        return false;
    }
    const bool whole = digits();
    const bool fraction = pos < cell.size() && cell[pos] == '.' && (++pos, digits());
    if (!whole && !fraction) {
        return false;
    }
    if (pos < cell.size() && (cell[pos] == 'e' || cell[pos] == 'E')) {
        ++pos;
        if (pos < cell.size() && (cell[pos] == '+' || cell[pos] == '-')) {
            ++pos;
        }
        if (!digits()) {
            return false;
        }
    }
    return pos == cell.size();
}
} // namespace

std::string guard_cell(std::string_view cell) {
    if (negative_number(cell)) {
        return std::string(cell);
    }
    std::size_t quotes = 0;
    while (quotes < cell.size() && cell[quotes] == '\'') {
        ++quotes;
    }
    if (quotes < cell.size()) {
        const char next = cell[quotes];
        if (next == '=' || next == '+' || next == '-' || next == '@' || next == '\t' ||
            next == '\r') {
            std::string guarded(1, '\'');
            guarded.append(cell);
            return guarded;
        }
    }
    return std::string(cell);
}

std::string csv_row(const std::vector<std::string>& cells, bool guard) {
    std::string out;
    for (std::size_t idx = 0; idx < cells.size(); ++idx) {
        if (idx > 0) {
            out += ',';
        }
        const std::string cell = guard ? guard_cell(cells[idx]) : cells[idx];
        if (cell.find_first_of(",\"\r\n;\t") != std::string::npos ||
            (!cell.empty() && (cell.front() == ' ' || cell.back() == ' '))) {
            out += '"';
            for (char c : cell) {
                if (c == '"') {
                    out += '"';
                }
                out += c;
            }
            out += '"';
        } else {
            out += cell;
        }
    }
    return out;
}

namespace {

/// "prop:key", with ":number", ":bool" or ":json" when every value of the prop has that
/// kind, so the import gets the kind back.
template <typename Items, typename GetProps>
std::vector<std::pair<std::string, std::string>> prop_columns(const Items& items, GetProps get) {
    std::map<std::string, std::set<graph::PropValue::Kind>> kinds;
    for (const auto& item : items) {
        for (const auto& [key, value] : get(item)) {
            kinds[key].insert(value.kind);
        }
    }
    std::vector<std::pair<std::string, std::string>> out; // key, header
    for (const auto& [key, seen] : kinds) {
        std::string header = "prop:" + key;
        if (seen.size() == 1 && *seen.begin() != graph::PropValue::Kind::String) {
            header += ":" + std::string(detail::kind_name(*seen.begin()));
        }
        out.emplace_back(key, header);
    }
    return out;
}

std::string join_bar(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t idx = 0; idx < items.size(); ++idx) {
        out += (idx > 0 ? "|" : "") + items[idx];
    }
    return out;
}

std::string table(const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows) {
    std::string out = csv_row(header, false) + "\r\n";
    for (const auto& row : rows) {
        out += csv_row(row) + "\r\n";
    }
    return out;
}

} // namespace

std::vector<OutputFile> write_csv_tables(const graph::EntityGraph& graph,
                                         const SourceOutput& source_output) {
    std::vector<OutputFile> files;
    // entities
    std::set<std::string> languages;
    for (const auto& entity : graph.entities()) {
        for (const auto& [language, name] : entity.names) {
            languages.insert(language);
        }
    }
    const auto entity_props =
        prop_columns(graph.entities(), [](const graph::Entity& entity) -> const graph::Props& {
            return entity.props;
        });
    std::vector<std::string> header{"id", "type", "name"};
    for (const auto& language : languages) {
        header.push_back("name:" + language);
    }
    header.push_back("aliases");
    header.push_back("tags");
    for (const auto& [key, column] : entity_props) {
        header.push_back(column);
    }
    std::vector<std::vector<std::string>> rows;
    for (graph::EntityIndex index : graph.entities_by_id()) {
        const auto& entity = graph.entity(index);
        std::vector<std::string> row{entity.id, entity.type, entity.name};
        for (const auto& language : languages) {
            auto found = entity.names.find(language);
            row.push_back(found == entity.names.end() ? "" : found->second);
        }
        row.push_back(join_bar(entity.aliases));
        row.push_back(join_bar(entity.tags));
        for (const auto& [key, column] : entity_props) {
            auto found = entity.props.find(key);
            row.push_back(found == entity.props.end() ? "" : found->second.text);
        }
        rows.push_back(std::move(row));
    }
    files.push_back({"entities.csv", table(header, rows)});

    // relations
    const auto relation_props =
        prop_columns(graph.relations(), [](const graph::Relation& relation) -> const graph::Props& {
            return relation.props;
        });
    std::size_t citations = 1;
    for (const auto& relation : graph.relations()) {
        citations = std::max(citations, relation.sources.size());
    }
    header = {"id", "from", "to", "type", "role", "amount", "currency", "start", "end"};
    for (std::size_t slot = 1; slot <= citations; ++slot) {
        const std::string suffix = slot == 1 ? "" : "_" + std::to_string(slot);
        header.push_back("source" + suffix);
        header.push_back("quote" + suffix);
        header.push_back("note" + suffix);
    }
    for (const auto& [key, column] : relation_props) {
        header.push_back(column);
    }
    rows.clear();
    for (const graph::Relation* relation : detail::sorted_relations(graph)) {
        std::vector<std::string> row{
            relation->id,
            relation->from,
            relation->to,
            relation->type,
            relation->role,
            relation->amount ? detail::format_number(relation->amount->value) : "",
            relation->amount ? relation->amount->currency : "",
            relation->start,
            relation->end};
        for (std::size_t slot = 0; slot < citations; ++slot) {
            if (slot < relation->sources.size()) {
                row.push_back(relation->sources[slot].source);
                row.push_back(relation->sources[slot].quote);
                row.push_back(relation->sources[slot].note);
            } else {
                row.insert(row.end(), {"", "", ""});
            }
        }
        for (const auto& [key, column] : relation_props) {
            auto found = relation->props.find(key);
            row.push_back(found == relation->props.end() ? "" : found->second.text);
        }
        rows.push_back(std::move(row));
    }
    files.push_back({"relations.csv", table(header, rows)});

    // sources
    const auto source_props =
        prop_columns(graph.sources(), [](const graph::Source& source) -> const graph::Props& {
            return source.props;
        });
    header = {"id", "title", "title_en", "publisher", "date", "language", "url", "text_file"};
    const bool any_text = std::any_of(graph.sources().begin(), graph.sources().end(),
                                      [&source_output](const graph::Source& source) {
                                          return output_embeds_text(source, source_output);
                                      });
    if (any_text) {
        header.emplace_back("text");
    }
    for (const auto& [key, column] : source_props) {
        header.push_back(column);
    }
    rows.clear();
    std::map<std::string, const graph::Source*> sources;
    for (const auto& source : graph.sources()) {
        sources[source.id] = &source;
    }
    for (const auto& [id, source] : sources) {
        std::vector<std::string> row{source->id,       source->title,
                                     source->title_en, source->publisher,
                                     source->date,     source->language,
                                     source->url,      output_text_file(*source, source_output)};
        if (any_text) {
            row.push_back(output_embeds_text(*source, source_output) ? *source->text : "");
        }
        for (const auto& [key, column] : source_props) {
            auto found = source->props.find(key);
            row.push_back(found == source->props.end() ? "" : found->second.text);
        }
        rows.push_back(std::move(row));
    }
    files.push_back({"sources.csv", table(header, rows)});
    // What no table holds: the title, description and schema extensions, as a powermap/1
    // document that `powermap import` reads alongside the tables.
    files.push_back({"map-header.json", detail::header_json(graph, false, true)});
    return files;
}

} // namespace powermap::io
