#include "shockflow/experiment/sweep.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "shockflow/experiment/compare.hpp"
#include "shockflow/model/kpi.hpp"
#include "unit/experiment/tiny_scenario.hpp"

namespace shockflow::experiment {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::size_t kpi_index(std::string_view name) {
    const auto kpis = kpi_registry();
    for (std::size_t j = 0; j < kpis.size(); ++j)
        if (kpis[j].name == name) return j;
    ADD_FAILURE() << "no KPI " << name;
    return 0;
}

std::vector<PolicySpec> two_policies() {
    PolicySpec none;  // every lever off
    none.name = "none";
    PolicySpec surge;
    surge.name = "surge";
    surge.surge_capacity = 0.5;
    return {none, surge};
}

/// A design of one parameter (the strike's capacity loss) and its points.
struct LossDesign {
    Design design;
    std::vector<DesignPoint> points;
    std::vector<SweepPoint> inputs;
};

LossDesign loss_design(const std::vector<double>& losses) {
    LossDesign d;
    DesignParameter p;
    p.keys = {"event.0.capacity_loss"};
    p.name = "loss";
    d.design.parameters = {p};
    for (const double loss : losses) {
        d.points.push_back({{std::to_string(loss)}, {std::to_string(loss)}, {loss}});
        ScenarioSpec s = tiny::tiny_scenario();
        s.events[0].capacity_loss = Distribution::fixed(loss);
        d.inputs.push_back({s, two_policies()});
    }
    return d;
}

bool same_bits(double a, double b) {
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

TEST(Sweep, EveryPointIsTheComparisonOfItsScenarioOnCommonRandomNumbers) {
    const LossDesign d = loss_design({0.3, 0.6, 0.9});
    SweepOptions o;
    o.replications = 4;
    o.seed = 11;
    o.threads = 2;
    std::size_t last = 0, total = 0;
    o.progress = [&](std::size_t done, std::size_t of) {
        EXPECT_EQ(done, last + 1);  // serialised, in increasing order
        last = done;
        total = of;
    };
    const Sweep s = sweep(d.inputs, d.design, d.points, o);
    EXPECT_EQ(last, 3U * 2U * 4U);
    EXPECT_EQ(total, 24U);
    ASSERT_EQ(s.samples.size(), 3U);
    EXPECT_EQ(s.policy_names, (std::vector<std::string>{"none", "surge"}));
    EXPECT_EQ(s.parameter_names, std::vector<std::string>{"loss"});
    CompareOptions c;
    c.replications = 4;
    c.seed = 11;
    c.threads = 1;
    for (std::size_t i = 0; i < 3; ++i) {
        const Comparison cmp = compare(d.inputs[i].scenario, d.inputs[i].policies, c);
        for (std::size_t p = 0; p < 2; ++p)
            for (std::size_t k = 0; k < 4; ++k)
                for (std::size_t j = 0; j < s.kpi_names.size(); ++j) {
                    EXPECT_TRUE(same_bits(s.samples[i][p][k][j], cmp.policies[p].samples[k][j]))
                        << i << ' ' << p << ' ' << k << ' ' << s.kpi_names[j];
                    EXPECT_EQ(s.censored[i][p][k][j], cmp.policies[p].censored[k][j]);
                }
    }
    // One thread gives the same bits.
    o.threads = 1;
    o.progress = nullptr;
    const Sweep one = sweep(d.inputs, d.design, d.points, o);
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t p = 0; p < 2; ++p)
            for (std::size_t k = 0; k < 4; ++k)
                for (std::size_t j = 0; j < s.kpi_names.size(); ++j)
                    EXPECT_TRUE(same_bits(one.samples[i][p][k][j], s.samples[i][p][k][j]));
}

TEST(Sweep, MoreLossNeverDeliversMoreHere) {
    // The tiny network has no spare capacity to lose: under either policy,
    // replication by replication (the same strike day on common random
    // numbers), a larger loss delivers no more.
    const LossDesign d = loss_design({0.5, 0.75, 1.0});
    SweepOptions o;
    o.replications = 5;
    const Sweep s = sweep(d.inputs, d.design, d.points, o);
    const std::size_t fill = kpi_index("essential_fill_rate");
    for (std::size_t p = 0; p < 2; ++p)
        for (std::size_t k = 0; k < 5; ++k)
            for (std::size_t i = 1; i < 3; ++i)
                EXPECT_LE(s.samples[i][p][k][fill], s.samples[i - 1][p][k][fill] + 1e-12);
}

TEST(Sweep, RejectsWhatCannotBeRun) {
    LossDesign d = loss_design({0.3, 0.6});
    SweepOptions o;
    o.replications = 0;
    EXPECT_THROW((void)sweep(d.inputs, d.design, d.points, o), std::invalid_argument);
    o.replications = 1;
    EXPECT_THROW((void)sweep({}, d.design, {}, o), std::invalid_argument);
    d.inputs[1].policies[1].name = "other";  // the points' policies differ
    EXPECT_THROW((void)sweep(d.inputs, d.design, d.points, o), std::invalid_argument);
}

/// A sweep of two policies over three points with two replications, every
/// KPI 0 but those set.
Sweep made_up() {
    Sweep s;
    s.parameter_names = {"x", "rule"};
    s.points = {{{"0", "\"a\""}, {"0", "a"}, {0.0, kNaN}},
                {{"1", "\"b\""}, {"1", "b"}, {1.0, kNaN}},
                {{"2", "\"a\""}, {"2", "a"}, {2.0, kNaN}}};
    s.policy_names = {"A", "B"};
    for (const KpiInfo& k : kpi_registry()) s.kpi_names.emplace_back(k.name);
    s.replications = 2;
    s.samples.assign(3, std::vector<std::vector<std::vector<double>>>(
                            2, std::vector<std::vector<double>>(
                                   2, std::vector<double>(s.kpi_names.size(), 0.0))));
    return s;
}

TEST(SweepRobustness, ShareBestAndRegretByHand) {
    Sweep s = made_up();
    const std::size_t fill = kpi_index("essential_fill_rate");  // higher is better
    const std::size_t short_ = kpi_index("person_days_short");  // lower is better
    const std::size_t recover = kpi_index("time_to_recover_max_days");
    // essential_fill_rate, [point][policy] = replications:
    //   point 0: A {0.9, 0.8} mean 0.85, B {0.7, 0.9} mean 0.80: A best, B regret 0.05
    //   point 1: A {0.6, 0.6} mean 0.60, B {0.7, 0.7} mean 0.70: B best, A regret 0.10
    //   point 2: A {1, 1}, B {1, 1}: a tie, both best, no regret
    // A: best at 2 of 3, mean regret 0.1 / 3, max 0.1 at point 1.
    // B: best at 2 of 3, mean regret 0.05 / 3, max 0.05 at point 0.
    const double f[3][2][2] = {
        {{0.9, 0.8}, {0.7, 0.9}}, {{0.6, 0.6}, {0.7, 0.7}}, {{1, 1}, {1, 1}}};
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t p = 0; p < 2; ++p)
            for (std::size_t k = 0; k < 2; ++k) s.samples[i][p][k][fill] = f[i][p][k];
    // person_days_short at point 0: A {10, 20} mean 15, B {12, 12} mean 12:
    // B best (lower), A regret 3; elsewhere 0 for both (ties).
    s.samples[0][0][0][short_] = 10;
    s.samples[0][0][1][short_] = 20;
    s.samples[0][1][0][short_] = 12;
    s.samples[0][1][1][short_] = 12;
    // A NaN at point 1 leaves that point out of the KPI: A 5 at point 0
    // against B 2 (lower better, regret 3); point 2 a tie. 2 points count.
    s.samples[0][0][0][recover] = s.samples[0][0][1][recover] = 5;
    s.samples[0][1][0][recover] = s.samples[0][1][1][recover] = 2;
    s.samples[1][1][0][recover] = kNaN;

