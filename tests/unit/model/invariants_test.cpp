// Invariants that must hold over whole runs, under every allocation rule and
// with every kind of disruption active.
#include <gtest/gtest.h>

#include <cmath>
#include <thread>

#include "shockflow/model/simulation.hpp"
#include "unit/model/builders.hpp"
#include "unit/model/query.hpp"

namespace shockflow::testing {
namespace {

// Two grain sources, three parks, two depots, three regions; an intermediate
// (packaging) made from grain; links with transit times and tight capacities;
// a strike, a cut, a labour shock, a demand surge and a displacement.
ScenarioBuilder network() {
    ScenarioBuilder b(-5, 25, 4);
    b.product("grain", ProductCategory::Intermediate)
        .product("pack", ProductCategory::Intermediate);
    b.product("food").product("soap");
    b.recipe("food", {qty("grain", 0.8), qty("pack", 0.1)});
    b.recipe("pack", {qty("grain", 0.3)});
    b.recipe("soap", {qty("pack", 0.2)});
    b.producer("S1", {qty("grain", 400)}, 1, NodeKind::Source);
    b.producer("S2", {qty("grain", 200)}, 1, NodeKind::Source);
    b.producer("P1", {qty("food", 150), qty("pack", 60)}, 40).tags = {"north"};
    b.producer("P2", {qty("food", 120), qty("soap", 50)}, 30).tags = {"south"};
    b.producer("P3", {qty("pack", 80)}, 20).tags = {"south"};
    b.node("D1", NodeKind::Depot).stock = {qty("food", 100)};
    b.node("D2", NodeKind::Depot).stock_target_days = 3;
    b.region("R1", 5000, {qty("food", 90), qty("soap", 20)}, {qty("food", 50)});
    b.region("R2", 3000, {qty("food", 60), qty("soap", 10)});
    b.region("R3", 2000, {qty("food", 40), qty("soap", 8)}).tags = {"receiving"};
    b.link("S1", "P1", 500, 6).link("S1", "P2", 300, 8).link("S2", "P2", 200, 4);
    b.link("S1", "P3", 200, 5).link("P3", "P1", 100, 2).link("P3", "P2", 100, 3);
    b.link("P1", "P2", 60, 2, {"pack"});
    b.link("P1", "D1", 200, 10).link("P2", "D1", 100, 12).link("P2", "D2", 150, 6);
    b.link("D1", "R1", 150, 3).link("D1", "R2", 80, 5).link("D2", "R2", 60, 4);
    b.link("D2", "R3", 80, 7).link("D1", "D2", 50, 9).link("R2", "R3", 40, 2);
    b.strike("P1", 1, 0.6, 6, Recovery::Linear);
    b.strike("tag:south", 3.5, 0.3, 2);
    b.cut("D1->R1", 2, 3);
    b.cut("D2->R3", 4.2, 1.5);
    b.labor("P2", 0.5, 4, 0.2);
    b.demand_shock("*", "food", 1, 5, 1.4);
    b.displacement("R1", "R3", 0.25, 0.3, 3);
    return b;
}

void expect_invariants(const RunResult& r) {
    for (std::size_t p = 0; p < r.product_ids.size(); ++p) {
        const ProductBalance& b = r.balance[p];
        const double in = b.initial_stock + b.produced;
        const double out = b.final_stock + b.consumed_inputs + b.delivered + b.in_transit;
        EXPECT_LE(std::abs(in - out), 1e-9 * std::max(1.0, in)) << r.product_ids[p];
    }
    EXPECT_GE(r.min_stock_seen, -1e-9);
    for (double u : r.link_peak_utilization) EXPECT_LE(u, 1.0 + 1e-9);
    for (const DayRow& row : r.timeseries) {
        EXPECT_GE(row.stock, -1e-9);
        EXPECT_LE(row.delivered, row.demand + 1e-9);
    }
    for (const FirmRow& f : r.firms) {
        EXPECT_GE(f.firms_active, 0);
        EXPECT_GE(f.firms_idle, 0);
        EXPECT_LE(f.firms_active + f.firms_idle, f.firms);
    }
}

class Invariants : public ::testing::TestWithParam<Allocation> {};

TEST_P(Invariants, GoodsAreConservedStockNeverNegativeLinksWithinCapacity) {
    PolicySpec policy;
    policy.allocation = GetParam();
    policy.priority = {"tag:receiving", "R2"};
    for (bool reroute : {false, true}) {
        policy.reroute = reroute;
        const RunResult r = simulate(network().s, policy, RunOptions{});
        expect_invariants(r);
        EXPECT_GT(totals(r, "food").produced, 0.0);
        EXPECT_GT(totals(r, "soap").delivered, 0.0);
    }
}

INSTANTIATE_TEST_SUITE_P(AllocationRules, Invariants,
                         ::testing::Values(Allocation::Proportional, Allocation::Priority,
                                           Allocation::FairShare));

// Partly cut links with rerouting on: D1->R2 and D2->R2, both of which
// feed R2, keep part of their capacity. D1->R2's overflow goes round by
// D1->D2->R2, sharing D2->R2, itself cut, with D2's own traffic.
TEST_P(Invariants, HoldWithPartlyCutLinksRerouted) {
    ScenarioBuilder b = network();
    b.cut("D1->R2", 1, 6, 0.6);
    b.cut("D2->R2", 3, 5, 0.5);
    PolicySpec policy;
    policy.allocation = GetParam();
    policy.priority = {"tag:receiving", "R2"};
    policy.reroute = true;
    const RunResult r = simulate(b.s, policy, RunOptions{});
    expect_invariants(r);
    EXPECT_GT(totals(r, "food").delivered, 0.0);
}

TEST(Invariants, HoldWithEveryLeverOn) {
    PolicySpec policy;
    policy.prestock = PrestockSpec{{"essential"}, -4, 0.3, 6, 0, {}};
    policy.stock_target_days = {{"food", 4, {}}};
    policy.surge_capacity = 0.15;
    policy.repair_crews = 1;
    policy.repair_speedup = RepairSpeedupSpec{5, 2, {}};
    policy.reroute = true;
    policy.holding_cost = {{"essential", 0.01, {}}};
    const RunResult r = simulate(network().s, policy, RunOptions{});
    expect_invariants(r);
    EXPECT_GT(r.kpi.holding_cost, 0.0);
}

TEST(Determinism, SameInputsGiveIdenticalResults) {
    const RunResult a = simulate(network().s, PolicySpec{}, RunOptions{});
    const RunResult b = simulate(network().s, PolicySpec{}, RunOptions{});
    ASSERT_EQ(a.timeseries.size(), b.timeseries.size());
    for (std::size_t i = 0; i < a.timeseries.size(); ++i) {
        EXPECT_EQ(a.timeseries[i].stock, b.timeseries[i].stock);
        EXPECT_EQ(a.timeseries[i].produced, b.timeseries[i].produced);
        EXPECT_EQ(a.timeseries[i].delivered, b.timeseries[i].delivered);
    }
    EXPECT_EQ(a.kpi.list(), b.kpi.list());
    EXPECT_EQ(a.events_processed, b.events_processed);
}

// An engine hands its batch storage on to the next run on its thread
// (TransitState): a run that follows another, of another policy with more
// goods in transit and depots passing on, gives exactly what a run on a
// thread of its own gives.
TEST(Determinism, ARunAfterAnotherOnTheSameThreadIsTheSame) {
    RunResult alone;
    std::thread([&] { alone = simulate(network().s, PolicySpec{}, RunOptions{}); }).join();
    PolicySpec before;
    before.prestock = PrestockSpec{{"essential"}, -4, 0.3, 6, 0, {}};
    before.reroute = true;
    before.allocation = Allocation::FairShare;
    const RunResult first = simulate(network().s, before, RunOptions{});
    const RunResult after = simulate(network().s, PolicySpec{}, RunOptions{});
    EXPECT_NE(first.kpi.list(), alone.kpi.list());  // the run before was another one
    ASSERT_EQ(after.timeseries.size(), alone.timeseries.size());
    for (std::size_t i = 0; i < alone.timeseries.size(); ++i) {
        EXPECT_EQ(after.timeseries[i].stock, alone.timeseries[i].stock);
        EXPECT_EQ(after.timeseries[i].delivered, alone.timeseries[i].delivered);
    }
    EXPECT_EQ(after.kpi.list(), alone.kpi.list());
    EXPECT_EQ(after.events_processed, alone.events_processed);
}

TEST(Determinism, TimeseriesOffGivesTheSameKpis) {
    const RunResult a = simulate(network().s, PolicySpec{}, RunOptions{1, true});
    const RunResult b = simulate(network().s, PolicySpec{}, RunOptions{1, false});
    EXPECT_TRUE(b.timeseries.empty());
    EXPECT_EQ(a.kpi.list(), b.kpi.list());
}

}  // namespace
}  // namespace shockflow::testing
