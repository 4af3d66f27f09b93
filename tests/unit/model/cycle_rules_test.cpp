// The rules that keep a run's answer from depending on the cycle length
// (docs/MODEL.md, "One cycle, in order"), each on a case derived by hand:
// producers dispatch to depots and regions in the middle of the cycle, a
// depot passes on during the cycle what arrives while it owes requests, and
// regions and depots order toward lead time + safety stock (no review
// period).
#include <gtest/gtest.h>

#include "shockflow/model/simulation.hpp"
#include "unit/model/builders.hpp"
#include "unit/model/query.hpp"

namespace shockflow::testing {
namespace {

// Park P (100/day) -> depot D (6 h) -> region R (2 h), daily cycles, nothing
// in stock at the start; D and R keep no safety stock and close a gap in one
// cycle. Lead times: D 0.25 day, R 1/12 day; targets (no review period for
// depots and regions): D 80 x 0.25 = 20, R 80 / 12 = 6.667.
// Day 0: R has nothing to eat (80 open) and orders 80 + 6.667 - 0 = 86.667
//   from D; D orders 80 + 20 - 0 = 100 from P, which makes 100 and sends it
//   at 12 h (the middle of the cycle); D, empty, grants R nothing and owes
//   it 86.667. The 100 reach D at 18 h: it passes on the 86.667 at once,
//   which reach R at 20 h and serve its open 80: nothing unmet, R keeps
//   6.667, D 13.333.
// Day 1: R eats its 6.667 (73.333 open), position 6.667, orders 80; D's
//   position 13.333 orders 80 + 20 - 13.333 = 86.667, which P makes. D
//   sends its 13.333 at once (R at 26 h, 60 open) and owes 66.667; P's
//   86.667 reach D at 42 h, the 66.667 go on, R gets them at 44 h: 60 serve,
//   R keeps 6.667, D 20.
// Day 2: as day 1 from D's 20: D orders 80, sends 20 at once and 60 when
//   P's 80 arrive; R eats all 80, keeps 6.667; D keeps 20. Steady.
// Without passing on, D's goods would wait for the next cycle and R would go
// without on day 0.
TEST(CycleRules, ADepotPassesOnWhatArrivesWhileItOwes) {
    ScenarioBuilder b(0, 4);
    b.product("food");
    b.producer("P", {qty("food", 100)});
    NodeSpec& d = b.node("D", NodeKind::Depot);
    d.stock_target_days = 0;
    d.replenishment_days = 1;
    NodeSpec& r = b.region("R", 1000, {qty("food", 80)});
    r.stock_target_days = 0;
    r.replenishment_days = 1;
    b.link("P", "D", 1000, 6).link("D", "R", 1000, 2);
    const RunResult run = simulate(b.s, PolicySpec{}, RunOptions{});
    for (int day = 0; day < 4; ++day) {
        EXPECT_NEAR(day_row(run, day, "R", "food").delivered, 80.0, 1e-9) << day;
        EXPECT_NEAR(day_row(run, day, "R", "food").unmet, 0.0, 1e-9) << day;
        EXPECT_NEAR(day_row(run, day, "R", "food").stock, 80.0 / 12.0, 1e-9) << day;
    }
    EXPECT_NEAR(day_row(run, 0, "P", "food").produced, 100.0, 1e-9);
    EXPECT_NEAR(day_row(run, 0, "D", "food").shipped, 80.0 + 80.0 / 12.0, 1e-9);
    EXPECT_NEAR(day_row(run, 0, "D", "food").stock, 100.0 - 80.0 - 80.0 / 12.0, 1e-9);
    EXPECT_NEAR(day_row(run, 1, "P", "food").produced, 80.0 + 80.0 / 12.0, 1e-9);
    EXPECT_NEAR(day_row(run, 1, "D", "food").shipped, 80.0, 1e-9);
    for (int day = 1; day < 4; ++day)
        EXPECT_NEAR(day_row(run, day, "D", "food").stock, 20.0, 1e-9) << day;
    EXPECT_NEAR(day_row(run, 2, "P", "food").produced, 80.0, 1e-9);
}

// Park P (100/day) sends straight to region R, which starts with nothing,
// keeps no safety stock and closes a gap in one cycle; daily cycles. P
// dispatches in the middle of the cycle, at 12 h.
// Transit 10 h: R's lead time 10/24 day, target 80 x 10/24 = 33.333; on day
//   0 it orders 80 + 33.333 = 113.333, which P makes and which arrives at
//   22 h, within the cycle: the open 80 are served, 33.333 stay.
// Transit 14 h: target 46.667, order 126.667, arriving at 26 h, after the
//   cycle: day 0's 80 are unmet. Day 1: R has nothing at 24 h (80 open),
//   its position is the 126.667 on the way, so it orders 80 + 46.667 -
//   126.667 = 0; at 26 h the 126.667 serve the 80 and 46.667 stay.
TEST(CycleRules, ProducersDispatchInTheMiddleOfTheCycle) {
    const auto chain = [](double hours) {
        ScenarioBuilder b(0, 3);
        b.product("food");
        b.producer("P", {qty("food", 200)});
        NodeSpec& r = b.region("R", 1000, {qty("food", 80)});
        r.stock_target_days = 0;
        r.replenishment_days = 1;
        b.link("P", "R", 1000, hours);
        return simulate(b.s, PolicySpec{}, RunOptions{});
    };
    const RunResult near = chain(10);
    EXPECT_NEAR(day_row(near, 0, "P", "food").produced, 80.0 + 80.0 * 10.0 / 24.0, 1e-9);
    EXPECT_NEAR(day_row(near, 0, "R", "food").unmet, 0.0, 1e-9);
    EXPECT_NEAR(day_row(near, 0, "R", "food").stock, 80.0 * 10.0 / 24.0, 1e-9);
    const RunResult far = chain(14);
    EXPECT_NEAR(day_row(far, 0, "P", "food").produced, 80.0 + 80.0 * 14.0 / 24.0, 1e-9);
    EXPECT_NEAR(day_row(far, 0, "R", "food").unmet, 80.0, 1e-9);
    EXPECT_NEAR(day_row(far, 1, "P", "food").produced, 0.0, 1e-9);
    EXPECT_NEAR(day_row(far, 1, "R", "food").unmet, 0.0, 1e-9);
    EXPECT_NEAR(day_row(far, 1, "R", "food").stock, 80.0 * 14.0 / 24.0, 1e-9);
}

}  // namespace
}  // namespace shockflow::testing
