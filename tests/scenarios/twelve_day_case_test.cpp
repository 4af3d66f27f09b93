// The facts the twelve-day case is built to reproduce (see the case's
// README.md), checked on the general engine with the case's documented
// parameters: nine struck parks stay operational, over 80 % of park firms stay
// active, mining and automotive plants produce throughout, and the ministry's
// contingency measures keep essential goods flowing where doing nothing does not.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "shockflow/experiment/sweep.hpp"
#include "shockflow/model/simulation.hpp"
#include "shockflow/scenario/design.hpp"
#include "shockflow/scenario/generate.hpp"
#include "shockflow/scenario/loader.hpp"

namespace shockflow {
namespace {

const std::filesystem::path kCase =
    std::filesystem::path(SHOCKFLOW_SOURCE_DIR) / "scenarios" / "twelve_day_conflict";

struct CaseRun {
    ScenarioSpec scenario;
    RunResult result;
};

CaseRun run_with(const std::string& policy) {
    CaseRun c;
    c.scenario = load_scenario(kCase / "scenario.toml");
    const PolicySpec p = load_policy(kCase / "policies" / (policy + ".toml"), c.scenario);
    c.result = simulate(c.scenario, p, RunOptions{c.scenario.seed, true});
    return c;
}

// Sum of a column per (node, day) over days 0-11, for the given nodes.
std::map<std::pair<std::string, int>, double> by_node_day(const RunResult& r,
                                                          const std::set<std::string>& nodes,
                                                          double DayRow::*column) {
    std::map<std::pair<std::string, int>, double> out;
    for (const DayRow& row : r.timeseries) {
        const std::string& id = r.node_ids[row.node];
        if (row.day >= 0 && row.day <= 11 && nodes.count(id)) out[{id, row.day}] += row.*column;
    }
    return out;
}

TEST(TwelveDayCase, MinistryPolicyReproducesTheReportedFacts) {
    const CaseRun c = run_with("ministry");
    std::set<std::string> struck, plants;
    for (const EventSpec& e : c.scenario.events)
        if (e.kind == EventKind::Strike) struck.insert(e.target);
    ASSERT_EQ(struck.size(), 9u);  // nine distinct parks hit
    for (const NodeSpec& n : c.scenario.nodes)
        for (const std::string& tag : n.tags)
            if (tag == "mining" || tag == "automotive") plants.insert(n.id);
    ASSERT_GE(plants.size(), 2u);

    const auto capacity = by_node_day(c.result, struck, &DayRow::capacity_available);
    for (const std::string& park : struck)
        for (int d = 0; d <= 11; ++d) {
            const auto it = capacity.find({park, d});
            EXPECT_TRUE(it != capacity.end() && it->second > 0.0) << park << " day " << d;
        }
    const auto produced = by_node_day(c.result, plants, &DayRow::produced);
    for (const std::string& plant : plants)
        for (int d = 0; d <= 11; ++d) {
            const auto it = produced.find({plant, d});
            EXPECT_TRUE(it != produced.end() && it->second > 0.0) << plant << " day " << d;
        }
    EXPECT_GE(c.result.kpi.min_active_firm_share, 0.80);
    EXPECT_DOUBLE_EQ(c.result.kpi.min_operational_park_share, 1.0);
    EXPECT_GE(c.result.kpi.essential_fill_rate, 0.95);
}

TEST(TwelveDayCase, WithoutContingencyMeasuresEssentialFillIsThreePointsLower) {
    const double ministry = run_with("ministry").result.kpi.essential_fill_rate;
    const double none = run_with("none").result.kpi.essential_fill_rate;
    EXPECT_LE(none, ministry - 0.03);
}

// The case's README ("Does the ranking survive other assumptions?"): over
// the 40 points of design.toml (6 assumptions at once, 5 replications each)
// the ministry's measures are best at every point on the essential fill
// rate, the worst region's and the person-days short; `none` falls up to
// 11.9 points behind; the gap is below one point where the demand shocks
// are weak (8 points), and the ministry's worst region stays at 0.99 or
// better but where both shocks are strong (6 points).
TEST(TwelveDayCase, MinistryBeatsNoneAtEveryPointOfTheDesign) {
    const Design design = load_design(kCase / "design.toml");
    const std::vector<DesignPoint> points = design_points(design);
    std::vector<experiment::SweepPoint> inputs;
    for (const DesignPoint& point : points) {
        const auto overrides = point.overrides(design, {});
        ScenarioSpec s = load_scenario(kCase / "margins.toml", overrides);
        std::vector<PolicySpec> policies;
        for (const char* name : {"none", "ministry"})
            policies.push_back(
                load_policy(kCase / "policies" / (std::string(name) + ".toml"), s, overrides));
        inputs.push_back({std::move(s), std::move(policies)});
    }
    experiment::SweepOptions options;
    options.replications = design.replications;
    options.seed = inputs.front().scenario.seed;
    const experiment::Sweep sweep = experiment::sweep(inputs, design, points, options);
    const auto robust = experiment::sweep_robustness(sweep);
    const std::size_t n = sweep.kpi_names.size();
    const std::size_t fill = sweep.kpi_index("essential_fill_rate");
    const std::size_t worst = sweep.kpi_index("worst_region_essential_fill_rate");
    ASSERT_LT(fill, n);
    ASSERT_LT(worst, n);
    EXPECT_EQ(robust[n + fill].share_best, 1.0);  // ministry
    EXPECT_EQ(robust[n + worst].share_best, 1.0);
    EXPECT_EQ(robust[fill].share_best, 0.0);  // none
    EXPECT_GT(robust[fill].max_regret, 0.10);
    std::size_t small_gap = 0, ministry_short = 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (sweep.mean(i, 1, fill) - sweep.mean(i, 0, fill) < 0.01) ++small_gap;
        if (sweep.mean(i, 1, worst) < 0.99) ++ministry_short;
    }
    EXPECT_EQ(small_gap, 8U);
    EXPECT_EQ(ministry_short, 6U);
}

}  // namespace
}  // namespace shockflow

