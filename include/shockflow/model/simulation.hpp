#pragma once
/// Running one replication: a pure function of (scenario, policy, seed).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "shockflow/model/result.hpp"
#include "shockflow/policy/policy.hpp"
#include "shockflow/scenario/spec.hpp"

namespace shockflow {

/// A node out of action for a stress test (`shockflow stress`): no capacity
/// (and every firm damaged) from `from_day` for `days`, on top of the
/// scenario's own events.
struct Outage {
    std::uint32_t node = 0;  ///< index into the scenario's nodes
    double from_day = 0.0;
    double days = 0.0;  ///< >= 0
};

struct RunOptions {
    /// Base of every random stream of the run. `compare` runs replication k
    /// with seed + k, so `run --seed` reproduces any replication.
    std::uint64_t seed = 1;
    bool record_timeseries = true;  ///< false: keep only totals and KPIs (faster sweeps)
    /// Called at the end of every simulated day with (days done, days in the
    /// run), on the thread running the replication; empty: not called.
    std::function<void(std::size_t days_done, std::size_t days_total)> progress = nullptr;
    /// With record_timeseries: if set, each day's rows are handed to it as the
    /// day ends, in (day, node, product) order, instead of being kept in
    /// RunResult::timeseries (which stays empty), so that a long run never
    /// holds its whole time series in memory.
    std::function<void(const DayRow& row)> on_day_row = nullptr;
    /// Nodes taken out of action besides the scenario's events; the events'
    /// draws do not change (common random numbers with a run without them).
    std::vector<Outage> outages = {};
    /// Keep every cycle in which a region went short (RunResult::shortfalls).
    bool record_shortfalls = false;
};

/// A scenario compiled under one policy, ready to run many replications.
/// run() is const and may be called from several threads at once.
class Simulator {
public:
    /// The scenario must come from load_scenario (validated); the policy from
    /// load_policy or the scenario itself. Both are copied as needed.
    Simulator(const ScenarioSpec& scenario, const PolicySpec& policy);
    ~Simulator();
    Simulator(Simulator&&) noexcept;
    Simulator& operator=(Simulator&&) noexcept;

    /// One replication: a pure function of (scenario, policy, options.seed).
    [[nodiscard]] RunResult run(const RunOptions& options) const;

    /// The values run() draws for `seed` (RunResult::samples), without running.
    [[nodiscard]] std::vector<Sample> draws(std::uint64_t seed) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Simulates `scenario` under `policy` from start_day to end_day.
/// The scenario must come from load_scenario (validated); the policy from
/// load_policy or the scenario itself.
RunResult simulate(const ScenarioSpec& scenario, const PolicySpec& policy,
                   const RunOptions& options);

}  // namespace shockflow
