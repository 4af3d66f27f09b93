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
// P->D takes 2 days. Every gap is closed in one cycle (replenishment_days =
// 1). A region or depot counts no review period in its target (a producer's
// input row counts one cycle), so D and R keep one day of safety stock
// (stock_target_days = 1) and P none (0), which keeps the targets the chain
// was first derived with: R 100 x (0 + L 0 + S 1) = 100, D 100 x (0 + L 2 +
// S 1) = 300, P's grain 100 x (dt 1 + 0 + 0) = 100. P makes bread at the
// cycle's start and sends it to D in the middle of the cycle: made on day k,
// it leaves at k + 12 h and reaches D at k + 2.5; what S sends P and D sends
// R leaves at the cycle's start and arrives at once, after the cycle.
//
// The steady state, from day -18 on (checked below on day -1), at a cycle's
// start k: R holds 100 and eats it (taken 100); it orders 100 + (100 - (0 +
// 0 + 100)) = 100, which D ships and which arrives at once: R ends the day
// with 100. D holds 100 (what reached it at k - 0.5) with 200 on their way
// (made on days k - 2 and k - 1, due at k + 0.5 and k + 1.5), position 300:
// it orders 100 and ships its 100 to R, and the 100 due at k + 0.5 are what
// it holds at the day's end (received 100 a day). P makes the 100 bread from
// the 100 grain it holds, and S's 100 grain (P's order: 100 + (100 - 100))
// arrive after it: P ends the day with 100 grain.
//
// P out from day 0: no more bread is made. What is downstream of P lasts
// (D's 100 + R's 100) / 100 = 2 days of stock, plus the 2 days of bread in
// transit (the 2-day link, full; due at 0.5 and 1.5, each shipped on by D at
// the next cycle): R eats on days 0, 1, 2 and 3, D is empty from day 3 on
// (what it owes R then never comes), and R first goes short on day 4.
// TTS(P) = stock cover 2 + transit 2 = 4 days.
// S out from day 0: P still has one day of grain, made into bread on day 0
// and due at D at 2.5, so TTS(S) = 1 + 4 = 5 days.
// A short outage is survived: with P back on day 2 (TTR 2), D, which got
// nothing on its orders of days 0 and 1, holds 100 with nothing on its way
// and orders 100 + (300 - 100) = 300; P makes 200 from its 200 grain (its
// 100 plus the 100 it ordered on day 0; it orders none on days 1 and 2,
// position 200 against 100), due at D at 4.5. R eats D's last 100 on day 3;
// D, empty, owes R's 100. Day 4 R has nothing on hand (orders 100 + 100 =
// 200, which D owes), and the 200 reaching D at 4.5 are passed on at once:
// 100 serve R's open demand of day 4, 100 it eats on day 5. From then on it
// repeats every two days: on an odd day P holds no grain and makes nothing
// (the 200 it orders arrive after it makes), and R eats the 100 it kept; on
// an even day P makes 200 from that grain, and the 200 of two days before
// reach D at k + 0.5 and are passed on at once to R, which held nothing: 100
// serve the day, 100 are kept. R is never short: TTS censored at the run's
// end, 20 days, no unmet units, no person-days short. With P back on day 3
// (TTR 3), it makes 200 on day 3, due at D at 5.5: D, empty since day 3, has
// nothing for R on day 4, a day too late (TTS 4).
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
        n.stock_target_days = n.kind == NodeKind::Depot || n.kind == NodeKind::Region ? 1 : 0;
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
// both runs. In the baseline, D keeps what reaches it during the cut (it
// holds 300 on day 3): on day 3 R, with nothing on hand, orders 100 + (100 -
// 0) = 200, D ships them, 100 serve the day and 100 are kept; on day 4 R
// eats them and orders 100, which D, with 100 left or more, ships; so R eats
// 100 on day 5 and the baseline is not short then. With P out, the same 400
// units downstream of P (as above: D's 100 and R's 100 on day 0, the 200
// reaching D at 0.5 and 1.5) are eaten on days 0, 1, 3 and 4 (what is lost
// on day 2 is demand, not goods: they wait at D, 200 on day 3, all sent to R
// then), so the first shortfall the baseline does not have is on day 5:
// TTS = 5.
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
