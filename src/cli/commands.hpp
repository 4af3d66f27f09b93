#pragma once
/// The subcommands of the `shockflow` program, as plain functions over parsed
/// arguments. Each returns the process exit status; ConfigError and other
/// exceptions propagate to main(), which maps them to exit statuses.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "shockflow/core/error.hpp"
#include "shockflow/experiment/compare.hpp"
#include "shockflow/scenario/generate.hpp"
#include "shockflow/scenario/io_table.hpp"

namespace shockflow::cli {

/// How run, validate and compare report the scenario's warnings.
struct WarningArgs {
    bool werror = false;           ///< warnings are errors: exit status 2, nothing written
    std::uint64_t max_shown = 20;  ///< print at most this many (0 = all), as --max-errors
};

struct RunArgs {
    std::string scenario;
    std::vector<std::string> sets;      ///< `--set KEY=VALUE`, in order
    std::string policy;                 ///< "" = the scenario's own [policy]
    std::optional<std::uint64_t> seed;  ///< nullopt = the scenario's seed
    std::string out;                    ///< "" = write no files
    bool quiet = false;                 ///< print nothing on success
    bool report = false;                ///< also write out/report.html (needs out)
    WarningArgs warnings;
};

struct ValidateArgs {
    std::string scenario;
    std::vector<std::string> sets;  ///< `--set KEY=VALUE`, in order
    std::string policy;             ///< "" = only the scenario
    WarningArgs warnings;
};

struct CompareArgs {
    std::string scenario;
    std::vector<std::string> sets;      ///< `--set KEY=VALUE`, in order
    std::vector<std::string> policies;  ///< in order; the first is the baseline
    /// The baseline by its policy name (or its file as given); "" = the first.
    std::string baseline;
    std::optional<std::int64_t> replications;  ///< nullopt = the scenario's replications
    int threads = 0;                           ///< 0 = all cores
    std::optional<std::uint64_t> seed;         ///< nullopt = the scenario's seed
    std::string out;                           ///< "" = write no files
    bool quiet = false;                        ///< no table, no progress bar
    bool report = false;                       ///< also write out/report.html (needs out)
    bool resume = false;  ///< go on from the journal of an interrupted compare (needs out)
    WarningArgs warnings;
};

struct KpisArgs {
    bool markdown = false;  ///< the table of docs/MODEL.md instead of the terminal one
};

struct ImportArgs {
    std::string z, y, x;  ///< the table's CSV files; x may be "" (row sums)
    ImportOptions options;
    std::string out;  ///< directory for scenario.toml, nodes.csv, links.csv
    bool quiet = false;
};

struct GenerateArgs {
    GenerateOptions options;
    std::string out;  ///< directory for scenario.toml, nodes.csv, links.csv
    bool quiet = false;
};

/// The processes a `compare` is spread over: one for `shockflow`, one per
/// rank for `shockflow-mpi` (cli/mpi.hpp). Rank r runs the shard r of the
/// (policy, replication) pairs; `gather`, called on every rank, puts the
/// shards together on rank 0, which alone summarises and writes.
struct Processes {
    std::size_t rank = 0;
    std::size_t size = 1;
    std::function<void(experiment::Comparison&)> gather;
};

/// Prints diagnostics to stderr, compiler-style, at most `max_shown` of them
/// (0 = all), then how many more there are.
void print_diagnostics(const std::vector<Diagnostic>& all, std::uint64_t max_shown);

int run_command(const RunArgs& args);
int generate_command(const GenerateArgs& args);
int import_io_command(const ImportArgs& args);
int validate_command(const ValidateArgs& args);
int compare_command(const CompareArgs& args, const Processes& processes = {});
int kpis_command(const KpisArgs& args);

}  // namespace shockflow::cli
