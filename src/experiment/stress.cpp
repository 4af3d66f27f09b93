// The stress test's runs: the baseline, then one run per target node with
// that node out of action for its TTR, on worker threads; each run's result
// has its own slot, so nothing depends on which thread ran what.

#include "shockflow/experiment/stress.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <stdexcept>
#include <tuple>

#include "shockflow/experiment/compare.hpp"
#include "shockflow/model/simulation.hpp"

namespace shockflow::experiment {
namespace {

double essential_unmet(const RunResult& r) {
    double units = 0.0;
    for (std::size_t p = 0; p < r.products.size(); ++p)
        if (r.product_categories[p] == "essential") units += r.products[p].unmet;
    return units;
}

using Cycle = std::tuple<double, std::uint32_t, std::uint32_t>;  // day, region, product

std::vector<Cycle> short_cycles(const RunResult& r) {
    std::vector<Cycle> cycles;
    cycles.reserve(r.shortfalls.size());
    for (const Shortfall& s : r.shortfalls) cycles.emplace_back(s.day, s.node, s.product);
    std::sort(cycles.begin(), cycles.end());
    return cycles;
}

// A difference of two runs that is rounding of equal amounts is none.
double above(double value, double baseline) {
    const double d = value - baseline;
    return std::abs(d) <= 1e-9 * std::max(1.0, std::abs(baseline)) ? 0.0 : d;
}

// The first shortfall of `run` (in time order) that the baseline did not
// have in the same cycle: TTS and where; censored at the run's end.
void time_to_survive(const RunResult& run, const std::vector<Cycle>& baseline, double w0,
                     double end_day, StressTarget& t) {
    for (const Shortfall& s : run.shortfalls) {
        if (std::binary_search(baseline.begin(), baseline.end(), Cycle{s.day, s.node, s.product}))
            continue;
        t.tts_days = s.day - w0;
        t.first_region = run.node_ids[s.node];
        t.first_product = run.product_ids[s.product];
        return;
    }
    t.tts_days = end_day - w0;
    t.tts_censored = true;
}

// Most person-days short caused first, then the shortest TTS, then the
// scenario's order (stable).
void rank(std::vector<StressTarget>& targets) {
    std::stable_sort(targets.begin(), targets.end(),
                     [](const StressTarget& a, const StressTarget& b) {
                         if (a.person_days_short != b.person_days_short)
                             return a.person_days_short > b.person_days_short;
                         return a.tts_days < b.tts_days;
                     });
    for (std::size_t i = 0; i < targets.size(); ++i) targets[i].rank = i + 1;
}

std::vector<std::size_t> default_targets(const ScenarioSpec& s) {
    std::vector<std::size_t> nodes;
    for (std::size_t i = 0; i < s.nodes.size(); ++i)
        if (s.nodes[i].kind == NodeKind::Park || s.nodes[i].kind == NodeKind::Plant)
            nodes.push_back(i);
    return nodes;
}

// Every target with its TTR, checked before anything runs.
std::vector<StressTarget> prepare(const ScenarioSpec& s, const StressOptions& options,
                                  const std::vector<std::size_t>& nodes) {
    if (options.ttr_days && !(std::isfinite(*options.ttr_days) && *options.ttr_days >= 0.0))
        throw std::invalid_argument("stress: the TTR must be a number of days >= 0");
    std::vector<StressTarget> targets;
    for (const std::size_t n : nodes) {
        if (n >= s.nodes.size()) throw std::invalid_argument("stress: no such node");
        const NodeKind kind = s.nodes[n].kind;
        if (kind != NodeKind::Park && kind != NodeKind::Plant && kind != NodeKind::Source)
            throw std::invalid_argument("stress: targets are parks, plants and sources");
        StressTarget& t = targets.emplace_back();
        t.node = s.nodes[n].id;
        t.kind = std::string(kind_name(kind));
        if (options.ttr_days) {
            t.ttr_days = *options.ttr_days;
            t.ttr_source = "option";
        } else {
            t.ttr_days = stress_ttr(s, n, t.ttr_source);
        }
    }
    return targets;
}

}  // namespace

StressResult stress(const ScenarioSpec& scenario, const PolicySpec& policy,
                    const StressOptions& options) {
    if (options.threads < 0) throw std::invalid_argument("stress: threads must be >= 0");
    const std::vector<std::size_t> nodes =
        options.targets.empty() ? default_targets(scenario) : options.targets;
    std::vector<StressTarget> targets = prepare(scenario, options, nodes);

    StressResult out;
    out.scenario = scenario.name;
    out.policy = policy.name;
    out.seed = options.seed;
    out.input_hash = scenario.input_hash;
    out.window_start = scenario.disruption_window[0];
    out.end_day = scenario.end_day;
    out.no_events = options.no_events;

    // Without events, the copy that is compiled has none (the outage alone).
    ScenarioSpec quiet;
    if (options.no_events) {
        quiet = scenario;
        quiet.events.clear();
    }
    const Simulator simulator(options.no_events ? quiet : scenario, policy);
    const auto run_options = [&](const std::vector<Outage>& outages) {
        RunOptions o;
        o.seed = options.seed;
        o.record_timeseries = false;
        o.outages = outages;
        o.record_shortfalls = true;
        return o;
    };

    std::mutex progress_mutex;
    std::size_t done = 0;
    const std::size_t total = targets.size() + 1;
    const auto finished = [&] {
        if (!options.progress) return;
        const std::scoped_lock lock(progress_mutex);
        options.progress(++done, total);
    };

    const RunResult baseline = simulator.run(run_options({}));
    finished();
    out.baseline_person_days_short = baseline.kpi.person_days_short;
    out.baseline_essential_unmet_units = essential_unmet(baseline);
    out.baseline_essential_fill_rate = baseline.kpi.essential_fill_rate;
    const std::vector<Cycle> short_in_baseline = short_cycles(baseline);

    auto run_one = [&](std::size_t i) {
        StressTarget& t = targets[i];
        const Outage outage{static_cast<std::uint32_t>(nodes[i]), out.window_start, t.ttr_days};
        const RunResult run = simulator.run(run_options({outage}));
        time_to_survive(run, short_in_baseline, out.window_start, out.end_day, t);
        t.essential_unmet_units = above(essential_unmet(run), out.baseline_essential_unmet_units);
        t.person_days_short = above(run.kpi.person_days_short, out.baseline_person_days_short);
        t.essential_fill_rate = run.kpi.essential_fill_rate;
        finished();
    };
    const int threads = options.threads == 0 ? tbb::task_arena::automatic
                                             : std::min(options.threads, available_threads());
    tbb::task_arena arena(threads);
    arena.execute([&] {
        tbb::parallel_for(tbb::blocked_range<std::size_t>(0, targets.size()),
                          [&](const tbb::blocked_range<std::size_t>& range) {
                              for (std::size_t i = range.begin(); i != range.end(); ++i) run_one(i);
                          });
    });
    rank(targets);
    out.targets = std::move(targets);
    return out;
}

}  // namespace shockflow::experiment
