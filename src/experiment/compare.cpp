#include "shockflow/experiment/compare.hpp"

#include <tbb/blocked_range.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "shockflow/core/assert.hpp"
#include "shockflow/core/hash.hpp"
#include "shockflow/model/kpi.hpp"
#include "shockflow/model/result.hpp"
#include "shockflow/model/simulation.hpp"
#include "shockflow/scenario/event_label.hpp"
#include "shockflow/scenario/limits.hpp"

namespace shockflow::experiment {
namespace {

// Every KPI of the registry, in its order: the names and the size of every
// slot are known before any run has finished.
std::vector<std::string> kpi_names() {
    std::vector<std::string> names;
    for (const KpiInfo& kpi : kpi_registry()) names.emplace_back(kpi.name);
    return names;
}

void check_options(const std::vector<PolicySpec>& policies, const CompareOptions& options) {
    if (policies.empty()) throw std::invalid_argument("compare: no policy given");
    if (options.replications < 1 || options.replications > limits::kMaxReplications)
        throw std::invalid_argument("compare: replications must be from 1 to 1,000,000");
    if (options.threads < 0) throw std::invalid_argument("compare: threads must be >= 0");
}

// Every (policy, replication) result has its own preallocated slot, so the
// outcome does not depend on which thread ran what, or in which order.
std::vector<PolicyResult> empty_results(const std::vector<PolicySpec>& policies,
                                        std::size_t replications, std::size_t n_kpi) {
    std::vector<PolicyResult> results(policies.size());
    for (std::size_t p = 0; p < policies.size(); ++p) {
        results[p].name = policies[p].name;
        results[p].samples.assign(replications, std::vector<double>(n_kpi, 0.0));
        results[p].censored.assign(replications, std::vector<std::uint8_t>(n_kpi, 0));
    }
    return results;
}

// Days of the run: [first, first + count), day d covering [d, d + 1).
struct DayRange {
    std::int32_t first = 0;
    std::size_t count = 0;
};

DayRange day_range(const ScenarioSpec& scenario) {
    const auto first = static_cast<std::int32_t>(std::floor(scenario.start_day));
    const auto end = static_cast<std::int32_t>(std::ceil(scenario.end_day));
    return {first, static_cast<std::size_t>(std::max(0, end - first))};
}

// Delivered / demanded of essential goods per day (NaN on days without demand).
std::vector<double> essential_fill_by_day(const RunResult& run, DayRange days) {
    std::vector<double> fill(days.count, std::nan(""));
    for (const DailyEssential& e : run.essential_by_day) {
        const auto d = static_cast<std::size_t>(e.day - days.first);
        if (e.day >= days.first && d < days.count && e.demand > 0.0)
            fill[d] = e.delivered / e.demand;
    }
    return fill;
}

// Puts the pairs of this shard that finished earlier into their slots and
// returns the indices (p × replications + k) of the shard's other pairs.
std::vector<std::size_t> restore_finished(const CompareOptions& options, std::size_t shard,
                                          std::size_t shards, std::vector<PolicyResult>& results,
                                          std::vector<std::vector<std::vector<double>>>& daily) {
    const auto replications = static_cast<std::size_t>(options.replications);
    const std::size_t pairs = results.size() * replications;
    std::vector<bool> restored(pairs, false);
    for (const FinishedPair& f : options.finished) {
        if (f.policy >= results.size() || f.replication >= replications) continue;
        const std::size_t index = f.policy * replications + f.replication;
        if (index % shards != shard || restored[index]) continue;
        std::vector<double>& slot = results[f.policy].samples[f.replication];
        if (f.kpis.size() != slot.size() || f.censored.size() != slot.size())
            throw std::invalid_argument("compare: a finished pair has the wrong number of KPIs");
        if (options.daily_fill == f.daily_fill.empty())
            throw std::invalid_argument("compare: a finished pair's daily fill does not match");
        slot = f.kpis;
        results[f.policy].censored[f.replication] = f.censored;
        if (options.daily_fill) daily[f.policy][f.replication] = f.daily_fill;
        restored[index] = true;
    }
    std::vector<std::size_t> to_run;
    for (std::size_t index = shard; index < pairs; index += shards)
        if (!restored[index]) to_run.push_back(index);
    return to_run;
}

void run_all(const ScenarioSpec& scenario, const std::vector<PolicySpec>& policies,
             const CompareOptions& options, std::size_t shard, std::size_t shards,
             std::vector<PolicyResult>& results,
             std::vector<std::vector<std::vector<double>>>& daily,
             std::vector<std::vector<std::vector<Sample>>>& draws) {
    const auto replications = static_cast<std::size_t>(options.replications);
    const DayRange days = day_range(scenario);
    if (options.daily_fill) {
        daily.assign(policies.size(), std::vector<std::vector<double>>(replications));
    }
    const std::vector<std::size_t> to_run =
        restore_finished(options, shard, shards, results, daily);
    const std::size_t total = to_run.size();
    std::mutex progress_mutex;
    std::size_t done = 0;

    // Each policy is compiled once; its replications share it read-only.
    std::vector<Simulator> simulators;
    simulators.reserve(policies.size());
    for (const PolicySpec& policy : policies) simulators.emplace_back(scenario, policy);

    auto run_one = [&](std::size_t index) {
        const std::size_t p = index / replications, k = index % replications;
        // Replication k gets seed + k under every policy: common random numbers.
        const RunResult run = simulators[p].run(RunOptions{
            .seed = options.seed + static_cast<std::uint64_t>(k), .record_timeseries = false});
        if (options.daily_fill) daily[p][k] = essential_fill_by_day(run, days);
        const auto kpis = kpi_registry();
        std::vector<double>& slot = results[p].samples[k];
        std::vector<std::uint8_t>& flags = results[p].censored[k];
        SHOCKFLOW_ASSERT(kpis.size() == slot.size(), "one slot per KPI of the registry");
        for (std::size_t j = 0; j < slot.size(); ++j) {
            slot[j] = run.kpi.*kpis[j].field;
            const auto censored = kpis[j].censored;
            flags[j] = censored != nullptr && run.kpi_censored.*censored ? 1 : 0;
        }
        if (options.progress || options.on_finished) {
            // One lock around count and calls: reports arrive in increasing order.
            const std::scoped_lock lock(progress_mutex);
            if (options.on_finished) {
                options.on_finished(FinishedPair{
                    .policy = p,
                    .replication = k,
                    .kpis = slot,
                    .censored = flags,
                    .daily_fill = options.daily_fill ? daily[p][k] : std::vector<double>{}});
            }
            ++done;
            if (options.progress) options.progress(done, total);
        }
    };

    // An arena wider than the machine only made TBB warn (and a huge one
    // crashed inside TBB): ask for no more threads than can run at once.
    const int threads = options.threads == 0 ? tbb::task_arena::automatic
                                             : std::min(options.threads, available_threads());
    tbb::task_arena arena(threads);
    arena.execute([&] {
        tbb::parallel_for(tbb::blocked_range<std::size_t>(0, total),
                          [&](const tbb::blocked_range<std::size_t>& range) {
                              for (std::size_t i = range.begin(); i != range.end(); ++i) {
                                  run_one(to_run[i]);
                              }
                          });
    });
    // The draws of every pair: those of the runs above, as the runs drew them.
    if (options.record_draws && shard == 0) {
        draws.assign(policies.size(), std::vector<std::vector<Sample>>(replications));
        for (std::size_t p = 0; p < policies.size(); ++p)
            for (std::size_t k = 0; k < replications; ++k)
                draws[p][k] = simulators[p].draws(options.seed + static_cast<std::uint64_t>(k));
    }
}

// samples [replication][kpi] -> [kpi][replication], the layout statistics need.
std::vector<std::vector<double>> by_kpi(const PolicyResult& result, std::size_t n_kpi) {
    std::vector<std::vector<double>> columns(n_kpi);
    for (auto& column : columns) column.reserve(result.samples.size());
    for (const auto& replication : result.samples) {
        for (std::size_t j = 0; j < n_kpi; ++j) columns[j].push_back(replication[j]);
    }
    return columns;
}

// Column j of `names`, or none.
std::optional<std::size_t> column_of(const std::vector<std::string>& names, std::string_view name) {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) return std::nullopt;
    return static_cast<std::size_t>(it - names.begin());
}

// What a policy's holding cost buys against the baseline, replication by
// replication: its extra cost, and that cost per person-day short avoided.
void cost_of_stock(const std::vector<std::vector<double>>& baseline,
                   const std::vector<std::vector<double>>& columns, std::size_t cost,
                   std::size_t short_days, PolicyResult& result) {
    const std::size_t n = columns[cost].size();
    std::vector<double> extra(n), avoided(n);
    for (std::size_t k = 0; k < n; ++k) {
        extra[k] = columns[cost][k] - baseline[cost][k];
        avoided[k] = baseline[short_days][k] - columns[short_days][k];
    }
    const KpiDiff d = paired(columns[cost], baseline[cost], false);
    result.extra_holding_cost = {.mean = d.mean_diff, .ci95_lo = d.ci95_lo, .ci95_hi = d.ci95_hi};
    // Person-days avoided of a billionth of the baseline's or less are
    // rounding of equal runs, not shortage avoided.
    if (mean(avoided) > 1e-9 * std::abs(mean(baseline[short_days])))
        result.cost_per_person_day_avoided = ratio_of_means(extra, avoided);
}

}  // namespace

