#include "cli/app.hpp"

#include <cctype>
#include <filesystem>
#include <ostream>

#include <fmt/format.h>

#include "cli/commands.hpp"

namespace powermap::cli {

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    Context ctx(out, err);
    CLI::App app{"powermap: ask a power map who underpins what, and show the evidence.\n"
                 "With no --graph, commands run on the built-in sample map "
                 "(Amazon/AWS, Microsoft, Palantir and US immigration enforcement).",
                 "powermap"};
    app.set_version_flag("--version", "powermap 0.1.0");
    app.require_subcommand(1);
    app.fallthrough();
    app.add_option("-g,--graph", ctx.options.graphs,
                   "Map file to load (powermap/1 JSON, or any format 'import' reads); repeat to "
                   "merge several")
        ->type_name("FILE");
    app.add_option("--format", ctx.options.format, "Output format: text, json or csv")
        ->check(CLI::IsMember({"text", "json", "csv"}))
        ->capture_default_str();
    app.add_option("--lang", ctx.options.lang, "Language of the names shown: en or ar")
        ->check(CLI::IsMember({"en", "ar"}))
        ->capture_default_str();

    app.add_option("--sources-dir", ctx.options.sources_dirs,
                   "A folder from which source texts (text_file) may be read besides each "
                   "map's own folder tree; repeatable. Texts elsewhere are not read")
        ->type_name("DIR")
        ->check(CLI::Validator(
            [](const std::string& dir) {
                std::error_code ignored;
                return std::filesystem::is_directory(dir, ignored)
                           ? std::string()
                           : fmt::format("'{}' is not a folder", dir);
            },
            "")); // no name: the help shows the type name alone
    app.add_flag("--stats-load", ctx.options.stats_load,
                 "Print how long loading took, stage by stage (read, parse, build, view)");

    register_validate(app, ctx);
    register_stats(app, ctx);
    register_show(app, ctx);
    register_find(app, ctx);
    register_path(app, ctx);
    register_underpin(app, ctx);
    register_impact(app, ctx);
    register_cut(app, ctx);
    register_centrality(app, ctx);
    register_neighbors(app, ctx);
    register_components(app, ctx);
    register_totals(app, ctx);
    register_import(app, ctx);
    register_export(app, ctx);
    register_render(app, ctx);
    register_pack(app, ctx);
    register_bench(app, ctx);

    std::vector<std::string> reversed(args.rbegin(), args.rend());
    try {
        app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
        out << app.help();
        return 0;
    } catch (const CLI::CallForAllHelp&) {
        out << app.help("", CLI::AppFormatMode::All);
        return 0;
    } catch (const CLI::CallForVersion& version) {
        out << version.what() << '\n';
        return 0;
    } catch (const CLI::ParseError& error) {
        // Help for a subcommand arrives here too (CLI11 raises CallForHelp from it).
        if (error.get_exit_code() == 0) {
            for (const CLI::App* sub : app.get_subcommands()) {
                out << sub->help();
                return 0;
            }
            out << app.help();
            return 0;
        }
        std::string message = error.what();
        if (!message.empty()) {
            message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
        }
        err << "powermap: error: " << message << " \u2014 see 'powermap --help'\n";
        return static_cast<int>(ExitCode::BadInput);
    } catch (const ProblemsFound&) {
        return static_cast<int>(ExitCode::ProblemsFound);
    } catch (const Error& error) {
        ctx.print_diagnostics({error.diagnostic()});
        return static_cast<int>(error.code());
    } catch (const InternalError& error) {
        err << "powermap: " << error.what() << " \u2014 please report this bug\n";
        return static_cast<int>(ExitCode::Internal);
    } catch (const std::bad_alloc&) {
        err << "powermap: error: out of memory\n";
        return static_cast<int>(ExitCode::Internal);
    }
    return ctx.exit_code;
}

} // namespace powermap::cli
