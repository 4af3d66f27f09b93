// Loading and checking generated national networks from their files
// (scenario.toml with nodes.csv and links.csv, as `shockflow generate` writes
// them), against compiling and running the same network: loading should stay
// a small part of a run. Networks span 500 days with daily cycles.
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "generated.hpp"
#include "shockflow/model/simulation.hpp"
#include "shockflow/scenario/generate.hpp"
#include "shockflow/scenario/loader.hpp"

namespace {

namespace fs = std::filesystem;

/// The generated networks' directories, removed when the benchmark ends.
class Workspace {
public:
    Workspace()
        : root_(fs::temp_directory_path() /
                ("shockflow-load-bench-" + std::to_string(::getpid()))) {}
    ~Workspace() {
        std::error_code ec;
        fs::remove_all(root_, ec);
    }
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;

    /// DIR/scenario.toml of the network with `parks` parks, written on first use.
    fs::path scenario(std::int64_t parks) {
        const fs::path dir = root_ / ("parks" + std::to_string(parks));
        if (!fs::exists(dir / "scenario.toml")) {
            const auto options = shockflow::bench::national_network(parks, 500, 24);
            shockflow::write_scenario_files(shockflow::generate_network(options), dir);
        }
        return dir / "scenario.toml";
    }

    /// DIR/scenario.toml of the 50-park network over 44 days with `events`
    /// events of every kind added (see with_events), written on first use.
    fs::path scenario_with_events(std::int64_t events) {
        const fs::path dir = root_ / ("events" + std::to_string(events));
        if (!fs::exists(dir / "scenario.toml")) {
            auto spec = shockflow::generate_network(shockflow::bench::national_network(50, 44, 4));
            add_events(spec, events);
            shockflow::write_scenario_files(spec, dir);
        }
        return dir / "scenario.toml";
    }

private:
    /// Strikes, link cuts, labour and demand shocks and displacements in turn,
    /// on days spread over days -14 to 29, many overlapping on the same targets.
    static void add_events(shockflow::ScenarioSpec& spec, std::int64_t events) {
        using shockflow::Distribution;
        using shockflow::EventKind;
        for (std::int64_t i = 0; i < events; ++i) {
            shockflow::EventSpec e;
            e.day = Distribution::fixed(-14.0 + 43.0 * static_cast<double>(i % 1000) / 1000.0);
            const std::string park = "park" + std::to_string(i % 50);
            switch (i % 5) {
                case 0:
                    e.kind = EventKind::Strike;
                    e.target = park;
                    e.capacity_loss = Distribution::fixed(0.05);
                    e.repair_days = Distribution::fixed(3.0);
                    break;
                case 1: {
                    const auto& l = spec.links[static_cast<std::size_t>(i) % spec.links.size()];
                    e.kind = EventKind::LinkCut;
                    e.link = l.from + "->" + l.to;
                    e.duration_days = Distribution::fixed(2.0);
                    break;
                }
                case 2:
                    e.kind = EventKind::LaborShock;
                    e.target = park;
                    e.duration_days = Distribution::fixed(3.0);
                    e.absent_share = Distribution::fixed(0.01);
                    break;
                case 3:
                    e.kind = EventKind::DemandShock;
                    e.duration_days = Distribution::fixed(2.0);
                    e.multiplier = Distribution::fixed(1.01);
                    break;
                default:
                    e.kind = EventKind::Displacement;
                    e.from = "region0";
                    e.to = "region1";
                    e.share = Distribution::fixed(0.001);
                    e.over_days = Distribution::fixed(2.0);
                    break;
            }
            spec.events.push_back(std::move(e));
        }
    }

    fs::path root_;
};

Workspace& workspace() {
    static Workspace w;
    return w;
}

/// Bytes of the three files, for the throughput counter.
double input_bytes(const fs::path& scenario) {
    const fs::path dir = scenario.parent_path();
    return static_cast<double>(fs::file_size(scenario) + fs::file_size(dir / "nodes.csv") +
                               fs::file_size(dir / "links.csv"));
}

const shockflow::ScenarioSpec& loaded(std::int64_t parks) {
    static std::map<std::int64_t, shockflow::ScenarioSpec> cache;
    auto it = cache.find(parks);
    if (it == cache.end()) {
        it = cache.emplace(parks, shockflow::load_scenario(workspace().scenario(parks))).first;
    }
    return it->second;
}

double peak_rss_mib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

// load_scenario: reading the files, parsing, and every check `validate` makes.
void BM_Load(benchmark::State& state) {
    const fs::path file = workspace().scenario(state.range(0));
    std::size_t links = 0;
    for (auto _ : state) {
        const shockflow::ScenarioSpec s = shockflow::load_scenario(file);
        links = s.links.size();
        benchmark::DoNotOptimize(s.input_hash);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(input_bytes(file)));
    state.counters["links"] = static_cast<double>(links);
    state.counters["peak_rss_MiB"] = peak_rss_mib();
}

// Compiling the loaded network under its own policy (what every run does first).
void BM_Compile(benchmark::State& state) {
    const shockflow::ScenarioSpec& s = loaded(state.range(0));
    for (auto _ : state) {
        shockflow::Simulator sim(s, s.policy);
        benchmark::DoNotOptimize(&sim);
    }
}

// One 500-day run of the loaded network, time series off (as run_bench's
// BM_FullRun): the yardstick loading is measured against.
void BM_Run(benchmark::State& state) {
    const shockflow::ScenarioSpec& s = loaded(state.range(0));
    const shockflow::Simulator sim(s, s.policy);
    for (auto _ : state) {
        const shockflow::RunResult r = sim.run({.seed = 1, .record_timeseries = false});
        benchmark::DoNotOptimize(r.kpi.fill_rate);
    }
}

// load_scenario of a scenario with many events: reading, checking and
// placing each against the run.
void BM_LoadEvents(benchmark::State& state) {
    const fs::path file = workspace().scenario_with_events(state.range(0));
    for (auto _ : state) {
        const shockflow::ScenarioSpec s = shockflow::load_scenario(file);
        benchmark::DoNotOptimize(s.events.size());
    }
    state.counters["peak_rss_MiB"] = peak_rss_mib();
}

// Compiling and running it once (44 days in 4-hour cycles): every event is
// drawn, scheduled, started and ended.
void BM_RunEvents(benchmark::State& state) {
    const shockflow::ScenarioSpec s =
        shockflow::load_scenario(workspace().scenario_with_events(state.range(0)));
    for (auto _ : state) {
        const shockflow::RunResult r =
            shockflow::simulate(s, s.policy, {.seed = 1, .record_timeseries = false});
        benchmark::DoNotOptimize(r.events_processed);
    }
}

}  // namespace

// Arg: events added to the 50-park network over 44 days.
BENCHMARK(BM_LoadEvents)
    ->ArgName("events")
    ->Arg(10000)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_RunEvents)
    ->ArgName("events")
    ->Arg(10000)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Arg: producer parks (31 regions, 20 products, seed 1, days -14 to 486, daily cycles).
BENCHMARK(BM_Load)
    ->ArgName("parks")
    ->Arg(50)
    ->Arg(500)
    ->Arg(2000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_Compile)
    ->ArgName("parks")
    ->Arg(50)
    ->Arg(2000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_Run)
    ->ArgName("parks")
    ->Arg(50)
    ->Arg(2000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_MAIN();
