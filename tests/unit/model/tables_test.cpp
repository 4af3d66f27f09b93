// What input-output tables need of the engine, derived by hand: a node's own
// recipe, orders split by link weights, unlimited links, and capacity paths.
#include <gtest/gtest.h>

#include <limits>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "shockflow/model/simulation.hpp"
#include "unit/model/builders.hpp"
#include "unit/model/query.hpp"

namespace shockflow::testing {
namespace {

RunResult run(const ScenarioBuilder& b, std::uint64_t seed = 1) {
    return simulate(b.s, PolicySpec{}, RunOptions{seed});
}

// Two parks make bread from flour, which source S makes (no inputs). Bread's
// own recipe needs 0.2 flour per loaf; park P1 has a recipe of its own, 0.5
// flour and 0.2 bread per loaf (self-use). P1 feeds region R1 (60/day), P2
// feeds R2 (40/day); every link has no transit time, one cycle a day.
// Everyone closes gaps in one cycle and starts with one day's use on hand;
// the parks keep no safety stock of flour and have a review period of one
// cycle (a producer's input), the regions keep one day of safety stock and
// have no review period. So every holder's target is plan x 1 day and it
// orders its plan + (plan - position). S's flour leaves at the cycle's
// start, the parks' bread in its middle; both arrive within the cycle.
// P1 works in net loaves (docs/MODEL.md, "Self-use"): its capacity 100 counts
// as 100 x (1 - 0.2) = 80 net a day, and each net loaf needs 0.5 / 0.8 =
// 0.625 flour. R1's 60 loaves a day take 60 x 0.625 = 37.5 flour; P2's 40
// loaves take 40 x 0.2 = 8 (the product's recipe). S makes 45.5 a day.
ScenarioBuilder two_bakeries() {
    ScenarioBuilder b(0, 10);
    b.product("bread");
    b.product("flour", ProductCategory::Intermediate);
    b.recipe("bread", {qty("flour", 0.2)});
    b.producer("S", {qty("flour", 1000)}, 1, NodeKind::Source);
    for (auto [id, flour] : {std::pair{"P1", 37.5}, std::pair{"P2", 8.0}}) {
        NodeSpec& p = b.producer(id, {qty("bread", 100)});
        p.stock = {qty("flour", flour)};
        p.stock_target_days = 0;
        p.replenishment_days = 1;
    }
    b.s.nodes[1].recipe = std::vector<ProductQty>{qty("flour", 0.5), qty("bread", 0.2)};
    for (auto [id, eat] : {std::pair{"R1", 60.0}, std::pair{"R2", 40.0}}) {
        NodeSpec& r = b.region(id, 100, {qty("bread", eat)}, {qty("bread", eat)});
        r.stock_target_days = 1;
        r.replenishment_days = 1;
    }
    b.link("S", "P1", 1000, 0).link("S", "P2", 1000, 0);
    b.link("P1", "R1", 1000, 0).link("P2", "R2", 1000, 0);
    return b;
}

TEST(HandCase, ANodeMakesWithItsOwnRecipe) {
    const RunResult r = run(two_bakeries());
    for (int d : {0, 5, 9}) {
        EXPECT_NEAR(day_row(r, d, "P1", "bread").produced, 60.0, 1e-9) << d;
        EXPECT_NEAR(day_row(r, d, "P1", "flour").consumed_inputs, 37.5, 1e-9) << d;
        EXPECT_NEAR(day_row(r, d, "P1", "bread").capacity_available, 80.0, 1e-9) << d;
        EXPECT_NEAR(day_row(r, d, "P2", "flour").consumed_inputs, 8.0, 1e-9) << d;
        EXPECT_NEAR(day_row(r, d, "P2", "bread").capacity_available, 100.0, 1e-9) << d;
        EXPECT_NEAR(day_row(r, d, "S", "flour").produced, 45.5, 1e-9) << d;
    }
    EXPECT_NEAR(totals(r, "bread").unmet, 0.0, 1e-9);
}

// An own recipe with no inputs: P1 then needs no flour at all and S makes
// only P2's 8 a day.
TEST(HandCase, AnEmptyOwnRecipeNeedsNoInputs) {
    ScenarioBuilder b = two_bakeries();
    b.s.nodes[1].recipe = std::vector<ProductQty>{};
    const RunResult r = run(b);
    EXPECT_NEAR(day_row(r, 5, "P1", "bread").produced, 60.0, 1e-9);
    EXPECT_NEAR(day_row(r, 5, "P1", "flour").consumed_inputs, 0.0, 1e-9);
    EXPECT_NEAR(day_row(r, 5, "S", "flour").produced, 8.0, 1e-9);
}

// Region R eats 80/day, bought from P1 and P2 (100/day each, no inputs) over
// links of weights 3 and 1 without a capacity (unlimited). R keeps one day of
// safety stock (with no review period or lead time, its target is 80), closes
// gaps in one cycle and starts with one day's use: it orders 80 a day, split
// 3 : 1, so P1 makes 60 and P2 20 (split by what each can make, as without
// weights, it would be 40 and 40); what they make arrives in the middle of
// the cycle.
// A strike halves P1 from day 5 for 3 days: P1 can bring 50 (no stock, half
// its capacity), less than its weighted part 60, so it is asked for 50 and
// the 30 left go to P2, whose part 30 is within its 100. R is never short.
// From day 8 the split is 60 : 20 again.
ScenarioBuilder weighted_pair() {
    ScenarioBuilder b(0, 12);
    b.product("food");
    b.producer("P1", {qty("food", 100)});
    b.producer("P2", {qty("food", 100)});
    NodeSpec& r = b.region("R", 1000, {qty("food", 80)}, {qty("food", 80)});
    r.stock_target_days = 1;
    r.replenishment_days = 1;
    const double unlimited = std::numeric_limits<double>::infinity();
    b.link("P1", "R", unlimited, 0).link("P2", "R", unlimited, 0);
    b.s.links[0].weight = 3;
    b.s.links[1].weight = 1;
    return b;
}

TEST(HandCase, OrdersFollowLinkWeightsUpToWhatEachSupplierCanBring) {
    ScenarioBuilder b = weighted_pair();
    b.strike("P1", 5, 0.5, 3);
    const RunResult r = run(b);
    for (int d : {0, 4, 8, 11}) {
        EXPECT_NEAR(day_row(r, d, "P1", "food").produced, 60.0, 1e-9) << d;
        EXPECT_NEAR(day_row(r, d, "P2", "food").produced, 20.0, 1e-9) << d;
    }
    for (int d : {5, 6, 7}) {
        EXPECT_NEAR(day_row(r, d, "P1", "food").produced, 50.0, 1e-9) << d;
        EXPECT_NEAR(day_row(r, d, "P2", "food").produced, 30.0, 1e-9) << d;
    }
    EXPECT_NEAR(totals(r, "food").unmet, 0.0, 1e-9);
    // Unlimited links are never the bottleneck.
    for (double peak : r.link_peak_utilization) EXPECT_LT(peak, 1e-20);
}

// Without weights on both links the split is by what each can make (100 : 100).
TEST(HandCase, WeightsApplyOnlyWhereEveryLinkHasOne) {
    ScenarioBuilder b = weighted_pair();
    b.s.links[1].weight.reset();
    const RunResult r = run(b);
    EXPECT_NEAR(day_row(r, 3, "P1", "food").produced, 40.0, 1e-9);
    EXPECT_NEAR(day_row(r, 3, "P2", "food").produced, 40.0, 1e-9);
}

// A capacity path on P of one_park_chain() (P 100/day, R eats 80/day, target
// 80, gaps closed in one cycle, goods leaving P in the middle of the cycle
// and arriving at once): availability 0.5 from day 5, back to 1 on day 9,
// linear in between; one cycle a day, which reads the path at its start:
// 0.5, 0.625, 0.75, 0.875 on days 5-8, 1 from day 9.
// R's stock before eating, its order 80 + (80 - stock), what P makes (its
// capacity or the order) and where that goes (first what is still open):
//   d5: 80, orders 80, P makes 50 -> 50;
//   d6: 50 (30 open), orders 110, P makes 62.5: 30 serve -> 32.5;
//   d7: 32.5 (47.5 open), orders 127.5, P makes 75: 47.5 serve -> 27.5;
//   d8: 27.5 (52.5 open), orders 132.5, P makes 87.5: 52.5 serve -> 35;
//   d9: 35 (45 open), orders 125, P makes 100: 45 serve -> 55;
//   d10: orders 105, P makes 100 -> 75; d11: orders 85, P makes 85 -> 80;
//   d12: steady again at 80.
// Nothing is unmet (what arrives serves the open demand). Output below the
// baseline 80: 30 + 17.5 + 5 = 52.5 units. Firms follow the capacity: on day 6
// 10 x 0.625 = 6.25 are able, and all of them work (62.5 >= 80 x 0.625).
ScenarioBuilder path_chain() {
    ScenarioBuilder b = one_park_chain();
    EventSpec& e = b.event(EventKind::CapacityPath, 5);
    e.target = "P";
    e.path = {{Distribution::fixed(5), Distribution::fixed(0.5)},
              {Distribution::fixed(9), Distribution::fixed(1)}};
    return b;
}

TEST(HandCase, CapacityFollowsItsPath) {
    const RunResult r = run(path_chain());
    const std::vector<std::pair<int, double>> made{
        {4, 80}, {5, 50}, {6, 62.5}, {7, 75}, {8, 87.5}, {9, 100}, {10, 100}, {11, 85}, {12, 80}};
    for (auto [d, q] : made) EXPECT_NEAR(day_row(r, d, "P", "food").produced, q, 1e-9) << d;
    for (auto [d, a] : {std::pair{4, 1.0}, {5, 0.5}, {6, 0.625}, {8, 0.875}, {9, 1.0}})
        EXPECT_NEAR(day_row(r, d, "P", "food").capacity_available, 100 * a, 1e-9) << d;
    EXPECT_NEAR(day_row(r, 7, "R", "food").stock, 27.5, 1e-9);
    EXPECT_NEAR(day_row(r, 10, "R", "food").stock, 75.0, 1e-9);
    EXPECT_NEAR(totals(r, "food").unmet, 0.0, 1e-9);
    EXPECT_NEAR(r.kpi.lost_output_units, 52.5, 1e-9);
    EXPECT_EQ(firm_row(r, 6, "P").firms_active, 6);
    EXPECT_EQ(firm_row(r, 9, "P").firms_active, 10);
}

// Before its first point a path leaves capacity whole; after its last it
// holds: one point (day 3, 0.3) leaves 100 on days 0-2 and 30 from day 3 on.
// Two points on one day are a jump, which has taken effect on that day: with
// (3, 0.3) and (3, 0.6), day 3 has 60. A path and a strike multiply: a strike
// of 0.5 on day 6 (step repair after 2 days) leaves 0.3 x 0.5 = 15.
TEST(HandCase, CapacityPathHoldsAfterItsLastPointAndJumps) {
    ScenarioBuilder b = one_park_chain();
    EventSpec& e = b.event(EventKind::CapacityPath, 3);
    e.target = "P";
    e.path = {{Distribution::fixed(3), Distribution::fixed(0.3)}};
    b.strike("P", 6, 0.5, 2);
    const RunResult r = run(b);
    EXPECT_NEAR(day_row(r, 2, "P", "food").capacity_available, 100.0, 1e-9);
    EXPECT_NEAR(day_row(r, 3, "P", "food").capacity_available, 30.0, 1e-9);
    EXPECT_NEAR(day_row(r, 6, "P", "food").capacity_available, 15.0, 1e-9);
    EXPECT_NEAR(day_row(r, 19, "P", "food").capacity_available, 30.0, 1e-9);

    ScenarioBuilder jump = one_park_chain();
    EventSpec& j = jump.event(EventKind::CapacityPath, 3);
    j.target = "P";
    j.path = {{Distribution::fixed(3), Distribution::fixed(0.3)},
              {Distribution::fixed(3), Distribution::fixed(0.6)}};
    EXPECT_NEAR(day_row(run(jump), 3, "P", "food").capacity_available, 60.0, 1e-9);
}

// A point's availability drawn from { uniform = [0.4, 0.6] }: the day-5
// capacity shows the draw a, and day 7, halfway to (9, 1), has a + (1 - a) / 2.
// Another seed draws another value.
TEST(HandCase, CapacityPathValuesAreDrawnPerReplication) {
    ScenarioBuilder b = path_chain();
    Distribution& a = b.s.events[0].path[0].availability;
    a.kind = Distribution::Kind::Uniform;
    a.p = {0.4, 0.6, 0.0};
    std::vector<double> drawn;
    for (const std::uint64_t seed : {std::uint64_t{1}, std::uint64_t{2}}) {
        const RunResult r = run(b, seed);
        const double at5 = day_row(r, 5, "P", "food").capacity_available / 100;
        EXPECT_GE(at5, 0.4);
        EXPECT_LE(at5, 0.6);
        EXPECT_NEAR(day_row(r, 7, "P", "food").capacity_available / 100, at5 + (1 - at5) / 2,
                    1e-12);
        drawn.push_back(at5);
    }
    EXPECT_NE(drawn[0], drawn[1]);
}

// `any:TAG` with count 1: one of the two tagged parks is drawn per
// replication and keeps half its capacity; its firms are half damaged, so
// 5 of its 10 are able to work (active or idle) and all 10 of the other.
TEST(HandCase, CapacityPathOnAnyTagDrawsItsTargets) {
    ScenarioBuilder b = one_park_chain(4);
    b.producer("Q", {qty("food", 100)});
    b.s.nodes[0].tags = {"t"};
    b.s.nodes[2].tags = {"t"};
    EventSpec& e = b.event(EventKind::CapacityPath, 0);
    e.target = "any:t";
    e.count = 1;
    e.path = {{Distribution::fixed(0), Distribution::fixed(0.5)}};
    std::set<std::string> drawn;
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        const RunResult r = run(b, seed);
        std::vector<std::string> half;
        for (const std::string node : {"P", "Q"}) {
            const FirmRow f = firm_row(r, 2, node);
            const auto able = f.firms_active + f.firms_idle;
            EXPECT_TRUE(able == 5 || able == 10) << node;
            if (able == 5) half.push_back(node);
        }
        ASSERT_EQ(half.size(), 1u) << seed;
        drawn.insert(half[0]);
    }
    EXPECT_EQ(drawn.size(), 2u);  // both are drawn over eight seeds
}

}  // namespace
}  // namespace shockflow::testing
