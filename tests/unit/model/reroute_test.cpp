// Rerouting around partly cut links: what a damaged link cannot carry takes
// the detour, so more damage never delivers more and a 99 % cut is almost a
// 100 % cut.
#include <gtest/gtest.h>

#include <vector>

#include "shockflow/model/simulation.hpp"
#include "unit/model/builders.hpp"
#include "unit/model/query.hpp"

namespace shockflow::testing {
namespace {

// Source S makes food (200/day, no inputs) for region R, which eats 80/day,
// over S->R (100/day, no transit time) or a slower, narrower road through
// region X, which eats nothing: S->X (40/day, 3 h) and X->R (40/day, 5 h),
// 1/3 day in all. One cycle a day over days [0, 20). R keeps one day of
// safety stock and closes any gap in one cycle (stock_target_days = 1,
// replenishment_days = 1); a region counts no review period, so with lead
// time L its target is 80 x (0 + L + 1) and it orders
// 80 + (80 x (1 + L) - position), its position being what it had before
// eating; it starts with 80. S makes at the cycle's start and ships to R (a
// region) in its middle: over S->R the goods arrive at d + 12 h, by the
// detour at d + 12 h + 8 h = d + 20 h, both before the cycle ends, and they
// first serve what R could not eat from stock at the cycle's start. S->R
// loses `loss` of its capacity on days 5-14.
ScenarioBuilder detour_case(double loss, double demand = 80) {
    ScenarioBuilder b(0, 20);
    b.product("food");
    b.producer("S", {qty("food", 200)}, 1, NodeKind::Source);
    NodeSpec& r = b.region("R", 1000, {qty("food", demand)}, {qty("food", demand)});
    r.stock_target_days = 1;
    r.replenishment_days = 1;
    b.region("X", 10, {});
    b.link("S", "R", 100, 0).link("S", "X", 40, 3).link("X", "R", 40, 5);
    b.cut("S->R", 5, 10, loss);
    return b;
}

RunResult run(const ScenarioBuilder& b, bool reroute) {
    PolicySpec policy;
    policy.reroute = reroute;
    return simulate(b.s, policy, RunOptions{});
}

double fill(const RunResult& r) {
    const ProductTotals& t = totals(r, "food");
    return t.delivered / t.demanded;
}

// A 75 % cut leaves S->R 25/day; the detour adds its 40/day. R's orders go
// over S->R up to 25 and the rest round, where they arrive 8 h later. R's
// lead time weights the two transits by what of its plan (80) each carries:
// L = (25 x 0 + 55 x 1/3) / 80 = 11/48 day, a target position of
// 80 x (0 + 11/48 + 1) = 80 + 55/3. Its order is capped at what the channel
// can bring, 25 + 40 = 65:
//   d5: eats its 80 -> 0, orders 80 + (80 + 55/3 - 80) = 98 1/3, of which
//       65 come: 25 at 5 + 12 h, 40 at 5 + 20 h -> 65.
//   d6: eats 65 (15 open), orders 65: the 25 serve the 15 -> 10, the 40 come
//       on top -> 50;  d7: 50 (30 open) -> 35;  d8: 35 (45 open) -> 20;
//       d9: 20 (60 open) -> 5: nothing unmet so far.
//   d10: eats 5 (75 open), the 65 serve 65: 10 unmet -> 0.
//   d11-d14: 80 open, 65 arrive: 15 unmet a day.
//   d15: S->R whole again (L = 0, target 80): 80 open, orders
//       80 + 80 - 0 = 160, capped at 100, which arrive at 15 + 12 h: the 80
//       served -> 20, and refilled by d18 (orders 140, 120, 100).
// Unmet: 10 + 4 x 15 = 70 of 20 x 80 = 1600, a fill rate of 1530/1600.
// Both roads run full: S->R at its 25/day, S->X and X->R at 40/day.
// Without rerouting R gets only S->R's 25/day (its lead time stays 0, its
// target 80): d5 eats 80, gets 25; d6 eats 25 (55 open), 25 arrive: 30
// unmet; d7-d14: 55 a day, 470 in all.
TEST(Reroute, APartialCutSendsWhatTheLinkCannotCarryByTheDetour) {
    const ScenarioBuilder b = detour_case(0.75);
    const RunResult r = run(b, true);
    EXPECT_NEAR(day_row(r, 5, "R", "food").received, 65.0, 1e-9);
    EXPECT_NEAR(day_row(r, 5, "R", "food").stock, 65.0, 1e-9);
    EXPECT_NEAR(day_row(r, 6, "R", "food").stock, 50.0, 1e-9);
    EXPECT_NEAR(day_row(r, 9, "R", "food").stock, 5.0, 1e-9);
    EXPECT_NEAR(day_row(r, 9, "R", "food").unmet, 0.0, 1e-9);
    EXPECT_NEAR(day_row(r, 10, "R", "food").unmet, 10.0, 1e-9);
    for (int d = 11; d <= 14; ++d) EXPECT_NEAR(day_row(r, d, "R", "food").unmet, 15.0, 1e-9) << d;
    EXPECT_NEAR(day_row(r, 15, "R", "food").stock, 20.0, 1e-9);
    EXPECT_NEAR(day_row(r, 18, "R", "food").stock, 80.0, 1e-9);
    EXPECT_NEAR(totals(r, "food").unmet, 70.0, 1e-9);
    EXPECT_NEAR(fill(r), 1530.0 / 1600.0, 1e-12);
    for (double u : r.link_peak_utilization) EXPECT_NEAR(u, 1.0, 1e-9);
    const RunResult without = run(b, false);
    EXPECT_NEAR(totals(without, "food").unmet, 470.0, 1e-9);
}

// Over cut levels 0 ... 100 %: R's fill rate never rises with the damage, no
// link ever carries more than its capacity, and a 99 % cut (1/day left on
// S->R, 41/day in all) is within 2 points of the 100 % cut (the detour's
// 40/day). Hand figures at the ends: up to 50 % the two roads carry at least
// R's 80/day and nothing is unmet (at 50 %: 50 direct and 30 round, L =
// 30 x 1/3 / 80 = 1/8, target 90; d5 R orders 80 + (90 - 80) = 90, which
// come, then 80 a day); at 100 % R lives on its stock and the detour (L =
// 1/3, target 80 x 4/3, its orders capped at the detour's 40; d5: 40 arrive
// at 5 + 20 h -> 40; d6: eats 40, 40 arrive, all served) and then misses 40
// a day on days 7-14: 320 unmet, a fill rate of 1280/1600 = 0.8.
TEST(Reroute, MoreDamageNeverDeliversMore) {
    const std::vector<double> losses{0.0, 0.25, 0.5, 0.75, 0.9, 0.99, 1.0};
    std::vector<double> fills;
    for (double loss : losses) {
        const RunResult r = run(detour_case(loss), true);
        for (double u : r.link_peak_utilization) EXPECT_LE(u, 1.0 + 1e-9) << loss;
        fills.push_back(fill(r));
    }
    for (std::size_t i = 1; i < fills.size(); ++i)
        EXPECT_LE(fills[i], fills[i - 1] + 1e-12) << losses[i];
    EXPECT_NEAR(fills[0], 1.0, 1e-12);
    EXPECT_NEAR(fills[2], 1.0, 1e-12);
    EXPECT_NEAR(fills.back(), 0.8, 1e-12);
    EXPECT_LE(fills[5] - fills.back(), 0.02);
}

// A detour carries no more than what its link lost. With R eating 120/day,
// more than S->R carries whole (100/day), R gets at most 100 a day from day 1
// (its 120 on hand on day 0). Cut by `loss` on days 5-14, the link still
// carries 100 x (1 - loss) and the detour min(40, 100 x loss): 100 a day up
// to a 40 % cut, 90 at 50 %, 80 at 60 %, 40 at 100 %, so over the 10 days R
// misses 100, 200 and 600 more than with the whole link (a detour taking all
// it could would give 75 + 40 = 115 a day at 25 %, more than the whole link).
// Up to 40 % the flow is the whole link's, less what is lost while R's
// orders move to the slower detour (13 to 17 units measured; bounded at 20).
TEST(Reroute, ADetourCarriesNoMoreThanItsLinkLost) {
    const std::vector<double> losses{0.0, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.99, 1.0};
    std::vector<double> unmet;
    for (double loss : losses) {
        const RunResult r = run(detour_case(loss, 120), true);
        for (double u : r.link_peak_utilization) EXPECT_LE(u, 1.0 + 1e-9) << loss;
        unmet.push_back(totals(r, "food").unmet);
    }
    for (std::size_t i = 1; i < unmet.size(); ++i)
        EXPECT_GE(unmet[i], unmet[i - 1] - 1e-9) << losses[i];
    for (std::size_t i = 1; i <= 3; ++i) EXPECT_LE(unmet[i] - unmet[0], 20.0) << losses[i];
    EXPECT_NEAR(unmet[4] - unmet[0], 100.0, 1e-9);
    EXPECT_NEAR(unmet[5] - unmet[0], 200.0, 1e-9);
    EXPECT_NEAR(unmet.back() - unmet[0], 600.0, 1e-9);
}

// A 0 % cut changes nothing, with rerouting or without.
TEST(Reroute, AnUndamagedLinkIsNotSplit) {
    const RunResult cut = run(detour_case(0.0), true);
    ScenarioBuilder b = detour_case(0.0);
    b.s.events.clear();
    const RunResult none = run(b, false);
    EXPECT_EQ(cut.kpi.list(), none.kpi.list());
    EXPECT_NEAR(totals(cut, "food").unmet, 0.0, 1e-12);
}

}  // namespace
}  // namespace shockflow::testing
