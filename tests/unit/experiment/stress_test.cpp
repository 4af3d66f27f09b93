// The stress test on a chain small enough to derive by hand, its options,
// and its independence from the number of threads.
#include "shockflow/experiment/stress.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "shockflow/model/simulation.hpp"
#include "shockflow/scenario/generate.hpp"
#include "unit/model/builders.hpp"
#include "unit/model/query.hpp"

namespace shockflow::testing {
namespace {

using experiment::select_targets;
using experiment::stress;
using experiment::StressOptions;
using experiment::StressResult;
using experiment::StressTarget;

// source S -> park P -> depot D -> region R, one cycle a day, days -20 to 20,
// the window from day 0. S makes grain; P makes bread (essential) from grain,
// one for one; R eats 100 bread a day. Links: S->P and D->R arrive at once,
// P->D takes 2 days. Nobody keeps safety stock (stock_target_days = 0) and
// every gap is closed in one cycle (replenishment_days = 1).
//
// The steady state, from day -20 on (checked below on day -1), at the end of
// a day: R holds 100 (it eats 100 from its stock, then orders 100 + (100 -
// (0 + 0 + 100)) = 100, which D ships and which arrives at once). D holds 100:
// its target is 100 x (1 + L 2 + 0) = 300; when it orders it holds 100 + the
// 100 that arrived, with 100 on the way from yesterday, so it orders 100 and
// ships 100 to R. 200 are on the way from P (shipped yesterday and the day
// before). P holds 100 grain: it makes today's 100 bread from the grain on
// hand, and S's 100 grain arrive at once after it.
//
// P out from day 0: no more bread is made. What is downstream of P lasts
// (D's 100 + R's 100) / 100 = 2 days of stock, plus the 2 days of bread in
// transit (the 2-day link, full): R eats on days 0, 1, 2 and 3 and first
// goes short on day 4. TTS(P) = stock cover 2 + transit 2 = 4 days.
// S out from day 0: P still has one day of grain, made into bread on day 0,
// so TTS(S) = 1 + 4 = 5 days.
// A short outage is survived: with P back on day 2, what it makes that day
// reaches D on day 4, in time for R (TTR 2: never short, TTS censored at the
// run's end, 20 days); with P back on day 3, it comes a day late (TTR 3: TTS 4).
ScenarioSpec chain() {
    ScenarioBuilder b(-20, 20);
    b.s.disruption_window = {0, 12};
    b.product("grain", ProductCategory::Intermediate);
    b.product("bread");
    b.recipe("bread", {qty("grain", 1)});
    b.producer("S", {qty("grain", 1000)}, 1, NodeKind::Source);
    NodeSpec& p = b.producer("P", {qty("bread", 1000)});
    p.stock = {qty("grain", 100)};
    NodeSpec& d = b.node("D", NodeKind::Depot);
    d.stock = {qty("bread", 300)};
    b.region("R", 1000, {qty("bread", 100)}, {qty("bread", 100)});
    for (NodeSpec& n : b.s.nodes) {
        n.stock_target_days = 0;
        n.replenishment_days = 1;
    }
    b.link("S", "P", 10000, 0);
    b.link("P", "D", 10000, 48);
    b.link("D", "R", 10000, 0);
    return b.s;
}

StressTarget only(const StressResult& r) {
    EXPECT_EQ(r.targets.size(), 1u);
    return r.targets.at(0);
}

StressTarget stress_one(const ScenarioSpec& s, const std::string& node, double ttr) {
    StressOptions o;
    o.targets = select_targets(s, node);
    o.ttr_days = ttr;
    return only(stress(s, PolicySpec{}, o));
}

TEST(Stress, TheChainsSteadyStateIsTheOneDerived) {
    const RunResult r = simulate(chain(), PolicySpec{}, RunOptions{.seed = 1});
    EXPECT_NEAR(day_row(r, -1, "R", "bread").stock, 100.0, 1e-9);
    EXPECT_NEAR(day_row(r, -1, "D", "bread").stock, 100.0, 1e-9);
    EXPECT_NEAR(day_row(r, -1, "P", "grain").stock, 100.0, 1e-9);
    EXPECT_NEAR(day_row(r, -1, "D", "bread").received, 100.0, 1e-9);
    EXPECT_DOUBLE_EQ(r.kpi.essential_fill_rate, 1.0);
}

TEST(Stress, TimeToSurviveIsTheStockCoverDownstreamPlusTransit) {
    const ScenarioSpec s = chain();
    const StressTarget p = stress_one(s, "P", 10);
    EXPECT_DOUBLE_EQ(p.tts_days, 4.0);
    EXPECT_FALSE(p.tts_censored);
    EXPECT_EQ(p.first_region, "R");
    EXPECT_EQ(p.first_product, "bread");
    EXPECT_DOUBLE_EQ(p.ttr_days, 10.0);
    EXPECT_EQ(p.ttr_source, "option");
    EXPECT_GT(p.person_days_short, 0.0);
    EXPECT_GT(p.essential_unmet_units, 0.0);
    EXPECT_DOUBLE_EQ(stress_one(s, "S", 10).tts_days, 5.0);
}

TEST(Stress, AnOutageShorterThanTheCoverIsSurvived) {
    const ScenarioSpec s = chain();
    const StressTarget two = stress_one(s, "P", 2);
    EXPECT_TRUE(two.tts_censored);
    EXPECT_DOUBLE_EQ(two.tts_days, 20.0);  // the run's end, from the window start
    EXPECT_EQ(two.first_region, "");
    EXPECT_DOUBLE_EQ(two.person_days_short, 0.0);
    EXPECT_DOUBLE_EQ(two.essential_unmet_units, 0.0);
    EXPECT_DOUBLE_EQ(stress_one(s, "P", 3).tts_days, 4.0);
}

// Shortfalls the baseline run already has do not count: a cut of D->R on
// days 1 and 2 leaves R, which eats its own 100 on day 1, short on day 2 in
// both runs. With P out, the same 400 units downstream of P (as above) are
// eaten on days 0, 1, 3 and 4 (what is lost on day 2 is demand, not goods:
// they wait at D), so the first shortfall the baseline does not have is on
// day 5: TTS = 5.
TEST(Stress, ShortfallsOfTheBaselineDoNotCount) {
    ScenarioSpec s = chain();
    ScenarioBuilder b(0, 1);
    b.s = s;
    b.cut("D->R", 1, 2);
    const RunResult base = simulate(b.s, PolicySpec{}, RunOptions{.seed = 1});
    EXPECT_GT(day_row(base, 2, "R", "bread").unmet, 0.0);
    const StressTarget p = stress_one(b.s, "P", 10);
    EXPECT_DOUBLE_EQ(p.tts_days, 5.0);
    // Without the scenario's events, the chain's own answer.
    StressOptions o;
    o.targets = select_targets(b.s, "P");
    o.ttr_days = 10;
    o.no_events = true;
    const StressResult quiet = stress(b.s, PolicySpec{}, o);
    EXPECT_TRUE(quiet.no_events);
    EXPECT_DOUBLE_EQ(only(quiet).tts_days, 4.0);
}

TEST(Stress, TheTtrIsTheLongestRepairOfAStrikeOnTheNodeElse14Days) {
    ScenarioSpec s = chain();
    std::string source;
    EXPECT_DOUBLE_EQ(experiment::stress_ttr(s, 1, source), 14.0);
    EXPECT_EQ(source, "default");
    ScenarioBuilder b(0, 1);
    b.s = s;
    b.strike("P", 5, 0.5, 6);
    Distribution repair;
    repair.kind = Distribution::Kind::Uniform;
    repair.p = {6, 10, 0};
    b.strike("P", 7, 0.5, 0).repair_days = repair;  // mean 8
    EXPECT_DOUBLE_EQ(experiment::stress_ttr(b.s, 1, source), 8.0);
    EXPECT_EQ(source, "event:1");
    StressOptions o;
    o.targets = {1};
    EXPECT_EQ(only(stress(b.s, PolicySpec{}, o)).ttr_source, "event:1");
}

TEST(Stress, SelectorsNameIdsKindsAndTags) {
    ScenarioSpec s = chain();
    s.nodes[1].tags = {"sector:bread"};
    EXPECT_EQ(select_targets(s, "P"), (std::vector<std::size_t>{1}));
    EXPECT_EQ(select_targets(s, "source,P"), (std::vector<std::size_t>{0, 1}));
    EXPECT_EQ(select_targets(s, "park, tag:sector:bread"), (std::vector<std::size_t>{1}));
    const auto message = [&](const char* selector) {
        try {
            (void)select_targets(s, selector);
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_NE(message("PP").find("no node is named \"PP\" (did you mean \"P\"?)"),
              std::string::npos);
    EXPECT_NE(message("D").find("depot \"D\" has no capacity to lose"), std::string::npos);
    EXPECT_NE(message("tag:sector:brad").find("(did you mean \"sector:bread\"?)"),
              std::string::npos);
    EXPECT_NE(message("P,").find("an empty item"), std::string::npos);
    EXPECT_NE(message("plant").find("no node is a plant"), std::string::npos);
}

// Every park and plant by default, ranked by person-days short caused; the
// same result on 1 and 3 threads.
TEST(Stress, TheResultDoesNotDependOnTheThreads) {
    GenerateOptions g;
    g.parks = 12;
    g.regions = 3;
    g.products = 6;
    g.seed = 5;
    const ScenarioSpec s = generate_network(g);
    StressOptions o;
    o.seed = 2;
    o.threads = 1;
    const StressResult one = stress(s, PolicySpec{}, o);
    o.threads = 3;
    const StressResult three = stress(s, PolicySpec{}, o);
    ASSERT_EQ(one.targets.size(), 12u);
    ASSERT_EQ(three.targets.size(), one.targets.size());
    for (std::size_t i = 0; i < one.targets.size(); ++i) {
        const StressTarget &a = one.targets[i], &b = three.targets[i];
        EXPECT_EQ(a.rank, i + 1);
        EXPECT_EQ(a.node, b.node);
        EXPECT_EQ(a.tts_days, b.tts_days);
        EXPECT_EQ(a.person_days_short, b.person_days_short);
        EXPECT_EQ(a.essential_unmet_units, b.essential_unmet_units);
        if (i > 0) {
            EXPECT_GE(one.targets[i - 1].person_days_short, a.person_days_short);
        }
    }
}

}  // namespace
}  // namespace shockflow::testing
