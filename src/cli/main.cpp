// The `shockflow` program: parse arguments, call the library, map the outcome
// to an exit status (0 success, 2 bad input, 1 internal error).

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <functional>
#include <limits>
#include <optional>
#include <string>

#include "cli/command_helpers.hpp"
#include "cli/commands.hpp"
#include "cli/stress_command.hpp"
#include "cli/suggest.hpp"
#include "cli/sweep_command.hpp"
#include "cli/validators.hpp"
#include "core/interrupt.hpp"
#ifdef SHOCKFLOW_WITH_MPI
#include "cli/mpi.hpp"
#endif
#include "shockflow/core/error.hpp"
#include "shockflow/core/version.hpp"
#include "shockflow/scenario/limits.hpp"

namespace {

using namespace shockflow::cli;

constexpr int kExitBadInput = 2;
constexpr int kExitFailure = 1;  // an output that cannot be written, or a bug

// CLI11 fills plain values; "was it given" is read from the option afterwards.
template <typename T>
void copy_if_given(const CLI::Option* option, const T& value, std::optional<T>& target) {
    if (option->count() > 0) target = value;
}

constexpr auto kMaxSeed = std::numeric_limits<std::uint64_t>::max();
constexpr auto kMaxInt64 = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
constexpr auto kMaxInt = static_cast<std::uint64_t>(std::numeric_limits<int>::max());
constexpr auto kMaxReplications = static_cast<std::uint64_t>(shockflow::limits::kMaxReplications);
constexpr std::uint64_t kDefaultMaxErrors = 20;

struct Parsed {
    RunArgs run;
    ValidateArgs validate;
    CompareArgs compare;
    GenerateArgs generate;
    ImportArgs import_io;
    KpisArgs kpis;
    StressCli stress;
    SweepCli sweep;
    std::uint64_t run_seed = 0, compare_seed = 0;
    std::int64_t replications = 0;
    CLI::Option* run_seed_opt = nullptr;
    CLI::Option* compare_seed_opt = nullptr;
    CLI::Option* replications_opt = nullptr;
};

CLI::Option* add_scenario(CLI::App* cmd, std::string& target) {
    return cmd->add_option("scenario", target, "Scenario TOML file")->required()->type_name("FILE");
}

CLI::Option* add_seed(CLI::App* cmd, std::uint64_t& target, const std::string& help) {
    return cmd->add_option("--seed", target, help)
        ->type_name("N")
        ->check(whole_number(0, kMaxSeed));
}

CLI::App* add_run(CLI::App& app, Parsed& p) {
    CLI::App* cmd = app.add_subcommand("run", "Simulate one scenario under one policy");
    add_scenario(cmd, p.run.scenario);
    cmd->add_option("--policy", p.run.policy,
                    "Policy TOML file; replaces the scenario's [policy] as a whole")
        ->type_name("FILE");
    p.run_seed_opt = add_seed(cmd, p.run_seed, "Seed (default: the scenario's seed)");
    CLI::Option* out =
        add_out(cmd, p.run.out, "timeseries.csv, regions.csv, firms.csv, summary.json");
    add_report(cmd, p.run.report, out);
    add_set(cmd, p.run.sets);
    add_werror(cmd, p.run.warnings);
    cmd->add_flag("--quiet,-q", p.run.quiet, "Print nothing on success but warnings (on stderr)");
    return cmd;
}

CLI::App* add_validate(CLI::App& app, Parsed& p) {
    CLI::App* cmd = app.add_subcommand(
        "validate", "Check a scenario (and a policy) file and print the scenario's warnings");
    add_scenario(cmd, p.validate.scenario);
    cmd->add_option("--policy", p.validate.policy, "Policy TOML file to check as well")
        ->type_name("FILE");
    add_set(cmd, p.validate.sets);
    add_werror(cmd, p.validate.warnings);
    return cmd;
}

CLI::App* add_compare(CLI::App& app, Parsed& p) {
    CLI::App* cmd = app.add_subcommand(
        "compare", "Compare policies over replications on common random numbers");
    add_scenario(cmd, p.compare.scenario);
    cmd->add_option("--policy", p.compare.policies,
                    "Policy TOML file; repeat for each policy, the first is the baseline "
                    "unless --baseline names another")
        ->required()
        ->type_name("FILE");
    cmd->add_option("--baseline", p.compare.baseline,
                    "Name of the policy the others are compared with (its [policy] name, or its "
                    "file as given to --policy); default: the first --policy")
        ->type_name("NAME");
    p.replications_opt =
        cmd->add_option("--replications,-n", p.replications,
                        "Replications per policy (default: the scenario's replications)")
            ->type_name("N")
            ->check(whole_number(1, kMaxReplications));
    add_threads(cmd, p.compare.threads);
    p.compare_seed_opt = add_seed(cmd, p.compare_seed,
                                  "Base seed; replication k uses seed + k (default: the "
                                  "scenario's seed)");
    CLI::Option* out = add_out(
        cmd, p.compare.out,
        "comparison.json, comparison.csv, comparison_long.csv, replications.csv, daily.csv, "
        "samples.csv");
    add_report(cmd, p.compare.report, out);
    cmd->add_flag("--resume", p.compare.resume,
                  "Go on from where an interrupted compare into the same DIR stopped: the runs it "
                  "finished are read back from DIR's journal, not run again (needs --out)")
        ->needs(out);
    add_set(cmd, p.compare.sets);
    add_werror(cmd, p.compare.warnings);
    cmd->add_flag("--quiet,-q", p.compare.quiet,
                  "Print nothing on success but warnings (on stderr), no progress bar");
    return cmd;
}

CLI::App* add_generate(CLI::App& app, Parsed& p) {
    CLI::App* cmd = app.add_subcommand(
        "generate", "Write a synthetic national network (scenario.toml + CSV tables)");
    shockflow::GenerateOptions& o = p.generate.options;
    const shockflow::GenerateOptions d;  // the defaults, shown in the help
    cmd->add_option("--parks", o.parks, fmt::format("Producer parks (default {})", d.parks))
        ->check(whole_number(1, kMaxInt))
        ->type_name("N");
    cmd->add_option("--regions", o.regions,
                    fmt::format("Regions, each with a depot (default {})", d.regions))
        ->check(whole_number(1, kMaxInt))
        ->type_name("M");
    cmd->add_option("--products", o.products,
                    fmt::format("Products, about a quarter essential (default {})", d.products))
        ->check(whole_number(2, 10000))
        ->type_name("P");
    // The seed is written into scenario.toml, whose integers are signed 64-bit.
    cmd->add_option("--seed", o.seed, fmt::format("Seed of the generator (default {})", d.seed))
        ->check(whole_number(0, kMaxInt64))
        ->type_name("S");
    cmd->add_option("--start-day", o.start_day,
                    fmt::format("First simulated day (default {})", d.start_day))
        ->check(day_number())
        ->type_name("DAY");
    cmd->add_option("--end-day", o.end_day,
                    fmt::format("End of the run, exclusive (default {})", d.end_day))
        ->check(day_number())
        ->type_name("DAY");
    cmd->add_option("--step-hours", o.step_hours,
                    fmt::format("Cycle length in hours, divides 24 (default {})", d.step_hours))
        ->check(CLI::IsMember({1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 24.0}))
        ->type_name("H");
    cmd->add_flag("!--no-disruptions", o.disruptions,
                  "Leave out strikes, cuts and shocks (default: with them)");
    cmd->add_option("--out", p.generate.out, "Directory to write into (created if needed)")
        ->required()
        ->type_name("DIR");
    cmd->add_flag("--quiet,-q", p.generate.quiet, "Print nothing on success");
    return cmd;
}

void add_max_errors(CLI::App* cmd, std::uint64_t& target) {
    cmd->add_option("--max-errors", target,
                    fmt::format("Print at most N input errors, and at most N warnings; 0 = all "
                                "(default {})",
                                kDefaultMaxErrors))
        ->type_name("N")
        ->check(whole_number(0, kMaxSeed));
}

CLI::App* add_import_io(CLI::App& app, Parsed& p) {
    CLI::App* cmd = app.add_subcommand(
        "import-io", "Write the scenario of an input-output table (scenario.toml + CSV tables)");
    ImportArgs& a = p.import_io;
    cmd->add_option("--z", a.z,
                    "Flows between industries, yearly: region,sector,<region>_<sector>...")
        ->required()
        ->type_name("Z.csv");
    cmd->add_option("--y", a.y, "Flows to final demand, yearly: region,sector,<category>...")
        ->required()
        ->type_name("Y.csv");
    cmd->add_option("--x", a.x, "Gross output, region,sector,x (default: row sums of Z and Y)")
        ->type_name("x.csv");
    cmd->add_option("--out", a.out, "Directory to write into (created if needed)")
        ->required()
        ->type_name("DIR");
    cmd->add_option("--days-per-year", a.options.days_per_year,
                    "Days a year: yearly flows become flows per day (default 365)")
        ->check(CLI::PositiveNumber)
        ->type_name("D");
    cmd->add_option("--min-share", a.options.min_share,
                    "Leave out flows below this share of their buyer's inputs (default 0)")
        ->check(CLI::Range(0.0, 1.0))
        ->type_name("S");
    cmd->add_option("--days", a.options.days, "Length of the run from day 0 (default 365)")
        ->check(CLI::PositiveNumber)
        ->type_name("N");
    cmd->add_option("--transit-hours", a.options.transit_hours,
                    "Transit time of every link (default 24)")
        ->check(CLI::NonNegativeNumber)
        ->type_name("H");
    cmd->add_option("--unit", a.options.unit, "The table's money unit, a label (default money)")
        ->type_name("LABEL");
    cmd->add_flag("--quiet,-q", a.quiet, "Print nothing on success");
    return cmd;
}

CLI::App* add_kpis(CLI::App& app, Parsed& p) {
    CLI::App* cmd =
        app.add_subcommand("kpis", "List the KPIs: name, unit, which way is better, definition");
    cmd->add_flag("--markdown", p.kpis.markdown, "As the Markdown table of docs/MODEL.md");
    return cmd;
}

struct Subcommands {
    CLI::App* run = nullptr;
    CLI::App* validate = nullptr;
    CLI::App* compare = nullptr;
    CLI::App* generate = nullptr;
    CLI::App* import_io = nullptr;
    CLI::App* kpis = nullptr;
    CLI::App* stress = nullptr;
    CLI::App* sweep = nullptr;
};

int dispatch(const Subcommands& cmd, Parsed& p, const Processes& processes) {
    // Over MPI only `compare` is shared out; the other commands run on rank 0.
    const bool compare = !(cmd.run->parsed() || cmd.validate->parsed() || cmd.generate->parsed() ||
                           cmd.import_io->parsed() || cmd.kpis->parsed() || cmd.stress->parsed() ||
                           cmd.sweep->parsed());
    if (processes.rank != 0 && !compare) return 0;
    if (cmd.kpis->parsed()) return kpis_command(p.kpis);
    if (cmd.stress->parsed()) {
        p.stress.finish();
        return stress_command(p.stress.args);
    }
    if (cmd.sweep->parsed()) {
        p.sweep.finish();
        return sweep_command(p.sweep.args);
    }
    if (cmd.import_io->parsed()) return import_io_command(p.import_io);
    if (cmd.generate->parsed()) {
        if (p.generate.options.start_day >= p.generate.options.end_day)
            throw CLI::ValidationError("--start-day", "must be before --end-day");
        return generate_command(p.generate);
    }
    if (cmd.run->parsed()) {
        copy_if_given(p.run_seed_opt, p.run_seed, p.run.seed);
        return run_command(p.run);
    }
    if (cmd.validate->parsed()) return validate_command(p.validate);
    copy_if_given(p.compare_seed_opt, p.compare_seed, p.compare.seed);
    copy_if_given(p.replications_opt, p.replications, p.compare.replications);
    return compare_command(p.compare, processes);
}

// The whole program but MPI set-up. `on_failure` is called when a
// command fails with exit status 1, an output that cannot be written or an
// internal error (shockflow-mpi ends the whole job there: other ranks may be
// waiting for this one).
int run_program(int argc, char** argv, const Processes& processes,
                const std::function<void(int)>& on_failure) {
    CLI::App app{"shockflow: production and distribution of goods during a disruption",
                 "shockflow"};
    app.set_version_flag("--version", fmt::format("shockflow {} (git {})", shockflow::version(),
                                                  shockflow::git_revision()));
    app.require_subcommand(1);
    // Accepted before or after the subcommand.
    app.fallthrough();
    std::uint64_t max_errors = kDefaultMaxErrors;
    add_max_errors(&app, max_errors);
    app.footer(
        "Exit status: 0 success (warnings too, unless --werror), 2 bad input (usage, scenario, "
        "policy), 1 any other error.");
    Parsed parsed;
    Subcommands cmd;
    cmd.run = add_run(app, parsed);
    cmd.validate = add_validate(app, parsed);
    cmd.compare = add_compare(app, parsed);
    cmd.stress = add_stress(app, parsed.stress);
    cmd.sweep = add_sweep(app, parsed.sweep);
    cmd.generate = add_generate(app, parsed);
    cmd.import_io = add_import_io(app, parsed);
    cmd.kpis = add_kpis(app, parsed);
    // Also on every command, so that its --help lists it (given before the
    // command, the program's own option takes it).
    for (CLI::App* sub : {cmd.run, cmd.validate, cmd.compare, cmd.stress, cmd.sweep, cmd.generate,
                          cmd.import_io, cmd.kpis})
        add_max_errors(sub, max_errors);

    if (argc <= 1) {  // a bare `shockflow` is asking what it can do
        fmt::print("{}", app.help());
        return 0;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() != 0) {
            const std::string hint =
                unknown_word_message(app, std::vector<std::string>(argv + 1, argv + argc));
            if (!hint.empty()) {
                fmt::print(stderr, "{}\nRun with --help for more information.\n", hint);
                return kExitBadInput;
            }
        }
        // CLI11's own codes (105, 106, ...) are not ours: any usage error is 2.
        return app.exit(e) == 0 ? 0 : kExitBadInput;
    }
    for (WarningArgs* w :
         {&parsed.run.warnings, &parsed.validate.warnings, &parsed.compare.warnings,
          &parsed.stress.args.warnings, &parsed.sweep.args.warnings})
        w->max_shown = max_errors;
    try {
        return dispatch(cmd, parsed, processes);
    } catch (const CLI::ValidationError& e) {
        fmt::print(stderr, "{}\n", e.what());
        return kExitBadInput;
    } catch (const shockflow::ConfigError& e) {
        print_diagnostics(e.diagnostics(), max_errors);
        return kExitBadInput;
    } catch (const std::filesystem::filesystem_error& e) {
        fmt::print(stderr, "shockflow: error: {}\n", e.what());
        if (on_failure) on_failure(kExitFailure);
        return kExitFailure;
    } catch (const std::exception& e) {
        fmt::print(stderr, "shockflow: internal error: {}\n", e.what());
        if (on_failure) on_failure(kExitFailure);
        return kExitFailure;
    } catch (...) {
        fmt::print(stderr, "shockflow: internal error: unknown exception\n");
        if (on_failure) on_failure(kExitFailure);
        return kExitFailure;
    }
}

}  // namespace

int main(int argc, char** argv) {
    // SIGINT, SIGTERM and SIGHUP remove unfinished output and exit with 128 +
    // the signal; first, so that every thread started later inherits it.
    shockflow::interrupt::install();
#ifdef SHOCKFLOW_WITH_MPI
    const shockflow::cli::MpiSession mpi(argc, argv);
    const Processes processes = mpi.processes();
    return run_program(argc, argv, processes, [&mpi, &processes](int status) {
        // Other ranks may be waiting for this one in a collective.
        if (processes.size > 1) {
            std::fflush(stderr);
            mpi.abort(status);
        }
    });
#else
    return run_program(argc, argv, Processes{}, {});
#endif
}
