#include "shockflow/experiment/sweep.hpp"

#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "shockflow/core/assert.hpp"
#include "shockflow/core/error.hpp"
#include "shockflow/core/hash.hpp"
#include "shockflow/experiment/compare.hpp"
#include "shockflow/experiment/statistics.hpp"
#include "shockflow/model/kpi.hpp"
#include "shockflow/model/simulation.hpp"
#include "shockflow/scenario/limits.hpp"
#include "shockflow/scenario/loader.hpp"

namespace shockflow::experiment {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check(std::span<const SweepPoint> points, const Design& design,
           std::span<const DesignPoint> design_points, const SweepOptions& options) {
    if (points.empty()) throw std::invalid_argument("sweep: no design points");
    if (points.size() != design_points.size())
        throw std::invalid_argument("sweep: one design point per scenario is needed");
    const auto& first = points.front().policies;
    if (first.empty()) throw std::invalid_argument("sweep: no policies");
    for (const SweepPoint& p : points) {
        if (p.policies.size() != first.size())
            throw std::invalid_argument("sweep: every point needs the same policies");
        for (std::size_t i = 0; i < first.size(); ++i)
            if (p.policies[i].name != first[i].name)
                throw std::invalid_argument("sweep: every point needs the same policies");
    }
    for (const DesignPoint& d : design_points)
        if (d.values.size() != design.parameters.size() ||
            d.numbers.size() != design.parameters.size())
            throw std::invalid_argument("sweep: a design point lacks a value");
    if (options.replications < 1) throw std::invalid_argument("sweep: replications must be >= 1");
    if (options.threads < 0) throw std::invalid_argument("sweep: threads must be >= 0");
    const double runs = static_cast<double>(points.size()) * static_cast<double>(first.size()) *
                        static_cast<double>(options.replications);
    if (runs > static_cast<double>(limits::kMaxReplications))
        throw std::invalid_argument("sweep: more runs than limits::kMaxReplications");
}

/// R² of the standardized linear model whose coefficients are the SRC:
/// Σ_j b_j · corr(x_j, y) over the inputs with a coefficient (a constant
/// input has none and takes no part). NaN if no input has one.
double r_squared(std::span<const double> x, std::size_t inputs, std::span<const double> y,
                 const std::vector<Sensitivity>& values) {
    const std::size_t n = y.size();
    const double my = mean(y), sy = sample_std(y);
    double r2 = 0.0;
    bool any = false;
    std::vector<double> column(n);
    for (std::size_t j = 0; j < inputs; ++j) {
        const double b = values[j].src.mean;
        if (std::isnan(b)) continue;
        for (std::size_t i = 0; i < n; ++i) column[i] = x[i * inputs + j];
        const double mx = mean(column), sx = sample_std(column);
        double cov = 0.0;
        for (std::size_t i = 0; i < n; ++i) cov += (column[i] - mx) * (y[i] - my);
        r2 += b * cov / (static_cast<double>(n - 1) * sx * sy);
        any = true;
    }
    return any ? r2 : kNaN;
}

constexpr std::string_view kSetOrigin = "--set";

/// A problem the loader found with one of the design's overrides is reported
/// where the design writes that parameter (its key, or its values), saying
/// at which point; the command line's own --set keep their `--set:N:COL`.
ConfigError at_design(const ConfigError& e, const Design& design, const DesignPoint& point,
                      std::size_t index, std::size_t base) {
    std::vector<Diagnostic> all = e.diagnostics();
    for (Diagnostic& d : all) {
        if (d.loc.file.str() != kSetOrigin || d.loc.line <= base) continue;
        const std::size_t o = d.loc.line - base - 1;
        const std::size_t j = design.parameter_of_override(o);
        if (j >= design.parameters.size()) continue;
        const DesignParameter& p = design.parameters[j];
        std::size_t first = 0;  // the override of the parameter's first key
        while (design.parameter_of_override(first) != j) ++first;
        const std::string& key = p.keys[o - first];
        const bool in_key = d.loc.column != 0 && d.loc.column <= key.size();
        d.loc = in_key ? p.loc : p.values_loc;
        d.message += fmt::format(" (design point {}: {}={})", index, key, point.values[j]);
    }
    return ConfigError(std::move(all));
}

}  // namespace

