// Each contingency lever on a small case whose effect is derived by hand.
// Unless said otherwise: one cycle per day, links without transit time (lead
// time L = 0), and a region R that eats 80/day with 2 days of safety stock
// (stock_target_days = 2), so a target position of 80 x (0 + 0 + 2) = 160
// (a region's target counts no review period, only lead time and safety
// stock; the 2 days keep the 160 that 1 day plus a one-day review period
// gave when regions counted one), starting full. Regions here close any gap
// in one cycle (replenishment_days = 1), which keeps the numbers derivable:
// R orders 80 + (160 - position), where its position (stock + in transit +
// what it ate this cycle) is what it had before eating: what P sent in the
// last cycle has arrived by then. P makes to order at the cycle's start and
// dispatches to regions in the middle of the cycle, so with no transit time
// its goods arrive at t + 1/2 day, within the cycle and the day: they serve
// what R could not eat from stock at the cycle's start (which stays open
// until the cycle ends) and the rest is in R's stock at the day's end.
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
    NodeSpec& r = b.region("R", 1000, {qty("food", demand)}, {qty("food", 2 * demand)});
    r.stock_target_days = 2;
    r.replenishment_days = 1;
    b.link("P", "R", 1000, 0);
    return b;
}

RunResult run(const ScenarioBuilder& b, const PolicySpec& policy = {}) {
    return simulate(b.s, policy, RunOptions{});
}

// Prestock from day -4: P may make 125/day and R's safety stock is 6 days, so
// its target position is 80 x (0 + 6) = 480 (6 days: no review period for a
// region, the 480 of the 5 days plus one-day review period it had before):
//   d-4: eats 80 -> 80, position 160, orders 80 + 320 = 400, gets 125 -> 205;
//   d-3: orders 80 + 480 - 205 = 355 -> 250;  d-2: 310 -> 295;  d-1: 265 -> 340.
// From day 0 the target is 160 again. A 3-day total strike on P from day 0:
// R lives on 340 -> 260, 180, 100 (its orders, 80 + 160 - position, are
// nothing on days 0 and 1 and 60 on day 2, which P cannot fill), and at day 3
// eats 80 -> 20, orders 80 + 160 - 100 = 140, gets 100 -> 120: nothing unmet.
// Without prestock R has 160 at day 0: d0 eats 80 -> 80, d1 eats 80 -> 0,
// d2 80 unmet; d3 (P back): 80 open, orders 240, P makes 100, which arrive
// in the middle of day 3: 80 serve the open demand -> 20: 80 units unmet.
TEST(PolicyLever, PrestockBuildsStockThatCarriesThroughAStrike) {
    ScenarioBuilder b = chain(-6, 10, 100, 80);
    b.strike("P", 0, 1.0, 3);
    PolicySpec prestock;
    prestock.prestock = PrestockSpec{{"essential"}, -4, 0.25, 6, 0, {}};
    const RunResult with = run(b, prestock);
    EXPECT_NEAR(day_row(with, -1, "R", "food").stock, 340.0, 1e-9);
    for (int d = -4; d <= -1; ++d) EXPECT_NEAR(day_row(with, d, "P", "food").produced, 125.0, 1e-9);
    EXPECT_NEAR(day_row(with, 0, "P", "food").produced, 0.0, 1e-12);
    EXPECT_NEAR(day_row(with, 2, "R", "food").stock, 100.0, 1e-9);
    EXPECT_NEAR(day_row(with, 3, "R", "food").stock, 120.0, 1e-9);
    EXPECT_NEAR(totals(with, "food").unmet, 0.0, 1e-9);
    const RunResult without = run(b);
    EXPECT_NEAR(totals(without, "food").unmet, 80.0, 1e-9);
    EXPECT_NEAR(day_row(without, 2, "R", "food").unmet, 80.0, 1e-9);
    EXPECT_NEAR(day_row(without, 3, "R", "food").unmet, 0.0, 1e-9);
    EXPECT_NEAR(day_row(without, 3, "R", "food").stock, 20.0, 1e-9);
}

