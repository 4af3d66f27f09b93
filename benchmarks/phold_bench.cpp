// PHOLD (Fujimoto 1990) on the simulation kernel's pending-event set.
//
// N logical processes (LPs) start with 16 events each. Processing an event at
// LP i draws a destination (10 % of the time a uniformly chosen LP, otherwise
// i itself) and schedules one new event there after
// delay = 0.1 x lookahead + Exp(mean 0.9), lookahead = 1 time unit. The event
// population stays constant, so this measures the kernel's per-event cost.
// The same loop over a bare std::priority_queue of the same entries gives the
// reference: the kernel's overhead is the ratio of the two counters.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <queue>
#include <vector>

#include "shockflow/core/random.hpp"
#include "shockflow/des/event_queue.hpp"

namespace {

using shockflow::Tick;
constexpr std::int64_t kTicksPerUnit = 1'000'000;  // time unit = 1e6 ticks
constexpr int kEventsPerLp = 16;
constexpr double kRemote = 0.1;

struct PholdEvent {
    std::uint32_t lp;
};

// Draws (destination, delay) for an event processed at `lp`.
struct PholdModel {
    explicit PholdModel(std::uint32_t lps) : lps_(lps), rng_(12345, 0) {}
    std::uint32_t destination(std::uint32_t lp) {
        if (rng_.uniform01() >= kRemote) return lp;
        return static_cast<std::uint32_t>(rng_.below(lps_));
    }
    Tick delay() {
        const double d = 0.1 + 0.9 * -std::log(1.0 - rng_.uniform01());
        return Tick{static_cast<std::int64_t>(d * static_cast<double>(kTicksPerUnit))};
    }
    std::uint32_t lps_;
    shockflow::RandomStream rng_;
};

void BM_PholdKernel(benchmark::State& state) {
    const auto lps = static_cast<std::uint32_t>(state.range(0));
    PholdModel model(lps);
    shockflow::des::EventQueue<PholdEvent> q;
    q.reserve(std::size_t{lps} * kEventsPerLp);
    for (std::uint32_t lp = 0; lp < lps; ++lp)
        for (int k = 0; k < kEventsPerLp; ++k) q.schedule(model.delay(), 0, PholdEvent{lp});
    std::int64_t events = 0;
    for (auto _ : state) {
        const auto e = q.pop();
        q.schedule(e.time + model.delay(), 0, PholdEvent{model.destination(e.payload.lp)});
        ++events;
    }
    state.counters["events_per_s"] =
        benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}

// Same entries, same ordering (time, then sequence), std::priority_queue.
struct BareEntry {
    Tick time;
    std::uint64_t seq;
    PholdEvent payload;
};
struct BareLater {
    bool operator()(const BareEntry& a, const BareEntry& b) const {
        return a.time != b.time ? a.time > b.time : a.seq > b.seq;
    }
};

void BM_PholdBareHeap(benchmark::State& state) {
    const auto lps = static_cast<std::uint32_t>(state.range(0));
    PholdModel model(lps);
    std::vector<BareEntry> storage;
    storage.reserve(std::size_t{lps} * kEventsPerLp);
    std::priority_queue<BareEntry, std::vector<BareEntry>, BareLater> q(BareLater{},
                                                                        std::move(storage));
    std::uint64_t seq = 0;
    for (std::uint32_t lp = 0; lp < lps; ++lp)
        for (int k = 0; k < kEventsPerLp; ++k) q.push(BareEntry{model.delay(), seq++, {lp}});
    std::int64_t events = 0;
    for (auto _ : state) {
        const BareEntry e = q.top();
        q.pop();
        q.push(BareEntry{e.time + model.delay(), seq++, {model.destination(e.payload.lp)}});
        ++events;
    }
    state.counters["events_per_s"] =
        benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(BM_PholdKernel)->Arg(64)->Arg(16384);
BENCHMARK(BM_PholdBareHeap)->Arg(64)->Arg(16384);
BENCHMARK_MAIN();
