// The limits of shockflow/scenario/limits.hpp: every number a scenario or
// policy holds stays within what the engine represents (time in whole seconds
// in 64 bits, totals in doubles). A value just at a limit is accepted; one
// beyond it is an input error at the value. Before these checks, a day of
// 1e308 overflowed its tick (a strike "on day 1e308" hit on the first day)
// and a demand of 1e308 turned the KPIs into infinities.

#include "shockflow/scenario/limits.hpp"

#include "unit/scenario/support.hpp"

namespace shockflow::test {
namespace {

using Limits = LoaderTest;

std::string with_header(std::string_view keys) {
    return replaced(kBase, "name = \"test\"", "name = \"t\"\n" + std::string(keys));
}

TEST_F(Limits, RunDaysAreWithinAMillionDays) {
    const auto spec =
        load_scenario(write("s.toml", with_header("start_day = -1e6\nend_day = 1e6")));
    EXPECT_EQ(spec.start_day, -limits::kMaxDay);
    EXPECT_EQ(spec.end_day, limits::kMaxDay);
    const auto text = with_header("end_day = 1e15");
    EXPECT_EQ(expect_error_at(text, "1e15", "end_day").message,
              "scenario.end_day: must be between -1e6 and 1e6 days (got 1000000000000000)");
    // The span check does not pile a knock-on error on top, even where the
    // default end_day would come before start_day.
    EXPECT_EQ(scenario_errors(text).size(), 1U);
    EXPECT_EQ(scenario_errors(with_header("start_day = 40\nend_day = 1e15")).size(), 1U);
}

TEST_F(Limits, StepIsAWholeNumberOfSecondsOfAtLeastAMinute) {
    // 1/60 hour is 60 s and 0.1 hour 360 s: both divide 86,400 s.
    EXPECT_EQ(load_scenario(write("a.toml", with_header("step_hours = 0.1"))).step_hours, 0.1);
    const auto minute =
        load_scenario(write("b.toml", with_header("step_hours = 0.016666666666666666")));
    EXPECT_NEAR(minute.step_hours * 60.0, 1.0, 1e-12);
    expect_error_at(with_header("step_hours = 0.0001"), "0.0001",
                    "scenario.step_hours: must be at least one minute, 1/60 hour (got 0.0001)");
    expect_error_at(with_header("step_hours = 1e-300"), "1e-300", "at least one minute");
    // 24 / (1/7) = 168 cycles, but 1/7 hour is 514.28... s: not a whole second.
    expect_error_at(with_header("step_hours = 0.14285714285714285"), "0.1428",
                    "must divide 24 hours exactly");
}

TEST_F(Limits, ReplicationsAreAtMostAMillion) {
    EXPECT_EQ(load_scenario(write("s.toml", with_header("replications = 1000000"))).replications,
              limits::kMaxReplications);
    expect_error_at(with_header("replications = 9223372036854775807"), "9223372036854775807",
                    "scenario.replications: must be at most 1000000 (got 9223372036854775807)");
}

TEST_F(Limits, DisruptionWindowDaysAreBounded) {
    expect_error_at(with_header("disruption_window = [0, 1e300]"), "1e300",
                    "scenario.disruption_window[1]: must be between -1e6 and 1e6 days");
}

TEST_F(Limits, NodeQuantitiesFirmsAndDaysAreBounded) {
    const auto text = with_base(
        "[[node]]\nid = \"p2\"\nkind = \"park\"\nfirms = 1000000001\ncapacity = { food = 2e12 "
        "}\nstock = { food = 1e308 }\nstock_target_days = 1e7\nreplenishment_days = 2e6\n");
    const auto diags = scenario_errors(text);
    EXPECT_EQ(find(diags, "node[6].firms: must be at most 1000000000 (got 1000000001)").loc.line,
              pos_of(text, "1000000001").line);
    EXPECT_EQ(
        find(diags, "node[6].capacity.food: must be at most 1e12 (got 2000000000000)").loc.column,
        pos_of(text, "2e12").column);
    find(diags, "node[6].stock.food: must be at most 1e12 (got 1e+308)");
    find(diags, "node[6].stock_target_days: must be at most 1e6 days (got 10000000)");
    find(diags, "node[6].replenishment_days: must be at most 1e6 days (got 2000000)");
    // At the limits, all is well.
    const auto ok = with_base(
        "[[node]]\nid = \"p2\"\nkind = \"park\"\nfirms = 1000000000\ncapacity = { food = 1e12 "
        "}\nstock_target_days = 1e6\n");
    EXPECT_EQ(load_scenario(write("ok.toml", ok)).nodes.back().firms, limits::kMaxFirms);
}

TEST_F(Limits, RegionPopulationAndDemandAreBounded) {
    const auto text = replaced(kBase, "population = 1000\ndemand = { food = 20 }",
                               "population = 1e13\ndemand = { food = 1e308 }");
    const auto diags = scenario_errors(text);
    find(diags, "node[4].population: must be at most 1e12 (got 10000000000000)");
    find(diags, "node[4].demand.food: must be at most 1e12 (got 1e+308)");
}

TEST_F(Limits, LinkCapacityAndTransitAreBounded) {
    const auto text =
        with_base("[[link]]\nfrom = \"r1\"\nto = \"r2\"\ncapacity = 1e13\ntransit_hours = 3e7\n");
    const auto diags = scenario_errors(text);
    find(diags, "link[3].capacity: must be at most 1e12 (got 10000000000000)");
    EXPECT_EQ(find(diags, "link[3].transit_hours: must be at most 24000000 hours (got 30000000)")
                  .loc.line,
              pos_of(text, "3e7").line);
}

TEST_F(Limits, PricesAndRecipeInputsAreBounded) {
    const auto text =
        replaced(with_base("[[recipe]]\nproduct = \"steel\"\ninputs = { ore = 1e300 }\n"),
                 "id = \"steel\"", "id = \"steel\"\nprice = 1e100");
    const auto diags = scenario_errors(text);
    find(diags, "product[1].price: must be at most 1e12 (got 1e+100)");
    find(diags, "recipe[0].inputs.ore: must be at most 1e12 (got 1e+300)");
}

TEST_F(Limits, EventDaysAndDurationsAreBounded) {
    const auto text = with_base(
        "[[event]]\nkind = \"strike\"\ntarget = \"p1\"\nday = 1e308\ncapacity_loss = 1\n"
        "repair_days = 3\n\n"
        "[[event]]\nkind = \"strike\"\ntarget = \"p1\"\nday = 1\ncapacity_loss = 1\n"
        "repair_days = 1e308\n\n"
        "[[event]]\nkind = \"link_cut\"\nlink = \"p1->d1\"\nday = 1\nduration_days = 1e308\n\n"
        "[[event]]\nkind = \"demand_shock\"\nday = 1\nduration_days = 2\nmultiplier = 1e7\n\n"
        "[[event]]\nkind = \"displacement\"\nfrom = \"r1\"\nto = \"r2\"\nshare = 0.1\nday = 1\n"
        "over_days = { uniform = [1, 1e9] }\n");
    const auto diags = scenario_errors(text);
    EXPECT_EQ(find(diags, "event[0].day: must be between -1e6 and 1e6 days (got 1e+308)").loc.line,
              pos_of(text, "day = 1e308").line);
    find(diags, "event[1].repair_days: must be at most 1e6 days (got 1e+308)");
    find(diags, "event[2].duration_days: must be at most 1e6 days (got 1e+308)");
    find(diags, "event[3].multiplier: must be at most 1e6 (got 10000000)");
    find(diags,
         "event[4].over_days: every draw must be at most 1e6 days, but this uniform ranges over "
         "[1, 1000000000]");
    // An event out of bounds is reported once: not again as "after the end of the run".
    EXPECT_EQ(diags.size(), 5U);
}

TEST_F(Limits, ANormalDayIsBoundedOverSixSigmas) {
    const auto text = with_base(
        "[[event]]\nkind = \"link_cut\"\nlink = \"p1->d1\"\nday = { normal = [1, 1e300] }\n"
        "duration_days = 2\n");
    expect_error_at(text, "{ normal",
                    "event[0].day: every draw must be between -1e6 and 1e6 days, but this normal "
                    "ranges over [-6e+300, 6e+300] (mu +/- 6 sigma, within min and max)");
    // Cut to its min and max, the same normal is fine.
    const auto cut = with_base(
        "[[event]]\nkind = \"link_cut\"\nlink = \"p1->d1\"\nday = { normal = [1, 1e300], min = 0, "
        "max = 5 }\nduration_days = 2\n");
    EXPECT_EQ(load_scenario(write("ok.toml", cut)).events.size(), 1U);
}

TEST_F(Limits, PolicyNumbersAreBounded) {
    const auto text = with_base(
        "[policy]\nsurge_capacity = 1e7\nholding_cost = { food = 1e13 }\n"
        "stock_target_days = { essential = 1e9 }\n"
        "prestock = { products = [\"food\"], from_day = -1e308, uplift = 1e308, target_days = 1e7 "
        "}\nrepair_speedup = { from_day = 1e308, factor = 1e-300 }\n");
    const auto diags = scenario_errors(text);
    find(diags, "policy.surge_capacity: must be at most 1e6 (got 10000000)");
    find(diags, "policy.holding_cost.food: must be at most 1e12 (got 10000000000000)");
    find(diags, "policy.stock_target_days.essential: must be at most 1e6 days (got 1000000000)");
    find(diags, "policy.prestock.from_day: must be between -1e6 and 1e6 days (got -1e+308)");
    for (const auto& d : diags) EXPECT_EQ(d.message.find("until_day"), std::string::npos);
    find(diags, "policy.prestock.uplift: must be at most 1e6 (got 1e+308)");
    find(diags, "policy.prestock.target_days: must be at most 1e6 days (got 10000000)");
    find(diags, "policy.repair_speedup.from_day: must be between -1e6 and 1e6 days (got 1e+308)");
    find(diags, "policy.repair_speedup.factor: must be at least 1e-6 (got 1e-300)");
}

}  // namespace
}  // namespace shockflow::test
