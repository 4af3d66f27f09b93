#pragma once
/// `shockflow sweep`: a designed experiment over scenario and policy
/// parameters, with sensitivity and robustness of the policies' ranking.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"

namespace shockflow::cli {

struct SweepArgs {
    std::string scenario;
    std::string design;                        ///< the design TOML file
    std::vector<std::string> policies;         ///< in order; none = the scenario's own [policy]
    std::vector<std::string> sets;             ///< --set KEY=VALUE, in order, before the design's
    std::optional<std::int64_t> replications;  ///< nullopt: the design's, else the scenario's
    std::optional<std::uint64_t> seed;         ///< nullopt = the scenario's seed
    int threads = 0;                           ///< 0 = all cores
    std::string out;                           ///< "" = write no files
    bool report = false;                       ///< also write out/report.html (needs out)
    bool quiet = false;                        ///< no table, no progress bar
    WarningArgs warnings;
};

/// The `sweep` subcommand's options, parsed into `args`.
struct SweepCli {
    SweepArgs args;
    std::uint64_t seed = 0;
    std::int64_t replications = 0;
    CLI::Option* seed_opt = nullptr;
    CLI::Option* replications_opt = nullptr;

    /// The options given, into `args` (after parsing).
    void finish();
};

/// Adds the `sweep` subcommand to `app`, filling `cli`.
CLI::App* add_sweep(CLI::App& app, SweepCli& cli);

int sweep_command(const SweepArgs& args);

}  // namespace shockflow::cli
