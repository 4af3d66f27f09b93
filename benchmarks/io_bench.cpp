// Input-output tables at scale: a random table of regions x sectors
// industries (generate_io_table, seed 1), written as Z.csv, Y.csv and x.csv,
// then `shockflow import-io` (read, check, build, write the scenario, load it
// back) and a 365-day run of the imported scenario in the default mode, with
// the first region's industries damaged from day 10 to 100 (a capacity
// path), each with and without --min-share 1e-3.
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <tuple>

#include "shockflow/model/simulation.hpp"
#include "shockflow/scenario/generate.hpp"
#include "shockflow/scenario/io_table.hpp"
#include "shockflow/scenario/loader.hpp"

namespace {

namespace fs = std::filesystem;

double peak_rss_mib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // KiB on Linux
}

// Scratch files of this process, removed at exit.
struct Scratch {
    fs::path dir = fs::temp_directory_path() / ("shockflow_io_bench_" + std::to_string(::getpid()));
    ~Scratch() {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
};
Scratch& scratch() {
    static Scratch s;
    return s;
}

// The table's CSV files, written once per size.
fs::path table_dir(std::int64_t regions, std::int64_t sectors) {
    const fs::path dir =
        scratch().dir / ("table_" + std::to_string(regions) + "x" + std::to_string(sectors));
    if (!fs::exists(dir / "Z.csv"))
        shockflow::write_io_table(
            shockflow::generate_io_table(static_cast<std::size_t>(regions),
                                         static_cast<std::size_t>(sectors), 1),
            dir);
    return dir;
}

shockflow::ImportOptions options(std::int64_t min_share_ppm) {
    shockflow::ImportOptions o;
    o.min_share = static_cast<double>(min_share_ppm) * 1e-6;
    o.days = 365;
    return o;
}

// What `shockflow import-io` does; returns the number of links.
std::size_t import(const fs::path& table, std::int64_t min_share_ppm, const fs::path& out) {
    const shockflow::IoTable t =
        shockflow::read_io_table(table / "Z.csv", table / "Y.csv", table / "x.csv");
    shockflow::write_scenario_files(shockflow::import_io_table(t, options(min_share_ppm)), out);
    return shockflow::load_scenario(out / "scenario.toml").links.size();
}

void BM_ImportTable(benchmark::State& state) {
    const fs::path table = table_dir(state.range(0), state.range(1));
    const fs::path out = scratch().dir / "imported";
    std::size_t links = 0;
    for (auto _ : state) links = import(table, state.range(2), out);
    state.counters["links"] = static_cast<double>(links);
    state.counters["peak_rss_MiB"] = peak_rss_mib();
}

// The industries of the first region lose 60 % of their capacity on day 10
// and are whole again on day 100 (linear): shortfalls that the other
// regions' suppliers of each sector make up where they can.
shockflow::EventSpec damage_path() {
    shockflow::EventSpec e;
    e.kind = shockflow::EventKind::CapacityPath;
    e.target = "tag:region:R01";
    e.path = {{shockflow::Distribution::fixed(10), shockflow::Distribution::fixed(0.4)},
              {shockflow::Distribution::fixed(100), shockflow::Distribution::fixed(1.0)}};
    e.day = e.path.front().day;
    return e;
}

struct Imported {
    std::unique_ptr<shockflow::Simulator> simulator;
    double links = 0;
};

// The imported scenario, compiled once per (size, min-share), outside the timed loop.
const Imported& imported(std::int64_t regions, std::int64_t sectors, std::int64_t ppm) {
    static std::map<std::tuple<std::int64_t, std::int64_t, std::int64_t>, Imported> cache;
    Imported& slot = cache[{regions, sectors, ppm}];
    if (!slot.simulator) {
        const fs::path out = scratch().dir / ("run_" + std::to_string(ppm));
        slot.links = static_cast<double>(import(table_dir(regions, sectors), ppm, out));
        shockflow::ScenarioSpec s = shockflow::load_scenario(out / "scenario.toml");
        s.events.push_back(damage_path());
        slot.simulator = std::make_unique<shockflow::Simulator>(s, s.policy);
    }
    return slot;
}

void BM_RunImported(benchmark::State& state) {
    const Imported& net = imported(state.range(0), state.range(1), state.range(2));
    double lost = 0.0;
    for (auto _ : state) {
        const shockflow::RunResult r = net.simulator->run({.seed = 1, .record_timeseries = false});
        lost = r.kpi.lost_output_value;
        benchmark::DoNotOptimize(r.kpi.fill_rate);
    }
    state.counters["links"] = net.links;
    state.counters["production_loss"] = lost;  // a year's money
    state.counters["peak_rss_MiB"] = peak_rss_mib();
}

}  // namespace

// Args: regions, sectors, --min-share in millionths (0 or 1000 = 1e-3).
BENCHMARK(BM_ImportTable)
    ->ArgNames({"regions", "sectors", "min_share_ppm"})
    ->Args({5, 5, 0})
    ->Args({50, 50, 0})
    ->Args({50, 50, 1000})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_RunImported)
    ->ArgNames({"regions", "sectors", "min_share_ppm"})
    ->Args({5, 5, 0})
    ->Args({50, 50, 0})
    ->Args({50, 50, 1000})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_MAIN();
