#include "cli/app.hpp"

#include <cctype>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <limits>
#include <ostream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/output/stdout_stream.hpp"
#include "cli/query_command.hpp"
#include "cli/usage.hpp"

namespace powermap::cli {

namespace {

/// The global options that raise the input limits (io::InputLimits); sizes take binary
/// units (500M = 500 MiB, 2G = 2 GiB).
void add_limit_options(CLI::App& app, io::InputLimits& limits) {
    const std::string group = "Input limits";
    app.add_option("--max-input-size", limits.max_input_size,
                   "Most bytes one input may take once read whole and unpacked, e.g. 500M or 2G "
                   "(default 4G, and for a .gz file 100 times its size on disk, at least 64M; "
                   ".json maps are streamed and not limited by size)")
        ->transform(CLI::AsSizeValue(false).description(""))
        ->check(
            CLI::Range(std::uint64_t{1}, std::numeric_limits<std::uint64_t>::max()).description(""))
        ->type_name("SIZE")
        ->group(group);
    app.add_option("--max-line-length", limits.max_line_length,
                   "Longest line of a CSV or FtM (JSON lines) input (default 64M)")
        ->transform(CLI::AsSizeValue(false).description(""))
        ->check(
            CLI::Range(std::uint64_t{1}, std::numeric_limits<std::uint64_t>::max()).description(""))
        ->type_name("SIZE")
        ->group(group);
    app.add_option("--max-depth", limits.max_depth,
                   fmt::format("Deepest nesting of JSON objects and lists (default {}, at most {})",
                               limits.max_depth, io::max_depth_ceiling))
        ->check(CLI::Range(std::uint32_t{1}, io::max_depth_ceiling).description(""))
        ->type_name("N")
        ->group(group);
    app.add_option("--max-records", limits.max_records,
                   fmt::format("Most records (map items, CSV rows, FtM lines) in one input file "
                               "(default {})",
                               limits.max_records))
        ->check(
            CLI::Range(std::uint64_t{1}, std::numeric_limits<std::uint64_t>::max()).description(""))
        ->type_name("N")
        ->group(group);
}

int run_command(Context& ctx, const std::vector<std::string>& args) {
    std::ostream& out = ctx.out;
    std::ostream& err = ctx.err;
    CLI::App app{"powermap: ask a power map who underpins what, and show the evidence.\n"
                 "With no --graph, commands run on the built-in sample map "
                 "(Amazon/AWS, Microsoft, Palantir and US immigration enforcement).",
                 "powermap"};
    app.set_version_flag("--version", "powermap 0.1.0");
    app.require_subcommand(1);
    app.fallthrough();
    app.add_option("-g,--graph", ctx.options.graphs,
                   "Map file to load (powermap/1 JSON, or any format 'import' reads); repeat to "
                   "merge several. Regular files only: devices and FIFOs are refused")
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
    app.add_option("-j,--judgements", ctx.options.judgements,
                   "Decisions file (judgements.jsonl, see 'dedupe review'): entities decided "
                   "'same' are merged as the maps load; their old ids still find them")
        ->type_name("FILE");
    app.add_flag("--force-merge", ctx.options.force_merge,
                 "With --judgements: also merge entities that both have 50 ties or more");
    app.add_flag("--stats-load", ctx.options.stats_load,
                 "Print how long loading took, stage by stage (read, parse, build, view)");
    add_limit_options(app, ctx.options.limits);

    // The questions: every query of the registry, in its order (query/registry.cpp).
    for (const auto& query : query::queries()) {
        add_query_command(app, ctx, query);
    }
    // The commands that write files.
    register_import(app, ctx);
    register_dedupe_review(app, ctx);
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
        const UsageMessage usage = describe_usage_error(error, app);
        err << "powermap: error: " << usage.message << " \u2014 " << usage.hint << '\n';
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
} // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    return run(args, std::cin, out, err);
}

int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
        std::ostream& err) {
    Context ctx(out, err);
    ctx.in = &in;
    const int code = run_command(ctx, args);
    // A result that never reached its reader (a full disk, /dev/full) is no success.
    if (auto failure = output_failure(out);
        failure && code < static_cast<int>(ExitCode::BadInput)) {
        ctx.print_diagnostics({*failure});
        return static_cast<int>(ExitCode::BadInput);
    }
    return code;
}

} // namespace powermap::cli
