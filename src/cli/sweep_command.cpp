// `shockflow sweep`: every point of a design under every policy for every
// replication, then which parameters move the KPIs and how robust the
// policies' ranking is.

#include "cli/sweep_command.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "cli/command_helpers.hpp"
#include "cli/validators.hpp"
#include "core/atomic_output.hpp"
#include "io/output_files.hpp"
#include "io/progress.hpp"
#include "shockflow/core/error.hpp"
#include "shockflow/experiment/compare.hpp"
#include "shockflow/experiment/sweep.hpp"
#include "shockflow/io/sweep_files.hpp"
#include "shockflow/scenario/design.hpp"
#include "shockflow/scenario/limits.hpp"
#include "shockflow/scenario/loader.hpp"

namespace shockflow::cli {

void SweepCli::finish() {
    if (seed_opt != nullptr && seed_opt->count() > 0) args.seed = seed;
    if (replications_opt != nullptr && replications_opt->count() > 0)
        args.replications = replications;
}

CLI::App* add_sweep(CLI::App& app, SweepCli& cli) {
    SweepArgs& a = cli.args;
    CLI::App* cmd = app.add_subcommand(
        "sweep",
        "Run a design over scenario and policy parameters (a grid or a Latin hypercube) under "
        "each policy: which parameters move the KPIs, and whether the policies' ranking holds");
    cmd->add_option("scenario", a.scenario, "Scenario TOML file")->required()->type_name("FILE");
    cmd->add_option("--design", a.design,
                    "Design TOML file: the --set keys to vary and their values or ranges "
                    "(docs/FORMAT.md, \"Designs\")")
        ->required()
        ->type_name("FILE");
    cmd->add_option("--policy", a.policies,
                    "Policy TOML file; repeat for each policy (default: the scenario's own "
                    "[policy])")
        ->type_name("FILE");
    cli.replications_opt =
        cmd->add_option("--replications,-n", cli.replications,
                        "Replications per point and policy (default: the design's "
                        "`replications`, else the scenario's)")
            ->type_name("N")
            ->check(whole_number(1, static_cast<std::uint64_t>(limits::kMaxReplications)));
    cli.seed_opt = cmd->add_option("--seed", cli.seed,
                                   "Base seed; replication k uses seed + k at every point "
                                   "(default: the scenario's seed)")
                       ->type_name("N")
                       ->check(whole_number(0, UINT64_MAX));
    add_threads(cmd, a.threads);
    add_set(cmd, a.sets);
    CLI::Option* out =
        add_out(cmd, a.out, "sweep.csv, sensitivity.csv, robustness.csv, sweep.json");
    add_report(cmd, a.report, out);
    add_werror(cmd, a.warnings);
    cmd->add_flag("--quiet,-q", a.quiet,
                  "Print nothing on success but warnings (on stderr), no progress bar");
    return cmd;
}

int sweep_command(const SweepArgs& args) {
    // Every input, at every point, is read and checked before anything is
    // simulated or written.
    const auto base = overrides_of(args.sets);
    const ScenarioSpec scenario = load_checked(args.scenario, base, args.warnings);
    const Design design = load_design(args.design);
    const std::vector<DesignPoint> design_points = shockflow::design_points(design);
    const std::int64_t replications =
        args.replications.value_or(design.replications_or(scenario.replications));
    const std::size_t n_policies = std::max<std::size_t>(1, args.policies.size());
    if (static_cast<double>(design_points.size()) * static_cast<double>(n_policies) *
            static_cast<double>(replications) >
        static_cast<double>(limits::kMaxReplications)) {
        throw CLI::ValidationError(
            "--replications",
            fmt::format("{} points x {} policies x {} replications is more than the {} runs a "
                        "sweep may have",
                        design_points.size(), n_policies, replications, limits::kMaxReplications));
    }
    const bool had_report = has_report(args.out);

    // Every point is loaded (on the worker threads) before anything runs.
    const std::vector<std::filesystem::path> policy_files(args.policies.begin(),
                                                          args.policies.end());
    const std::vector<experiment::SweepPoint> points = experiment::load_sweep_points(
        args.scenario, policy_files, design, design_points, base, args.threads);
    const std::uint64_t hash =
        experiment::sweep_input_hash(design, scenario.input_hash, points.front().policies);
    if (!args.out.empty()) check_output_names(args.out, io::sweep_files());

    experiment::SweepOptions options;
    options.replications = replications;
    options.seed = args.seed.value_or(scenario.seed);
    options.threads = args.threads;
    note_threads(args.threads, args.quiet);
    std::optional<io::ProgressBar> bar;
    options.progress = progress_bar(args.quiet, bar);
    io::SweepOutput output;
    output.sweep = experiment::sweep(points, design, design_points, options);
    if (bar) bar->finish();
    output.sensitivity = experiment::sweep_sensitivity(output.sweep);
    output.robustness = experiment::sweep_robustness(output.sweep);
    output.scenario = scenario.name;
    output.design_file = design.file;
    output.design = &design;
    output.input_hash = hash;

    std::string notice;
    if (args.report) {
        notice = io::write_sweep_with_report(output, io::make_report_context(scenario, nullptr),
                                             find_report_assets(), args.out);
    } else if (!args.out.empty()) {
        io::write_sweep(output, args.out);
    }
    return print_outcome(
        args.quiet, [&] { return io::format_sweep_table(output); }, args.out,
        "sweep.csv, sensitivity.csv, robustness.csv, sweep.json", args.report, notice, had_report);
}

}  // namespace shockflow::cli