    const auto rows = sweep_robustness(s);
    const std::size_t n = s.kpi_names.size();
    ASSERT_EQ(rows.size(), 2 * n);
    const auto& a_fill = rows[0 * n + fill];
    const auto& b_fill = rows[1 * n + fill];
    EXPECT_EQ(a_fill.policy, 0U);
    EXPECT_EQ(b_fill.policy, 1U);
    EXPECT_DOUBLE_EQ(a_fill.share_best, 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(b_fill.share_best, 2.0 / 3.0);
    EXPECT_NEAR(a_fill.mean_regret, 0.1 / 3.0, 1e-15);
    EXPECT_NEAR(a_fill.max_regret, 0.1, 1e-15);
    EXPECT_EQ(a_fill.worst_point, 1U);
    EXPECT_NEAR(b_fill.mean_regret, 0.05 / 3.0, 1e-15);
    EXPECT_NEAR(b_fill.max_regret, 0.05, 1e-15);
    EXPECT_EQ(b_fill.worst_point, 0U);

    const auto& a_short = rows[0 * n + short_];
    const auto& b_short = rows[1 * n + short_];
    EXPECT_DOUBLE_EQ(a_short.share_best, 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(b_short.share_best, 1.0);
    EXPECT_DOUBLE_EQ(a_short.mean_regret, 1.0);  // 3 / 3 points
    EXPECT_DOUBLE_EQ(a_short.max_regret, 3.0);
    EXPECT_DOUBLE_EQ(b_short.max_regret, 0.0);

    const auto& a_rec = rows[0 * n + recover];
    EXPECT_DOUBLE_EQ(a_rec.share_best, 0.5);   // best at point 2 of the 2 counted
    EXPECT_DOUBLE_EQ(a_rec.mean_regret, 1.5);  // 3 / 2
    EXPECT_DOUBLE_EQ(rows[1 * n + recover].share_best, 1.0);

    // A KPI equal everywhere: every policy best everywhere, no regret.
    const auto& a_units = rows[0 * n + kpi_index("unmet_units")];
    EXPECT_DOUBLE_EQ(a_units.share_best, 1.0);
    EXPECT_DOUBLE_EQ(a_units.max_regret, 0.0);
}

TEST(SweepRobustness, AKpiUndefinedEverywhereHasNoFigures) {
    Sweep s = made_up();
    const std::size_t fill = kpi_index("essential_fill_rate");
    for (auto& point : s.samples) point[0][0][fill] = kNaN;
    const auto rows = sweep_robustness(s);
    EXPECT_TRUE(std::isnan(rows[fill].share_best));
    EXPECT_TRUE(std::isnan(rows[s.kpi_names.size() + fill].mean_regret));
}

TEST(SweepSensitivity, NumericParametersOnlyOverEveryRun) {
    Sweep s = made_up();
    const std::size_t fill = kpi_index("essential_fill_rate");
    // Under A the fill rate is 1 - x / 10 plus ±0.01 by replication: the
    // replication pattern is orthogonal to x, so the SRC of x is
    // corr(x, y) = sd(x / 10) / sd(y). Over the 6 runs x = 0,0,1,1,2,2 has
    // sample variance 4/5 (deviations -1,-1,0,0,1,1: 4 / 5), so x / 10 has
    // 0.008; the ±0.01 adds 6 x 0.0001 / 5 = 0.00012; sd(y) =
    // sqrt(0.00812), and SRC = -sqrt(0.008 / 0.00812) = -0.992583...
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t k = 0; k < 2; ++k)
            s.samples[i][0][k][fill] =
                1.0 - static_cast<double>(i) / 10.0 + (k == 0 ? 0.01 : -0.01);
    const auto rows = sweep_sensitivity(s);
    // The string parameter "rule" is left out: one row per policy and KPI.
    ASSERT_EQ(rows.size(), 2 * s.kpi_names.size());
    for (const auto& r : rows) {
        EXPECT_EQ(r.parameter, 0U);
        EXPECT_EQ(r.observations, 6U);
    }
    const auto& a = rows[fill];  // policy A, KPI fill, the only parameter
    EXPECT_EQ(a.policy, 0U);
    EXPECT_EQ(a.kpi, fill);
    EXPECT_NEAR(a.value.src.mean, -std::sqrt(0.008 / 0.00812), 1e-12);
    // With one input R² = b · corr(x, y) = b²: the share of the variance
    // that x explains, 0.008 / 0.00812.
    EXPECT_NEAR(a.r2, 0.008 / 0.00812, 1e-12);
    // Under B the fill rate is 0 everywhere: nothing varies, no sensitivity.
    EXPECT_TRUE(std::isnan(rows[s.kpi_names.size() + fill].value.src.mean));
    EXPECT_TRUE(std::isnan(rows[s.kpi_names.size() + fill].r2));
}

}  // namespace
}  // namespace shockflow::experiment
