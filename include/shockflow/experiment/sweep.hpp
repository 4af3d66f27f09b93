#pragma once
/// Sweeps (`shockflow sweep`): every point of a design under every policy for
/// every replication, on common random numbers; which parameters move each
/// KPI (sensitivity) and how each policy ranks across the points (robustness).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "shockflow/experiment/sensitivity.hpp"
#include "shockflow/policy/policy.hpp"
#include "shockflow/scenario/design.hpp"
#include "shockflow/scenario/spec.hpp"

namespace shockflow::experiment {

/// The inputs of one design point: the scenario loaded with the point's
/// overrides, and the policies under it (loaded with them too, so that a
/// design may vary `policy.` keys). Every point has the same policies, by
/// name, in the same order.
struct SweepPoint {
    ScenarioSpec scenario;
    std::vector<PolicySpec> policies;
};

/// Loads `scenario` (and each of `policy_files`, or the scenario's own
/// [policy] if there are none) at every point of the design: with `base`
/// first (the command line's --set) and the point's overrides after them.
/// The points are loaded on up to `threads` threads (0 = all cores), all of
/// them before anything else. Throws the ConfigError of the first point, in
/// design order, that has a problem; a problem with one of the design's
/// overrides is reported where the design writes that parameter (its key,
/// or its values) and says at which point (`... (design point 3:
/// event.strike.capacity_loss=1.4)`).
std::vector<SweepPoint> load_sweep_points(const std::filesystem::path& scenario,
                                          const std::vector<std::filesystem::path>& policy_files,
                                          const Design& design, std::span<const DesignPoint> points,
                                          const std::vector<Override>& base, int threads = 0);

/// FNV-1a of the inputs of a sweep: the design's bytes, the scenario's input
/// hash (with `--set`) and the first point's policies'.
std::uint64_t sweep_input_hash(const Design& design, std::uint64_t scenario_hash,
                               const std::vector<PolicySpec>& policies);

struct SweepOptions {
    std::int64_t replications = 1;  ///< per point and policy, >= 1
    std::uint64_t seed = 1;         ///< replication k runs with seed + k at every point
    int threads = 0;                ///< 0 = all cores; the results do not depend on it
    /// Called from worker threads (serialised) as runs finish.
    std::function<void(std::size_t done, std::size_t total)> progress;
};

struct Sweep {
    std::vector<std::string> parameter_names;  ///< DesignParameter::name, in design order
    std::vector<DesignPoint> points;
    std::vector<std::string> policy_names;  ///< in the order given
    std::vector<std::string> kpi_names;     ///< kpi_registry() order
    std::int64_t replications = 0;
    std::uint64_t seed = 0;
    /// [point][policy][replication][kpi]: the run's KPI values.
    std::vector<std::vector<std::vector<std::vector<double>>>> samples;
    /// Same shape: 1 where the run's value is censored (PolicyResult::censored).
    std::vector<std::vector<std::vector<std::vector<std::uint8_t>>>> censored;

    /// The column of KPI `name`, or kpi_names.size() if there is none.
    [[nodiscard]] std::size_t kpi_index(std::string_view name) const;
    /// The mean of KPI `kpi` over the replications of `policy` at `point`.
    [[nodiscard]] double mean(std::size_t point, std::size_t policy, std::size_t kpi) const;
};

/// Runs every (point, policy, replication): replication k runs with seed + k
/// at every point and under every policy (common random numbers), so that
/// differences between points and policies are not noise of the draws.
/// Throws std::invalid_argument if there are no points or policies, the
/// points' policies differ in number or names, replications < 1, or points ×
/// policies × replications is above limits::kMaxReplications. Exceptions
/// thrown by a run propagate.
Sweep sweep(std::span<const SweepPoint> points, const Design& design,
            std::span<const DesignPoint> design_points, const SweepOptions& options);

/// The sensitivity of one KPI under one policy to one parameter.
struct SensitivityRow {
    std::size_t policy = 0, kpi = 0, parameter = 0;
    std::size_t observations = 0;  ///< runs used: points × replications
    Sensitivity value;
    /// R² of the linear model behind the SRC (the KPI on every numeric
    /// parameter, under this policy): Σ_j b_j · corr(x_j, y). Near 1 the
    /// SRC account for the KPI; well below, its response is not linear and
    /// the PRCC (monotone effects) are the better guide. The same on every
    /// row of one policy and KPI; NaN where the SRC are.
    double r2 = 0.0;
};

/// For every policy, KPI and parameter whose values are numbers at every
/// point: the SRC and PRCC of the KPI over all (point, replication) runs of
/// that policy (sensitivity()). A parameter that is no number somewhere
/// (a string value) is left out; so is nothing else: a KPI or parameter
/// that does not vary gives NaN.
std::vector<SensitivityRow> sweep_sensitivity(const Sweep& sweep);

/// How one policy ranks on one KPI over the design's points.
struct RobustnessRow {
    std::size_t policy = 0, kpi = 0;
    /// Share of points where the policy's mean over replications is the best
    /// of all policies' (ties: each tied policy counts as best).
    double share_best = 0.0;
    /// Regret at a point: how far its mean falls short of the best policy's
    /// there (>= 0, in the KPI's unit). Mean and maximum over the points.
    double mean_regret = 0.0, max_regret = 0.0;
    std::size_t worst_point = 0;  ///< the (first) point of the maximum regret, if above 0
};

/// Robustness of every policy on every KPI (policy-major, KPI order). A
/// point where some policy's mean is NaN counts for no policy on that KPI;
/// with no such point left, the row's figures are NaN.
std::vector<RobustnessRow> sweep_robustness(const Sweep& sweep);

}  // namespace shockflow::experiment
