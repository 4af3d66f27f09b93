#include "shockflow/experiment/statistics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <random>
#include <utility>
#include <vector>

namespace shockflow::experiment {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(Statistics, MeanAndSampleStdOfOneToFour) {
    // mean = (1+2+3+4)/4 = 2.5; squared deviations 2.25+0.25+0.25+2.25 = 5;
    // sample variance 5/(4-1) = 5/3, std = sqrt(5/3) = 1.2909944487.
    const std::vector<double> x{1, 2, 3, 4};
    EXPECT_DOUBLE_EQ(mean(x), 2.5);
    EXPECT_NEAR(sample_std(x), std::sqrt(5.0 / 3.0), 1e-15);
}

TEST(Statistics, StdOfOneValueIsZeroAndOfNoneIsNaN) {
    const std::vector<double> one{42.0};
    EXPECT_EQ(sample_std(one), 0.0);
    EXPECT_TRUE(std::isnan(sample_std({})));
    EXPECT_TRUE(std::isnan(mean({})));
}

TEST(Statistics, TQuantilesMatchTables) {
    // Two-sided 95 % critical values from standard tables (the brief's values).
    EXPECT_NEAR(student_t_95(1), 12.7062, 1e-3);
    EXPECT_NEAR(student_t_95(2), 4.3027, 1e-3);
    EXPECT_NEAR(student_t_95(10), 2.2281, 1e-3);
    EXPECT_NEAR(student_t_95(30), 2.0423, 1e-3);
    EXPECT_NEAR(student_t_95(kInf), 1.95996, 1e-3);
    // More digits (R: qt(0.975, df), qnorm(0.975)).
    EXPECT_NEAR(student_t_95(3), 3.182446305, 1e-8);
    EXPECT_NEAR(student_t_95(5), 2.570581836, 1e-8);
    EXPECT_NEAR(student_t_95(100), 1.983971519, 1e-8);
    EXPECT_NEAR(student_t_95(kInf), 1.959963985, 1e-8);
}

TEST(Statistics, TQuantilesMatchClosedFormsForOneAndTwoDegrees) {
    // df = 1 is the Cauchy distribution: t_p = tan(pi (p - 1/2)).
    // df = 2: F(t) = 1/2 + t / (2 sqrt(2 + t^2)), so with u = 2p - 1,
    // t_p = u sqrt(2 / (1 - u^2)).
    for (double p : {0.6, 0.9, 0.975, 0.999}) {
        EXPECT_NEAR(student_t_quantile(p, 1), std::tan(std::numbers::pi * (p - 0.5)), 1e-9) << p;
        const double u = 2.0 * p - 1.0;
        EXPECT_NEAR(student_t_quantile(p, 2), u * std::sqrt(2.0 / (1.0 - u * u)), 1e-9) << p;
    }
}

TEST(Statistics, TQuantileIsOddAroundTheMedian) {
    EXPECT_EQ(student_t_quantile(0.5, 7), 0.0);
    EXPECT_DOUBLE_EQ(student_t_quantile(0.025, 10), -student_t_quantile(0.975, 10));
}

TEST(Statistics, TQuantileIsContinuousWhereTheLargeDfSeriesTakesOver) {
    // Beyond df = 1e5 a Cornish-Fisher series replaces the incomplete beta;
    // t(0.975, df) ~ z + (z^3 + z) / (4 df) changes by ~2e-10 between the two;
    // at df = 1e5 the first term is (7.52914 + 1.95996) / 4e5 = 2.3723e-5.
    EXPECT_NEAR(student_t_95(1e5), student_t_95(1e5 + 1.0), 1e-9);
    EXPECT_NEAR(student_t_95(1e5) - student_t_95(kInf), 2.3723e-5, 0.0002e-5);
}

TEST(Statistics, ConfidenceIntervalOfOneToFour) {
    // n = 4, df = 3, t = 3.182446305; half width = t * sqrt(5/3) / sqrt(4)
    // = 3.182446305 * 1.2909944487 / 2 = 2.0542602566 -> [0.4457397434, 4.5542602566].
    const std::vector<double> x{1, 2, 3, 4};
    const KpiStats s = summarize(x);
    EXPECT_DOUBLE_EQ(s.mean, 2.5);
    EXPECT_NEAR(s.ci95_lo, 0.4457397434, 1e-8);
    EXPECT_NEAR(s.ci95_hi, 4.5542602566, 1e-8);
}

TEST(Statistics, PercentilesInterpolateLikeNumpyType7) {
    // Sorted: 1 3 4 7 10 (n = 5); h = (n - 1) q/100 = 4 q/100, then
    // x[floor h] + frac(h) (x[floor h + 1] - x[floor h]):
    //   q=5:  h=0.2 -> 1 + 0.2*2 = 1.4      q=25: h=1 -> 3
    //   q=50: h=2   -> 4                    q=90: h=3.6 -> 7 + 0.6*3 = 8.8
    //   q=95: h=3.8 -> 7 + 0.8*3 = 9.4      q=0 -> 1, q=100 -> 10
    const std::vector<double> x{7, 1, 3, 10, 4};
    EXPECT_NEAR(percentile(x, 5), 1.4, 1e-12);
    EXPECT_DOUBLE_EQ(percentile(x, 25), 3.0);
    EXPECT_DOUBLE_EQ(percentile(x, 50), 4.0);
    EXPECT_NEAR(percentile(x, 90), 8.8, 1e-12);
    EXPECT_NEAR(percentile(x, 95), 9.4, 1e-12);
    EXPECT_DOUBLE_EQ(percentile(x, 0), 1.0);
    EXPECT_DOUBLE_EQ(percentile(x, 100), 10.0);
    // Even count: the median is halfway between the middle two.
    EXPECT_DOUBLE_EQ(percentile(std::vector<double>{1, 2, 3, 4}, 50), 2.5);
    const KpiStats s = summarize(x);
    EXPECT_NEAR(s.p5, 1.4, 1e-12);
    EXPECT_DOUBLE_EQ(s.p50, 4.0);
    EXPECT_NEAR(s.p95, 9.4, 1e-12);
}

TEST(Statistics, PercentileOfSampleWithNaNIsNaN) {
    const std::vector<double> x{1, std::nan(""), 3};
    EXPECT_TRUE(std::isnan(percentile(x, 50)));
}

TEST(Statistics, PairedDifferenceAndShareBetter) {
    // policy {10, 12, 9, 15} vs baseline {8, 12, 11, 10}: differences {2, 0, -2, 5},
    // mean 5/4 = 1.25; deviations .75 -1.25 -3.25 3.75, squares sum 26.75,
    // std = sqrt(26.75/3) = 2.9860788112; half width 3.182446305 * std / 2 = 4.7515177396.
    // Higher better: 10>8 and 15>10 (12 = 12 is a tie, not better) -> 2/4.
    // Lower better: only 9 < 11 -> 1/4.
    const std::vector<double> policy{10, 12, 9, 15}, baseline{8, 12, 11, 10};
    const KpiDiff up = paired(policy, baseline, true);
    EXPECT_DOUBLE_EQ(up.mean_diff, 1.25);
    EXPECT_NEAR(up.ci95_lo, 1.25 - 4.7515177396, 1e-8);
    EXPECT_NEAR(up.ci95_hi, 1.25 + 4.7515177396, 1e-8);
    EXPECT_DOUBLE_EQ(up.share_better, 0.5);
    const KpiDiff down = paired(policy, baseline, false);
    EXPECT_DOUBLE_EQ(down.mean_diff, 1.25);
    EXPECT_DOUBLE_EQ(down.share_better, 0.25);
}

TEST(Statistics, PairedAgainstItselfIsZero) {
    const std::vector<double> x{0.3, 0.9, 0.5};
    const KpiDiff d = paired(x, x, true);
    EXPECT_EQ(d.mean_diff, 0.0);
    EXPECT_EQ(d.ci95_lo, 0.0);
    EXPECT_EQ(d.ci95_hi, 0.0);
    EXPECT_EQ(d.share_better, 0.0);
}

TEST(Statistics, OneReplicationGivesDegenerateInterval) {
    const std::vector<double> x{3.5};
    const KpiStats s = summarize(x);
    EXPECT_EQ(s.mean, 3.5);
    EXPECT_EQ(s.std, 0.0);
    EXPECT_EQ(s.ci95_lo, 3.5);
    EXPECT_EQ(s.ci95_hi, 3.5);
    EXPECT_EQ(s.p5, 3.5);
    EXPECT_EQ(s.p50, 3.5);
    EXPECT_EQ(s.p95, 3.5);
    const KpiDiff d = paired(std::vector<double>{2.0}, std::vector<double>{1.0}, true);
    EXPECT_EQ(d.mean_diff, 1.0);
    EXPECT_EQ(d.ci95_lo, 1.0);
    EXPECT_EQ(d.ci95_hi, 1.0);
    EXPECT_EQ(d.share_better, 1.0);
}

TEST(Statistics, RatioOfMeansWithItsDeltaMethodInterval) {
    // numerator {2, 4, 6}, denominator {1, 1, 2}: means 4 and 4/3, R = 3.
    // Residuals x - 3y = {-1, 1, 0} (mean 0), sample std sqrt(2/2) = 1; the
    // standard error 1 / (sqrt(3) x 4/3) = sqrt(3)/4 = 0.4330127019; with
    // t(0.975, 2) = 4.3026527297 the half width is 1.8631033 ->
    // [1.1368967, 4.8631033].
    const std::vector<double> x{2, 4, 6}, y{1, 1, 2};
    const Estimate r = ratio_of_means(x, y);
    EXPECT_DOUBLE_EQ(r.mean, 3.0);
    EXPECT_NEAR(r.ci95_lo, 3.0 - 4.3026527297 * std::sqrt(3.0) / 4.0, 1e-9);
    EXPECT_NEAR(r.ci95_hi, 3.0 + 4.3026527297 * std::sqrt(3.0) / 4.0, 1e-9);
    EXPECT_NEAR(r.ci95_lo, 1.1368967, 1e-7);
    // Numerators exactly proportional to the denominators: no spread.
    const Estimate exact = ratio_of_means(std::vector<double>{3, 6}, std::vector<double>{1, 2});
    EXPECT_DOUBLE_EQ(exact.mean, 3.0);
    EXPECT_DOUBLE_EQ(exact.ci95_lo, 3.0);
    EXPECT_DOUBLE_EQ(exact.ci95_hi, 3.0);
    // One pair: the ratio, with the degenerate interval.
    const Estimate one = ratio_of_means(std::vector<double>{5}, std::vector<double>{2});
    EXPECT_EQ(one.mean, 2.5);
    EXPECT_EQ(one.ci95_lo, 2.5);
    EXPECT_EQ(one.ci95_hi, 2.5);
}

TEST(Statistics, RatioOfMeansIsUndefinedUnlessTheMeanDenominatorIsPositive) {
    // Mean denominators 0 ({1, -1}) and -1/3 ({-1, 0, 0}), and no pairs at all.
    for (const auto& [x, y] :
         {std::pair{std::vector<double>{1, 2}, std::vector<double>{1, -1}},
          std::pair{std::vector<double>{1, 2, 3}, std::vector<double>{-1, 0, 0}},
          std::pair{std::vector<double>{}, std::vector<double>{}}}) {
        const Estimate r = ratio_of_means(x, y);
        EXPECT_TRUE(std::isnan(r.mean));
        EXPECT_TRUE(std::isnan(r.ci95_lo));
        EXPECT_TRUE(std::isnan(r.ci95_hi));
    }
}

// Standard normal by Box-Muller from a fixed engine: unlike
// std::normal_distribution, the values do not depend on the standard library.
class Normal {
public:
    explicit Normal(std::uint64_t seed) : engine_(seed) {}
    double operator()() {
        // 53 random bits -> (0, 1]; 1 - u keeps log() away from 0.
        const double u1 = 1.0 - static_cast<double>(engine_() >> 11) * 0x1.0p-53;
        const double u2 = static_cast<double>(engine_() >> 11) * 0x1.0p-53;
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }

private:
    std::mt19937_64 engine_;
};

TEST(Statistics, TIntervalCoversTheTrueMeanNinetyFivePercentOfTheTime) {
    // 2000 samples of size 10 from N(5, 2). If the interval is right, the number
    // covering 5 is Binomial(2000, 0.95): sd of the share = sqrt(.95 * .05 / 2000)
    // = 0.0049, so 0.95 +- 0.015 is a 3-sd band (a normal-quantile interval,
    // too narrow for n = 10, would cover only ~0.92).
    Normal normal(20240601);
    constexpr int kSamples = 2000;
    int covered = 0;
    std::vector<double> sample(10);
    for (int i = 0; i < kSamples; ++i) {
        for (double& v : sample) v = 5.0 + 2.0 * normal();
        const KpiStats s = summarize(sample);
        if (s.ci95_lo <= 5.0 && 5.0 <= s.ci95_hi) ++covered;
    }
    const double share = static_cast<double>(covered) / kSamples;
    EXPECT_NEAR(share, 0.95, 0.015);
}

}  // namespace
}  // namespace shockflow::experiment