std::vector<SweepPoint> load_sweep_points(const std::filesystem::path& scenario,
                                          const std::vector<std::filesystem::path>& policy_files,
                                          const Design& design, std::span<const DesignPoint> points,
                                          const std::vector<Override>& base, int threads) {
    std::vector<SweepPoint> loaded(points.size());
    std::vector<std::exception_ptr> failed(points.size());
    auto load_one = [&](std::size_t i) {
        try {
            const std::vector<Override> overrides = points[i].overrides(design, base);
            SweepPoint& at = loaded[i];
            at.scenario = load_scenario(scenario, overrides);
            if (policy_files.empty()) {
                at.policies = {at.scenario.policy};
            } else {
                for (const auto& file : policy_files)
                    at.policies.push_back(load_policy(file, at.scenario, overrides));
                check_distinct_policy_names(at.policies);
            }
        } catch (...) {
            failed[i] = std::current_exception();
        }
    };
    const int width =
        threads == 0 ? tbb::task_arena::automatic : std::min(threads, available_threads());
    tbb::task_arena arena(width);
    arena.execute([&] { tbb::parallel_for(std::size_t{0}, points.size(), load_one); });
    for (std::size_t i = 0; i < failed.size(); ++i) {
        if (!failed[i]) continue;
        try {
            std::rethrow_exception(failed[i]);
        } catch (const ConfigError& e) {
            throw at_design(e, design, points[i], i, base.size());
        }
    }
    return loaded;
}

std::uint64_t sweep_input_hash(const Design& design, std::uint64_t scenario_hash,
                               const std::vector<PolicySpec>& policies) {
    std::uint64_t hash = fnv1a(fmt::format("{:016x}", design.input_hash));
    hash = fnv1a(fmt::format("{:016x}", scenario_hash), hash);
    for (const PolicySpec& p : policies) hash = fnv1a(fmt::format("{:016x}", p.input_hash), hash);
    return hash;
}

Sweep sweep(std::span<const SweepPoint> points, const Design& design,
            std::span<const DesignPoint> design_points, const SweepOptions& options) {
    check(points, design, design_points, options);
    const std::size_t n_points = points.size();
    const std::size_t n_policies = points.front().policies.size();
    const auto n_reps = static_cast<std::size_t>(options.replications);
    const auto kpis = kpi_registry();

    Sweep out;
    for (const DesignParameter& p : design.parameters) out.parameter_names.push_back(p.name);
    out.points.assign(design_points.begin(), design_points.end());
    for (const PolicySpec& p : points.front().policies) out.policy_names.push_back(p.name);
    for (const KpiInfo& k : kpis) out.kpi_names.emplace_back(k.name);
    out.replications = options.replications;
    out.seed = options.seed;
    out.samples.assign(n_points,
                       std::vector<std::vector<std::vector<double>>>(
                           n_policies, std::vector<std::vector<double>>(
                                           n_reps, std::vector<double>(kpis.size(), kNaN))));
    out.censored.assign(n_points,
                        std::vector<std::vector<std::vector<std::uint8_t>>>(
                            n_policies, std::vector<std::vector<std::uint8_t>>(
                                            n_reps, std::vector<std::uint8_t>(kpis.size(), 0))));

    // Each (point, policy) is compiled once, by the first of its runs to
    // start, and dropped when its last run is done: only the simulators of
    // the points under way are held at once.
    struct Compiled {
        std::once_flag once;
        std::unique_ptr<Simulator> simulator;
        std::atomic<std::size_t> left{0};
    };
    std::vector<Compiled> compiled(n_points * n_policies);
    for (Compiled& c : compiled) c.left.store(n_reps, std::memory_order_relaxed);

    const std::size_t total = n_points * n_policies * n_reps;
    std::mutex progress_mutex;
    std::size_t done = 0;
    auto run_one = [&](std::size_t index) {
        const std::size_t k = index % n_reps;
        const std::size_t pair = index / n_reps;
        const std::size_t point = pair / n_policies, policy = pair % n_policies;
        Compiled& c = compiled[pair];
        std::call_once(c.once, [&] {
            c.simulator =
                std::make_unique<Simulator>(points[point].scenario, points[point].policies[policy]);
        });
        // Replication k gets seed + k at every point and under every policy.
        const RunResult run = c.simulator->run(RunOptions{
            .seed = options.seed + static_cast<std::uint64_t>(k), .record_timeseries = false});
        std::vector<double>& slot = out.samples[point][policy][k];
        std::vector<std::uint8_t>& flags = out.censored[point][policy][k];
        for (std::size_t j = 0; j < kpis.size(); ++j) {
            slot[j] = run.kpi.*kpis[j].field;
            const auto censored = kpis[j].censored;
            flags[j] = censored != nullptr && run.kpi_censored.*censored ? 1 : 0;
        }
        if (c.left.fetch_sub(1, std::memory_order_acq_rel) == 1) c.simulator.reset();
        if (options.progress) {
            const std::scoped_lock lock(progress_mutex);
            options.progress(++done, total);
        }
    };
    const int threads = options.threads == 0 ? tbb::task_arena::automatic
                                             : std::min(options.threads, available_threads());
    tbb::task_arena arena(threads);
    arena.execute([&] {
        tbb::parallel_for(tbb::blocked_range<std::size_t>(0, total),
                          [&](const tbb::blocked_range<std::size_t>& range) {
                              for (std::size_t i = range.begin(); i != range.end(); ++i) run_one(i);
                          });
    });
    return out;
}