int available_threads() { return std::max(1, tbb::info::default_concurrency()); }

void summarise(Comparison& comparison) {
    const std::size_t n_kpi = comparison.kpi_names.size();
    const auto baseline = by_kpi(comparison.policies.front(), n_kpi);
    for (std::size_t p = 0; p < comparison.policies.size(); ++p) {
        PolicyResult& result = comparison.policies[p];
        const auto columns = p == 0 ? baseline : by_kpi(result, n_kpi);
        result.stats.resize(n_kpi);
        result.vs_baseline.assign(n_kpi, KpiDiff{});  // the baseline against itself: zeros
        for (std::size_t j = 0; j < n_kpi; ++j) {
            result.stats[j] = summarize(columns[j]);
            if (p == 0) continue;
            const bool higher = kpi_info(comparison.kpi_names[j]).higher_is_better;
            result.vs_baseline[j] = paired(columns[j], baseline[j], higher);
        }
        result.censored_runs.assign(n_kpi, 0);
        for (const auto& flags : result.censored)
            for (std::size_t j = 0; j < n_kpi && j < flags.size(); ++j)
                result.censored_runs[j] += flags[j];
        result.extra_holding_cost = {};
        result.cost_per_person_day_avoided = {};
        const auto cost = column_of(comparison.kpi_names, "holding_cost");
        const auto short_days = column_of(comparison.kpi_names, "person_days_short");
        if (!cost || !short_days) continue;
        if (p == 0) {
            result.extra_holding_cost = {.mean = 0.0, .ci95_lo = 0.0, .ci95_hi = 0.0};
        } else {
            cost_of_stock(baseline, columns, *cost, *short_days, result);
        }
    }
}

