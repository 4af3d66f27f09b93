// A comparison's cost of stock against the baseline: the extra holding cost
// and that cost per person-day short avoided, replication by replication.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "shockflow/experiment/compare.hpp"
#include "unit/model/builders.hpp"

namespace shockflow::experiment {
namespace {

// Samples [replication][kpi] of the KPIs holding_cost and person_days_short.
PolicyResult policy(const std::string& name, std::vector<double> cost,
                    std::vector<double> short_days) {
    PolicyResult p;
    p.name = name;
    for (std::size_t k = 0; k < cost.size(); ++k) p.samples.push_back({cost[k], short_days[k]});
    return p;
}

std::size_t column(const Comparison& c, const std::string& kpi) {
    const auto it = std::find(c.kpi_names.begin(), c.kpi_names.end(), kpi);
    EXPECT_NE(it, c.kpi_names.end()) << kpi;
    return static_cast<std::size_t>(it - c.kpi_names.begin());
}

// Baseline "lean": holding cost {10, 20, 30}, person-days short {50, 60, 70}.
// "stocked": cost {12, 24, 36}, short {49, 59, 68}: extra cost {2, 4, 6},
// person-days avoided {1, 1, 2}.
//   extra holding cost: mean 4, sample std 2, half width
//     t(0.975, 2) x 2 / sqrt(3) = 4.3026527297 x 1.1547005384 = 4.9682754
//     -> [-0.9682754, 8.9682754];
//   per person-day avoided: 4 / (4/3) = 3, residuals {-1, 1, 0}, half width
//     4.3026527297 x sqrt(3) / 4 = 1.8631033 -> [1.1368967, 4.8631033].
// "worse": cost {10, 20, 30}, short {51, 60, 70}: it avoids -1/3 person-days
// on average, so its cost per person-day avoided is undefined (NaN), while
// its extra cost is exactly 0.
TEST(CostOfStock, ExtraHoldingCostAndCostPerPersonDayAvoided) {
    Comparison c;
    c.replications = 3;
    c.kpi_names = {"holding_cost", "person_days_short"};
    c.policies = {policy("lean", {10, 20, 30}, {50, 60, 70}),
                  policy("stocked", {12, 24, 36}, {49, 59, 68}),
                  policy("worse", {10, 20, 30}, {51, 60, 70})};
    summarise(c);
    const double t = 4.3026527297;
    const PolicyResult& lean = c.policies[0];
    EXPECT_EQ(lean.extra_holding_cost.mean, 0.0);
    EXPECT_EQ(lean.extra_holding_cost.ci95_lo, 0.0);
    EXPECT_TRUE(std::isnan(lean.cost_per_person_day_avoided.mean));
    const PolicyResult& stocked = c.policies[1];
    EXPECT_DOUBLE_EQ(stocked.extra_holding_cost.mean, 4.0);
    EXPECT_NEAR(stocked.extra_holding_cost.ci95_lo, 4.0 - t * 2.0 / std::sqrt(3.0), 1e-9);
    EXPECT_NEAR(stocked.extra_holding_cost.ci95_hi, 8.9682754, 1e-6);
    EXPECT_DOUBLE_EQ(stocked.cost_per_person_day_avoided.mean, 3.0);
    EXPECT_NEAR(stocked.cost_per_person_day_avoided.ci95_lo, 3.0 - t * std::sqrt(3.0) / 4.0, 1e-9);
    EXPECT_NEAR(stocked.cost_per_person_day_avoided.ci95_hi, 4.8631033, 1e-6);
    const PolicyResult& worse = c.policies[2];
    EXPECT_EQ(worse.extra_holding_cost.mean, 0.0);
    EXPECT_TRUE(std::isnan(worse.cost_per_person_day_avoided.mean));
    EXPECT_TRUE(std::isnan(worse.cost_per_person_day_avoided.ci95_hi));
}

// End to end on the strike of HandCase StrikeOnOneParkChainLosesTenUnits
// (park P, 100/day, feeding region R, 80/day, over days 0-19; a strike
// halves P on days 5-7), with food held at 0.01 per unit-day under both
// policies. No event is drawn, so every replication is the same run and the
// intervals have no width. A region counts no review period in its target,
// 80 x (0 + L 0 + S); P makes at the cycle's start and ships to R in its
// middle, where the goods arrive at once and first serve what R could not
// eat from stock at the start.
// - "lean" (R's own target: one_park_chain's stock_target_days = 1, so
//   80 x (0 + 0 + 1) = 80, no stock beyond a day's use): R ends the days with
//   80 x 5 (d0-4), 50, 20, 0 (d5-7), 20, 40, 60, 80 (d8-11), 80 x 8
//   = 1310 unit-days -> 13.10; 10 units unmet on day 7: 1000 people x 10/80
//   of their food x 1 day = 125 person-days short.
// - "stocked" (stock_target_days food = 2 in place of R's own: target
//   position 80 x (0 + 0 + 2) = 160, a day's use and a day more): R orders
//   80 + (160 - position), P makes at most 100 (50 while struck). End of
//   day: 100, 120, 140, 160, 160 (d0-4); d5 160 - 80 + 50 = 130, d6 100,
//   d7 70; d8 R has 70 for its 80, the 10 open are served by P's 100 -> 90;
//   then 110, 130, 150 (d9-11), 160 (d12-19, 8 days): 2740 unit-days ->
//   27.40, and nothing unmet: 0 person-days.
// Extra holding cost 27.40 - 13.10 = 14.30 for 125 person-days avoided:
// 14.30 / 125 = 0.1144 per person-day.
TEST(CostOfStock, SafetyStockOnTheStruckChainCostsAKnownAmountPerPersonDay) {
    testing::ScenarioBuilder b = testing::one_park_chain();
    b.strike("P", 5, 0.5, 3);
    PolicySpec lean;
    lean.name = "lean";
    lean.holding_cost = {{"food", 0.01, {}}};
    PolicySpec stocked = lean;
    stocked.name = "stocked";
    stocked.stock_target_days = {{"food", 2, {}}};
    CompareOptions options;
    options.replications = 2;
    options.threads = 1;
    const Comparison c = compare(b.s, {lean, stocked}, options);
    const std::size_t cost = column(c, "holding_cost"), short_days = column(c, "person_days_short");
    EXPECT_NEAR(c.policies[0].stats[cost].mean, 13.10, 1e-9);
    EXPECT_NEAR(c.policies[1].stats[cost].mean, 27.40, 1e-9);
    EXPECT_NEAR(c.policies[0].stats[short_days].mean, 125.0, 1e-9);
    EXPECT_NEAR(c.policies[1].stats[short_days].mean, 0.0, 1e-9);
    const PolicyResult& s = c.policies[1];
    EXPECT_NEAR(s.extra_holding_cost.mean, 14.30, 1e-9);
    EXPECT_NEAR(s.extra_holding_cost.ci95_lo, 14.30, 1e-9);
    EXPECT_NEAR(s.extra_holding_cost.ci95_hi, 14.30, 1e-9);
    EXPECT_NEAR(s.cost_per_person_day_avoided.mean, 0.1144, 1e-12);
    EXPECT_NEAR(s.cost_per_person_day_avoided.ci95_lo, 0.1144, 1e-12);
    EXPECT_NEAR(s.cost_per_person_day_avoided.ci95_hi, 0.1144, 1e-12);
}

}  // namespace
}  // namespace shockflow::experiment
