// Each contingency lever on a small case whose effect is derived by hand.
// Unless said otherwise: one cycle per day, links without transit time, and
// a region R that eats 80/day with a 2-day (160) target, starting full.
#include <gtest/gtest.h>

#include "shockflow/model/simulation.hpp"
#include "unit/model/builders.hpp"
#include "unit/model/query.hpp"

namespace shockflow::testing {
namespace {

ScenarioBuilder chain(double start, double end, double capacity, double demand) {
    ScenarioBuilder b(start, end);
    b.product("food");
    b.producer("P", {qty("food", capacity)});
    b.region("R", 1000, {qty("food", demand)}, {qty("food", 2 * demand)});
    b.link("P", "R", 1000, 0);
    return b;
}

RunResult run(const ScenarioBuilder& b, const PolicySpec& policy = {}) {
    return simulate(b.s, policy, RunOptions{});
}

// Prestock from day -4: P may make 125/day and R targets 5 days (400).
//   d-4: eats 80 -> 80, orders 320, gets 125 -> 205;  d-3: 125 -> 250;
//   d-2: 170 -> 295;  d-1: 215 -> 340.  From day 0 the target is 160 again.
// A 3-day total strike on P from day 0: R lives on 340 -> 260, 180, 100, and
// at day 3 eats 80, orders 140, gets 100: nothing unmet.
// Without prestock R has 160 at day 0: d0 80, d1 0, d2 80 unmet, d3 80 unmet
// (then P makes 100 -> 100): 160 units unmet.
TEST(PolicyLever, PrestockBuildsStockThatCarriesThroughAStrike) {
    ScenarioBuilder b = chain(-6, 10, 100, 80);
    b.strike("P", 0, 1.0, 3);
    PolicySpec prestock;
    prestock.prestock = PrestockSpec{{"essential"}, -4, 0.25, 5, 0, {}};
    const RunResult with = run(b, prestock);
    EXPECT_NEAR(day_row(with, -1, "R", "food").stock, 340.0, 1e-9);
    for (int d = -4; d <= -1; ++d) EXPECT_NEAR(day_row(with, d, "P", "food").produced, 125.0, 1e-9);
    EXPECT_NEAR(day_row(with, 0, "P", "food").produced, 0.0, 1e-12);
    EXPECT_NEAR(totals(with, "food").unmet, 0.0, 1e-9);
    const RunResult without = run(b);
    EXPECT_NEAR(totals(without, "food").unmet, 160.0, 1e-9);
}

// stock_target_days food = 4 raises R's target to 320: day 0 eats 80 -> 80,
// orders 240, P makes its 100 -> 180; day 1: 100 -> 200.
// until_day = 2 keeps the raised target (400) and uplift (125/day) through
// days 0 and 1. R ends day -1 with 340 (see above). Day 0: eats 80 -> 260,
// orders 140, gets 125 -> 385. Day 1: 305, orders 95 -> 400. Day 2: the target
// is 160 again: eats 80 -> 320, orders nothing.
TEST(PolicyLever, PrestockUntilDayKeepsTargetsRaisedLonger) {
    PolicySpec prestock;
    prestock.prestock = PrestockSpec{{"food"}, -4, 0.25, 5, 2, {}};
    const RunResult r = run(chain(-6, 6, 100, 80), prestock);
    EXPECT_NEAR(day_row(r, 0, "R", "food").stock, 385.0, 1e-9);
    EXPECT_NEAR(day_row(r, 1, "R", "food").stock, 400.0, 1e-9);
    EXPECT_NEAR(day_row(r, 2, "R", "food").stock, 320.0, 1e-9);
}

TEST(PolicyLever, StockTargetDaysOverridesTheNodesTarget) {
    PolicySpec policy;
    policy.stock_target_days = {{"food", 4, {}}};
    const RunResult r = run(chain(0, 5, 100, 80), policy);
    EXPECT_NEAR(day_row(r, 0, "R", "food").stock, 180.0, 1e-9);
    EXPECT_NEAR(day_row(r, 1, "R", "food").stock, 200.0, 1e-9);
}

// P (100/day) feeds A and B, 80/day each. Day 0: both eat 80 and order 80;
// P has 100. Proportional: 50 each. Priority to A: A 80, B 20.
ScenarioBuilder shared_supplier() {
    ScenarioBuilder b(0, 10);
    b.product("food");
    b.producer("P", {qty("food", 100)});
    b.region("A", 1000, {qty("food", 80)}, {qty("food", 160)}).tags = {"hospital"};
    b.region("B", 1000, {qty("food", 80)}, {qty("food", 160)});
    b.link("P", "A", 1000, 0).link("P", "B", 1000, 0);
    return b;
}

TEST(PolicyLever, ProportionalAllocationSplitsByRequest) {
    const RunResult r = run(shared_supplier());
    EXPECT_NEAR(day_row(r, 0, "A", "food").received, 50.0, 1e-9);
    EXPECT_NEAR(day_row(r, 0, "B", "food").received, 50.0, 1e-9);
}

// With A first, A always gets its 80 and never goes short; B takes the rest.
TEST(PolicyLever, PriorityAllocationServesListedNodesFirst) {
    PolicySpec policy;
    policy.allocation = Allocation::Priority;
    policy.priority = {"tag:hospital"};
    const RunResult r = run(shared_supplier(), policy);
    EXPECT_NEAR(day_row(r, 0, "A", "food").received, 80.0, 1e-9);
    EXPECT_NEAR(day_row(r, 0, "B", "food").received, 20.0, 1e-9);
    double a_unmet = 0, b_unmet = 0;
    for (int d = 0; d < 10; ++d) {
        a_unmet += day_row(r, d, "A", "food").unmet;
        b_unmet += day_row(r, d, "B", "food").unmet;
    }
    EXPECT_NEAR(a_unmet, 0.0, 1e-9);
    EXPECT_GT(b_unmet, 0.0);
}

// P (60/day) feeds A (80/day) and B (20/day). Day 0: A orders 80, B 20.
// Proportional: A 60*80/100 = 48, B 12. Max-min fair: equal share 30; B needs
// only 20, so B 20 and A the remaining 40.
TEST(PolicyLever, FairShareIsMaxMinFair) {
    ScenarioBuilder b(0, 3);
    b.product("food");
    b.producer("P", {qty("food", 60)});
    b.region("A", 1000, {qty("food", 80)}, {qty("food", 160)});
    b.region("B", 1000, {qty("food", 20)}, {qty("food", 40)});
    b.link("P", "A", 1000, 0).link("P", "B", 1000, 0);
    const RunResult prop = run(b);
    EXPECT_NEAR(day_row(prop, 0, "A", "food").received, 48.0, 1e-9);
    EXPECT_NEAR(day_row(prop, 0, "B", "food").received, 12.0, 1e-9);
    PolicySpec fair;
    fair.allocation = Allocation::FairShare;
    const RunResult r = run(b, fair);
    EXPECT_NEAR(day_row(r, 0, "A", "food").received, 40.0, 1e-9);
    EXPECT_NEAR(day_row(r, 0, "B", "food").received, 20.0, 1e-9);
}

// R eats 110/day, P makes 100. Stock before eating on day k is 220 - 10k, so
// R is short from day 12: 10/day on days 12..29 = 180 unmet. Surge capacity
// 0.1 lets P make 110: nothing unmet.
TEST(PolicyLever, SurgeCapacityCoversASmallShortfall) {
    const ScenarioBuilder b = chain(0, 30, 100, 110);
    EXPECT_NEAR(totals(run(b), "food").unmet, 180.0, 1e-9);
    PolicySpec surge;
    surge.surge_capacity = 0.1;
    EXPECT_NEAR(totals(run(b, surge), "food").unmet, 0.0, 1e-9);
}

// Two parks struck at day 2 (100 %, 3 days of work each). Unlimited crews:
// both back at day 5. One crew: P1 (first strike in the file) at day 5, then
// P2 from day 5 to day 8.
TEST(PolicyLever, RepairCrewsQueueDamagedNodes) {
    ScenarioBuilder b(0, 12);
    b.product("food");
    b.producer("P1", {qty("food", 100)});
    b.producer("P2", {qty("food", 100)});
    b.region("R", 1000, {qty("food", 50)}, {qty("food", 100)});
    b.link("P1", "R", 1000, 0).link("P2", "R", 1000, 0);
    b.strike("P1", 2, 1.0, 3);
    b.strike("P2", 2, 1.0, 3);
    const RunResult all = run(b);
    EXPECT_NEAR(day_row(all, 5, "P2", "food").capacity_available, 100.0, 1e-9);
    PolicySpec one;
    one.repair_crews = 1;
    const RunResult r = run(b, one);
    EXPECT_NEAR(day_row(r, 5, "P1", "food").capacity_available, 100.0, 1e-9);
    for (int d = 5; d <= 7; ++d)
        EXPECT_NEAR(day_row(r, d, "P2", "food").capacity_available, 0.0, 1e-12) << d;
    EXPECT_NEAR(day_row(r, 8, "P2", "food").capacity_available, 100.0, 1e-9);
}

// Strike at day 2 needing 8 days of work; support packages from day 4 double
// the pace: 2 days done by day 4, the other 6 take 3 -> back at day 7, not 10.
TEST(PolicyLever, RepairSpeedupBringsUnitsBackSooner) {
    ScenarioBuilder b = chain(0, 14, 100, 50);
    b.strike("P", 2, 1.0, 8);
    PolicySpec support;
    support.repair_speedup = RepairSpeedupSpec{4, 2, {}};
    const RunResult r = run(b, support);
    EXPECT_NEAR(day_row(r, 6, "P", "food").capacity_available, 0.0, 1e-12);
    EXPECT_NEAR(day_row(r, 7, "P", "food").capacity_available, 100.0, 1e-9);
    const RunResult slow = run(b);
    EXPECT_NEAR(day_row(slow, 9, "P", "food").capacity_available, 0.0, 1e-12);
    EXPECT_NEAR(day_row(slow, 10, "P", "food").capacity_available, 100.0, 1e-9);
}

// A depot holding 100 units for 10 days at 0.01 per unit-day costs 10.
TEST(PolicyLever, HoldingCostPricesStockHeld) {
    ScenarioBuilder b(0, 10);
    b.product("food");
    b.node("D", NodeKind::Depot).stock = {qty("food", 100)};
    PolicySpec policy;
    policy.holding_cost = {{"essential", 0.01, {}}};
    EXPECT_NEAR(run(b, policy).kpi.holding_cost, 10.0, 1e-9);
    EXPECT_DOUBLE_EQ(run(b).kpi.holding_cost, 0.0);
}

}  // namespace
}  // namespace shockflow::testing