// until_day = 2 keeps the raised target (480) and uplift (125/day) through
// days 0 and 1. R ends day -1 with 340 (see above). Day 0: eats 80 -> 260,
// orders 80 + 480 - 340 = 220, gets 125 -> 385. Day 1: eats 80 -> 305, orders
// 80 + 480 - 385 = 175, gets 125 -> 430. Day 2: the target is 160 again: eats
// 80 -> 350, orders nothing (80 + 160 - 430 < 0).
TEST(PolicyLever, PrestockUntilDayKeepsTargetsRaisedLonger) {
    PolicySpec prestock;
    prestock.prestock = PrestockSpec{{"food"}, -4, 0.25, 6, 2, {}};
    const RunResult r = run(chain(-6, 6, 100, 80), prestock);
    EXPECT_NEAR(day_row(r, 0, "R", "food").stock, 385.0, 1e-9);
    EXPECT_NEAR(day_row(r, 1, "R", "food").stock, 430.0, 1e-9);
    EXPECT_NEAR(day_row(r, 2, "R", "food").stock, 350.0, 1e-9);
    EXPECT_NEAR(day_row(r, 1, "P", "food").produced, 125.0, 1e-9);
    EXPECT_NEAR(day_row(r, 2, "P", "food").produced, 0.0, 1e-12);
}

// stock_target_days food = 5 overrides R's 2: its target position is
// 80 x (0 + 5) = 400. Day 0: eats 80 -> 80, orders 80 + 400 - 160 = 320, P
// makes its 100 -> 180; day 1: eats 80 -> 100, orders 80 + 400 - 180 = 300,
// P makes 100 -> 200.
TEST(PolicyLever, StockTargetDaysOverridesTheNodesTarget) {
    PolicySpec policy;
    policy.stock_target_days = {{"food", 5, {}}};
    const RunResult r = run(chain(0, 5, 100, 80), policy);
    EXPECT_NEAR(day_row(r, 0, "R", "food").stock, 180.0, 1e-9);
    EXPECT_NEAR(day_row(r, 1, "R", "food").stock, 200.0, 1e-9);
}

// replenishment_days food = 2 overrides R's 1: R closes its gap over
// max(1, 2 / 1) = 2 cycles. With P able to make 1000/day and the target
// position raised to 400 as above (stock_target_days food = 5):
//   d0: eats 80 -> 80, position 160, orders 80 + (400 - 160) / 2 = 200 -> 280;
//   d1: eats 80 -> 200, position 280, orders 80 + 120 / 2 = 140 -> 340;
//   d2: eats 80 -> 260, position 340, orders 80 + 60 / 2 = 110 -> 370.
// With R's own replenishment_days (1) it closes the gap at once: orders
// 80 + 240 = 320 on day 0 -> 400, then 80 a day -> 400.
TEST(PolicyLever, ReplenishmentDaysOverridesTheNodes) {
    PolicySpec policy;
    policy.stock_target_days = {{"food", 5, {}}};
    const RunResult fast = run(chain(0, 5, 1000, 80), policy);
    EXPECT_NEAR(day_row(fast, 0, "R", "food").stock, 400.0, 1e-9);
    EXPECT_NEAR(day_row(fast, 1, "R", "food").stock, 400.0, 1e-9);
    policy.replenishment_days = {{"food", 2, {}}};
    const RunResult r = run(chain(0, 5, 1000, 80), policy);
    EXPECT_NEAR(day_row(r, 0, "R", "food").stock, 280.0, 1e-9);
    EXPECT_NEAR(day_row(r, 1, "R", "food").stock, 340.0, 1e-9);
    EXPECT_NEAR(day_row(r, 2, "R", "food").stock, 370.0, 1e-9);
}

// P (100/day) feeds A and B, 80/day each, both set up as R above (2 days of
// safety stock: target position 80 x (0 + 0 + 2) = 160, starting full).
// Day 0: both eat 80 and order 80 + 160 - 160 = 80; P makes 100 of the 160
// asked and splits them; they arrive in the middle of day 0 (received on day
// 0). Proportional: 50 each. Priority to A: A 80, B 20.
ScenarioBuilder shared_supplier() {
    ScenarioBuilder b(0, 10);
    b.product("food");
    b.producer("P", {qty("food", 100)});
    b.region("A", 1000, {qty("food", 80)}, {qty("food", 160)}).tags = {"hospital"};
    b.region("B", 1000, {qty("food", 80)}, {qty("food", 160)});
    for (NodeSpec& n : b.s.nodes) {
        if (n.kind != NodeKind::Region) continue;
        n.stock_target_days = 2;
        n.replenishment_days = 1;
    }
    b.link("P", "A", 1000, 0).link("P", "B", 1000, 0);
    return b;
}

