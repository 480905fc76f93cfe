#include "cli/query_command.hpp"

#include <map>
#include <memory>
#include <ostream>

#include <fmt/format.h>
#include <unistd.h>

#include "cli/usage.hpp"

namespace powermap::cli {

namespace {

/// A progress bar on stderr for long work, only when stderr is a terminal.
class ProgressBar {
public:
    explicit ProgressBar(std::ostream& err) : err_(err) {}
    ~ProgressBar() {
        if (shown_) {
            err_ << '\n';
        }
    }
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;
    void update(std::string_view what, std::string_view unit, std::size_t done, std::size_t total) {
        const std::size_t width = 40;
        const std::size_t filled = total == 0 ? width : done * width / total;
        const std::size_t percent = total == 0 ? 100 : done * 100 / total;
        if (percent == last_) {
            return;
        }
        last_ = percent;
        shown_ = true;
        err_ << fmt::format("\r{} [{}{}] {:3}% ({} of {} {})", what, std::string(filled, '#'),
                            std::string(width - filled, ' '), percent, done, total, unit)
             << std::flush;
    }

private:
    std::ostream& err_;
    std::size_t last_ = 101;
    bool shown_ = false;
};

CLI::Option* bind(CLI::App* cmd, const query::Param& param, BoundParams& bound) {
    using query::ParamKind;
    CLI::Option* option = nullptr;
    switch (param.kind) {
    case ParamKind::Flag:
        return cmd->add_flag(param.name, bound.flags[param.name], param.help);
    case ParamKind::List:
        option = cmd->add_option(param.name, bound.lists[param.name], param.help)->delimiter(',');
        break;
    case ParamKind::Count:
        option = cmd->add_option(param.name, bound.texts[param.name], param.help)
                     ->check(whole_number(param.count_min, param.count_max))
                     ->type_name("UINT");
        break;
    case ParamKind::Real:
        option = cmd->add_option(param.name, bound.texts[param.name], param.help)
                     ->check(real_number(param.min, param.max))
                     ->type_name("FLOAT");
        break;
    case ParamKind::Choice:
        option = cmd->add_option(param.name, bound.texts[param.name], param.help)
                     ->check(CLI::IsMember(param.choices));
        break;
    case ParamKind::Text:
        option = cmd->add_option(param.name, bound.texts[param.name], param.help);
        break;
    }
    if (!param.type_name.empty()) {
        option->type_name(param.type_name);
    }
    if (param.show_default) {
        option->default_str(param.default_value);
    }
    if (param.required) {
        option->required();
    }
    return option;
}

} // namespace

std::shared_ptr<BoundParams> bind_params(CLI::App* cmd, const std::vector<query::Param>& params) {
    auto bound = std::make_shared<BoundParams>();
    bound->params = params;
    for (const auto& param : params) {
        bound->options[param.name] = bind(cmd, param, *bound);
    }
    for (const auto& param : params) {
        for (const auto& other : param.excludes) {
            bound->options.at(param.name)->excludes(bound->options.at(other));
        }
        for (const auto& other : param.needs) {
            bound->options.at(param.name)->needs(bound->options.at(other));
        }
    }
    return bound;
}

query::Arguments BoundParams::arguments() const {
    query::Arguments args(params);
    for (const auto& param : params) {
        if (options.at(param.name)->count() == 0) {
            continue;
        }
        if (param.kind == query::ParamKind::Flag) {
            args.set(param.name, flags.at(param.name) ? "true" : "false");
        } else if (param.is_list()) {
            for (const auto& item : lists.at(param.name)) {
                args.set(param.name, item);
            }
        } else {
            args.set(param.name, texts.at(param.name));
        }
    }
    args.check();
    return args;
}

CLI::App* group_command(CLI::App& app, const std::string& group) {
    for (auto* existing : app.get_subcommands({})) {
        if (existing->get_name() == group) {
            return existing;
        }
    }
    std::string summary;
    for (const auto& known : query::query_groups()) {
        if (known.name == group) {
            summary = known.summary;
        }
    }
    return app.add_subcommand(group, summary)->require_subcommand(1);
}

void add_query_command(CLI::App& app, Context& ctx, const query::QueryDef& query) {
    // "dedupe candidates": the subcommand "candidates" of "dedupe".
    CLI::App* parent = &app;
    std::string name = query.name;
    if (const auto space = name.find(' '); space != std::string::npos) {
        parent = group_command(app, name.substr(0, space));
        name = name.substr(space + 1);
    }
    auto* cmd = parent->add_subcommand(name, query.summary);
    auto bound = bind_params(cmd, query.params);
    cmd->callback([&ctx, &query, bound] {
        if (!query.tabular) {
            ctx.require_text_or_json(query.name);
        }
        const query::Arguments args = bound->arguments();
        const auto format = ctx.output_format();
        // The map's own problems first, as every command reports them (unless they are the
        // answer).
        ctx.load(query.map_errors_allowed);
        ProgressBar bar(ctx.err);
        query::Request request{
            ctx.session(), args, ctx.options.lang, query::Parts::only(format), {}};
        if (isatty(STDERR_FILENO) != 0 && format != query::Format::Json) {
            request.progress = [&bar](std::string_view what, std::string_view unit,
                                      std::size_t done, std::size_t total) {
                bar.update(what, unit, done, total);
            };
        }
        const query::Answer answer = query.run(request);
        ctx.report_view_time();
        ctx.exit_code = query::print_answer(answer, format, ctx.out, ctx.err);
    });
}

} // namespace powermap::cli
