// The ARIO mode (docs/MODEL.md, "The ARIO mode") on the two-region,
// two-sector table of tests/ario/two_by_two.toml: its steady state, and the
// first day of a capacity loss derived by hand. (tests/ario/reference.py
// checks every day of the shocked run against the equations in Python.)
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "shockflow/model/simulation.hpp"
#include "shockflow/scenario/loader.hpp"
#include "unit/model/query.hpp"

namespace shockflow::testing {
namespace {

const std::filesystem::path kTable =
    std::filesystem::path(SHOCKFLOW_SOURCE_DIR) / "tests" / "ario" / "two_by_two.toml";
// The same table where A1 and B1 also buy s1 from each other.
const std::filesystem::path kSameSector =
    std::filesystem::path(SHOCKFLOW_SOURCE_DIR) / "tests" / "ario" / "same_sector.toml";
// And where A1 and B2 also use some of their own output (self-use).
const std::filesystem::path kSelfUse =
    std::filesystem::path(SHOCKFLOW_SOURCE_DIR) / "tests" / "ario" / "self_use.toml";

// Without the strike nothing moves: every industry makes its gross output
// (A1 100, A2 80, B1 60, B2 120), the regions get all they ask, and each
// industry keeps its 90 days of inputs (A1: 90 x 100 x 0.2 = 1800 of s2).
TEST(Ario, AnUndisturbedTableStaysAtItsBaseline) {
    ScenarioSpec s = load_scenario(kTable);
    s.events.clear();
    const RunResult r = simulate(s, PolicySpec{}, RunOptions{});
    const std::pair<const char*, double> outputs[] = {
        {"A1", 100.0}, {"A2", 80.0}, {"B1", 60.0}, {"B2", 120.0}};
    for (int d = 0; d < 100; ++d) {
        for (const auto& [node, x] : outputs) {
            const char* product = node[1] == '1' ? "s1" : "s2";
            EXPECT_NEAR(day_row(r, d, node, product).produced, x, 1e-9 * x) << node << d;
        }
        EXPECT_NEAR(day_row(r, d, "A1", "s2").stock, 1800.0, 1e-9 * 1800.0) << d;
        EXPECT_NEAR(day_row(r, d, "B2", "s1").stock, 90.0 * 120.0 * 0.3, 1e-9 * 3240.0) << d;
    }
    // Sums of 100 days of rounding: within 1e-9 of what was demanded.
    EXPECT_NEAR(totals(r, "s1").unmet, 0.0, 1e-9 * totals(r, "s1").demanded);
    EXPECT_NEAR(totals(r, "s2").unmet, 0.0, 1e-9 * totals(r, "s2").demanded);
}

// Day 5: A1 keeps 70 % of its capacity of 100. Demand on it is the s1 that
// A2 and B2 ordered for day 5 (their baseline flows, 18 + 10) plus final
// demand 50 + 22: 100, so it makes min(100, 70) = 70 (its 1800 of s2 are
// far above the psi floor 0.8 x 90 x 70 x 0.2 = 1008). Each order and
// final demand gets 70 / 100 of itself: A2 receives 0.7 x 18 = 12.6 from A1
// and its 6 from B1; RA gets 0.7 x 50 = 35 from A1 and 8 from B1 of its 58
// (15 unmet), RB 0.7 x 22 = 15.4 and 20 of its 42 (6.6 unmet). A1 could
// not serve 30 % of its demand. Its overproduction factor moves at the
// start of day 6 by the share of that day's demand its 70 of day 5 would
// not serve: less than 0.3 (its customers' orders for day 6 go partly to
// B1, by availability), so it is below 1 + 0.25 x 0.3 / 365, and on day 6
// (capacity back to 71.5) A1 makes more than 71.5 and less than 71.5 x that.
TEST(Ario, FirstDayOfACapacityLoss) {
    const ScenarioSpec s = load_scenario(kTable);
    const RunResult r = simulate(s, PolicySpec{}, RunOptions{});
    EXPECT_NEAR(day_row(r, 4, "A1", "s1").produced, 100.0, 1e-9);
    EXPECT_NEAR(day_row(r, 5, "A1", "s1").produced, 70.0, 1e-9);
    EXPECT_NEAR(day_row(r, 5, "A2", "s1").received, 18.6, 1e-9);
    EXPECT_NEAR(day_row(r, 5, "RA", "s1").unmet, 15.0, 1e-9);
    EXPECT_NEAR(day_row(r, 5, "RB", "s1").unmet, 6.6, 1e-9);
    const double alpha = 1.0 + 0.25 * 0.3 / 365.0;
    EXPECT_LE(day_row(r, 6, "A1", "s1").produced, 71.5 * alpha + 1e-9);
    EXPECT_GT(day_row(r, 6, "A1", "s1").produced, 71.5);
}

// Final demand holds no stock in the ARIO mode (nor in BoARIO): RA given 10
// of s1 still orders its whole 58 a day, undisturbed A1 makes 100 (days
// 0-4), and on day 5 RA is delivered 35 + 8 of its 58 as above and 15 are
// unmet, as without the 10. (The stock import-io writes for the default
// engine would otherwise hide shortfalls BoARIO reports.)
TEST(Ario, ARegionsStockIsNotUsed) {
    ScenarioSpec s = load_scenario(kTable);
    for (NodeSpec& n : s.nodes) {
        if (n.id != "RA") continue;
        ProductQty q;
        q.product = "s1";
        q.qty = 10.0;
        n.stock = {q};
    }
    const RunResult r = simulate(s, PolicySpec{}, RunOptions{});
    for (int d = 0; d < 5; ++d) {
        EXPECT_NEAR(day_row(r, d, "A1", "s1").produced, 100.0, 1e-9) << d;
        EXPECT_NEAR(day_row(r, d, "RA", "s1").delivered, 58.0, 1e-9) << d;
        EXPECT_NEAR(day_row(r, d, "RA", "s1").stock, 0.0, 1e-9) << d;
    }
    EXPECT_NEAR(day_row(r, 5, "RA", "s1").delivered, 43.0, 1e-9);
    EXPECT_NEAR(day_row(r, 5, "RA", "s1").unmet, 15.0, 1e-9);
}

// Industries that buy their own sector from the other region: B1 buys 6 a
// day of s1 from A1 (buys_own 0.1), A1 buys 3 from B1 (0.03). Undisturbed,
// every industry still makes its gross output, and each holds 90 days of
// what it buys of its own product apart from its output: B1 90 x 60 x 0.1 =
// 540, A1 90 x 100 x 0.03 = 270. Its row of s1 shows that inventory as its
// stock (its output is all shipped: shipped = produced), the 6 it receives
// and the 6 it uses a day.
TEST(Ario, OwnSectorFromAnotherRegionIsAnInputApartFromOutput) {
    ScenarioSpec s = load_scenario(kSameSector);
    s.events.clear();
    const RunResult r = simulate(s, PolicySpec{}, RunOptions{});
    const std::pair<const char*, double> outputs[] = {
        {"A1", 100.0}, {"A2", 80.0}, {"B1", 60.0}, {"B2", 120.0}};
    for (int d = 0; d < 100; ++d) {
        for (const auto& [node, x] : outputs) {
            const DayRow row = day_row(r, d, node, node[1] == '1' ? "s1" : "s2");
            EXPECT_NEAR(row.produced, x, 1e-9 * x) << node << d;
            EXPECT_NEAR(row.shipped, x, 1e-9 * x) << node << d;
        }
        const DayRow b1 = day_row(r, d, "B1", "s1");
        EXPECT_NEAR(b1.stock, 540.0, 1e-9 * 540.0) << d;
        EXPECT_NEAR(b1.received, 6.0, 1e-9) << d;
        EXPECT_NEAR(b1.consumed_inputs, 6.0, 1e-9) << d;
        EXPECT_NEAR(day_row(r, d, "A1", "s1").stock, 270.0, 1e-9 * 270.0) << d;
        EXPECT_NEAR(day_row(r, d, "A1", "s1").received, 3.0, 1e-9) << d;
    }
    EXPECT_NEAR(totals(r, "s1").unmet, 0.0, 1e-9 * totals(r, "s1").demanded);
}

// Day 5 of the loss: demand on A1 is 18 + 10 + 6 (B1's order) + 44 + 22 =
// 100, it makes 70, and every order gets 0.7 of itself: B1 receives 4.2 of
// the 6 of s1 it uses (it makes its 60: its 540 are above the psi floor
// 0.8 x 90 x 60 x 0.1 = 432), so its inventory ends the day at 538.2.
TEST(Ario, ALossReachesIndustriesBuyingTheSameSector) {
    const RunResult r = simulate(load_scenario(kSameSector), PolicySpec{}, RunOptions{});
    EXPECT_NEAR(day_row(r, 5, "A1", "s1").produced, 70.0, 1e-9);
    const DayRow b1 = day_row(r, 5, "B1", "s1");
    EXPECT_NEAR(b1.produced, 60.0, 1e-9);
    EXPECT_NEAR(b1.received, 4.2, 1e-9);
    EXPECT_NEAR(b1.stock, 538.2, 1e-9 * 538.2);
}

// Self-use in gross output (tests/ario/self_use.toml): A1 uses 10 a day of
// its own s1 (a_11 = 0.1) besides the 3 it buys from B1 (buys_own 0.03), B2
// 14.4 of its own s2 (a_44 = 0.12). Undisturbed, every industry makes its
// gross output (A1 100, B2 120, as the table's x), ships it all (A1's 10 to
// itself included) and holds 90 days of its own product at that output:
// A1 90 x 100 x 0.13 = 1170, B2 90 x 120 x 0.12 = 1296, receiving and using
// 13 and 14.4 a day.
TEST(Ario, SelfUseIsAnOrderOnItselfInGrossOutput) {
    ScenarioSpec s = load_scenario(kSelfUse);
    s.events.clear();
    const RunResult r = simulate(s, PolicySpec{}, RunOptions{});
    for (int d = 0; d < 100; ++d) {
        const DayRow a1 = day_row(r, d, "A1", "s1"), b2 = day_row(r, d, "B2", "s2");
        EXPECT_NEAR(a1.produced, 100.0, 1e-9 * 100.0) << d;
        EXPECT_NEAR(a1.shipped, 100.0, 1e-9 * 100.0) << d;
        EXPECT_NEAR(a1.stock, 1170.0, 1e-9 * 1170.0) << d;
        EXPECT_NEAR(a1.received, 13.0, 1e-9) << d;
        EXPECT_NEAR(a1.consumed_inputs, 13.0, 1e-9) << d;
        EXPECT_NEAR(b2.produced, 120.0, 1e-9 * 120.0) << d;
        EXPECT_NEAR(b2.stock, 1296.0, 1e-9 * 1296.0) << d;
        EXPECT_NEAR(b2.received, 14.4, 1e-9) << d;
    }
    EXPECT_NEAR(totals(r, "s1").unmet, 0.0, 1e-9 * totals(r, "s1").demanded);
    EXPECT_NEAR(totals(r, "s2").unmet, 0.0, 1e-9 * totals(r, "s2").demanded);
}

// Day 5 of the loss with self-use: demand on A1 is its own order 10, B1's
// 6, A2's 18, B2's 10 and final demand 34 + 22: 100. It makes 70 gross
// (30 below its baseline of 100, where a net count would say 27 below 90),
// and every order gets 0.7 of itself: 7 of its own 10 come back to it. Its
// s1 inventory: 1170 - 70 x 0.13 (used) + 7 (itself) + 3 (from B1, ordered
// on day 4 at baseline) = 1170.9.
TEST(Ario, ALossCutsTheSelfUseOfTheDamagedIndustryToo) {
    const RunResult r = simulate(load_scenario(kSelfUse), PolicySpec{}, RunOptions{});
    const DayRow a1 = day_row(r, 5, "A1", "s1");
    EXPECT_NEAR(a1.produced, 70.0, 1e-9);
    EXPECT_NEAR(a1.consumed_inputs, 9.1, 1e-9);
    EXPECT_NEAR(a1.received, 10.0, 1e-9);
    EXPECT_NEAR(a1.stock, 1170.9, 1e-9 * 1170.9);
    EXPECT_NEAR(day_row(r, 5, "RA", "s1").delivered, 0.7 * 34.0 + 8.0, 1e-9);
}

}  // namespace
}  // namespace shockflow::testing
