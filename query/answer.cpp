#include "query/answer.hpp"

#include <algorithm>
#include <ostream>
#include <sstream>

#include "io/native/json_output.hpp"

namespace powermap::query {

bool Answer::has_errors() const {
    return std::any_of(notes.begin(), notes.end(), [](const Diagnostic& diagnostic) {
        return diagnostic.severity == Severity::Error;
    });
}

void diagnostic_json(io::JsonOut& json, const Diagnostic& diagnostic) {
    json.begin_object();
    json.key("severity").string(severity_name(diagnostic.severity));
    json.field("file", diagnostic.location.file);
    if (diagnostic.location.line > 0) {
        json.key("line").integer(diagnostic.location.line);
        json.key("column").integer(diagnostic.location.column);
    }
    json.key("message").string(diagnostic.message);
    std::string hint = diagnostic.hint;
    if (diagnostic.related && !diagnostic.related->file.empty()) {
        hint += " " + format_location(*diagnostic.related);
    }
    json.field("hint", hint);
    json.end_object();
}

void keep_table(Answer& answer, Table table, bool csv) {
    if (csv) {
        answer.table = std::move(table);
        return;
    }
    std::ostringstream text;
    table.print_text(text);
    answer.text = text.str();
}

std::string diagnostic_json(const Diagnostic& diagnostic) {
    io::JsonOut line(false);
    diagnostic_json(line, diagnostic);
    return line.str();
}

void print_diagnostics(std::span<const Diagnostic> diagnostics, Format format, std::ostream& err) {
    for (const auto& diagnostic : diagnostics) {
        if (format == Format::Json) {
            err << diagnostic_json(diagnostic);
        } else {
            const bool located = !diagnostic.location.file.empty();
            err << (located ? "" : "powermap: ") << format_diagnostic(diagnostic) << '\n';
        }
    }
}

int print_answer(const Answer& answer, Format format, std::ostream& out, std::ostream& err) {
    for (const auto& note : answer.notes) {
        if (format != Format::Json || (note.severity == Severity::Error && !answer.notes_in_json)) {
            print_diagnostics(std::span(&note, 1), format, err);
        }
    }
    if (format != Format::Json) {
        for (const auto& line : answer.about) {
            err << "powermap: " << line << '\n';
        }
    }
    switch (format) {
    case Format::Json:
        out << answer.json;
        break;
    case Format::Csv:
        if (answer.table) {
            answer.table->print_csv(out);
        }
        break;
    case Format::Text:
        out << answer.text;
        break;
    }
    if (answer.empty && format != Format::Json) {
        err << "powermap: " << *answer.empty << '\n';
    }
    return answer.empty || answer.failed || answer.has_errors()
               ? static_cast<int>(ExitCode::ProblemsFound)
               : static_cast<int>(ExitCode::Ok);
}

} // namespace powermap::query