std::size_t Sweep::kpi_index(std::string_view name) const {
    return static_cast<std::size_t>(std::find(kpi_names.begin(), kpi_names.end(), name) -
                                    kpi_names.begin());
}

double Sweep::mean(std::size_t point, std::size_t policy, std::size_t kpi) const {
    const auto& runs = samples[point][policy];
    double sum = 0.0;
    for (const auto& run : runs) sum += run[kpi];
    return sum / static_cast<double>(runs.size());
}

std::vector<SensitivityRow> sweep_sensitivity(const Sweep& s) {
    std::vector<SensitivityRow> rows;
    const std::size_t n_params = s.parameter_names.size();
    // The parameters that are numbers at every point.
    std::vector<std::size_t> numeric;
    for (std::size_t j = 0; j < n_params; ++j) {
        const bool all = std::all_of(s.points.begin(), s.points.end(), [j](const DesignPoint& p) {
            return !std::isnan(p.numbers[j]);
        });
        if (all) numeric.push_back(j);
    }
    if (numeric.empty()) return rows;
    const auto n_reps = static_cast<std::size_t>(s.replications);
    const std::size_t n = s.points.size() * n_reps;
    std::vector<double> x;
    x.reserve(n * numeric.size());
    for (const DesignPoint& p : s.points)
        for (std::size_t k = 0; k < n_reps; ++k)
            for (const std::size_t j : numeric) x.push_back(p.numbers[j]);
    std::vector<double> y(n);
    for (std::size_t policy = 0; policy < s.policy_names.size(); ++policy) {
        for (std::size_t kpi = 0; kpi < s.kpi_names.size(); ++kpi) {
            std::size_t i = 0;
            for (std::size_t point = 0; point < s.points.size(); ++point)
                for (std::size_t k = 0; k < n_reps; ++k) y[i++] = s.samples[point][policy][k][kpi];
            const std::vector<Sensitivity> values = sensitivity(x, numeric.size(), y);
            const double r2 = r_squared(x, numeric.size(), y, values);
            for (std::size_t c = 0; c < numeric.size(); ++c)
                rows.push_back({.policy = policy,
                                .kpi = kpi,
                                .parameter = numeric[c],
                                .observations = n,
                                .value = values[c],
                                .r2 = r2});
        }
    }
    return rows;
}

std::vector<RobustnessRow> sweep_robustness(const Sweep& s) {
    const std::size_t n_policies = s.policy_names.size();
    const std::size_t n_kpis = s.kpi_names.size();
    const auto kpis = kpi_registry();
    SHOCKFLOW_ASSERT(kpis.size() == n_kpis, "a sweep has every KPI of the registry");
    std::vector<RobustnessRow> rows(n_policies * n_kpis);
    for (std::size_t policy = 0; policy < n_policies; ++policy)
        for (std::size_t kpi = 0; kpi < n_kpis; ++kpi) {
            RobustnessRow& row = rows[policy * n_kpis + kpi];
            row.policy = policy;
            row.kpi = kpi;
        }
    std::vector<double> means(n_policies);
    for (std::size_t kpi = 0; kpi < n_kpis; ++kpi) {
        const bool higher = kpis[kpi].higher_is_better;
        std::vector<std::size_t> best_count(n_policies, 0);
        std::vector<double> regret_sum(n_policies, 0.0), regret_max(n_policies, -1.0);
        std::vector<std::size_t> worst(n_policies, 0);
        std::size_t counted = 0;
        for (std::size_t point = 0; point < s.points.size(); ++point) {
            bool defined = true;
            for (std::size_t policy = 0; policy < n_policies; ++policy) {
                means[policy] = s.mean(point, policy, kpi);
                defined = defined && !std::isnan(means[policy]);
            }
            if (!defined) continue;
            ++counted;
            const double best = higher ? *std::max_element(means.begin(), means.end())
                                       : *std::min_element(means.begin(), means.end());
            for (std::size_t policy = 0; policy < n_policies; ++policy) {
                const double regret = higher ? best - means[policy] : means[policy] - best;
                if (regret == 0.0) ++best_count[policy];
                regret_sum[policy] += regret;
                if (regret > regret_max[policy]) {
                    regret_max[policy] = regret;
                    worst[policy] = point;
                }
            }
        }
        for (std::size_t policy = 0; policy < n_policies; ++policy) {
            RobustnessRow& row = rows[policy * n_kpis + kpi];
            if (counted == 0) {
                row.share_best = row.mean_regret = row.max_regret = kNaN;
                continue;
            }
            const auto c = static_cast<double>(counted);
            row.share_best = static_cast<double>(best_count[policy]) / c;
            row.mean_regret = regret_sum[policy] / c;
            row.max_regret = regret_max[policy];
            row.worst_point = worst[policy];
        }
    }
    return rows;
}

}  // namespace shockflow::experiment
