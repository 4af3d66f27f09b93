#pragma once
/// Comparing policies over replications on common random numbers.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "shockflow/policy/policy.hpp"
#include "shockflow/scenario/spec.hpp"

namespace shockflow::experiment {

struct CompareOptions {
    std::int64_t replications = 1;  ///< >= 1
    std::uint64_t seed = 1;         ///< replication k runs with seed + k
    int threads = 0;                ///< 0 = all cores; results do not depend on it
    /// Called from worker threads (serialised) as replications finish.
    std::function<void(std::size_t done, std::size_t total)> progress;
};

/// Summary statistics of one KPI over replications.
struct KpiStats {
    double mean = 0.0, std = 0.0;  ///< std: sample standard deviation (n - 1)
    double ci95_lo = 0.0, ci95_hi = 0.0;  ///< Student-t interval of the mean
    double p5 = 0.0, p50 = 0.0, p95 = 0.0;
};

/// Paired difference (policy − baseline), replication by replication.
struct KpiDiff {
    double mean_diff = 0.0;
    double ci95_lo = 0.0, ci95_hi = 0.0;
    double share_better = 0.0;  ///< share of replications strictly better than baseline
};

struct PolicyResult {
    std::string name;
    std::vector<KpiStats> stats;     ///< by KPI index
    std::vector<KpiDiff> vs_baseline;  ///< by KPI index
    std::vector<std::vector<double>> samples;  ///< [replication][kpi]
};

struct Comparison {
    std::string scenario;
    std::int64_t replications = 0;
    std::uint64_t seed = 0;
    std::uint64_t input_hash = 0;
    std::vector<std::string> kpi_names;
    std::vector<PolicyResult> policies;  ///< in the order given; the first is the baseline
};

/// Runs every policy on replications 0..n-1 (replication k of every policy sees
/// the same sampled disruptions) and summarises the KPIs.
Comparison compare(const ScenarioSpec& scenario, const std::vector<PolicySpec>& policies,
                   const CompareOptions& options);

}  // namespace shockflow::experiment
