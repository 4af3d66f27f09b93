// The answers per region (RunResult::regions), derived by hand on two small
// chains run side by side.
#include <gtest/gtest.h>

#include <cmath>

#include "shockflow/model/simulation.hpp"
#include "unit/model/builders.hpp"
#include "unit/model/query.hpp"

namespace shockflow::testing {
namespace {

const RegionSummary& region(const RunResult& r, const std::string& id) {
    const auto n = index_of(r.node_ids, id);
    for (const RegionSummary& s : r.regions)
        if (s.node == n) return s;
    throw std::out_of_range("no region " + id);
}

// Days [0, 20), one cycle a day, window [5, 15). A region counts no review
// period in its target, plan x (0 + L + S); with no transit (L = 0) and
// S = 1 day it aims at one day's use, and with replenishment_days = 1 it
// orders its use + (target - position), its position being what it had
// before eating. The parks make at the cycle's start and ship to the regions
// in its middle, where the goods arrive at once and first serve what the
// region could not eat from stock at the start.
// - R (1000 people) is one_park_chain's region: park P makes its food
//   (essential), 100/day, and R eats 80/day. A strike on day 5 halves P for
//   3 days; as derived in HandCase.StrikeOnOneParkChainLosesTenUnits, R is
//   short of 10 food on day 7 only.
//   R also wants 10 tools/day (capital) from park Q, which makes only 5/day.
//   R starts with 10 tools; its one day of safety stock (one_park_chain's)
//   makes its target of tools 10 x (0 + 0 + 1) = 10, no stock beyond a
//   day's use: day 0 it eats its 10 and orders 10 + (10 - 10) = 10, Q makes
//   5 -> 5 on hand; day 1 it eats those 5 (5 open), orders 10 + (10 - 5) =
//   15, and the 5 Q makes serve the rest (10 delivered, none left); from day
//   2 on it has nothing at the start and gets Q's 5 a day in the middle: 5
//   delivered, 5 unmet. Tools: 10 + 10 + 18 x 5 = 110 of 200.
// - R2 (500 people) eats 40 food/day from park P2 (100/day); it keeps one
//   day of safety stock (target 40 x (0 + 0 + 1) = 40, no stock beyond a
//   day's use) and starts with 40. Its only road is cut on days 1-2: day 0
//   it eats its 40 and P2's 40 come; day 1 it eats its 40 (orders 40, but
//   the road carries nothing); day 2 nothing comes, 40 unmet; day 3 (the
//   road open at its start) it orders 40 + (40 - 0) = 80, P2 makes them, 40
//   serve the day and 40 are kept.
// Per region:
//   R:  fill rate (all products, whole run) (1600 - 10 + 110) / (1600 + 200)
//       = 1700 / 1800; essential fill in the window (days 5-14, 800 food)
//       790 / 800; days short 1 (day 7; tools do not count, they are not
//       essential); person-days short 1000 x 10/80 x 1 day = 125; time to
//       survive: first short on day 7, 7 - 5 = 2 days.
//   R2: fill rate 760 / 800; its shortfall (day 2) is before the window:
//       essential fill in the window 1, no day short, person-days short
//       500 x 40/40 x 1 = 500 (whole run), time to survive censored at the
//       run's end, 20 - 5 = 15 days.
// The KPI person_days_short is their sum, 625.
ScenarioBuilder two_regions() {
    ScenarioBuilder b = one_park_chain();
    b.s.disruption_window = {5, 15};
    b.product("tools", ProductCategory::Capital);
    b.producer("Q", {qty("tools", 5)});
    NodeSpec& r = b.s.nodes[1];
    r.demand.push_back(qty("tools", 10));
    r.stock.push_back(qty("tools", 10));
    b.link("Q", "R", 1000, 0);
    b.strike("P", 5, 0.5, 3);
    b.producer("P2", {qty("food", 100)});
    NodeSpec& r2 = b.region("R2", 500, {qty("food", 40)}, {qty("food", 40)});
    r2.stock_target_days = 1;
    r2.replenishment_days = 1;
    b.link("P2", "R2", 1000, 0);
    b.cut("P2->R2", 1, 2);
    return b;
}

TEST(RegionSummary, FillDaysShortPersonDaysAndTimeToSurvivePerRegion) {
    const RunResult r = simulate(two_regions().s, PolicySpec{}, RunOptions{});
    ASSERT_EQ(r.regions.size(), 2u);
    EXPECT_EQ(r.node_ids[r.regions[0].node], "R");  // scenario order
    EXPECT_NEAR(totals(r, "tools").delivered, 110.0, 1e-9);
    EXPECT_NEAR(day_row(r, 2, "R2", "food").unmet, 40.0, 1e-9);
    EXPECT_NEAR(day_row(r, 3, "R2", "food").unmet, 0.0, 1e-9);

    const RegionSummary& a = region(r, "R");
    EXPECT_NEAR(a.fill_rate, 1700.0 / 1800.0, 1e-12);
    EXPECT_NEAR(a.essential_fill_rate, 790.0 / 800.0, 1e-12);
    EXPECT_EQ(a.days_short, 1);
    EXPECT_NEAR(a.person_days_short, 125.0, 1e-9);
    EXPECT_NEAR(a.time_to_survive_days, 2.0, 1e-9);
    EXPECT_FALSE(a.time_to_survive_censored);

    const RegionSummary& b = region(r, "R2");
    EXPECT_NEAR(b.fill_rate, 760.0 / 800.0, 1e-12);
    EXPECT_DOUBLE_EQ(b.essential_fill_rate, 1.0);
    EXPECT_EQ(b.days_short, 0);
    EXPECT_NEAR(b.person_days_short, 500.0, 1e-9);
    EXPECT_NEAR(b.time_to_survive_days, 15.0, 1e-9);
    EXPECT_TRUE(b.time_to_survive_censored);

    EXPECT_NEAR(r.kpi.person_days_short, 625.0, 1e-9);
    EXPECT_NEAR(r.kpi.worst_region_essential_fill_rate, 790.0 / 800.0, 1e-12);
    EXPECT_EQ(r.product_categories, (std::vector<std::string>{"essential", "capital"}));
}

// Without the time series the regions are the same: they are kept apart.
TEST(RegionSummary, DoNotNeedTheTimeSeries) {
    const RunResult full = simulate(two_regions().s, PolicySpec{}, RunOptions{});
    const RunResult lean = simulate(two_regions().s, PolicySpec{}, RunOptions{1, false});
    ASSERT_TRUE(lean.timeseries.empty());
    ASSERT_EQ(lean.regions.size(), full.regions.size());
    for (std::size_t i = 0; i < full.regions.size(); ++i) {
        EXPECT_EQ(lean.regions[i].days_short, full.regions[i].days_short);
        EXPECT_EQ(lean.regions[i].person_days_short, full.regions[i].person_days_short);
    }
}

// A region that demands no essential good has no essential fill rate and no
// time to survive (both undefined), only its fill rate. Here R wants only
// tools, with one day of safety stock (its target 10 x (0 + 0 + 1) = 10, as
// above): 110 of 200 as above.
TEST(RegionSummary, UndefinedWithoutEssentialDemand) {
    ScenarioBuilder b(0, 20);
    b.product("tools", ProductCategory::Capital);
    b.producer("Q", {qty("tools", 5)});
    NodeSpec& r = b.region("R", 1000, {qty("tools", 10)}, {qty("tools", 10)});
    r.stock_target_days = 1;
    r.replenishment_days = 1;
    b.link("Q", "R", 1000, 0);
    const RunResult run = simulate(b.s, PolicySpec{}, RunOptions{});
    const RegionSummary& s = region(run, "R");
    EXPECT_NEAR(s.fill_rate, 110.0 / 200.0, 1e-12);
    EXPECT_TRUE(std::isnan(s.essential_fill_rate));
    EXPECT_TRUE(std::isnan(s.time_to_survive_days));
    EXPECT_FALSE(s.time_to_survive_censored);
    EXPECT_EQ(s.days_short, 0);
    EXPECT_EQ(s.person_days_short, 0.0);
}

// A day the run covers only in part: from day -0.5 with 12-hour cycles, day
// -1 holds one cycle of half a day, so its rows say days = 0.5 and its demand
// is half a day's (40 of R's 80/day); whole days say 1.
TEST(RegionSummary, PartDaysSayHowLongTheyWere) {
    ScenarioBuilder b(-0.5, 3, 12);
    b.product("food");
    b.producer("P", {qty("food", 100)});
    b.region("R", 1000, {qty("food", 80)}, {qty("food", 80)});
    b.link("P", "R", 1000, 0);
    const RunResult r = simulate(b.s, PolicySpec{}, RunOptions{});
    EXPECT_DOUBLE_EQ(day_row(r, -1, "R", "food").days, 0.5);
    EXPECT_NEAR(day_row(r, -1, "R", "food").demand, 40.0, 1e-9);
    EXPECT_DOUBLE_EQ(day_row(r, 0, "R", "food").days, 1.0);
    EXPECT_NEAR(day_row(r, 0, "R", "food").demand, 80.0, 1e-9);
}

// Censoring of the time KPIs: R never goes short (censored survive times),
// P drops (strike on day 5) and is back on day 8 (exact recover times).
TEST(KpiCensoring, SurviveCensoredWhenNoRegionWentShort) {
    ScenarioBuilder b = one_park_chain();
    b.strike("P", 5, 0.1, 3);  // 90/day still covers R's 80
    const RunResult r = simulate(b.s, PolicySpec{}, RunOptions{});
    EXPECT_EQ(r.kpi.person_days_short, 0.0);
    EXPECT_TRUE(r.kpi_censored.time_to_survive_min_days);
    EXPECT_TRUE(r.kpi_censored.time_to_survive_median_days);
    EXPECT_DOUBLE_EQ(r.kpi.time_to_survive_min_days, 20.0);

    ScenarioBuilder s = one_park_chain();
    s.strike("P", 5, 0.5, 3);  // R short on day 7, P recovers on day 8
    const RunResult short_run = simulate(s.s, PolicySpec{}, RunOptions{});
    EXPECT_FALSE(short_run.kpi_censored.time_to_survive_min_days);
    EXPECT_FALSE(short_run.kpi_censored.time_to_survive_median_days);
    EXPECT_FALSE(short_run.kpi_censored.time_to_recover_median_days);
    EXPECT_FALSE(short_run.kpi_censored.time_to_recover_max_days);

    ScenarioBuilder never = one_park_chain();
    never.strike("P", 5, 0.5, 100);  // never repaired within the run
    const RunResult broken = simulate(never.s, PolicySpec{}, RunOptions{});
    EXPECT_TRUE(broken.kpi_censored.time_to_recover_max_days);
    EXPECT_TRUE(broken.kpi_censored.time_to_recover_median_days);
    EXPECT_DOUBLE_EQ(broken.kpi.time_to_recover_max_days, 15.0);  // days 5 to 20
}

}  // namespace
}  // namespace shockflow::testing
