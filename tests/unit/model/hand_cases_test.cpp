// Small cases whose every number is derived by hand in the comment above it.
#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "shockflow/model/simulation.hpp"
#include "unit/model/builders.hpp"
#include "unit/model/query.hpp"

namespace shockflow::testing {
namespace {

// Most cases start from one_park_chain() (builders.hpp): park P, 100/day,
// feeding region R, 80/day with 160 on hand, over 20 days.

RunResult run(const ScenarioBuilder& b, const PolicySpec& policy = {}) {
    return simulate(b.s, policy, RunOptions{});
}

// Strike on day 5 takes half of P's capacity (50/day) for 3 days, step repair.
// Stock of R after eating / after delivery, day by day:
//   d5: 160-80=80, order 80, P makes 50 -> 130     d6: 50, order 110, 50 -> 100
//   d7: 20, order 140, 50 -> 70                     d8 (repaired): eats 70 of 80
//       -> 10 unmet, order 160, P makes 100 -> 100
//   d9: 20, order 140 -> 120; d10: 40 -> 140; d11: 60 -> 160; then steady.
// Total unmet = 10; output 50 on days 5-7 and 100 on days 8-11.
TEST(HandCase, StrikeOnOneParkChainLosesTenUnits) {
    ScenarioBuilder b = one_park_chain();
    b.strike("P", 5, 0.5, 3);
    const RunResult r = run(b);
    EXPECT_NEAR(totals(r, "food").unmet, 10.0, 1e-9);
    EXPECT_NEAR(day_row(r, 4, "P", "food").produced, 80.0, 1e-9);
    for (int d : {5, 6, 7}) EXPECT_NEAR(day_row(r, d, "P", "food").produced, 50.0, 1e-9) << d;
    for (int d : {8, 9, 10, 11}) EXPECT_NEAR(day_row(r, d, "P", "food").produced, 100.0, 1e-9) << d;
    EXPECT_NEAR(day_row(r, 12, "P", "food").produced, 80.0, 1e-9);
    EXPECT_NEAR(day_row(r, 8, "R", "food").unmet, 10.0, 1e-9);
    // The daily essential totals say the same, with or without the time series.
    ASSERT_EQ(r.essential_by_day.size(), 20u);
    EXPECT_EQ(r.essential_by_day[8].day, 8);
    EXPECT_NEAR(r.essential_by_day[8].demand, 80.0, 1e-9);
    EXPECT_NEAR(r.essential_by_day[8].delivered, 70.0, 1e-9);
    const RunResult lean = simulate(b.s, PolicySpec{}, RunOptions{1, false});
    EXPECT_NEAR(lean.essential_by_day[8].delivered, 70.0, 1e-9);
    EXPECT_NEAR(day_row(r, 6, "P", "food").capacity_available, 50.0, 1e-9);
    // firms_damaged defaults to capacity_loss: 5 of 10 firms out on days 5-7.
    EXPECT_EQ(firm_row(r, 5, "P").firms_active, 5);
    EXPECT_EQ(firm_row(r, 8, "P").firms_active, 10);
    EXPECT_DOUBLE_EQ(r.kpi.min_active_firm_share, 0.5);
}

// Resilience measures of the same strike (window = the whole run, days 0-19):
// - R first goes short at day 8: time-to-survive 8 days (median of one pair);
// - P's output (baseline 80/day) drops to 50 on day 5 (< 95 % = 76) and is
//   back (100) on day 8: time-to-recover 3 days;
// - person-days short: day 8, 1000 people x 10/80 of their food missing x 1 day = 125;
// - R's fill rate: 1590 of 1600 = 0.99375 (also the worst region's);
// - lost output: 30 on each of days 5-7 = 90 units; output against baseline:
//   (1600 - 90 + 4 x 20 catch-up on days 8-11) / 1600 = 0.99375.
TEST(HandCase, StrikeResilienceMeasures) {
    ScenarioBuilder b = one_park_chain();
    b.strike("P", 5, 0.5, 3);
    const Kpis k = run(b).kpi;
    EXPECT_NEAR(k.time_to_survive_min_days, 8.0, 1e-9);
    EXPECT_NEAR(k.time_to_survive_median_days, 8.0, 1e-9);
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
TEST(HandCase, UndisturbedRunHasCensoredSurvivalAndNoRecovery) {
    const RunResult r = run(one_park_chain());
    EXPECT_NEAR(r.kpi.time_to_survive_min_days, 20.0, 1e-9);
    EXPECT_DOUBLE_EQ(r.kpi.time_to_recover_max_days, 0.0);
    ASSERT_EQ(r.resilience.size(), 1u);
    EXPECT_TRUE(r.resilience[0].censored);
    EXPECT_DOUBLE_EQ(r.kpi.unmet_units, 0.0);
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

// The link P->R is cut on days 5 and 6 (reopens at 7.0), no rerouting.
//   d5: 80 left, nothing can come.  d6: eats the last 80 -> 0.
//   d7: reopened, but arrivals only come after eating: 80 unmet; order 160,
//       P makes 100 -> 100. d8: 20 -> 120; d9: 40 -> 140; d10: 60 -> 160.
// Total unmet = 80.
TEST(HandCase, LinkCutWithoutRerouteStarvesTheRegion) {
    ScenarioBuilder b = one_park_chain();
    b.cut("P->R", 5, 2);
    const RunResult r = run(b);
    EXPECT_NEAR(totals(r, "food").unmet, 80.0, 1e-9);
    EXPECT_NEAR(day_row(r, 7, "R", "food").unmet, 80.0, 1e-9);
    EXPECT_NEAR(day_row(r, 5, "P", "food").shipped, 0.0, 1e-12);
    EXPECT_NEAR(day_row(r, 7, "P", "food").shipped, 100.0, 1e-9);
}

// Same cut, but a road P->X->R exists through region X (which eats nothing):
// with rerouting the flow takes it, so nothing is unmet; transit is the sum
// of the hops (3 h + 5 h), so day-5 goods arrive at 5 + 8 h and are counted as
// received by R on day 5.
TEST(HandCase, RerouteBypassesACutLink) {
    ScenarioBuilder b = one_park_chain();
    b.region("X", 10, {});
    b.link("P", "X", 1000, 3).link("X", "R", 1000, 5);
    b.cut("P->R", 5, 2);
    PolicySpec reroute;
    reroute.reroute = true;
    const RunResult r = run(b, reroute);
    EXPECT_NEAR(totals(r, "food").unmet, 0.0, 1e-9);
    EXPECT_NEAR(day_row(r, 5, "R", "food").received, 80.0, 1e-9);
    const RunResult without = run(b);
    EXPECT_NEAR(totals(without, "food").unmet, 80.0, 1e-9);
}

// The detour itself is cut on day 6 (X->R closed for one day) while P->R is
// still closed: nothing can reach R that day, and the detour resumes on day 7.
//   d5: detour, 80 arrive (stock 160).  d6: eats 80 -> 80, no route: 0 arrive.
//   d7: X->R open again: eats 80 -> 0, orders 160, P makes 100 -> 100 arrive.
// R never goes short: it had 80 left for day 7's meal.
TEST(HandCase, CuttingTheDetourStopsTheReroutedFlowUntilItReopens) {
    ScenarioBuilder b = one_park_chain();
    b.region("X", 10, {});
    b.link("P", "X", 1000, 3).link("X", "R", 1000, 5);
    b.cut("P->R", 5, 4);
    b.cut("X->R", 6, 1);
    PolicySpec reroute;
    reroute.reroute = true;
    const RunResult r = run(b, reroute);
    EXPECT_NEAR(day_row(r, 5, "R", "food").received, 80.0, 1e-9);
    EXPECT_NEAR(day_row(r, 6, "R", "food").received, 0.0, 1e-12);
    EXPECT_NEAR(day_row(r, 7, "R", "food").received, 100.0, 1e-9);
    EXPECT_NEAR(totals(r, "food").unmet, 0.0, 1e-9);
}

// Half of P's workers are absent on days 5-7: capacity 50/day as in the
// strike case, hence the same 10 units unmet; 5 of 10 firms inactive.
TEST(HandCase, LaborShockCutsCapacityAndFirms) {
    ScenarioBuilder b = one_park_chain();
    b.labor("P", 5, 3, 0.5);
    const RunResult r = run(b);
    EXPECT_NEAR(totals(r, "food").unmet, 10.0, 1e-9);
    EXPECT_NEAR(day_row(r, 6, "P", "food").capacity_available, 50.0, 1e-9);
    EXPECT_EQ(firm_row(r, 6, "P").firms_active, 5);
    EXPECT_EQ(firm_row(r, 8, "P").firms_active, 10);
}

// Regions A and B have 1000 people each and eat 100/day. Half of A moves to
// B from day 5 over 2 days: at the day-6 cycle 1/2 of the move is done (250
// people), at day 7 all of it (500). Demand follows people:
//   A: d5 100, d6 75, d7 50;   B: d5 100, d6 125, d7 150.
TEST(HandCase, DisplacementMovesDemandWithPeople) {
    ScenarioBuilder b(0, 10);
    b.product("food");
    b.producer("P", {qty("food", 1000)});
    b.region("A", 1000, {qty("food", 100)}, {qty("food", 200)});
    b.region("B", 1000, {qty("food", 100)}, {qty("food", 200)});
    b.link("P", "A", 1000, 0).link("P", "B", 1000, 0);
    b.displacement("A", "B", 5, 0.5, 2);
    const RunResult r = run(b);
    const double a[] = {100, 75, 50}, bb[] = {100, 125, 150};
    for (int d = 5; d <= 7; ++d) {
        EXPECT_NEAR(day_row(r, d, "A", "food").demand, a[d - 5], 1e-9) << d;
        EXPECT_NEAR(day_row(r, d, "B", "food").demand, bb[d - 5], 1e-9) << d;
    }
    EXPECT_NEAR(totals(r, "food").unmet, 0.0, 1e-9);
}

// A demand shock x1.5 on days 2-3 raises R's want to 120/day; P (100/day)
// cannot follow at once:
//   d2: eats 120 -> 40, target 2 x 120 = 240, order 200, P makes 100 -> 140
//   d3: eats 120 -> 20, order 220, 100 -> 120
//   d4: shock over: eats 80 -> 40, order 120, 100 -> 140; d5: 60 -> 160.
// Nothing unmet; demand rows 120 on days 2 and 3.
TEST(HandCase, DemandShockRaisesDemandAndTargets) {
    ScenarioBuilder b = one_park_chain();
    b.demand_shock("R", "food", 2, 2, 1.5);
    const RunResult r = run(b);
    EXPECT_NEAR(day_row(r, 2, "R", "food").demand, 120.0, 1e-9);
    EXPECT_NEAR(day_row(r, 3, "R", "food").demand, 120.0, 1e-9);
    EXPECT_NEAR(day_row(r, 4, "R", "food").demand, 80.0, 1e-9);
    EXPECT_NEAR(day_row(r, 3, "R", "food").stock, 120.0, 1e-9);
    EXPECT_NEAR(day_row(r, 4, "R", "food").stock, 140.0, 1e-9);
    EXPECT_NEAR(totals(r, "food").unmet, 0.0, 1e-9);
}

}  // namespace
}  // namespace shockflow::testing
