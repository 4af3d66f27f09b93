#pragma once
/// `shockflow stress`: the time-to-survive / time-to-recover stress test.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "cli/commands.hpp"

namespace shockflow::cli {

struct StressArgs {
    std::string scenario;
    std::string targets;                ///< the --targets selector; "" = every park and plant
    std::optional<double> ttr;          ///< nullopt: each target's strike's repair days, else 14
    std::string policy;                 ///< "" = the scenario's own [policy]
    std::vector<std::string> sets;      ///< --set KEY=VALUE, in order
    std::optional<std::uint64_t> seed;  ///< nullopt = the scenario's seed
    int threads = 0;                    ///< 0 = all cores
    bool no_events = false;             ///< leave out the scenario's events
    std::string out;                    ///< "" = write no files
    bool report = false;                ///< also write out/report.html (needs out)
    bool quiet = false;                 ///< no table, no progress bar
    WarningArgs warnings;
};

/// The `stress` subcommand's options, parsed into `args`.
struct StressCli {
    StressArgs args;
    std::uint64_t seed = 0;
    double ttr = 0.0;
    CLI::Option* seed_opt = nullptr;
    CLI::Option* ttr_opt = nullptr;

    /// The options given, into `args` (after parsing).
    void finish();
};

/// Adds the `stress` subcommand to `app`, filling `cli`.
CLI::App* add_stress(CLI::App& app, StressCli& cli);

int stress_command(const StressArgs& args);

}  // namespace shockflow::cli
