// Recorded draws: every value a replication drew is in RunResult::samples,
// it is the value the run used, and recording it changes nothing else.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "shockflow/model/simulation.hpp"
#include "unit/model/builders.hpp"
#include "unit/model/query.hpp"

namespace shockflow::testing {
namespace {

Distribution uniform(double a, double b) {
    Distribution d;
    d.kind = Distribution::Kind::Uniform;
    d.p = {a, b, 0.0};
    return d;
}

// one_park_chain (builders.hpp): P makes up to 100 food a day. A strike on
// P on day 2 takes a drawn share of its capacity until a repair of 100 days
// (longer than the run): from day 2 on, P's capacity_available is
// 100 x (1 - capacity_loss).
ScenarioBuilder drawn_strike() {
    ScenarioBuilder b = one_park_chain(6);
    b.strike("P", 2, 0, 100).capacity_loss = uniform(0.2, 0.6);
    return b;
}

TEST(Samples, AStrikesDrawnLossIsRecordedAndShowsInTheCapacityAvailable) {
    const ScenarioBuilder b = drawn_strike();
    for (const std::uint64_t seed : {1u, 2u, 3u}) {
        const RunResult r = simulate(b.s, PolicySpec{}, RunOptions{.seed = seed});
        ASSERT_EQ(r.samples.size(), 1u);  // the fixed day and repair are not drawn
        const Sample& s = r.samples[0];
        EXPECT_EQ(s.event, 0u);
        EXPECT_EQ(s.key, "capacity_loss");
        EXPECT_GE(s.value, 0.2);
        EXPECT_LE(s.value, 0.6);
        EXPECT_EQ(r.event_labels, std::vector<std::string>{"0"});
        EXPECT_DOUBLE_EQ(day_row(r, 1, "P", "food").capacity_available, 100.0);
        EXPECT_NEAR(day_row(r, 3, "P", "food").capacity_available, 100.0 * (1.0 - s.value), 1e-9);
        EXPECT_EQ(r.struck_nodes, std::vector<std::uint32_t>{index_of(r.node_ids, "P")});
    }
}

TEST(Samples, DrawsWithoutRunningAreTheRunsDraws) {
    const ScenarioBuilder b = drawn_strike();
    const Simulator sim(b.s, PolicySpec{});
    for (const std::uint64_t seed : {5u, 6u}) {
        const RunResult r = sim.run(RunOptions{.seed = seed, .record_timeseries = false});
        const std::vector<Sample> d = sim.draws(seed);
        ASSERT_EQ(d.size(), r.samples.size());
        for (std::size_t i = 0; i < d.size(); ++i) {
            EXPECT_EQ(d[i].key, r.samples[i].key);
            EXPECT_EQ(d[i].value, r.samples[i].value);
        }
    }
}

// An `any:` strike records the nodes it drew as "target" (ascending), and
// those are the nodes struck in the run; every distribution of the event
// is recorded in the order drawn.
TEST(Samples, AnyTargetsAreRecordedAndAreTheNodesStruck) {
    ScenarioBuilder b(0, 10);
    b.product("food");
    for (const char* id : {"P1", "P2", "P3", "P4"})
        b.producer(id, {qty("food", 100)}).tags = {"hit"};
    b.region("R", 1000, {qty("food", 80)});
    for (const char* id : {"P1", "P2", "P3", "P4"}) b.link(id, "R", 1000, 0);
    b.labor("P1", 0, 1, 0.1);  // event 0: fixed, nothing drawn, nothing struck
    EventSpec& e = b.strike("any:hit", 1, 0.5, 0);
    e.count = 2;
    e.repair_days = uniform(2, 4);
    const RunResult r = simulate(b.s, PolicySpec{}, RunOptions{.seed = 9});
    ASSERT_EQ(r.samples.size(), 3u);
    EXPECT_EQ(r.samples[0].key, "repair_days");
    EXPECT_EQ(r.samples[1].key, "target");
    EXPECT_EQ(r.samples[2].key, "target");
    std::vector<std::uint32_t> struck;
    for (const Sample& s : r.samples) {
        EXPECT_EQ(s.event, 1u);
        if (s.key == "target") struck.push_back(static_cast<std::uint32_t>(s.value));
    }
    EXPECT_LT(r.samples[1].value, r.samples[2].value);
    std::sort(struck.begin(), struck.end());
    EXPECT_EQ(r.struck_nodes, struck);
}

// A stress test's outage: no capacity from its first day for its days, then
// whole again; the scenario's own draws are those of a run without it.
TEST(Samples, AnOutageTakesAllCapacityForItsDaysAndLeavesTheDrawsAlone) {
    const ScenarioBuilder b = drawn_strike();
    const Simulator sim(b.s, PolicySpec{});
    const RunResult plain = sim.run(RunOptions{.seed = 4});
    RunOptions with_outage{.seed = 4};
    with_outage.outages = {{index_of(plain.node_ids, "P"), 1.0, 2.0}};
    const RunResult out = sim.run(with_outage);
    EXPECT_EQ(out.samples[0].value, plain.samples[0].value);
    EXPECT_DOUBLE_EQ(day_row(out, 0, "P", "food").capacity_available, 100.0);
    EXPECT_DOUBLE_EQ(day_row(out, 1, "P", "food").capacity_available, 0.0);
    EXPECT_DOUBLE_EQ(day_row(out, 2, "P", "food").capacity_available, 0.0);
    // Day 3: back, under the scenario's own strike.
    EXPECT_NEAR(day_row(out, 3, "P", "food").capacity_available,
                100.0 * (1.0 - plain.samples[0].value), 1e-9);
}

}  // namespace
}  // namespace shockflow::testing