std::vector<std::vector<DailyFillBand>> daily_fill_bands(const Comparison& c) {
    std::vector<std::vector<DailyFillBand>> bands;
    for (const auto& reps : c.daily_essential_fill) {
        std::vector<DailyFillBand>& policy = bands.emplace_back();
        std::size_t days = 0;
        for (const auto& rep : reps) days = std::max(days, rep.size());
        std::vector<double> day;
        for (std::size_t d = 0; d < days; ++d) {
            day.clear();
            for (const auto& rep : reps)
                if (d < rep.size() && std::isfinite(rep[d])) day.push_back(rep[d]);
            if (day.empty()) continue;
            policy.push_back({.day = c.first_day + static_cast<std::int32_t>(d),
                              .p5 = percentile(day, 5.0),
                              .p50 = percentile(day, 50.0),
                              .p95 = percentile(day, 95.0),
                              .mean = mean(day),
                              .replications = day.size()});
        }
    }
    return bands;
}

Comparison compare(const ScenarioSpec& scenario, const std::vector<PolicySpec>& policies,
                   const CompareOptions& options) {
    Comparison comparison = compare_shard(scenario, policies, options, 0, 1);
    summarise(comparison);
    return comparison;
}

Comparison compare_shard(const ScenarioSpec& scenario, const std::vector<PolicySpec>& policies,
                         const CompareOptions& options, std::size_t shard, std::size_t shards) {
    check_options(policies, options);
    if (shard >= shards) throw std::invalid_argument("compare: shard must be below shards");
    Comparison comparison;
    comparison.scenario = scenario.name;
    comparison.replications = options.replications;
    comparison.seed = options.seed;
    // The resolved inputs: the scenario's files, then every policy file.
    comparison.input_hash = scenario.input_hash;
    for (const PolicySpec& policy : policies)
        comparison.input_hash =
            fnv1a(std::string_view(reinterpret_cast<const char*>(&policy.input_hash),
                                   sizeof policy.input_hash),
                  comparison.input_hash);
    comparison.kpi_names = kpi_names();
    comparison.policies = empty_results(policies, static_cast<std::size_t>(options.replications),
                                        comparison.kpi_names.size());
    comparison.first_day = day_range(scenario).first;
    for (std::size_t i = 0; i < scenario.events.size(); ++i)
        comparison.event_labels.push_back(event_label(scenario, i));
    for (const NodeSpec& node : scenario.nodes) comparison.node_ids.push_back(node.id);
    run_all(scenario, policies, options, shard, shards, comparison.policies,
            comparison.daily_essential_fill, comparison.draws);
    return comparison;
}

}  // namespace shockflow::experiment
