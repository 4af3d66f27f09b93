// `shockflow stress`: every target node in turn out of action for its time to
// recover, and how long the network survives without it.

#include "cli/stress_command.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <optional>
#include <stdexcept>

#include "cli/command_helpers.hpp"
#include "cli/validators.hpp"
#include "core/atomic_output.hpp"
#include "io/output_files.hpp"
#include "io/progress.hpp"
#include "shockflow/experiment/compare.hpp"
#include "shockflow/experiment/stress.hpp"
#include "shockflow/io/stress_files.hpp"
#include "shockflow/scenario/limits.hpp"
#include "shockflow/scenario/loader.hpp"

namespace shockflow::cli {

void StressCli::finish() {
    if (seed_opt != nullptr && seed_opt->count() > 0) args.seed = seed;
    if (ttr_opt != nullptr && ttr_opt->count() > 0) args.ttr = ttr;
}

CLI::App* add_stress(CLI::App& app, StressCli& cli) {
    StressArgs& a = cli.args;
    CLI::App* cmd = app.add_subcommand(
        "stress",
        "Take each park and plant (or --targets) out for its time to recover and report how "
        "long the network survives without it");
    cmd->add_option("scenario", a.scenario, "Scenario TOML file")->required()->type_name("FILE");
    cmd->add_option("--targets", a.targets,
                    "Nodes to take out, comma-separated: node ids, park, plant, source, "
                    "tag:VALUE (default: every park and plant)")
        ->type_name("SELECTOR");
    cli.ttr_opt = cmd->add_option("--ttr", cli.ttr,
                                  fmt::format("Days each target stays out (default: the "
                                              "longest repair_days of a strike on it, else {})",
                                              experiment::kDefaultTtrDays))
                      ->type_name("DAYS")
                      ->check(days_number());
    cmd->add_option("--policy", a.policy,
                    "Policy TOML file; replaces the scenario's [policy] as a whole")
        ->type_name("FILE");
    cli.seed_opt =
        cmd->add_option("--seed", cli.seed, "Seed of every run (default: the scenario's seed)")
            ->type_name("N")
            ->check(whole_number(0, UINT64_MAX));
    add_threads(cmd, a.threads);
    add_set(cmd, a.sets);
    cmd->add_flag("--no-events", a.no_events,
                  "Leave out the scenario's events: each target's outage alone");
    CLI::Option* out = add_out(cmd, a.out, "stress.csv");
    add_report(cmd, a.report, out);
    add_werror(cmd, a.warnings);
    cmd->add_flag("--quiet,-q", a.quiet,
                  "Print nothing on success but warnings (on stderr), no progress bar");
    return cmd;
}

int stress_command(const StressArgs& args) {
    // Every input is read and checked before anything is simulated or written.
    const auto overrides = overrides_of(args.sets);
    const ScenarioSpec scenario = load_checked(args.scenario, overrides, args.warnings);
    const bool had_report = has_report(args.out);
    const PolicySpec policy =
        args.policy.empty() ? scenario.policy : load_policy(args.policy, scenario, overrides);
    experiment::StressOptions options;
    if (!args.targets.empty()) {
        try {
            options.targets = experiment::select_targets(scenario, args.targets);
        } catch (const std::invalid_argument& e) {
            throw CLI::ValidationError("--targets", e.what());
        }
    }
    options.ttr_days = args.ttr;
    options.seed = args.seed.value_or(scenario.seed);
    options.threads = args.threads;
    options.no_events = args.no_events;
    note_threads(args.threads, args.quiet);
    // Files are written at the end: what would stop them, before the work.
    if (!args.out.empty()) check_output_names(args.out, io::stress_files());

    std::optional<io::ProgressBar> bar;
    options.progress = progress_bar(args.quiet, bar);
    const experiment::StressResult result = experiment::stress(scenario, policy, options);
    if (bar) bar->finish();
    std::string notice;
    if (args.report) {
        notice = io::write_stress_with_report(result, io::make_report_context(scenario, &policy),
                                              find_report_assets(), args.out);
    } else if (!args.out.empty()) {
        io::write_stress(result, args.out);
    }
    return print_outcome(
        args.quiet, [&] { return io::format_stress_table(result); }, args.out, "stress.csv",
        args.report, notice, had_report);
}

}  // namespace shockflow::cli
