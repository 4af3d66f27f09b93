// The bullwhip ratio (order_variance_ratio) on a chain whose every order is
// derived by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "shockflow/model/simulation.hpp"
#include "unit/model/builders.hpp"
#include "unit/model/query.hpp"

namespace shockflow::testing {
namespace {

// Source S (grain) -> plant M (food, 0.5 grain per unit) -> depot D -> region
// R, links without transit time and far wider than any order, one cycle a
// day over days [0, 20), window [4, 20). R eats 80/day on even days and 120
// on odd ones (a demand shock x1.5 on each odd day). Every holder closes its
// gap in one cycle and aims at its current plan, not a smoothed one
// (replenishment_days = 0), with lead time 0 and a review period V of one
// cycle for M's grain (a producer's input) and none for D and R. So with plan
// p and safety days S it orders o = p + (p (V + S) - s) = k p - s with
// k = 1 + V + S, where s is its position before the cycle: its stock (R:
// before eating). Its stock after the cycle is s - x + o = k p - x, where x is
// what its customers asked of it (R: what it ate); what M sends to D leaves
// in the middle of the cycle and what D and S send leave at its start, all
// arriving at once, before the next cycle. So on day d
//   s_d = k p_{d-1} - x_{d-1},   o_d = k (p_d - p_{d-1}) + x_{d-1}.
// Plans are R's demand (M's grain: half of it). With p_d - p_{d-1} = +-40 on
// odd/even days:
//   R  (V = 0, S = 1, k = 2; x = its demand 120/80):
//                                        o = +-80 + 80/120  = 160 / 40
//   D  (V = 0, S = 2.5, k = 3.5; x = R's orders):
//                                        o = +-140 + 40/160 = 180 / 20
//   M's grain (V = 1, S = 2.25, k = 4.25; plan 60/40, x = 0.5 x D's orders
//   90/10):                              o = +-85 + 10/90   =  95 / 5
//   S makes what M orders:                                      95 / 5
// The initial stocks are the s_0 of this cycle (day -1 counted as odd):
// R 2 x 120 - 120 = 120, D 3.5 x 120 - 160 = 260, M's grain 4.25 x 60 - 90 =
// 165. Each holder can always serve its customers (D: 260 / 240 >= 40 / 160;
// M's grain 165 / 160 >= 10 / 90), so nothing clips the orders and no depot
// owes anything.
// Over days 4-19 each series alternates around its mean, and the variance of
// a series alternating +-a over an even number of days is a^2:
//   region:   orders +-60 over demand +-20:               (60/20)^2 = 9
//   depot:    orders +-80 over R's orders +-60:            (80/60)^2 = 16/9
//   producer: grain orders +-45 over the grain D's orders
//             of food need, 0.5 x (+-80) = +-40:           (45/40)^2 = 81/64
//   source:   output +-45 over requests +-45:                          1
ScenarioBuilder alternating_chain() {
    ScenarioBuilder b(0, 20);
    b.s.disruption_window = {4, 20};
    b.product("grain", ProductCategory::Intermediate);
    b.product("food");
    b.recipe("food", {qty("grain", 0.5)});
    b.producer("S", {qty("grain", 1000)}, 1, NodeKind::Source);
    NodeSpec& m = b.producer("M", {qty("food", 1000)}, 1, NodeKind::Plant);
    m.stock = {qty("grain", 165)};
    m.stock_target_days = 2.25;
    m.replenishment_days = 0;
    NodeSpec& d = b.node("D", NodeKind::Depot);
    d.stock = {qty("food", 260)};
    d.stock_target_days = 2.5;
    d.replenishment_days = 0;
    NodeSpec& r = b.region("R", 1000, {qty("food", 80)}, {qty("food", 120)});
    r.stock_target_days = 1;
    r.replenishment_days = 0;
    b.link("S", "M", 10000, 0);
    b.link("M", "D", 10000, 0);
    b.link("D", "R", 10000, 0);
    for (int day = 1; day < 20; day += 2) b.demand_shock("R", "food", day, 1, 1.5);
    return b;
}

TEST(HandCase, OrderVarianceRatioOfAChainWithAlternatingDemand) {
    const RunResult r = simulate(alternating_chain().s, PolicySpec{}, RunOptions{});
    // The orders as derived, seen in what each supplier sent or made.
    for (int day : {6, 7}) {
        const bool odd = day % 2 == 1;
        EXPECT_NEAR(day_row(r, day, "D", "food").shipped, odd ? 160.0 : 40.0, 1e-9) << day;
        EXPECT_NEAR(day_row(r, day, "M", "food").produced, odd ? 180.0 : 20.0, 1e-9) << day;
        EXPECT_NEAR(day_row(r, day, "S", "grain").produced, odd ? 95.0 : 5.0, 1e-9) << day;
    }
    EXPECT_DOUBLE_EQ(r.kpi.unmet_units, 0.0);
    const OrderVarianceRatio& v = r.order_variance_ratio;
    EXPECT_NEAR(v.region, 9.0, 1e-9);
    EXPECT_NEAR(v.depot, 16.0 / 9.0, 1e-9);
    EXPECT_NEAR(v.producer, 81.0 / 64.0, 1e-9);
    EXPECT_NEAR(v.source, 1.0, 1e-9);
}

// With a steady demand nothing varies: every stage's ratio is undefined
// (NaN), not 0 or 1. The same holds with the alternating demand when the
// window leaves a single whole day to count.
TEST(HandCase, OrderVarianceRatioIsUndefinedWithoutVariedDemand) {
    ScenarioBuilder steady = alternating_chain();
    steady.s.events.clear();
    // The s_0 of a steady 80/day: M's grain 4.25 x 40 - 40, D 3.5 x 80 - 80, R 80.
    steady.s.nodes[1].stock = {qty("grain", 130)};
    steady.s.nodes[2].stock = {qty("food", 200)};
    steady.s.nodes[3].stock = {qty("food", 80)};
    const OrderVarianceRatio flat =
        simulate(steady.s, PolicySpec{}, RunOptions{}).order_variance_ratio;
    EXPECT_TRUE(std::isnan(flat.region));
    EXPECT_TRUE(std::isnan(flat.depot));
    EXPECT_TRUE(std::isnan(flat.producer));
    EXPECT_TRUE(std::isnan(flat.source));

    ScenarioBuilder one_day = alternating_chain();
    one_day.s.disruption_window = {19, 20};
    const OrderVarianceRatio one =
        simulate(one_day.s, PolicySpec{}, RunOptions{}).order_variance_ratio;
    EXPECT_TRUE(std::isnan(one.region));
    EXPECT_TRUE(std::isnan(one.depot));
}

}  // namespace
}  // namespace shockflow::testing
