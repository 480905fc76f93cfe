#include "cli/usage.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <regex>
#include <string_view>
#include <vector>

#include "query/param.hpp"
#include <fmt/format.h>

#include "graph/diagnostics.hpp"

namespace powermap::cli {

namespace {

/// The subcommand the user chose (the deepest one parsed), or `app` when none was.
const CLI::App& active_command(const CLI::App& app) {
    const CLI::App* at = &app;
    while (!at->get_subcommands().empty()) {
        at = at->get_subcommands().front();
    }
    return *at;
}

/// "see 'powermap path --help'", or "see 'powermap --help'" before a command is chosen.
std::string see_help(const CLI::App& command) {
    std::string words;
    for (const CLI::App* at = &command; at->get_parent() != nullptr; at = at->get_parent()) {
        words = at->get_name() + " " + words;
    }
    return fmt::format("see 'powermap {}--help'", words);
}

std::vector<std::string> command_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        names.push_back(sub->get_name());
    }
    return names;
}

/// Every option spelling the command accepts, its parents' included (they fall through).
std::vector<std::string> option_names(const CLI::App& command) {
    std::vector<std::string> names;
    for (const CLI::App* at = &command; at != nullptr; at = at->get_parent()) {
        for (const CLI::Option* option : at->get_options()) {
            for (const auto& name : option->get_lnames()) {
                names.push_back("--" + name);
            }
            for (const auto& name : option->get_snames()) {
                names.push_back("-" + name);
            }
        }
    }
    return names;
}

bool looks_like_option(const std::string& item) {
    if (item.size() < 2 || item[0] != '-') {
        return false;
    }
    double number = 0;
    const auto [end, failed] = std::from_chars(item.data(), item.data() + item.size(), number);
    return failed != std::errc{} || end != item.data() + item.size(); // "-1" is a value
}

/// `hint` when it says something, else the pointer to the command's help.
std::string or_help(std::string hint, const CLI::App& command) {
    return hint.empty() ? see_help(command) : hint;
}

/// A did-you-mean among the commands, else where to find them all.
std::string command_hint(const std::string& wanted, const CLI::App& app) {
    std::string hint = did_you_mean(wanted, command_names(app));
    return hint.empty() ? see_help(app) + " for the list" : hint;
}

UsageMessage no_command(const CLI::App& app) {
    // An unknown command is left over as an argument the root does not take.
    const CLI::App* root = &app;
    while (root->get_parent() != nullptr) {
        root = root->get_parent();
    }
    for (const std::string& item : root->remaining(true)) {
        if (!item.empty() && item[0] != '-') {
            return {fmt::format("unknown command '{}'", item), command_hint(item, app)};
        }
    }
    return {"a command is required", see_help(app) + " for the list"};
}

UsageMessage extras(const CLI::App& app, const CLI::App& command) {
    const std::vector<std::string> left = app.remaining(true);
    for (const std::string& item : left) {
        if (looks_like_option(item)) {
            const std::string name = item.substr(0, item.find('='));
            return {fmt::format("unknown option '{}'", name),
                    or_help(did_you_mean(name, option_names(command)), command)};
        }
    }
    if (left.empty()) {
        return {"unexpected arguments", see_help(command)};
    }
    if (&command == &app) { // before any command: the first word is the command
        return {fmt::format("unknown command '{}'", left.front()), command_hint(left.front(), app)};
    }
    return {fmt::format("unexpected argument '{}'", left.front()),
            fmt::format("'{}' does not take it; {}", command.get_name(), see_help(command))};
}

/// "--format: xml not in {text,json,csv}" (CLI::IsMember), "--top: must be …" (ours).
UsageMessage invalid_value(const std::string& what, const CLI::App& command) {
    static const std::regex member(R"(^(\S+): (.*) not in \{(.*)\}$)");
    static const std::regex ours(R"(^(\S+): (must .*)$)");
    std::smatch match;
    if (std::regex_match(what, match, ours)) {
        return {fmt::format("{} {}", match[1].str(), match[2].str()), see_help(command)};
    }
    if (std::regex_match(what, match, member)) {
        std::vector<std::string> allowed;
        const std::string list = match[3].str();
        for (std::size_t start = 0; start <= list.size();) {
            const std::size_t comma = std::min(list.find(',', start), list.size());
            allowed.push_back(list.substr(start, comma - start));
            start = comma + 1;
        }
        return {fmt::format("{} must be one of {}, not '{}'", match[1].str(),
                            fmt::join(allowed, ", "), match[2].str()),
                or_help(did_you_mean(match[2].str(), allowed), command)};
    }
    return {sentence_case(what), see_help(command)};
}

UsageMessage conversion(const std::string& what, const CLI::App& command) {
    static const std::regex cannot(R"(^Could not convert: (\S+) = (.*)$)");
    static const std::regex not_allowed(R"(^The value (.*) is not an allowed value for (\S+)$)");
    static const std::regex flag_inputs(R"(^(\S+): too many inputs for a flag$)");
    static const std::regex true_false(R"(^(\S+): Should be true/false or a number$)");
    std::smatch match;
    if (std::regex_match(what, match, cannot)) {
        return {fmt::format("{} cannot take the value '{}'", match[1].str(), match[2].str()),
                see_help(command)};
    }
    if (std::regex_match(what, match, not_allowed)) {
        return {fmt::format("{} cannot take the value '{}'", match[2].str(), match[1].str()),
                see_help(command)};
    }
    if (std::regex_match(what, match, flag_inputs)) {
        return {fmt::format("{} is a flag and takes no value", match[1].str()), see_help(command)};
    }
    if (std::regex_match(what, match, true_false)) {
        return {fmt::format("{} takes true, false or a number", match[1].str()), see_help(command)};
    }
    return {sentence_case(what), see_help(command)};
}

