#include "shockflow/experiment/sensitivity.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <utility>
#include <vector>

namespace shockflow::experiment {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
// t(0.975, df) to 17 digits: the root of ½·I_{df/(df+t²)}(df/2, ½) = 0.025 in
// 30-digit arithmetic (statistics_test checks student_t_95 against tables).
constexpr double kT1 = 12.706204736174704;
constexpr double kT5 = 2.5705818356363155;
// Half width of the Fisher interval in z for se = 1/2: 1.959963984540054 / 2.
constexpr double kHalfZ = 0.979981992270027;

void expect_nan(const Estimate& e) {
    EXPECT_TRUE(std::isnan(e.mean)) << e.mean;
    EXPECT_TRUE(std::isnan(e.ci95_lo)) << e.ci95_lo;
    EXPECT_TRUE(std::isnan(e.ci95_hi)) << e.ci95_hi;
}

void expect_estimate(const Estimate& e, double mean, double lo, double hi, double tol) {
    EXPECT_NEAR(e.mean, mean, tol);
    EXPECT_NEAR(e.ci95_lo, lo, tol);
    EXPECT_NEAR(e.ci95_hi, hi, tol);
}

// A 2×2 full factorial in x1, x2 ∈ {−1, 1}, run twice (rows 1-4, then 5-8),
// row-major: every column has mean 0, Σ x² = 8, and x1, x2, x1·x2 and the
// replicate sign s = (+1 ×4, −1 ×4) are mutually orthogonal.
const std::vector<double> kFactorial{-1, -1, 1, -1, -1, 1, 1, 1, -1, -1, 1, -1, -1, 1, 1, 1};

// y = 3·x1 + x2 + s on kFactorial.
const std::vector<double> kFactorialY{-3, 3, -1, 5, -5, 1, -3, 3};

TEST(Sensitivity, OrthogonalInputsHaveSrcEqualToTheirCorrelation) {
    // y = 3·x1 + x2 + s, all three terms orthogonal with mean 0, so mean y = 0,
    // Σ y² = 8·9 + 8·1 + 8·1 = 88, Σ x1·y = 24, Σ x2·y = 8.
    // With Z'Z = (n − 1)·I, b_j = corr(x_j, y) = Σ x_j·y / √(Σ x_j² · Σ y²):
    //   b1 = 24 / √(8·88) = 3/√11 = 0.904534033733,  b2 = 8/√704 = 1/√11 = 0.301511344578.
    // R² = b1² + b2² = 10/11; in standard units RSS = (n − 1)(1 − R²) = 7/11,
    // s² = RSS / (n − p − 1) = (7/11)/5 = 7/55, [(Z'Z)⁻¹]_jj = 1/7, se² = 1/55,
    // half width t(0.975, 5)/√55 = 2.5705818356/7.4161984871 = 0.346617184007.
    const auto s = sensitivity(kFactorial, 2, kFactorialY);
    ASSERT_EQ(s.size(), 2u);
    const double half = kT5 / std::sqrt(55.0);
    const double b1 = 3.0 / std::sqrt(11.0), b2 = 1.0 / std::sqrt(11.0);
    expect_estimate(s[0].src, b1, b1 - half, b1 + half, 1e-12);
    expect_estimate(s[1].src, b2, b2 - half, b2 + half, 1e-12);
    EXPECT_NEAR(half, 0.346617184007, 1e-12);
}

TEST(Sensitivity, TiedValuesShareTheAverageRank) {
    // kFactorialY = {−3, 3, −1, 5, −5, 1, −3, 3}: sorted −5 −3 −3 −1 1 3 3 5, so the
    // two −3 share ranks 2, 3 -> 2.5 and the two 3 share 6, 7 -> 6.5:
    //   rank y = {2.5, 6.5, 4, 8, 1, 5, 2.5, 6.5}, centred (mean 4.5)
    //   c = {−2, 2, −0.5, 3.5, −3.5, 0.5, −2, 2}.
    // Each x column holds four −1 (ranks 1..4 -> 2.5) and four 1 (-> 6.5), so
    // rank x_j = 4.5 + 2·x_j: centred ranks are 2·x_j, orthogonal to each other.
    // PRCC of x1: the residual of c on x2 is c − (Σ x2·c / 8)·x2 = c − 0.75·x2
    //   = {−1.25, 2.75, −1.25, 2.75, −2.75, 1.25, −2.75, 1.25}; that of rank x1 is 2·x1;
    //   r1 = Σ x1·e / √(Σ e² · 8) = 16 / √(36.5·8) = 8/√73 = 0.936329177569.
    // PRCC of x2: the residual of c on x1 is c − (16/8)·x1 = {0, 0, 1.5, 1.5, −1.5, −1.5, 0, 0};
    //   r2 = 6 / √(9·8) = 1/√2 = 0.707106781187.
    // Ranked 1..8 in order of appearance instead, the ties would give other values.
    const auto s = sensitivity(kFactorial, 2, kFactorialY);
    EXPECT_NEAR(s[0].prcc.mean, 8.0 / std::sqrt(73.0), 1e-12);
    EXPECT_NEAR(s[1].prcc.mean, 1.0 / std::sqrt(2.0), 1e-12);

    // One input, so PRCC is Spearman's rho. x = {1, 2, 2, 3}: ranks {1, 2.5, 2.5, 4},
    // centred {−1.5, 0, 0, 1.5}; y = {1, 2, 3, 4}: centred ranks {−1.5, −0.5, 0.5, 1.5}.
    // rho = 4.5 / √(4.5·5) = √0.9 = 0.948683298051. Swapping which tied x goes with
    // which y (y = {1, 3, 2, 4}) gives the same dot product 2.25 + 2.25, so the same rho.
    const std::vector<double> x{1, 2, 2, 3};
    const auto a = sensitivity(x, 1, std::vector<double>{1, 2, 3, 4});
    const auto b = sensitivity(x, 1, std::vector<double>{1, 3, 2, 4});
    EXPECT_NEAR(a[0].prcc.mean, std::sqrt(0.9), 1e-12);
    EXPECT_NEAR(b[0].prcc.mean, std::sqrt(0.9), 1e-12);
}

TEST(Sensitivity, PrccIntervalIsFishers) {
    // n = 7, p = 1: x = 1..7, y = {2, 1, 4, 3, 6, 5, 7}, already ranks. Spearman's
    // rho = 1 − 6·Σd²/(n(n² − 1)) with d = {1, 1, 1, 1, 1, 1, 0}: 1 − 36/336 = 25/28
    // = 0.892857142857. z = atanh(25/28) = ½·ln((53/28)/(3/28)) = ½·ln(53/3)
    // = 1.435839812442; se = 1/√(n − p − 2) = 1/2, half width 1.959963984540/2
    // = 0.979981992270: [tanh(0.455857820172), tanh(2.415821804712)]
    // = [0.426702215000, 0.984179333931].
    const auto s = sensitivity(std::vector<double>{1, 2, 3, 4, 5, 6, 7}, 1,
                               std::vector<double>{2, 1, 4, 3, 6, 5, 7});
    const double z = 0.5 * std::log(53.0 / 3.0);
    expect_estimate(s[0].prcc, 25.0 / 28.0, std::tanh(z - kHalfZ), std::tanh(z + kHalfZ), 1e-12);
    expect_estimate(s[0].prcc, 0.892857142857, 0.426702215000, 0.984179333931, 1e-11);
    // The values are ranks, so SRC is the same 25/28; in standard units RSS = 6(1 − b²),
    // s² = RSS/5, [(Z'Z)⁻¹]_11 = 1/6, se = √((1 − b²)/5) = 0.201398173998,
    // half width t(0.975, 5)·se = 0.517710487810.
    const double b = 25.0 / 28.0, half = kT5 * std::sqrt((1.0 - b * b) / 5.0);
    expect_estimate(s[0].src, b, b - half, b + half, 1e-12);
    EXPECT_NEAR(half, 0.517710487810, 1e-12);

    // n = 8, p = 2 (the tie case above): r2 = 1/√2, z = atanh(1/√2)
    // = ½·ln((√2 + 1)/(√2 − 1)) = ln(1 + √2) = 0.881373587020, se = 1/√(8 − 2 − 2) = 1/2:
    // [tanh(−0.098608405250), tanh(1.861355579290)] = [−0.098290033343, 0.952803941678].
    // r1 = 8/√73: z = 1.707411436040 -> [0.621490190740, 0.990778899493].
    const auto f = sensitivity(kFactorial, 2, kFactorialY);
    expect_estimate(f[1].prcc, 0.707106781187, -0.098290033343, 0.952803941678, 1e-11);
    expect_estimate(f[0].prcc, 0.936329177569, 0.621490190740, 0.990778899493, 1e-11);
}

TEST(Sensitivity, OutputEqualToAnInputGivesOneWithADegenerateInterval) {
    // y = x exactly: standardized they are the same vector, so b = 1 and RSS = 0 up to
    // rounding (interval [1, 1] within ~1e-15); the ranks are identical, so r = 1
    // exactly and Fisher's interval is the degenerate [1, 1].
    const std::vector<double> x{0.3, 1.7, -2.0, 5.0, 0.1};
    const auto s = sensitivity(x, 1, x);
    expect_estimate(s[0].src, 1.0, 1.0, 1.0, 1e-12);
    EXPECT_EQ(s[0].prcc.mean, 1.0);
    EXPECT_EQ(s[0].prcc.ci95_lo, 1.0);
    EXPECT_EQ(s[0].prcc.ci95_hi, 1.0);

    // With a second input x2 that y ignores: src {1, 0} with intervals of width ~0.
    // PRCC of x1: rank y and rank x1 leave the same residual on rank x2, r = 1 exactly.
    // PRCC of x2: rank y is explained exactly by rank x1, its residual is 0 and the
    // correlation 0/0 undefined: NaN.
    const std::vector<double> x12{0.3, 4, 1.7, 1, -2.0, 3, 5.0, 5, 0.1, 2};
    const auto t = sensitivity(x12, 2, x);
    expect_estimate(t[0].src, 1.0, 1.0, 1.0, 1e-12);
    expect_estimate(t[1].src, 0.0, 0.0, 0.0, 1e-12);
    EXPECT_EQ(t[0].prcc.mean, 1.0);
    EXPECT_EQ(t[0].prcc.ci95_lo, 1.0);
    EXPECT_EQ(t[0].prcc.ci95_hi, 1.0);
    expect_nan(t[1].prcc);
}

TEST(Sensitivity, IgnoredInputHasZeroSrcAndAnIntervalAroundZero) {
    // y = 2·x1 + s on kFactorial (s the replicate sign, orthogonal to x1 and x2):
    // y = {−1, 3, −1, 3, −3, 1, −3, 1}, Σ y² = 32 + 8 = 40, Σ x1·y = 16, Σ x2·y = 0.
    //   b1 = 16/√(8·40) = 2/√5 = 0.894427191000, b2 = 0.
    // R² = 4/5, RSS = 7·(1/5), s² = (7/5)/5 = 7/25, se² = (7/25)/7 = 1/25, se = 0.2,
    // half width 0.2·t(0.975, 5) = 0.514116367127:
    //   x1: [0.380310823873, 1.408543558127] excludes 0; x2: [−0.514…, 0.514…] covers 0.
    // Ranks: y takes −3, −1, 1, 3 twice each -> 1.5, 3.5, 5.5, 7.5, i.e. rank y = 4.5 + y,
    // so the rank regressions repeat the above: centred rank y = 2·x1 + s.
    //   PRCC x1: residual on x2 is 2·x1 + s (Σ x2·(2·x1 + s) = 0), r1 = 2/√5; z = atanh(2/√5)
    //     = 1.443635475179, ± 0.979981992270 -> [0.433057215977, 0.984422179769], excludes 0.
    //   PRCC x2: residual on x1 is s, orthogonal to x2: r2 = 0, [−tanh(0.97998…), +…]
    //     = [−0.753058109366, 0.753058109366], covers 0.
    const std::vector<double> y{-1, 3, -1, 3, -3, 1, -3, 1};
    const auto s = sensitivity(kFactorial, 2, y);
    const double b1 = 2.0 / std::sqrt(5.0), half = 0.2 * kT5;
    expect_estimate(s[0].src, b1, b1 - half, b1 + half, 1e-12);
    expect_estimate(s[1].src, 0.0, -half, half, 1e-12);
    EXPECT_GT(s[0].src.ci95_lo, 0.0);
    EXPECT_LT(s[1].src.ci95_lo, 0.0);
    EXPECT_GT(s[1].src.ci95_hi, 0.0);
    expect_estimate(s[0].prcc, b1, 0.433057215977, 0.984422179769, 1e-11);
    expect_estimate(s[1].prcc, 0.0, -std::tanh(kHalfZ), std::tanh(kHalfZ), 1e-12);
    EXPECT_NEAR(std::tanh(kHalfZ), 0.753058109366, 1e-12);
}

TEST(Sensitivity, MonotoneNonLinearOutputHasPrccOneAndSrcBelowOne) {
    // y = exp(x), x = −2..3: the ranks agree, so PRCC = 1 with [1, 1]. SRC is Pearson's
    // correlation: x̄ = 0.5, Σ(x − x̄)² = 17.5, Σ(x − x̄)(eˣ − ē) = 61.266410000746,
    // Σ(eˣ − ē)² = 299.129301489352 -> 61.266410000746 / √(17.5·299.129301489352)
    // = 0.846786508885.
    std::vector<double> x, y;
    for (int i = -2; i <= 3; ++i) {
        x.push_back(i);
        y.push_back(std::exp(i));
    }
    const auto s = sensitivity(x, 1, y);
    EXPECT_NEAR(s[0].src.mean, 0.846786508885, 1e-11);
    EXPECT_LT(s[0].src.mean, 1.0);
    EXPECT_EQ(s[0].prcc.mean, 1.0);
    EXPECT_EQ(s[0].prcc.ci95_lo, 1.0);
    EXPECT_EQ(s[0].prcc.ci95_hi, 1.0);
}

TEST(Sensitivity, ConstantInputIsNaNAndLeftOutOfTheOthers) {
    // kFactorial with a constant column 7 between x1 and x2: that input is NaN, and
    // the others are as without it, degrees of freedom included (n − 2 − 1 = 5, not 4).
    std::vector<double> x;
    for (std::size_t i = 0; i < 8; ++i)
        x.insert(x.end(), {kFactorial[2 * i], 7.0, kFactorial[2 * i + 1]});
    const auto s = sensitivity(x, 3, kFactorialY);
    const auto ref = sensitivity(kFactorial, 2, kFactorialY);
    ASSERT_EQ(s.size(), 3u);
    expect_nan(s[1].src);
    expect_nan(s[1].prcc);
    for (auto [c, r] : {std::pair<std::size_t, std::size_t>{0, 0}, {2, 1}}) {
        expect_estimate(s[c].src, ref[r].src.mean, ref[r].src.ci95_lo, ref[r].src.ci95_hi, 1e-14);
        expect_estimate(s[c].prcc, ref[r].prcc.mean, ref[r].prcc.ci95_lo, ref[r].prcc.ci95_hi,
                        1e-14);
    }
    // Every input constant: nothing to regress on.
    for (const auto& e :
         sensitivity(std::vector<double>{1, 2, 1, 2, 1, 2}, 2, std::vector<double>{1, 2, 3})) {
        expect_nan(e.src);
        expect_nan(e.prcc);
    }
}

TEST(Sensitivity, ConstantOutputOrTooFewRunsGiveNaN) {
    // y constant: standardizing divides by 0, no input explains anything.
    for (const auto& e : sensitivity(kFactorial, 2, std::vector<double>(8, 4.2))) {
        expect_nan(e.src);
        expect_nan(e.prcc);
    }
    // n = 1 (y is trivially constant) and n = 0.
    for (const auto& e : sensitivity(std::vector<double>{1, 2}, 2, std::vector<double>{3})) {
        expect_nan(e.src);
        expect_nan(e.prcc);
    }
    const auto none = sensitivity({}, 3, {});
    ASSERT_EQ(none.size(), 3u);
    for (const auto& e : none) {
        expect_nan(e.src);
        expect_nan(e.prcc);
    }
}

TEST(Sensitivity, NonFiniteValueAnywhereGivesNaNEverywhere) {
    // One NaN or infinity in any column, or in y, makes every result NaN.
    std::vector<double> x = kFactorial;
    x[5] = kNaN;  // row 3, x2
    std::vector<double> y = kFactorialY;
    y[0] = kNaN;
    std::vector<double> x_inf = kFactorial;
    x_inf[0] = kInf;  // row 1, x1
    for (const auto& s : {sensitivity(x, 2, kFactorialY), sensitivity(kFactorial, 2, y),
                          sensitivity(x_inf, 2, kFactorialY)}) {
        for (const auto& e : s) {
            expect_nan(e.src);
            expect_nan(e.prcc);
        }
    }
}

TEST(Sensitivity, TooFewRunsForAnIntervalGiveTheCoefficientOnly) {
    // n = 3, p = 1: x = {1, 2, 3}, y = {1, 3, 2}; centred {−1, 0, 1} and {−1, 1, 0},
    // corr = 1/√(2·2) = 0.5 = SRC = PRCC (the values are ranks). SRC: df = 3 − 1 − 1 = 1,
    // RSS = 2·(1 − 0.25) = 1.5 = s², se² = 1.5/2 = 0.75, half width
    // t(0.975, 1)·√0.75 = 12.706204736175·0.866025403784 = 11.003896087213.
    // PRCC: n − p − 2 = 0, no interval.
    const std::vector<double> y{1, 3, 2};
    const auto s = sensitivity(std::vector<double>{1, 2, 3}, 1, y);
    const double half = kT1 * std::sqrt(0.75);
    expect_estimate(s[0].src, 0.5, 0.5 - half, 0.5 + half, 1e-12);
    EXPECT_NEAR(half, 11.003896087213, 1e-11);
    EXPECT_NEAR(s[0].prcc.mean, 0.5, 1e-12);
    EXPECT_TRUE(std::isnan(s[0].prcc.ci95_lo));
    EXPECT_TRUE(std::isnan(s[0].prcc.ci95_hi));
    // A constant second input does not count in p: the same results.
    const auto c = sensitivity(std::vector<double>{1, 9, 2, 9, 3, 9}, 2, y);
    expect_estimate(c[0].src, 0.5, 0.5 - half, 0.5 + half, 1e-12);
    EXPECT_NEAR(c[0].prcc.mean, 0.5, 1e-12);
    expect_nan(c[1].src);
    // n = 2, p = 1: two points lie on a line, corr = 1 both ways, df = 0 and −1.
    const auto two = sensitivity(std::vector<double>{0, 1}, 1, std::vector<double>{0, 2});
    EXPECT_NEAR(two[0].src.mean, 1.0, 1e-12);
    EXPECT_TRUE(std::isnan(two[0].src.ci95_lo));
    EXPECT_TRUE(std::isnan(two[0].src.ci95_hi));
    EXPECT_EQ(two[0].prcc.mean, 1.0);
    EXPECT_TRUE(std::isnan(two[0].prcc.ci95_lo));
    EXPECT_TRUE(std::isnan(two[0].prcc.ci95_hi));
}

TEST(Sensitivity, CollinearInputsGiveNaNEverywhere) {
    // x2 = 2·x1 + 1: standardized, the two columns are the same vector.
    const std::vector<double> x{0, 1, 1, 3, 2, 5, 4, 9, 7, 15};
    const std::vector<double> y{1, 0, 4, 2, 5};
    // x3 = x1 + x2 with x1, x2 unrelated.
    const std::vector<double> sum{0, 1, 1, 1, 0, 1, 2, 3, 5, 3, 1, 4, 4, 4, 8};
    // n = p = 3: three centred columns in a 2-dimensional space.
    const std::vector<double> square{1, 0, 5, 2, 3, 1, 4, 1, 2};
    for (const auto& s : {sensitivity(x, 2, y), sensitivity(sum, 3, y),
                          sensitivity(square, 3, std::vector<double>{1, 2, 4})}) {
        for (const auto& e : s) {
            expect_nan(e.src);
            expect_nan(e.prcc);
        }
    }
}

TEST(Sensitivity, CollinearRanksGiveNaNPrccButKeepSrc) {
    // x2 = x1³ is not a linear function of x1, but its ranks equal those of x1:
    // the regressions on ranks are undefined, those on values are not.
    const std::vector<double> x{-2, -8, -1, -1, 0, 0, 1, 1, 2, 8};
    const auto s = sensitivity(x, 2, std::vector<double>{1, 0, 2, 5, 3});
    for (const auto& e : s) {
        EXPECT_TRUE(std::isfinite(e.src.mean));
        EXPECT_TRUE(std::isfinite(e.src.ci95_lo));
        EXPECT_TRUE(std::isfinite(e.src.ci95_hi));
        expect_nan(e.prcc);
    }
}

TEST(Sensitivity, RejectsNoInputsAndMismatchedSizes) {
    const std::vector<double> x{1, 2, 3, 4}, y{1, 2};
    EXPECT_THROW(sensitivity(x, 0, y), std::invalid_argument);
    EXPECT_THROW(sensitivity(x, 3, y), std::invalid_argument);
    EXPECT_THROW(sensitivity(x, 1, y), std::invalid_argument);
    EXPECT_NO_THROW(sensitivity(x, 2, y));
}

// n = 12, p = 3, ties in x3 (3.3 twice) and y (12.6 twice).
const std::vector<double> kTwelveX{0.8, 12.0, 3.1, 1.9, 7.5, 2.2, 2.4, 10.1, 4.0, 3.3, 4.2, 1.5,
                                   4.1, 9.0,  3.3, 5.0, 5.5, 0.7, 5.6, 11.3, 2.9, 6.8, 3.1, 4.4,
                                   7.2, 8.8,  1.1, 8.5, 6.0, 3.3, 9.1, 2.2,  2.0, 9.9, 7.7, 0.4};
const std::vector<double> kTwelveY{10.2, 9.7,  14.1, 8.3,  15.0, 9.9,
                                   17.2, 12.6, 12.1, 17.5, 12.6, 13.4};

TEST(Sensitivity, MatchesAnIndependentComputation) {
    // Computed with numpy and scipy (least squares, rankdata with average ties):
    //   import numpy as np; from scipy import stats; np.set_printoptions(precision=15)
    //   X = np.array([0.8, 12.0, 3.1, 1.9, 7.5, 2.2, 2.4, 10.1, 4.0, 3.3, 4.2, 1.5, 4.1, 9.0,
    //                 3.3, 5.0, 5.5, 0.7, 5.6, 11.3, 2.9, 6.8, 3.1, 4.4, 7.2, 8.8, 1.1, 8.5,
    //                 6.0, 3.3, 9.1, 2.2, 2.0, 9.9, 7.7, 0.4]).reshape(12, 3)
    //   y = np.array([10.2, 9.7, 14.1, 8.3, 15.0, 9.9, 17.2, 12.6, 12.1, 17.5, 12.6, 13.4])
    //   n, p = X.shape
    //   Z = (X - X.mean(0)) / X.std(0, ddof=1); zy = (y - y.mean()) / y.std(ddof=1)
    //   b = np.linalg.lstsq(Z, zy, rcond=None)[0]; df = n - p - 1
    //   se = np.sqrt(((zy - Z @ b)**2).sum() / df * np.diag(np.linalg.inv(Z.T @ Z)))
    //   t = 2.306004135204166  # t(0.975, 8); scipy 1.10's stats.t.ppf is 1.7e-10 low
    //   print(b, b - t * se, b + t * se)
    //   R = np.column_stack([stats.rankdata(c) for c in X.T]); ry = stats.rankdata(y)
    //   def res(v, C):
    //       A = np.column_stack([np.ones(n), C])
    //       return v - A @ np.linalg.lstsq(A, v, rcond=None)[0]
    //   def prcc(j):
    //       C = np.delete(R, j, 1); return np.corrcoef(res(ry, C), res(R[:, j], C))[0, 1]
    //   r = np.array([prcc(j) for j in range(p)])
    //   h = 1.959963984540054 / np.sqrt(n - p - 2)
    //   print(r, np.tanh(np.arctanh(r) - h), np.tanh(np.arctanh(r) + h))
    const auto s = sensitivity(kTwelveX, 3, kTwelveY);
    ASSERT_EQ(s.size(), 3u);
    expect_estimate(s[0].src, 0.921215995910534, 0.520264793437432, 1.32216719838364, 1e-9);
    expect_estimate(s[1].src, 0.604126489820039, 0.218094057301036, 0.990158922339042, 1e-9);
    expect_estimate(s[2].src, 0.615232331980887, 0.258528892824238, 0.971935771137535, 1e-9);
    expect_estimate(s[0].prcc, 0.893125913992334, 0.602058546540992, 0.974663989277442, 1e-9);
    expect_estimate(s[1].prcc, 0.806014013328788, 0.358138638863241, 0.952339703130996, 1e-9);
    expect_estimate(s[2].prcc, 0.84144366425839, 0.450478815601519, 0.961612441986107, 1e-9);
}

TEST(Sensitivity, IsDeterministicAndIndependentOfRowOrder) {
    // The same call twice gives the same bits; the rows in reverse order give the same
    // values up to rounding (the tied rows 5 and 10 of x3, and 8 and 11 of y, swap
    // their order of appearance).
    const auto a = sensitivity(kTwelveX, 3, kTwelveY);
    const auto b = sensitivity(kTwelveX, 3, kTwelveY);
    std::vector<double> rx, ry(kTwelveY.rbegin(), kTwelveY.rend());
    for (std::size_t i = 12; i-- > 0;)
        for (std::size_t j = 0; j < 3; ++j) rx.push_back(kTwelveX[3 * i + j]);
    const auto r = sensitivity(rx, 3, ry);
    for (std::size_t j = 0; j < 3; ++j) {
        EXPECT_EQ(a[j].src.mean, b[j].src.mean);
        EXPECT_EQ(a[j].src.ci95_lo, b[j].src.ci95_lo);
        EXPECT_EQ(a[j].prcc.mean, b[j].prcc.mean);
        EXPECT_EQ(a[j].prcc.ci95_hi, b[j].prcc.ci95_hi);
        expect_estimate(r[j].src, a[j].src.mean, a[j].src.ci95_lo, a[j].src.ci95_hi, 1e-12);
        expect_estimate(r[j].prcc, a[j].prcc.mean, a[j].prcc.ci95_lo, a[j].prcc.ci95_hi, 1e-12);
    }
}

}  // namespace
}  // namespace shockflow::experiment
