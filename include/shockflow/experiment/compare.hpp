#pragma once
/// Comparing policies over replications on common random numbers.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "shockflow/experiment/statistics.hpp"
#include "shockflow/model/result.hpp"
#include "shockflow/policy/policy.hpp"
#include "shockflow/scenario/spec.hpp"

namespace shockflow::experiment {

/// The outcome of one (policy, replication) pair: what a journal keeps so that
/// an interrupted comparison can go on without running the pair again.
struct FinishedPair {
    std::size_t policy = 0;       ///< index into the policies given
    std::size_t replication = 0;  ///< k: ran with seed + k
    std::vector<double> kpis;     ///< by KPI index (kpi_registry() order)
    /// By KPI index: 1 where the run's value is censored (PolicyResult::censored).
    std::vector<std::uint8_t> censored;
    std::vector<double> daily_fill;  ///< with CompareOptions::daily_fill, else empty
};

struct CompareOptions {
    std::int64_t replications = 1;  ///< >= 1
    std::uint64_t seed = 1;         ///< replication k runs with seed + k
    /// 0 = all cores; more than available_threads() run as that many. The
    /// results do not depend on it.
    int threads = 0;
    /// Also record each replication's essential fill rate per day
    /// (Comparison::daily_essential_fill); runs then keep their time series.
    bool daily_fill = false;
    /// Also record the values drawn for every (policy, replication)
    /// (Comparison::draws). They depend only on the seed, so shard 0 draws
    /// them for every pair, those run elsewhere or finished earlier included.
    bool record_draws = false;
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
    /// [replication][kpi]: 1 where the run's value of a time KPI is censored
    /// at the run's end (RunResult::kpi_censored: the event it times had not
    /// happened, so the value is a lower bound), else 0.
    std::vector<std::vector<std::uint8_t>> censored;
    /// By KPI index: how many replications are censored (0 for a KPI that
    /// cannot be). Filled by summarise(); the statistics of a KPI with
    /// censored replications are those of the values as they are, capped at
    /// the run's end (docs/MODEL.md): the mean is then a lower bound.
    std::vector<std::size_t> censored_runs;
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
    /// With CompareOptions::record_draws (shard 0): [policy][replication] the
    /// values that replication drew (RunResult::samples of its run). Empty otherwise.
    std::vector<std::vector<std::vector<Sample>>> draws;
    std::vector<std::string> event_labels;  ///< by event index (RunResult::event_labels)
    std::vector<std::string> node_ids;      ///< scenario order (RunResult::node_ids)
};

/// The hardware threads this process may run at once: the most that
/// compare() uses, whatever CompareOptions::threads asks for.
int available_threads();

/// Runs every policy on replications 0..n-1 (replication k of every policy sees
/// the same sampled disruptions) and summarises the KPIs. The first policy is
/// the baseline of the paired differences. The result does not depend on
/// `options.threads`. Exceptions thrown by a run propagate to the caller.
/// Throws std::invalid_argument if `policies` is empty, replications < 1 or
/// above limits::kMaxReplications, or threads < 0.
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

/// Fills every policy's `stats`, `vs_baseline` and `censored_runs` from its
/// complete samples.
void summarise(Comparison& comparison);

/// The spread of one policy's essential fill rate on one day over the
/// replications (those with essential demand that day).
struct DailyFillBand {
    std::int32_t day = 0;                   ///< day d covers [d, d + 1)
    double p5 = 0.0, p50 = 0.0, p95 = 0.0;  ///< percentiles (type 7), shares
    double mean = 0.0;                      ///< share
    std::size_t replications = 0;           ///< with essential demand that day, >= 1
};

/// By policy (Comparison order): the band of every day on which some
/// replication had essential demand, in day order. Empty without
/// Comparison::daily_essential_fill (CompareOptions::daily_fill).
std::vector<std::vector<DailyFillBand>> daily_fill_bands(const Comparison& comparison);

}  // namespace shockflow::experiment