TEST(PolicyLever, ProportionalAllocationSplitsByRequest) {
    const RunResult r = run(shared_supplier());
    EXPECT_NEAR(day_row(r, 0, "A", "food").received, 50.0, 1e-9);
    EXPECT_NEAR(day_row(r, 0, "B", "food").received, 50.0, 1e-9);
}

// With A first, A always gets its 80 (it orders 80 a day and stays at 160)
// and never goes short; B takes the remaining 20 a day:
//   d0: B eats 80 -> 80, gets 20 -> 100;  d1: eats 80 -> 20, gets 20 -> 40;
//   d2: eats 40 (40 open), gets 20: 20 unmet;  d3-d9: has nothing, gets 20
//   of its 80: 60 unmet a day. B's unmet: 20 + 7 x 60 = 440.
TEST(PolicyLever, PriorityAllocationServesListedNodesFirst) {
    PolicySpec policy;
    policy.allocation = Allocation::Priority;
    policy.priority = {"tag:hospital"};
    const RunResult r = run(shared_supplier(), policy);
    EXPECT_NEAR(day_row(r, 0, "A", "food").received, 80.0, 1e-9);
    EXPECT_NEAR(day_row(r, 0, "B", "food").received, 20.0, 1e-9);
    EXPECT_NEAR(day_row(r, 1, "B", "food").stock, 40.0, 1e-9);
    double a_unmet = 0, b_unmet = 0;
    for (int d = 0; d < 10; ++d) {
        a_unmet += day_row(r, d, "A", "food").unmet;
        b_unmet += day_row(r, d, "B", "food").unmet;
    }
    EXPECT_NEAR(a_unmet, 0.0, 1e-9);
    EXPECT_NEAR(b_unmet, 440.0, 1e-9);
    EXPECT_NEAR(day_row(r, 2, "B", "food").unmet, 20.0, 1e-9);
}

// P (60/day) feeds A (80/day, 160 on hand) and B (20/day, 40 on hand), both
// with 2 days of safety stock and replenishment_days = 1, so target positions
// of 80 x (0 + 0 + 2) = 160 and 20 x 2 = 40. Day 0: A eats 80 and orders
// 80 + 160 - 160 = 80; B eats 20 and orders 20 + 40 - 40 = 20. P makes its 60
// (received in the middle of day 0). Proportional: A 60*80/100 = 48, B 12.
// Max-min fair: equal share 30; B needs only 20, so B 20 and A the remaining 40.
TEST(PolicyLever, FairShareIsMaxMinFair) {
    ScenarioBuilder b(0, 3);
    b.product("food");
    b.producer("P", {qty("food", 60)});
    b.region("A", 1000, {qty("food", 80)}, {qty("food", 160)});
    b.region("B", 1000, {qty("food", 20)}, {qty("food", 40)});
    for (NodeSpec& n : b.s.nodes) {
        if (n.kind != NodeKind::Region) continue;
        n.stock_target_days = 2;
        n.replenishment_days = 1;
    }
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

// R eats 110/day (target position 110 x (0 + 0 + 2) = 220, 220 on hand), P
// makes 100, which reach R in the middle of each day. R's position never
// exceeds 220, so it orders at least 110 a day and P makes its 100 every day:
// R's stock before eating on day k is 220 - 10k (10 at the end of day 20).
// Day 21: eats its last 10 (100 open), P's 100 serve the rest -> 0. From day
// 22 R has nothing at the cycle's start and P's 100 serve 100 of its 110:
// 10/day unmet on days 22..29 = 80 unmet. Surge capacity 0.1 lets P make 110:
// R eats 110 and orders 110 + 220 - 220 = 110 every day, nothing unmet.
TEST(PolicyLever, SurgeCapacityCoversASmallShortfall) {
    const ScenarioBuilder b = chain(0, 30, 100, 110);
    const RunResult r = run(b);
    EXPECT_NEAR(totals(r, "food").unmet, 80.0, 1e-9);
    EXPECT_NEAR(day_row(r, 20, "R", "food").stock, 10.0, 1e-9);
    EXPECT_NEAR(day_row(r, 21, "R", "food").unmet, 0.0, 1e-9);
    EXPECT_NEAR(day_row(r, 21, "R", "food").stock, 0.0, 1e-9);
    EXPECT_NEAR(day_row(r, 22, "R", "food").unmet, 10.0, 1e-9);
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
