// Replications per second of the sampled twelve-day case (all four policy
// files, common random numbers) on 1 and 2 threads: what `compare` achieves,
// and what `sweep` achieves on the same number of runs spread over 5 design
// points (each point's scenario and policies loaded, as the command does).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "shockflow/experiment/compare.hpp"
#include "shockflow/experiment/sweep.hpp"
#include "shockflow/scenario/design.hpp"
#include "shockflow/scenario/loader.hpp"

namespace {

const std::filesystem::path kCase =
    std::filesystem::path(SHOCKFLOW_SOURCE_DIR) / "scenarios" / "twelve_day_conflict";

struct Inputs {
    shockflow::ScenarioSpec scenario;
    std::vector<shockflow::PolicySpec> policies;
};

const Inputs& inputs() {
    static const Inputs in = [] {
        Inputs i;
        i.scenario = shockflow::load_scenario(kCase / "sampled.toml");
        for (const char* p : {"none", "ministry", "depots", "displaced_first"})
            i.policies.push_back(shockflow::load_policy(
                kCase / "policies" / (std::string(p) + ".toml"), i.scenario));
        return i;
    }();
    return in;
}

// Arg: threads. Each iteration runs 25 replications of every policy.
void BM_SampledTwelveDayReplications(benchmark::State& state) {
    const Inputs& in = inputs();
    shockflow::experiment::CompareOptions o;
    o.replications = 25;
    o.threads = static_cast<int>(state.range(0));
    std::int64_t runs = 0;
    for (auto _ : state) {
        const auto c = shockflow::experiment::compare(in.scenario, in.policies, o);
        benchmark::DoNotOptimize(c.policies.front().stats.front().mean);
        runs += o.replications * static_cast<std::int64_t>(in.policies.size());
    }
    state.counters["replications_per_s"] =
        benchmark::Counter(static_cast<double>(runs), benchmark::Counter::kIsRate);
}

// Arg: threads. Each iteration loads the 5 points of
// benchmarks/sampled_design.toml (scenario and four policy files at each,
// on the threads, as the command does)
// and runs 5 replications of every policy at every point: 100 runs, as
// BM_SampledTwelveDayReplications.
void BM_SampledTwelveDaySweep(benchmark::State& state) {
    const shockflow::Design design = shockflow::load_design(
        std::filesystem::path(SHOCKFLOW_SOURCE_DIR) / "benchmarks" / "sampled_design.toml");
    const auto points = shockflow::design_points(design);
    shockflow::experiment::SweepOptions o;
    o.replications = design.replications;
    o.threads = static_cast<int>(state.range(0));
    std::vector<std::filesystem::path> policy_files;
    for (const char* name : {"none", "ministry", "depots", "displaced_first"})
        policy_files.push_back(kCase / "policies" / (std::string(name) + ".toml"));
    std::int64_t runs = 0;
    for (auto _ : state) {
        const auto in = shockflow::experiment::load_sweep_points(
            kCase / "sampled.toml", policy_files, design, points, {}, o.threads);
        const auto s = shockflow::experiment::sweep(in, design, points, o);
        benchmark::DoNotOptimize(s.samples.front().front().front().front());
        runs += static_cast<std::int64_t>(points.size() * 4) * o.replications;
    }
    state.counters["replications_per_s"] =
        benchmark::Counter(static_cast<double>(runs), benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(BM_SampledTwelveDaySweep)
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_SampledTwelveDayReplications)
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_MAIN();
