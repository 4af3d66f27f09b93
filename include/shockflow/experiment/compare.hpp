#pragma once
/// Comparing policies over replications on common random numbers.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "shockflow/experiment/statistics.hpp"
#include "shockflow/policy/policy.hpp"
#include "shockflow/scenario/spec.hpp"

namespace shockflow::experiment {

/// The outcome of one (policy, replication) pair: what a journal keeps so that
/// an interrupted comparison can go on without running the pair again.
struct FinishedPair {
    std::size_t policy = 0;          ///< index into the policies given
    std::size_t replication = 0;     ///< k: ran with seed + k
    std::vector<double> kpis;        ///< by KPI index (kpi_registry() order)
    std::vector<double> daily_fill;  ///< with CompareOptions::daily_fill, else empty
};

struct CompareOptions {
    std::int64_t replications = 1;  ///< >= 1
    std::uint64_t seed = 1;         ///< replication k runs with seed + k
    int threads = 0;                ///< 0 = all cores; results do not depend on it
    /// Also record each replication's essential fill rate per day
    /// (Comparison::daily_essential_fill); runs then keep their time series.
    bool daily_fill = false;
    /// Called from worker threads (serialised) as replications finish.
    std::function<void(std::size_t done, std::size_t total)> progress;
    /// Pairs finished earlier (read back from a journal): not run again, their
    /// results are used as given. Each must have one value per KPI, and a
    /// daily fill exactly when daily_fill is set; pairs outside the
    /// comparison or the shard are ignored. Progress counts the other pairs.
    std::vector<FinishedPair> finished;
    /// Called from worker threads (serialised, like progress) as each pair
    /// that was run finishes, before progress.
    std::function<void(const FinishedPair&)> on_finished;
};

struct PolicyResult {
    std::string name;
    std::vector<KpiStats> stats;               ///< by KPI index
    std::vector<KpiDiff> vs_baseline;          ///< by KPI index
    std::vector<std::vector<double>> samples;  ///< [replication][kpi]
    /// Holding cost above the baseline's on the same replication: mean and
    /// 95 % t-interval (cost; the baseline's own is 0).
    Estimate extra_holding_cost;
    /// Extra holding cost per person-day short avoided against the baseline:
    /// mean extra cost over mean person-days avoided, with its delta-method
    /// interval (ratio_of_means; docs/MODEL.md). NaN when the policy avoids
    /// no person-days on average, and for the baseline itself.
    Estimate cost_per_person_day_avoided;
};

struct Comparison {
    std::string scenario;
    std::int64_t replications = 0;
    std::uint64_t seed = 0;
    std::uint64_t input_hash = 0;
    std::vector<std::string> kpi_names;  ///< kpi_registry() names, in its order: the columns
    std::vector<PolicyResult> policies;  ///< in the order given; the first is the baseline
    /// With CompareOptions::daily_fill: [policy][replication][day index] of
    /// delivered / demanded over regions and essential products that day (NaN
    /// on a day without essential demand); index 0 is day `first_day`. Empty otherwise.
    std::vector<std::vector<std::vector<double>>> daily_essential_fill;
    std::int32_t first_day = 0;  ///< day of index 0 of daily_essential_fill
};

/// Runs every policy on replications 0..n-1 (replication k of every policy sees
/// the same sampled disruptions) and summarises the KPIs. The first policy is
/// the baseline of the paired differences. The result does not depend on
/// `options.threads`. Exceptions thrown by a run propagate to the caller.
/// Throws std::invalid_argument if `policies` is empty, replications < 1 or
/// threads < 0.
Comparison compare(const ScenarioSpec& scenario, const std::vector<PolicySpec>& policies,
                   const CompareOptions& options);

/// One shard of a comparison spread over several processes (shockflow-mpi):
/// runs only the (policy p, replication k) pairs whose index p × replications
/// + k leaves remainder `shard` when divided by `shards`. The samples of the
/// other pairs stay zero and their daily fill empty; `stats` and
/// `vs_baseline` are left empty until summarise(). compare() is
/// compare_shard(..., 0, 1) followed by summarise().
/// Throws std::invalid_argument as compare() does, and if shard >= shards.
Comparison compare_shard(const ScenarioSpec& scenario, const std::vector<PolicySpec>& policies,
                         const CompareOptions& options, std::size_t shard, std::size_t shards);

/// How many of `pairs` (policy, replication) pairs shard `shard` of `shards`
/// runs: the pairs shard, shard + shards, ...
[[nodiscard]] constexpr std::size_t shard_size(std::size_t pairs, std::size_t shard,
                                               std::size_t shards) {
    return pairs > shard ? (pairs - shard - 1) / shards + 1 : 0;
}

/// Fills every policy's `stats` and `vs_baseline` from its complete samples.
void summarise(Comparison& comparison);

}  // namespace shockflow::experiment