std::string values(const std::string& count) {
    return count == "1" ? "1 value" : count + " values";
}

UsageMessage mismatch(const std::string& what, const CLI::App& command) {
    static const std::regex at_least(R"(^(\S+): At least (\d+) required but received (\d+)$)");
    static const std::regex at_most(R"(^(\S+): At Most (\d+) required but received (\d+)$)");
    static const std::regex typed(R"(^(\S+): (\d+) required (\S+) missing$)");
    static const std::regex exactly(R"(^Expected exactly (\d+) arguments to (\S+), got (\d+)$)");
    static const std::regex least(R"(^Expected at least (\d+) arguments to (\S+), got (\d+)$)");
    static const std::regex override_flag(R"(^(\S+) was given a disallowed flag override$)");
    std::smatch match;
    const std::string help = see_help(command);
    if (std::regex_match(what, match, at_least)) {
        return {fmt::format("{} needs at least {}, got {}", match[1].str(), values(match[2].str()),
                            match[3].str()),
                help};
    }
    if (std::regex_match(what, match, at_most)) {
        return {fmt::format("{} takes at most {}, got {}", match[1].str(), values(match[2].str()),
                            match[3].str()),
                help};
    }
    if (std::regex_match(what, match, typed)) {
        // "(FILE)" says what to give; CLI11's "TEXT:{text,json,csv}" does not read well.
        const std::string type = match[3].str();
        const bool plain = type.find_first_of(":{") == std::string::npos;
        return {fmt::format("{} needs a value{}", match[1].str(),
                            plain ? fmt::format(" ({})", type) : std::string()),
                help};
    }
    if (std::regex_match(what, match, exactly)) {
        return {fmt::format("{} takes exactly {}, got {}", match[2].str(), values(match[1].str()),
                            match[3].str()),
                help};
    }
    if (std::regex_match(what, match, least)) {
        return {fmt::format("{} needs at least {}, got {}", match[2].str(), values(match[1].str()),
                            match[3].str()),
                help};
    }
    if (std::regex_match(what, match, override_flag)) {
        return {fmt::format("{} is a flag and takes no value", match[1].str()), help};
    }
    return {sentence_case(what), help};
}

UsageMessage required(const std::string& what, const CLI::App& command) {
    static const std::regex named(R"(^(\S+) is required$)");
    std::smatch match;
    if (what.rfind("A subcommand", 0) == 0) {
        return no_command(command);
    }
    if (std::regex_match(what, match, named)) {
        const std::string name = match[1].str();
        return {fmt::format("missing {} {}", name[0] == '-' ? "option" : "argument", name),
                see_help(command)};
    }
    return {sentence_case(what), see_help(command)};
}

UsageMessage pair(const std::string& what, const std::regex& shape, const char* sentence,
                  const CLI::App& command) {
    std::smatch match;
    if (std::regex_match(what, match, shape)) {
        return {fmt::format(fmt::runtime(sentence), match[1].str(), match[2].str()),
                see_help(command)};
    }
    return {sentence_case(what), see_help(command)};
}

} // namespace

std::string sentence_case(std::string text) {
    // One capital, then lower-case letters up to the end of the first word.
    std::size_t end = 1;
    while (end < text.size() && std::islower(static_cast<unsigned char>(text[end])) != 0) {
        ++end;
    }
    const bool word_end =
        end == text.size() || text[end] == ' ' || text[end] == ',' || text[end] == ':';
    if (!text.empty() && std::isupper(static_cast<unsigned char>(text[0])) != 0 && word_end) {
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    }
    return text;
}

UsageMessage describe_usage_error(const CLI::ParseError& error, const CLI::App& app) {
    // By type, not get_name(): an ExtrasError is named after the app that raised it.
    const CLI::App& command = active_command(app);
    const std::string what = error.what();
    if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr) {
        return required(what, command);
    }
    if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
        return extras(app, command);
    }
    if (dynamic_cast<const CLI::ValidationError*>(&error) != nullptr) {
        return invalid_value(what, command);
    }
    if (dynamic_cast<const CLI::ConversionError*>(&error) != nullptr) {
        return conversion(what, command);
    }
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr) {
        return mismatch(what, command);
    }
    if (dynamic_cast<const CLI::ExcludesError*>(&error) != nullptr) {
        static const std::regex excludes(R"(^(\S+) excludes (\S+)$)");
        return pair(what, excludes, "{} cannot be used with {}", command);
    }
    if (dynamic_cast<const CLI::RequiresError*>(&error) != nullptr) {
        static const std::regex requires_other(R"(^(\S+) requires (\S+)$)");
        return pair(what, requires_other, "{} needs {}", command);
    }
    return {sentence_case(what), see_help(command)};
}

CLI::Validator whole_number(std::uint64_t min, std::uint64_t max) {
    return CLI::Validator(
        [min, max](std::string& input) -> std::string {
            return query::whole_number_problem(min, max, input).value_or("");
        },
        fmt::format("[{} - {}]", min, max));
}

CLI::Validator real_number(double min, double max) {
    return CLI::Validator(
        [min, max](std::string& input) -> std::string {
            return query::real_number_problem(min, max, input).value_or("");
        },
        fmt::format("[{} - {}]", min, max));
}

} // namespace powermap::cli
