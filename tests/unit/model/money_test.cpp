// The value KPIs: units lost or unmet, priced by their product's `price`.
#include <gtest/gtest.h>

#include "shockflow/model/simulation.hpp"
#include "unit/model/builders.hpp"
#include "unit/model/query.hpp"

namespace shockflow::testing {
namespace {

// one_park_chain() (builders.hpp) with a second product, water, made and
// eaten exactly as food is: P makes up to 100/day of each, R eats 80/day of
// each and starts with 80 of each. A strike halves P's capacity for days 5-7
// (step repair), which acts on each product alone (no inputs, the link
// carries 1000/day, far above the 2 x 160 asked at most). HandCase
// StrikeOnOneParkChainLosesTenUnits derives it for food: 10 units unmet (day
// 7) and 30 units of output lost on each of days 5-7, 90 in all (the window
// is the whole run). So for each product 10 unmet and 90 lost, and
//   unmet_value       = 10 x 2.5 + 10 x 4 =  65,
//   lost_output_value = 90 x 2.5 + 90 x 4 = 585.
ScenarioBuilder priced_strike(double food_price, double water_price) {
    ScenarioBuilder b = one_park_chain();
    b.product("water");
    b.s.products[0].price = food_price;
    b.s.products[1].price = water_price;
    NodeSpec& p = b.s.nodes[0];
    p.capacity.push_back(qty("water", 100));
    NodeSpec& r = b.s.nodes[1];
    r.demand.push_back(qty("water", 80));
    r.stock.push_back(qty("water", 80));
    b.strike("P", 5, 0.5, 3);
    return b;
}

TEST(HandCase, PricesValueTheUnmetDemandAndTheLostOutput) {
    const RunResult r = simulate(priced_strike(2.5, 4).s, PolicySpec{}, RunOptions{});
    EXPECT_NEAR(totals(r, "food").unmet, 10.0, 1e-9);
    EXPECT_NEAR(totals(r, "water").unmet, 10.0, 1e-9);
    EXPECT_NEAR(r.kpi.unmet_units, 20.0, 1e-9);
    EXPECT_NEAR(r.kpi.lost_output_units, 180.0, 1e-9);
    EXPECT_NEAR(r.kpi.unmet_value, 65.0, 1e-9);
    EXPECT_NEAR(r.kpi.lost_output_value, 585.0, 1e-9);
}

// Without prices the same run is worth nothing: both values are 0, and
// nothing else changes.
TEST(HandCase, UnpricedProductsAddNoValue) {
    const RunResult priced = simulate(priced_strike(2.5, 4).s, PolicySpec{}, RunOptions{});
    const RunResult plain = simulate(priced_strike(0, 0).s, PolicySpec{}, RunOptions{});
    EXPECT_DOUBLE_EQ(plain.kpi.unmet_value, 0.0);
    EXPECT_DOUBLE_EQ(plain.kpi.lost_output_value, 0.0);
    EXPECT_EQ(plain.kpi.unmet_units, priced.kpi.unmet_units);
    EXPECT_EQ(plain.kpi.person_days_short, priced.kpi.person_days_short);
}

// By tag: P carries region:north and sector:food, R region:north and a tag
// without a colon, which groups nothing. region.north sums P's lost output
// (585) and R's unmet demand (65); sector.food only P's (no unmet demand).
TEST(HandCase, ValueLostIsSummedByTag) {
    ScenarioBuilder b = priced_strike(2.5, 4);
    b.s.nodes[0].tags = {"region:north", "sector:food"};
    b.s.nodes[1].tags = {"region:north", "coastal"};
    const RunResult r = simulate(b.s, PolicySpec{}, RunOptions{});
    EXPECT_TRUE(r.priced);
    ASSERT_EQ(r.by_tag.size(), 2u);
    EXPECT_EQ(r.by_tag[0].key, "region");
    EXPECT_EQ(r.by_tag[0].value, "north");
    EXPECT_NEAR(r.by_tag[0].production_loss, 585.0, 1e-9);
    EXPECT_NEAR(r.by_tag[0].unmet_final_demand, 65.0, 1e-9);
    EXPECT_EQ(r.by_tag[1].key, "sector");
    EXPECT_EQ(r.by_tag[1].value, "food");
    EXPECT_NEAR(r.by_tag[1].production_loss, 585.0, 1e-9);
    EXPECT_NEAR(r.by_tag[1].unmet_final_demand, 0.0, 1e-12);
    b.s.products[0].price = b.s.products[1].price = 0.0;
    const RunResult plain = simulate(b.s, PolicySpec{}, RunOptions{});
    EXPECT_FALSE(plain.priced);
    EXPECT_TRUE(plain.by_tag.empty());
}

}  // namespace
}  // namespace shockflow::testing
