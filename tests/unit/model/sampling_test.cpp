// Sampled disruptions: each replication draws every distribution of the
// scenario once, from streams keyed by (seed, event), independently of the
// policy. Fixed seeds, so these tests are deterministic.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "model/engine.hpp"
#include "unit/model/builders.hpp"

namespace shockflow::testing {
namespace {

Distribution dist(Distribution::Kind kind, double a, double b, double c = 0.0) {
    Distribution d;
    d.kind = kind;
    d.p = {a, b, c};
    return d;
}

// One strike whose every number is drawn, on one of the parks tagged "hit".
ScenarioBuilder sampled_case() {
    ScenarioBuilder b(0, 20);
    b.product("food");
    for (const char* id : {"P1", "P2", "P3", "P4"})
        b.producer(id, {qty("food", 100)}).tags = {"hit"};
    b.region("R", 1000, {qty("food", 80)});
    for (const char* id : {"P1", "P2", "P3", "P4"}) b.link(id, "R", 1000, 0);
    EventSpec& e = b.strike("any:hit", 0, 0, 0, Recovery::Linear);
    e.count = 2;
    Distribution day = dist(Distribution::Kind::Normal, 3, 1);
    day.min = 0;
    day.max = 6;
    e.day = day;
    e.capacity_loss = dist(Distribution::Kind::Triangular, 0.1, 0.3, 0.8);
    e.repair_days = dist(Distribution::Kind::Uniform, 5, 15);
    e.firms_damaged = dist(Distribution::Kind::Beta, 2, 5);
    return b;
}

struct Draws {
    std::vector<double> day, loss, repair, firms;
};

Draws draw(const ScenarioSpec& s, const PolicySpec& policy, int n) {
    const model::CompiledModel m = model::compile(s, policy);
    Draws d;
    for (int seed = 1; seed <= n; ++seed) {
        const model::Realization r = model::realize(m, static_cast<std::uint64_t>(seed));
        EXPECT_EQ(r.jobs.size(), 2u);
        EXPECT_NE(r.jobs[0].node, r.jobs[1].node);  // count = 2 distinct parks
        d.day.push_back(to_days(r.jobs[0].start));
        d.loss.push_back(r.jobs[0].loss);
        d.repair.push_back(r.jobs[0].work_days);
        d.firms.push_back(r.jobs[0].firms_share);
    }
    return d;
}

double mean(const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return s / static_cast<double>(v.size());
}

// Kolmogorov–Smirnov distance between the sample and a CDF.
template <class Cdf>
double ks_distance(std::vector<double> v, Cdf cdf) {
    std::sort(v.begin(), v.end());
    const double n = static_cast<double>(v.size());
    double d = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const double f = cdf(v[i]);
        d = std::max({d, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
    }
    return d;
}

constexpr int kN = 4000;

TEST(Sampling, DrawsStayWithinTheirSupports) {
    const Draws d = draw(sampled_case().s, PolicySpec{}, kN);
    for (int i = 0; i < kN; ++i) {
        // Days are whole seconds after rounding, so allow one second.
        EXPECT_GE(d.day[static_cast<std::size_t>(i)], 0.0);
        EXPECT_LE(d.day[static_cast<std::size_t>(i)], 6.0 + 1.0 / 86400);
        EXPECT_GE(d.loss[static_cast<std::size_t>(i)], 0.1);
        EXPECT_LE(d.loss[static_cast<std::size_t>(i)], 0.8);
        EXPECT_GE(d.repair[static_cast<std::size_t>(i)], 5.0);
        EXPECT_LT(d.repair[static_cast<std::size_t>(i)], 15.0);
        EXPECT_GT(d.firms[static_cast<std::size_t>(i)], 0.0);
        EXPECT_LT(d.firms[static_cast<std::size_t>(i)], 1.0);
    }
}

// Means against their formulas; tolerance 4 standard errors (n = 4000):
//   uniform(5, 15): 10, sd 10/sqrt(12) = 2.89 -> se 0.046;
//   triangular(0.1, 0.3, 0.8): (0.1+0.3+0.8)/3 = 0.4,
//     var = (a²+b²+c²-ab-ac-bc)/18 = (0.01+0.09+0.64-0.03-0.08-0.24)/18 = 0.0217,
//     sd 0.147 -> se 0.0023;
//   beta(2, 5): 2/7 = 0.2857, sd sqrt(2*5/(49*8)) = 0.160 -> se 0.0025;
//   normal(3, 1) truncated symmetrically to [0, 6]: 3, sd < 1 -> se < 0.016.
TEST(Sampling, DrawsHaveTheirDistributionsMeans) {
    const Draws d = draw(sampled_case().s, PolicySpec{}, kN);
    EXPECT_NEAR(mean(d.repair), 10.0, 4 * 0.046);
    EXPECT_NEAR(mean(d.loss), 0.4, 4 * 0.0023);
    EXPECT_NEAR(mean(d.firms), 2.0 / 7.0, 4 * 0.0025);
    EXPECT_NEAR(mean(d.day), 3.0, 4 * 0.016);
}

// Goodness of fit: the KS distance to the true CDF stays below the 1 % critical
// value 1.63 / sqrt(n) = 0.0258 for the uniform and triangular draws.
TEST(Sampling, DrawsPassAKolmogorovSmirnovTest) {
    const Draws d = draw(sampled_case().s, PolicySpec{}, kN);
    const double critical = 1.63 / std::sqrt(static_cast<double>(kN));
    EXPECT_LT(ks_distance(d.repair, [](double x) { return (x - 5.0) / 10.0; }), critical);
    EXPECT_LT(ks_distance(d.loss,
                          [](double x) {
                              const double a = 0.1, c = 0.3, b = 0.8;
                              return x < c ? (x - a) * (x - a) / ((b - a) * (c - a))
                                           : 1 - (b - x) * (b - x) / ((b - a) * (b - c));
                          }),
              critical);
}

// Common random numbers: the draws depend on the seed only, not on the policy.
TEST(Sampling, EveryPolicySeesTheSameDisruptions) {
    PolicySpec other;
    other.reroute = true;
    other.repair_crews = 1;
    other.prestock = PrestockSpec{{"food"}, -5, 0.5, 9, 0, {}};
    const Draws a = draw(sampled_case().s, PolicySpec{}, 200);
    const Draws b = draw(sampled_case().s, other, 200);
    EXPECT_EQ(a.day, b.day);
    EXPECT_EQ(a.loss, b.loss);
    EXPECT_EQ(a.repair, b.repair);
    EXPECT_EQ(a.firms, b.firms);
}

// Adding an event does not change what the others draw (one stream per event).
TEST(Sampling, AddingAnEventLeavesOtherDrawsAlone) {
    ScenarioBuilder b = sampled_case();
    const Draws before = draw(b.s, PolicySpec{}, 50);
    b.labor("P1", 2, 1, 0.1).absent_share = dist(Distribution::Kind::Uniform, 0.1, 0.2);
    const Draws after = draw(b.s, PolicySpec{}, 50);
    EXPECT_EQ(before.loss, after.loss);
    EXPECT_EQ(before.day, after.day);
}

}  // namespace
}  // namespace shockflow::testing
