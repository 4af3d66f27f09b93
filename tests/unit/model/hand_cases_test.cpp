// Small cases whose every number is derived by hand in the comment above it.
#include <gtest/gtest.h>

#include <cmath>
#include <utility>
#include <vector>

#include "shockflow/model/simulation.hpp"
#include "unit/model/builders.hpp"
#include "unit/model/query.hpp"

namespace shockflow::testing {
namespace {

// Most cases start from one_park_chain() (builders.hpp): park P, 100/day,
// feeding region R, 80/day, over 20 days. R keeps one day of safety stock,
// has no review period or lead time (target 80 x (0 + 0 + 1) = 80) and closes
// any gap in one cycle, so it orders 80 + (80 - position) each day, where its
// position (stock + in transit + what it ate this cycle) is what it had
// before eating; it starts with 80 on hand. What R cannot eat from stock at
// the cycle's start stays open until the cycle ends and is served by goods
// arriving meanwhile (here P's shipments, which leave in the middle of the
// cycle and arrive at once).

RunResult run(const ScenarioBuilder& b, const PolicySpec& policy = {}) {
    return simulate(b.s, policy, RunOptions{});
}

// Strike on day 5 takes half of P's capacity (50/day) for 3 days, step repair.
// R's stock before eating, what it eats, its order and what P makes (= ships
// in the middle of the cycle, arriving at once, first serving what is open):
//   d0-d4: 80, eats 80 -> 0, orders 80, P makes 80 -> 80.
//   d5: 80, eats 80 -> 0, orders 80 + 80 - 80 = 80, P makes 50 -> 50.
//   d6: 50, eats 50 (30 open), orders 80 + 80 - 50 = 110, P makes 50: 30 serve
//       the open demand -> 20.
//   d7: 20, eats 20 (60 open), orders 140, P makes 50: all 50 serve -> 10
//       unmet, 0 left.
//   d8 (repaired): 0 (80 open), orders 160, P makes 100: 80 serve -> 20.
//   d9: 20 (60 open), orders 140, P makes 100 -> 40; d10: orders 120 -> 60;
//   d11: orders 100 -> 80; d12: eats 80, orders 80, P makes 80: steady.
// Total unmet = 10 (day 7); output 50 on days 5-7 and 100 on days 8-11.
// Firms: firms_damaged defaults to capacity_loss, so on days 5-7 5 of 10 are
// able to work; P's output 50 is at least its baseline 80 x availability 0.5
// = 40, so its work share is 1: 5 active, 0 idle. Day 8: 10 able, output 100
// >= 80: 10 active.
TEST(HandCase, StrikeOnOneParkChainLosesTenUnits) {
    ScenarioBuilder b = one_park_chain();
    b.strike("P", 5, 0.5, 3);
    const RunResult r = run(b);
    EXPECT_NEAR(totals(r, "food").unmet, 10.0, 1e-9);
    EXPECT_NEAR(day_row(r, 4, "P", "food").produced, 80.0, 1e-9);
    for (int d : {5, 6, 7}) EXPECT_NEAR(day_row(r, d, "P", "food").produced, 50.0, 1e-9) << d;
    for (int d : {8, 9, 10, 11}) EXPECT_NEAR(day_row(r, d, "P", "food").produced, 100.0, 1e-9) << d;
    EXPECT_NEAR(day_row(r, 12, "P", "food").produced, 80.0, 1e-9);
    EXPECT_NEAR(day_row(r, 6, "R", "food").unmet, 0.0, 1e-9);
    EXPECT_NEAR(day_row(r, 6, "R", "food").stock, 20.0, 1e-9);
    EXPECT_NEAR(day_row(r, 7, "R", "food").unmet, 10.0, 1e-9);
    EXPECT_NEAR(day_row(r, 8, "R", "food").unmet, 0.0, 1e-9);
    EXPECT_NEAR(day_row(r, 8, "R", "food").stock, 20.0, 1e-9);
    EXPECT_NEAR(day_row(r, 11, "R", "food").stock, 80.0, 1e-9);
    // The daily essential totals say the same, with or without the time series.
    ASSERT_EQ(r.essential_by_day.size(), 20u);
    EXPECT_EQ(r.essential_by_day[7].day, 7);
    EXPECT_NEAR(r.essential_by_day[7].demand, 80.0, 1e-9);
    EXPECT_NEAR(r.essential_by_day[7].delivered, 70.0, 1e-9);
    EXPECT_NEAR(r.essential_by_day[8].delivered, 80.0, 1e-9);
    const RunResult lean = simulate(b.s, PolicySpec{}, RunOptions{1, false});
    EXPECT_NEAR(lean.essential_by_day[7].delivered, 70.0, 1e-9);
    EXPECT_NEAR(day_row(r, 6, "P", "food").capacity_available, 50.0, 1e-9);
    EXPECT_EQ(firm_row(r, 5, "P").firms_active, 5);
    EXPECT_EQ(firm_row(r, 5, "P").firms_idle, 0);
    EXPECT_EQ(firm_row(r, 8, "P").firms_active, 10);
    EXPECT_EQ(firm_row(r, 8, "P").firms_idle, 0);
    EXPECT_DOUBLE_EQ(r.kpi.min_active_firm_share, 0.5);
}

// Resilience measures of the same strike (window = the whole run, days 0-19):
// - R first goes short at day 7: time-to-survive 7 days (median of one pair);
// - P's output (baseline 80/day) drops to 50 on day 5 (< 95 % = 76) and is
//   back (100) on day 8: time-to-recover 3 days;
// - person-days short: day 7, 1000 people x 10/80 of their food missing x 1 day = 125;
// - R's fill rate: 1590 of 1600 = 0.99375 (also the worst region's);
// - lost output: 30 on each of days 5-7 = 90 units; output against baseline:
//   (1600 - 90 + 4 x 20 catch-up on days 8-11) / 1600 = 0.99375.
TEST(HandCase, StrikeResilienceMeasures) {
    ScenarioBuilder b = one_park_chain();
    b.strike("P", 5, 0.5, 3);
    const Kpis k = run(b).kpi;
    EXPECT_NEAR(k.time_to_survive_min_days, 7.0, 1e-9);
    EXPECT_NEAR(k.time_to_survive_median_days, 7.0, 1e-9);
    EXPECT_NEAR(k.time_to_recover_median_days, 3.0, 1e-9);
    EXPECT_NEAR(k.time_to_recover_max_days, 3.0, 1e-9);
    EXPECT_NEAR(k.person_days_short, 125.0, 1e-9);
    EXPECT_NEAR(k.worst_region_essential_fill_rate, 0.99375, 1e-12);
    EXPECT_NEAR(k.essential_fill_rate, 0.99375, 1e-12);
    EXPECT_NEAR(k.lost_output_units, 90.0, 1e-9);
    EXPECT_NEAR(k.essential_output_vs_baseline, 0.99375, 1e-12);
}

// Undisturbed, nothing is ever short: time-to-survive is censored at the end
// of the run (20 days after the window start) and nothing needs recovering.
// R's whole target is its one day of safety stock (no review period, no lead
// time) and it gets its demand: every day it eats the 80 it holds and
// receives 80 to hold again.
TEST(HandCase, UndisturbedRunHasCensoredSurvivalAndNoRecovery) {
    const RunResult r = run(one_park_chain());
    EXPECT_NEAR(r.kpi.time_to_survive_min_days, 20.0, 1e-9);
    EXPECT_DOUBLE_EQ(r.kpi.time_to_recover_max_days, 0.0);
    ASSERT_EQ(r.resilience.size(), 1u);
    EXPECT_TRUE(r.resilience[0].censored);
    EXPECT_DOUBLE_EQ(r.kpi.unmet_units, 0.0);
    for (int d = 0; d < 20; ++d) {
        EXPECT_NEAR(day_row(r, d, "R", "food").delivered, 80.0, 1e-9) << d;
        EXPECT_NEAR(day_row(r, d, "R", "food").received, 80.0, 1e-9) << d;
        EXPECT_NEAR(day_row(r, d, "R", "food").stock, 80.0, 1e-9) << d;
    }
}

// Days 0..20 are 20 calendar days (the run ends at the start of day 20), so
// progress reports (1, 20), (2, 20), ..., (20, 20), once each. With 4-hour
// cycles and a start at noon of day -1 ([-0.5, 3)), the run touches days
// -1, 0, 1 and 2: four reports, the first after half a day.
TEST(HandCase, ProgressReportsEachSimulatedDayOnce) {
    std::vector<std::pair<std::size_t, std::size_t>> seen;
    RunOptions options;
    options.progress = [&seen](std::size_t done, std::size_t total) {
        seen.emplace_back(done, total);
    };
    const RunResult daily = simulate(one_park_chain().s, PolicySpec{}, options);
    ASSERT_EQ(seen.size(), 20u);
    for (std::size_t k = 0; k < seen.size(); ++k)
        EXPECT_EQ(seen[k], std::make_pair(k + 1, std::size_t{20}));
    // Reporting progress does not change the run.
    EXPECT_EQ(daily.kpi.list(), run(one_park_chain()).kpi.list());

    ScenarioBuilder b = one_park_chain();
    b.s.start_day = -0.5;
    b.s.end_day = 3.0;
    b.s.step_hours = 4.0;
    b.s.disruption_window = {-0.5, 3.0};
    seen.clear();
    (void)simulate(b.s, PolicySpec{}, options);
    EXPECT_EQ(seen,
              (std::vector<std::pair<std::size_t, std::size_t>>{{1, 4}, {2, 4}, {3, 4}, {4, 4}}));
}

// Linear recovery over 4 days of a 100 % strike at day 5: availability at the
// day-d cycle is (d-5)/4: d5 0, d6 25, d7 50, d8 75, d9 100 (units/day).
TEST(HandCase, LinearRecoveryRestoresCapacityEvenly) {
    ScenarioBuilder b = one_park_chain();
    b.strike("P", 5, 1.0, 4, Recovery::Linear);
    const RunResult r = run(b);
    const double expected[] = {0, 25, 50, 75, 100};
    for (int d = 5; d <= 9; ++d)
        EXPECT_NEAR(day_row(r, d, "P", "food").capacity_available, expected[d - 5], 1e-9) << d;
    // A park with no capacity at all on day 5 is not operational.
    EXPECT_DOUBLE_EQ(r.kpi.min_operational_park_share, 0.0);
}

// The link P->R is cut on days 5 and 6 (reopens at 7.0), no rerouting. While
// it is closed nothing can come, so R orders nothing over it (orders follow
// the open links) and P, without orders, makes nothing:
//   d5: R eats its 80 -> 0.  d6: nothing on hand or coming: 80 unmet.
//   d7: reopened: 80 open, position 0, orders 80 + 80 = 160, P makes 100:
//       80 serve the open demand -> 20.
//   d8: 60 open, orders 140, 100 -> 40; d9: orders 120 -> 60; d10: 100 -> 80;
//   then steady.
// Total unmet = 80 (day 6). Firms: on days 5 and 6 all 10 are able to work
// but P has no orders and makes nothing (work share 0): 0 active, 10 idle.
TEST(HandCase, LinkCutWithoutRerouteStarvesTheRegion) {
    ScenarioBuilder b = one_park_chain();
    b.cut("P->R", 5, 2);
    const RunResult r = run(b);
    EXPECT_NEAR(totals(r, "food").unmet, 80.0, 1e-9);
    EXPECT_NEAR(day_row(r, 5, "R", "food").unmet, 0.0, 1e-9);
    EXPECT_NEAR(day_row(r, 6, "R", "food").unmet, 80.0, 1e-9);
    EXPECT_NEAR(day_row(r, 7, "R", "food").unmet, 0.0, 1e-9);
    EXPECT_NEAR(day_row(r, 7, "R", "food").delivered, 80.0, 1e-9);
    EXPECT_NEAR(day_row(r, 7, "R", "food").stock, 20.0, 1e-9);
    EXPECT_NEAR(day_row(r, 10, "R", "food").stock, 80.0, 1e-9);
    EXPECT_NEAR(day_row(r, 5, "P", "food").shipped, 0.0, 1e-12);
    EXPECT_NEAR(day_row(r, 7, "P", "food").shipped, 100.0, 1e-9);
    for (int d : {5, 6}) {
        EXPECT_EQ(firm_row(r, d, "P").firms_active, 0) << d;
        EXPECT_EQ(firm_row(r, d, "P").firms_idle, 10) << d;
    }
    EXPECT_EQ(firm_row(r, 7, "P").firms_active, 10);
    EXPECT_EQ(firm_row(r, 7, "P").firms_idle, 0);
    EXPECT_DOUBLE_EQ(r.kpi.min_active_firm_share, 0.0);
}

// Same cut, but a road P->X->R exists through region X (which eats nothing):
// with rerouting the flow takes it, so nothing is unmet. Transit is the sum
// of the hops (3 h + 5 h = 1/3 day), which becomes R's lead time L, so its
// target position is 80 x (0 + 1/3 + 1) = 320/3:
//   d5: R eats its 80 -> 0 (position 80), orders 80 + (320/3 - 80) = 320/3;
//       P makes its 100, which leave in the middle of the cycle and arrive
//       at 5.5 + 8 h: received on day 5 = 100.
//   d6: eats 80 -> 20 (position 100), orders 80 + 320/3 - 100 = 260/3, all
//       made and received -> 320/3.
//   d7: P->R open again (L = 0, target 80): eats 80 -> 80/3 (position
//       320/3), orders 80 + 80 - 320/3 = 160/3, received at once -> 80.
// Without rerouting R loses 80 as above.
TEST(HandCase, RerouteBypassesACutLink) {
    ScenarioBuilder b = one_park_chain();
    b.region("X", 10, {});
    b.link("P", "X", 1000, 3).link("X", "R", 1000, 5);
    b.cut("P->R", 5, 2);
    PolicySpec reroute;
    reroute.reroute = true;
    const RunResult r = run(b, reroute);
    EXPECT_NEAR(totals(r, "food").unmet, 0.0, 1e-9);
    EXPECT_NEAR(day_row(r, 5, "R", "food").received, 100.0, 1e-9);
    EXPECT_NEAR(day_row(r, 6, "R", "food").received, 260.0 / 3.0, 1e-9);
    EXPECT_NEAR(day_row(r, 6, "R", "food").stock, 320.0 / 3.0, 1e-9);
    EXPECT_NEAR(day_row(r, 7, "R", "food").received, 160.0 / 3.0, 1e-9);
    EXPECT_NEAR(day_row(r, 7, "R", "food").stock, 80.0, 1e-9);
    const RunResult without = run(b);
    EXPECT_NEAR(totals(without, "food").unmet, 80.0, 1e-9);
}

// The detour itself is cut on day 6 (X->R closed for one day) while P->R is
// still closed (days 5-8): nothing can reach R that day, and the detour
// resumes on day 7. With the detour R's lead time is 1/3 day and its target
// position 320/3 (see above); without any route, L = 0 and the target is 80.
//   d5: as above: eats 80 -> 0, P's 100 arrive at 5.5 + 8 h -> 100.
//   d6: no route: eats 80 -> 20; its order (80 + 80 - 100 = 60) cannot be
//       placed anywhere: 0 arrive.
//   d7: X->R open again: eats its last 20 (60 open), position 20, orders
//       80 + 320/3 - 20 > 100, P makes its 100; they arrive at 7.5 + 8 h,
//       while the day-7 demand is still open, and serve its 60 -> 40.
//   d8: eats 40 (40 open), orders 80 + 320/3 - 40 > 100, P's 100 arrive at
//       8.5 + 8 h and serve the 40 -> 60.
//   d9: P->R open (L = 0): eats 60 (20 open), orders 80 + 80 - 60 = 100,
//       received at once: 20 serve -> 80; steady.
// R never goes short: what it lacks on days 7 and 8 arrives within the cycle.
TEST(HandCase, CuttingTheDetourStopsTheReroutedFlowUntilItReopens) {
    ScenarioBuilder b = one_park_chain();
    b.region("X", 10, {});
    b.link("P", "X", 1000, 3).link("X", "R", 1000, 5);
    b.cut("P->R", 5, 4);
    b.cut("X->R", 6, 1);
    PolicySpec reroute;
    reroute.reroute = true;
    const RunResult r = run(b, reroute);
    EXPECT_NEAR(day_row(r, 5, "R", "food").received, 100.0, 1e-9);
    EXPECT_NEAR(day_row(r, 6, "R", "food").received, 0.0, 1e-12);
    EXPECT_NEAR(day_row(r, 6, "R", "food").stock, 20.0, 1e-9);
    EXPECT_NEAR(day_row(r, 7, "R", "food").received, 100.0, 1e-9);
    EXPECT_NEAR(day_row(r, 7, "R", "food").delivered, 80.0, 1e-9);
    EXPECT_NEAR(day_row(r, 7, "R", "food").stock, 40.0, 1e-9);
    EXPECT_NEAR(day_row(r, 8, "R", "food").stock, 60.0, 1e-9);
    EXPECT_NEAR(day_row(r, 9, "R", "food").received, 100.0, 1e-9);
    EXPECT_NEAR(day_row(r, 9, "R", "food").stock, 80.0, 1e-9);
    EXPECT_NEAR(totals(r, "food").unmet, 0.0, 1e-9);
}

// Half of P's workers are absent on days 5-7: capacity 50/day as in the
// strike case, hence the same 10 units unmet (day 7). Firms: 10 x (1 - 0.5)
// = 5 able to work; P makes 50 >= its baseline 80 x availability 0.5 = 40, so
// all 5 are active and none idle (the other 5 are absent, neither).
TEST(HandCase, LaborShockCutsCapacityAndFirms) {
    ScenarioBuilder b = one_park_chain();
    b.labor("P", 5, 3, 0.5);
    const RunResult r = run(b);
    EXPECT_NEAR(totals(r, "food").unmet, 10.0, 1e-9);
    EXPECT_NEAR(day_row(r, 7, "R", "food").unmet, 10.0, 1e-9);
    EXPECT_NEAR(day_row(r, 6, "P", "food").capacity_available, 50.0, 1e-9);
    EXPECT_EQ(firm_row(r, 6, "P").firms_active, 5);
    EXPECT_EQ(firm_row(r, 6, "P").firms_idle, 0);
    EXPECT_EQ(firm_row(r, 8, "P").firms_active, 10);
}

// Regions A and B have 1000 people each and eat 100/day (0.1 a head). Half
// of A (500 people) moves to B from day 5 over 2 days, evenly: by time t,
// 500 x min(1, (t - 5) / 2) have moved. It starts at day 5, before that
// day's cycle (disruptions come before the cycle at the same instant). A
// cycle moves the displacements under way to its middle (t + 0.5 with daily
// cycles) before its demand is computed, so:
//   d4 (middle 4.5): not started: A 1000, B 1000;
//   d5 (middle 5.5): 500 x 0.5 / 2 = 125 moved: A 875, B 1125;
//   d6 (middle 6.5): 500 x 1.5 / 2 = 375 moved: A 625, B 1375;
//   d7 (middle 7.5): all 500 moved: A 500, B 1500; d8 the same.
// Demand follows people:
//   A: d4 100, d5 87.5, d6 62.5, d7 50, d8 50;
//   B: d4 100, d5 112.5, d6 137.5, d7 150, d8 150.
// Nothing is unmet: each region keeps the default safety stock (2 days, so
// target 2 x level, no review period or lead time) and closes its gap over 2
// days; P (1000/day) makes all it is asked for, which leaves in the middle of
// the cycle and arrives at once. A region with stock s at a cycle's start
// and plan p orders p + (2 level - s) / 2 (when that is above 0) and starts
// the next cycle with s - p + that = s / 2 + level (else s - p >= p +
// 2 level). A's plans, and so its level (a weighted mean of them), are
// between 50 and 100: from s >= 100 it keeps s >= 50 + 50 = 100 >= its
// demand. B's are between 100 and 150: from s >= 150 it keeps s >= 75 + 100
// >= 150 >= its demand. Both start with 200.
TEST(HandCase, DisplacementMovesDemandWithPeople) {
    ScenarioBuilder b(0, 10);
    b.product("food");
    b.producer("P", {qty("food", 1000)});
    b.region("A", 1000, {qty("food", 100)}, {qty("food", 200)});
    b.region("B", 1000, {qty("food", 100)}, {qty("food", 200)});
    b.link("P", "A", 1000, 0).link("P", "B", 1000, 0);
    b.displacement("A", "B", 5, 0.5, 2);
    const RunResult r = run(b);
    const double a[] = {100, 87.5, 62.5, 50, 50}, bb[] = {100, 112.5, 137.5, 150, 150};
    for (int d = 4; d <= 8; ++d) {
        EXPECT_NEAR(day_row(r, d, "A", "food").demand, a[d - 4], 1e-9) << d;
        EXPECT_NEAR(day_row(r, d, "B", "food").demand, bb[d - 4], 1e-9) << d;
    }
    EXPECT_NEAR(totals(r, "food").unmet, 0.0, 1e-9);
}

// Shares compound: two displacements of half of A, at once, on days 5.25 and
// 5.5 (within the day-5 cycle). The first moves 500 of A's 1000 people; the
// second half of the 500 left, 250: A keeps 250, B has 1750. A third, gradual
// one (a quarter of A over 2 days from day 5.75) takes a quarter of those 250
// = 62.5 people, 62.5 x min(1, (t - 5.75) / 2) of them by time t. A cycle
// moves the displacements under way to its middle before computing its
// demand; the day-5 cycle runs at day 5, before any of the three has begun
// (none is under way then), so its demand is that of the 1000 and 1000.
// Then, at the middles of the cycles:
//   d6 (6.5): 62.5 x 0.75 / 2 = 23.4375 moved: A 226.5625, B 1773.4375;
//   d7 (7.5): 62.5 x 1.75 / 2 = 54.6875 moved: A 195.3125, B 1804.6875;
//   d8 (8.5): all 62.5 moved: A 187.5, B 1812.5.
// Demand is 0.1 a head:
//   A: d5 100, d6 22.65625, d7 19.53125, d8 18.75;
//   B: d5 100, d6 177.34375, d7 180.46875, d8 181.25.
TEST(HandCase, DisplacementSharesCompoundWithinACycle) {
    ScenarioBuilder b(0, 10);
    b.product("food");
    b.producer("P", {qty("food", 1000)});
    b.region("A", 1000, {qty("food", 100)}, {qty("food", 200)});
    b.region("B", 1000, {qty("food", 100)}, {qty("food", 200)});
    b.link("P", "A", 1000, 0).link("P", "B", 1000, 0);
    b.displacement("A", "B", 5.25, 0.5, 0);
    b.displacement("A", "B", 5.5, 0.5, 0);
    b.displacement("A", "B", 5.75, 0.25, 2);
    const RunResult r = run(b);
    const double a[] = {100, 22.65625, 19.53125, 18.75}, bb[] = {100, 177.34375, 180.46875, 181.25};
    for (int d = 5; d <= 8; ++d) {
        EXPECT_NEAR(day_row(r, d, "A", "food").demand, a[d - 5], 1e-9) << d;
        EXPECT_NEAR(day_row(r, d, "B", "food").demand, bb[d - 5], 1e-9) << d;
    }
}

// A demand shock x1.5 on days 2-3 raises R's want and plan to 120/day. Its
// target position (no review period, no lead time, one day of safety stock:
// 1 day of use) follows the use smoothed over its replenishment time of 1
// day: each day the level moves a = 1 - e^-1 of the way to the day's use,
// from 80:
//   level d2 = 80 + 40a, d3 = 120 - 40e^-2, d4 = 80 + 40(e^-1 - e^-3),
//   d5 = 80 + 40(e^-2 - e^-4), d6 = 80 + 40(e^-3 - e^-5) = 81.72.
// P (100/day) cannot follow at once, but what arrives within the cycle
// serves what R could not eat from stock:
//   d2: eats its 80 (40 open), position 80, orders 120 + level - 80 = 145.3,
//       P makes 100: 40 serve -> 60.
//   d3: eats 60 (60 open), orders 120 + 114.6 - 60 = 174.6, P makes 100: 60
//       serve -> 40.
//   d4: shock over: eats 40 (40 open), orders 80 + 92.7 - 40 = 132.7, P
//       makes 100: 40 serve -> 60.
//   d5: eats 60 (20 open), orders 80 + 84.7 - 60 = 104.7, P makes 100 -> 80.
//   d6: eats 80, orders 80 + level d6 - 80 = level d6, which P makes.
// Nothing unmet; demand rows 120 on days 2 and 3.
TEST(HandCase, DemandShockRaisesDemandAndTargets) {
    ScenarioBuilder b = one_park_chain();
    b.demand_shock("R", "food", 2, 2, 1.5);
    const RunResult r = run(b);
    EXPECT_NEAR(day_row(r, 2, "R", "food").demand, 120.0, 1e-9);
    EXPECT_NEAR(day_row(r, 3, "R", "food").demand, 120.0, 1e-9);
    EXPECT_NEAR(day_row(r, 4, "R", "food").demand, 80.0, 1e-9);
    EXPECT_NEAR(day_row(r, 2, "R", "food").delivered, 120.0, 1e-9);
    EXPECT_NEAR(day_row(r, 2, "R", "food").stock, 60.0, 1e-9);
    EXPECT_NEAR(day_row(r, 3, "R", "food").stock, 40.0, 1e-9);
    EXPECT_NEAR(day_row(r, 4, "R", "food").stock, 60.0, 1e-9);
    EXPECT_NEAR(day_row(r, 5, "R", "food").stock, 80.0, 1e-9);
    for (int d = 2; d <= 5; ++d) EXPECT_NEAR(day_row(r, d, "P", "food").produced, 100.0, 1e-9) << d;
    const double level6 = 80.0 + 40.0 * (std::exp(-3.0) - std::exp(-5.0));
    EXPECT_NEAR(day_row(r, 6, "P", "food").produced, level6, 1e-9);
    EXPECT_NEAR(day_row(r, 6, "R", "food").stock, level6, 1e-9);
    EXPECT_NEAR(totals(r, "food").unmet, 0.0, 1e-9);
}

// Self-use: a unit of food (gross) takes 0.2 food and 0.4 grain. The model
// works in net output: P's capacity of 100 gross is 100 x (1 - 0.2) = 80 net
// food a day, and a net unit needs 0.4 / (1 - 0.2) = 0.5 grain. P holds 1000
// grain. R eats 100/day and holds nothing (no safety stock, so with no review
// period or lead time its target is 0; gap closed in one cycle): every day it
// has 100 open, orders 100 + (0 - 0) = 100, and P makes its 80 net (using 40
// grain), which arrive in the middle of the cycle and serve 80:
// 20 unmet a day, 100 over the 5 days; P's grain: 1000 - 5 x 40 = 800.
TEST(HandCase, SelfUseRecipeWorksInNetOutput) {
    ScenarioBuilder b(0, 5);
    b.product("grain", ProductCategory::Intermediate).product("food");
    b.recipe("food", {qty("grain", 0.4), qty("food", 0.2)});
    b.producer("P", {qty("food", 100)}).stock = {qty("grain", 1000)};
    NodeSpec& r = b.region("R", 1000, {qty("food", 100)});
    r.stock_target_days = 0;
    r.replenishment_days = 1;
    b.link("P", "R", 1000, 0);
    const RunResult res = run(b);
    for (int d = 0; d < 5; ++d) {
        EXPECT_NEAR(day_row(res, d, "P", "food").capacity_available, 80.0, 1e-9) << d;
        EXPECT_NEAR(day_row(res, d, "P", "food").produced, 80.0, 1e-9) << d;
        EXPECT_NEAR(day_row(res, d, "P", "grain").consumed_inputs, 40.0, 1e-9) << d;
        EXPECT_NEAR(day_row(res, d, "R", "food").unmet, 20.0, 1e-9) << d;
    }
    EXPECT_NEAR(day_row(res, 4, "P", "grain").stock, 800.0, 1e-9);
    EXPECT_NEAR(totals(res, "food").unmet, 100.0, 1e-9);
}

// Depots D1 and D2 supply each other, so D1->D2 and D2->D1 are lateral.
// Each has a primary supplier (P1 -> D1, P2 -> D2, 100/day each, enough for
// the 80/day of its region R1, R2), so at baseline nothing is planned over
// the lateral channels. Depots hold 160 with two days of safety stock,
// regions 80 with one; neither has a review period, so their targets are
// 80 x (0 + 0 + 2) = 160 and 80 x (0 + 0 + 1) = 80. Gaps close in one cycle;
// no transit time. Depots ship at the cycle's start, P1 and P2 in its
// middle. A depot asks a neighbour only when the neighbour's stock covers
// more days than its own, and a depot serves lateral requests only from
// what its own customers leave; a depot that could not fill a request owes
// the rest until the cycle ends and passes on at once what reaches it
// meanwhile, except over a lateral channel.
//   d0, d1: all order 80; D1 and D2 ship 80 and get 80 from P1 and P2: steady.
//   d2: P1 struck (100 %, two days). D1 (160, need 80 + 160 - 160 = 80)
//       finds P1 empty, but D2's cover (160 / 80 = 2 days) is no better
//       than its own (2): its order stays on P1, which grants nothing. D1
//       ships R1's 80 from stock -> 80.
//   d3: D1 needs 80 + (160 - 80) = 160; P1 can provide nothing and D2 now
//       covers more (2 days against 1), so all 160 go to D2. D2 (160 on
//       hand) serves R2's 80 first and D1 the 80 left; the other 80 of D1's
//       request are not owed, its channel being lateral. Its own order
//       stays 80 (position 160), which P2 makes; they reach D2 in the middle
//       of the cycle and stay. D2 ships 80 + 80 = 160 and ends with
//       160 - 160 + 80 = 80; D1 ships R1's 80 from its 80 and receives D2's
//       80 -> 80. Nothing unmet.
TEST(HandCase, LateralDepotChannelsTakeOnlyWhatPrimarySuppliersCannotProvide) {
    ScenarioBuilder b(0, 4);
    b.product("food");
    b.producer("P1", {qty("food", 100)});
    b.producer("P2", {qty("food", 100)});
    b.node("D1", NodeKind::Depot);
    b.node("D2", NodeKind::Depot);
    b.region("R1", 1000, {qty("food", 80)});
    b.region("R2", 1000, {qty("food", 80)});
    for (NodeSpec& n : b.s.nodes) {
        if (n.kind == NodeKind::Park) continue;
        const bool depot = n.kind == NodeKind::Depot;
        n.stock = {qty("food", depot ? 160 : 80)};
        n.stock_target_days = depot ? 2 : 1;
        n.replenishment_days = 1;
    }
    b.link("P1", "D1", 1000, 0).link("P2", "D2", 1000, 0);
    b.link("D1", "D2", 1000, 0).link("D2", "D1", 1000, 0);
    b.link("D1", "R1", 1000, 0).link("D2", "R2", 1000, 0);
    b.strike("P1", 2, 1.0, 2);
    const RunResult r = run(b);
    for (int d : {0, 1}) {
        EXPECT_NEAR(day_row(r, d, "P1", "food").shipped, 80.0, 1e-9) << d;
        EXPECT_NEAR(day_row(r, d, "D1", "food").received, 80.0, 1e-9) << d;
        EXPECT_NEAR(day_row(r, d, "D2", "food").shipped, 80.0, 1e-9) << d;
        EXPECT_NEAR(day_row(r, d, "D2", "food").stock, 160.0, 1e-9) << d;
    }
    EXPECT_NEAR(day_row(r, 2, "D1", "food").received, 0.0, 1e-9);
    EXPECT_NEAR(day_row(r, 2, "D1", "food").stock, 80.0, 1e-9);
    EXPECT_NEAR(day_row(r, 2, "D2", "food").shipped, 80.0, 1e-9);
    EXPECT_NEAR(day_row(r, 2, "D2", "food").stock, 160.0, 1e-9);
    EXPECT_NEAR(day_row(r, 3, "P2", "food").produced, 80.0, 1e-9);
    EXPECT_NEAR(day_row(r, 3, "D2", "food").received, 80.0, 1e-9);
    EXPECT_NEAR(day_row(r, 3, "D2", "food").shipped, 160.0, 1e-9);
    EXPECT_NEAR(day_row(r, 3, "D2", "food").stock, 80.0, 1e-9);
    EXPECT_NEAR(day_row(r, 3, "D1", "food").shipped, 80.0, 1e-9);
    EXPECT_NEAR(day_row(r, 3, "D1", "food").received, 80.0, 1e-9);
    EXPECT_NEAR(day_row(r, 3, "D1", "food").stock, 80.0, 1e-9);
    for (int d : {2, 3}) {
        EXPECT_NEAR(day_row(r, d, "R1", "food").received, 80.0, 1e-9) << d;
        EXPECT_NEAR(day_row(r, d, "R2", "food").received, 80.0, 1e-9) << d;
    }
    EXPECT_NEAR(totals(r, "food").unmet, 0.0, 1e-9);
}

// A depot whose primary supplier cannot make all its region needs gets the
// rest as a planned flow over a lateral channel. P1 makes 50/day for D1,
// whose region R1 eats 80; P2 makes 120 for D2, whose R2 eats 80. At
// baseline D1's primary fills 50 / 80 of its need: a deficit of 30/day,
// which D2 can cover from P2's spare 120 - 80 = 40. So D2 -> D1 plans 30/day:
// 30 / 80 = 0.375 of D1's orders, and D2's plan is 80 + 30 = 110.
// Depots keep two days of safety stock and regions one; neither has a review
// period and there is no transit time, so the targets are 80 x 2 = 160 (D1),
// 110 x 2 = 220 (D2) and 80 x 1 = 80 (regions), which they hold at the start.
//   Every day: R1, R2 eat their 80 and order 80. D1 (position 160) needs 80:
//   0.375 x 80 = 30 from D2, 50 from P1; D2 (position 220) needs 110, all
//   from P2 (within its 120). P1 makes 50, P2 makes 110. D2 ships
//   80 + 30 = 110 and D1 80 at the cycle's start (neither is short, so
//   nothing is owed); P1's 50 and P2's 110 leave in the middle of the cycle
//   and arrive at once. D1 receives 30 + 50 = 80: both end where they
//   began. Nothing unmet.
TEST(HandCase, PlannedLateralFlowCoversAPrimaryShortfall) {
    ScenarioBuilder b(0, 5);
    b.product("food");
    b.producer("P1", {qty("food", 50)});
    b.producer("P2", {qty("food", 120)});
    b.node("D1", NodeKind::Depot).stock = {qty("food", 160)};
    b.node("D2", NodeKind::Depot).stock = {qty("food", 220)};
    b.region("R1", 1000, {qty("food", 80)}, {qty("food", 80)});
    b.region("R2", 1000, {qty("food", 80)}, {qty("food", 80)});
    for (NodeSpec& n : b.s.nodes) {
        if (n.kind == NodeKind::Park) continue;
        n.stock_target_days = n.kind == NodeKind::Depot ? 2 : 1;
        n.replenishment_days = 1;
    }
    b.link("P1", "D1", 1000, 0).link("P2", "D2", 1000, 0);
    b.link("D1", "D2", 1000, 0).link("D2", "D1", 1000, 0);
    b.link("D1", "R1", 1000, 0).link("D2", "R2", 1000, 0);
    const RunResult r = run(b);
    for (int d = 0; d < 5; ++d) {
        EXPECT_NEAR(day_row(r, d, "P1", "food").produced, 50.0, 1e-9) << d;
        EXPECT_NEAR(day_row(r, d, "P2", "food").produced, 110.0, 1e-9) << d;
        EXPECT_NEAR(day_row(r, d, "D2", "food").shipped, 110.0, 1e-9) << d;
        EXPECT_NEAR(day_row(r, d, "D1", "food").received, 80.0, 1e-9) << d;
        EXPECT_NEAR(day_row(r, d, "D1", "food").shipped, 80.0, 1e-9) << d;
        EXPECT_NEAR(day_row(r, d, "D1", "food").stock, 160.0, 1e-9) << d;
        EXPECT_NEAR(day_row(r, d, "D2", "food").stock, 220.0, 1e-9) << d;
    }
    EXPECT_NEAR(totals(r, "food").unmet, 0.0, 1e-9);
}

// Three depots in a ring, linked both ways, each with its own source and
// region; no transit time, so what a depot ships beyond what its region
// receives went to another depot that same day. Without disruption nothing
// moves between depots (each source covers its region); with a strike on
// one source and a demand surge, goods may move between depots, but never
// both ways in a day (cover decides who asks whom), and never more than the
// struck depot's region lacks.
TEST(HandCase, DepotsThatSupplyEachOtherDoNotCirculateGoods) {
    for (const bool disrupted : {false, true}) {
        ScenarioBuilder b(0, 20);
        b.product("food");
        const std::vector<std::string> ids{"1", "2", "3"};
        for (const std::string& i : ids) {
            b.producer("S" + i, {qty("food", 150)}, 1, NodeKind::Source);
            NodeSpec& d = b.node("D" + i, NodeKind::Depot);
            d.stock = {qty("food", 300)};
            d.stock_target_days = 2;
            b.region("R" + i, 1000, {qty("food", 100)}, {qty("food", 100)});
            b.link("S" + i, "D" + i, 1000, 0).link("D" + i, "R" + i, 1000, 0);
        }
        for (std::size_t i = 0; i < 3; ++i) {
            const std::string a = "D" + ids[i], c = "D" + ids[(i + 1) % 3];
            b.link(a, c, 1000, 0).link(c, a, 1000, 0);
        }
        if (disrupted) {
            b.strike("S1", 3, 1.0, 6);
            b.demand_shock("*", "food", 2, 4, 1.3);
        }
        const RunResult r = run(b);
        double moved = 0.0;
        for (int day = 0; day < 20; ++day) {
            double out_of[3], into[3];
            for (std::size_t i = 0; i < 3; ++i) {
                const DayRow& dep = day_row(r, day, "D" + ids[i], "food");
                const DayRow& src = day_row(r, day, "S" + ids[i], "food");
                const DayRow& reg = day_row(r, day, "R" + ids[i], "food");
                out_of[i] = dep.shipped - reg.received;  // to other depots
                into[i] = dep.received - src.shipped;    // from other depots
                EXPECT_GE(out_of[i], -1e-9) << day;
                EXPECT_GE(into[i], -1e-9) << day;
                moved += out_of[i];
            }
            // A depot that sends to another that day receives from none.
            for (std::size_t i = 0; i < 3; ++i)
                EXPECT_LE(std::min(out_of[i], into[i]), 1e-9) << "day " << day << " D" << ids[i];
        }
        if (!disrupted) {
            EXPECT_NEAR(moved, 0.0, 1e-9);
        } else {
            EXPECT_GT(moved, 0.0);  // the struck depot was helped...
            // ... by no more than its region's demand over the strike and
            // the days after it (6 days of repair, at most 130/day).
            EXPECT_LE(moved, 130.0 * 10);
        }
    }
}

// Bullwhip: source -> plant -> park -> depot -> region, 12 h per link, 4-hour
// cycles, replenishment_days = 4 everywhere; the region's demand swings
// +/-20 % every 2 days. Flows upstream vary no more than 1.5 times as much
// as demand does (standard deviation of daily figures once the swings run).
TEST(Invariants, OrdersDoNotAmplifyDemandSwingsUpTheChain) {
    ScenarioBuilder b(-10, 60, 4);
    b.product("ore", ProductCategory::Intermediate).product("part", ProductCategory::Intermediate);
    b.product("food");
    b.recipe("part", {qty("ore", 1.0)});
    b.recipe("food", {qty("part", 1.0)});
    b.producer("S", {qty("ore", 1000)}, 1, NodeKind::Source);
    b.producer("PL", {qty("part", 1000)}, 1, NodeKind::Plant).stock = {qty("ore", 300)};
    b.producer("PK", {qty("food", 1000)}).stock = {qty("part", 300)};
    b.node("D", NodeKind::Depot).stock = {qty("food", 300)};
    b.region("R", 1000, {qty("food", 100)}, {qty("food", 300)});
    for (NodeSpec& n : b.s.nodes) n.replenishment_days = 4;
    b.link("S", "PL", 1000, 12).link("PL", "PK", 1000, 12);
    b.link("PK", "D", 1000, 12).link("D", "R", 1000, 12);
    for (int day = 0; day < 60; day += 2)
        b.demand_shock("R", "food", day, 2, day % 4 == 0 ? 1.2 : 0.8);
    const RunResult r = run(b);
    auto spread = [&](const std::string& node, const std::string& product, double DayRow::*field) {
        double sum = 0.0, sq = 0.0, n = 0.0;
        for (int d = 10; d < 60; ++d) {
            const double x = day_row(r, d, node, product).*field;
            sum += x;
            sq += x * x;
            n += 1.0;
        }
        return std::sqrt(std::max(0.0, sq / n - (sum / n) * (sum / n)));
    };
    const double demand = spread("R", "food", &DayRow::demand);
    ASSERT_GT(demand, 0.0);
    EXPECT_LE(spread("D", "food", &DayRow::shipped) / demand, 1.5);
    EXPECT_LE(spread("PK", "food", &DayRow::produced) / demand, 1.5);
    EXPECT_LE(spread("PL", "part", &DayRow::produced) / demand, 1.5);
    EXPECT_LE(spread("S", "ore", &DayRow::produced) / demand, 1.5);
    EXPECT_NEAR(totals(r, "food").unmet, 0.0, 1e-9);
}

}  // namespace
}  // namespace shockflow::testing