namespace shockflow {
namespace {

// The fill rates of runs of one scenario at 1, 4 and 24-hour cycles are
// within one point of each other: over the whole network, of essential
// goods, and of the region that fared worst with them.
void expect_fill_rates_agree(ScenarioSpec s, const PolicySpec& p, const std::string& what) {
    std::vector<Kpis> k;
    for (const double hours : {1.0, 4.0, 24.0}) {
        s.step_hours = hours;
        k.push_back(simulate(s, p, RunOptions{s.seed, false}).kpi);
    }
    for (std::size_t i = 0; i < k.size(); ++i)
        for (std::size_t j = i + 1; j < k.size(); ++j) {
            EXPECT_NEAR(k[i].essential_fill_rate, k[j].essential_fill_rate, 0.01) << what;
            EXPECT_NEAR(k[i].fill_rate, k[j].fill_rate, 0.01) << what;
            EXPECT_NEAR(k[i].worst_region_essential_fill_rate,
                        k[j].worst_region_essential_fill_rate, 0.01)
                << what;
        }
}

// The answer does not depend on the cycle length (docs/MODEL.md, "Orders"
// and "Demand"): under every shipped policy, and on a generated national
// network (whose depots supply each other round a ring).
TEST(TwelveDayCase, FillRatesDoNotDependOnTheCycleLength) {
    for (const std::string policy : {"none", "ministry", "depots", "displaced_first"}) {
        const ScenarioSpec s = load_scenario(kCase / "scenario.toml");
        expect_fill_rates_agree(s, load_policy(kCase / "policies" / (policy + ".toml"), s), policy);
    }
}

TEST(GeneratedNetwork, FillRatesDoNotDependOnTheCycleLength) {
    GenerateOptions o;
    o.parks = 300;
    o.regions = 12;
    o.products = 10;
    o.seed = 3;
    expect_fill_rates_agree(generate_network(o), PolicySpec{}, "generated");
}

}  // namespace
}  // namespace shockflow
