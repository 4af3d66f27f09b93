// Full runs on generated national networks: wall time per run, events per
// second and peak memory, over the twelve-day case's horizon (44 days) and
// over 500 days. Networks come from generate_network (`shockflow generate`
// writes the same networks as files), with disruptions on.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <map>
#include <memory>
#include <tuple>
#include <utility>

#include "generated.hpp"
#include "shockflow/model/simulation.hpp"
#include "shockflow/scenario/generate.hpp"

namespace {

struct Network {
    std::unique_ptr<shockflow::Simulator> simulator;
    double nodes = 0, links = 0, steps = 0;
};

// One compiled network per (parks, days, step), built outside the timed loop.
const Network& network(std::int64_t parks, std::int64_t days, std::int64_t step) {
    static std::map<std::tuple<std::int64_t, std::int64_t, std::int64_t>, Network> cache;
    Network& slot = cache[{parks, days, step}];
    if (!slot.simulator) {
        const shockflow::ScenarioSpec s = shockflow::generate_network(
            shockflow::bench::national_network(parks, days, static_cast<double>(step)));
        slot.simulator = std::make_unique<shockflow::Simulator>(s, s.policy);
        slot.nodes = static_cast<double>(s.nodes.size());
        slot.links = static_cast<double>(s.links.size());
        slot.steps = static_cast<double>(days) * 24.0 / static_cast<double>(step);
    }
    return slot;
}

double peak_rss_mib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

void BM_FullRun(benchmark::State& state) {
    const Network& net = network(state.range(0), state.range(1), state.range(2));
    const shockflow::Simulator& sim = *net.simulator;
    std::uint64_t events = 0;
    for (auto _ : state) {
        const shockflow::RunResult r = sim.run({.seed = 1, .record_timeseries = false});
        events += r.events_processed;
        benchmark::DoNotOptimize(r.kpi.fill_rate);
    }
    state.counters["events_per_s"] =
        benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
    state.counters["peak_rss_MiB"] = peak_rss_mib();
    state.counters["nodes"] = net.nodes;
    state.counters["links"] = net.links;
    state.counters["steps"] = net.steps;
}

}  // namespace

// Args: producer parks, days simulated, cycle length in hours. 4-hour cycles
// are what the twelve-day case uses; daily cycles are the usual resolution of
// long national runs (and of the SimPy-based simulator we compare against).
BENCHMARK(BM_FullRun)
    ->ArgNames({"parks", "days", "step_h"})
    ->Args({50, 44, 4})
    ->Args({500, 44, 4})
    ->Args({2000, 44, 4})
    ->Args({10000, 44, 4})
    ->Args({50, 500, 24})
    ->Args({500, 500, 24})
    ->Args({2000, 500, 24})
    ->Args({10000, 500, 24})
    ->Args({2000, 500, 4})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_MAIN();
