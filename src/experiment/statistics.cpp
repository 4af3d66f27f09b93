#include "shockflow/experiment/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "shockflow/core/assert.hpp"

namespace shockflow::experiment {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kEps = std::numeric_limits<double>::epsilon();

// Continued fraction of the regularized incomplete beta function, evaluated by
// the modified Lentz method (Numerical Recipes, betacf). Converges quickly for
// x < (a + 1) / (a + b + 2); the caller arranges that by symmetry.
double beta_continued_fraction(double a, double b, double x) {
    constexpr double kTiny = 1e-300;
    constexpr int kMaxIterations = 1'000'000;  // enough for a ~ 1e11 (O(sqrt(a)) steps)
    const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
    double c = 1.0;
    double d = 1.0 - qab * x / qap;
    d = 1.0 / (std::fabs(d) < kTiny ? kTiny : d);
    double h = d;
    for (int m = 1; m <= kMaxIterations; ++m) {
        const double dm = static_cast<double>(m), m2 = 2.0 * dm;
        double aa = dm * (b - dm) * x / ((qam + m2) * (a + m2));
        d = 1.0 / (std::fabs(1.0 + aa * d) < kTiny ? kTiny : 1.0 + aa * d);
        c = 1.0 + aa / c;
        c = std::fabs(c) < kTiny ? kTiny : c;
        h *= d * c;
        aa = -(a + dm) * (qab + dm) * x / ((a + m2) * (qap + m2));
        d = 1.0 / (std::fabs(1.0 + aa * d) < kTiny ? kTiny : 1.0 + aa * d);
        c = 1.0 + aa / c;
        c = std::fabs(c) < kTiny ? kTiny : c;
        const double delta = d * c;
        h *= delta;
        if (std::fabs(delta - 1.0) < 4.0 * kEps) break;
    }
    return h;
}

// Regularized incomplete beta I_x(a, b). `y` must be 1 - x, passed separately
// so that x close to 1 keeps its precision (x = df / (df + t²) with t² << df).
double incomplete_beta(double a, double b, double x, double y) {
    if (x <= 0.0) return 0.0;
    if (y <= 0.0) return 1.0;
    // glibc's lgamma also sets the global `signgam`: harmless here, as compare()
    // summarises on the calling thread after the parallel runs.
    const double log_front =
        std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log(y);
    const double front = std::exp(log_front);
    if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
    return 1.0 - front * beta_continued_fraction(b, a, y) / b;
}

// Upper tail P(T > t) of Student's t with df degrees of freedom, t >= 0:
// 0.5 · I_{df/(df+t²)}(df/2, 1/2) (Abramowitz & Stegun 26.7.1 / 26.5.27).
double t_upper_tail(double t, double df) {
    const double t2 = t * t;
    return 0.5 * incomplete_beta(0.5 * df, 0.5, df / (df + t2), t2 / (df + t2));
}

// Upper tail of the standard normal, z >= 0.
double normal_upper_tail(double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); }

// The x >= 0 with tail(x) = target for a decreasing tail with tail(0) = 0.5,
// by bracketing and bisection: slow-ish (~1100 evaluations at most) but it
// cannot diverge, and it is called a handful of times per comparison.
template <typename Tail>
double solve_upper_tail(Tail tail, double target) {
    double lo = 0.0, hi = 1.0;
    while (tail(hi) > target && hi < 1e300) {
        lo = hi;
        hi *= 2.0;
    }
    for (int i = 0; i < 2000 && hi - lo > 2.0 * kEps * hi; ++i) {
        const double mid = 0.5 * (lo + hi);
        (tail(mid) > target ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

// Cornish–Fisher expansion of t_p around the normal quantile z
// (Abramowitz & Stegun 26.7.5); the neglected term is O(z^11 / df^5).
double t_quantile_large_df(double z, double df) {
    const double z2 = z * z, z3 = z2 * z, z5 = z3 * z2, z7 = z5 * z2, z9 = z7 * z2;
    const double g1 = (z3 + z) / 4.0;
    const double g2 = (5.0 * z5 + 16.0 * z3 + 3.0 * z) / 96.0;
    const double g3 = (3.0 * z7 + 19.0 * z5 + 17.0 * z3 - 15.0 * z) / 384.0;
    const double g4 = (79.0 * z9 + 776.0 * z7 + 1482.0 * z5 - 1920.0 * z3 - 945.0 * z) / 92160.0;
    return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

// Mean and t-interval half width of a sample, shared by summarize and paired.
struct MeanInterval {
    double mean = kNaN, std = kNaN, lo = kNaN, hi = kNaN;
};

MeanInterval mean_interval(std::span<const double> values) {
    MeanInterval r;
    if (values.empty()) return r;
    r.mean = mean(values);
    r.std = sample_std(values);
    if (values.size() == 1) {
        r.lo = r.hi = r.mean;  // one replication: no spread to estimate
        return r;
    }
    const double n = static_cast<double>(values.size());
    const double half = student_t_95(n - 1.0) * r.std / std::sqrt(n);
    r.lo = r.mean - half;
    r.hi = r.mean + half;
    return r;
}

}  // namespace

double mean(std::span<const double> values) {
    if (values.empty()) return kNaN;
    double sum = 0.0;
    for (double v : values) sum += v;
    return sum / static_cast<double>(values.size());
}

double sample_std(std::span<const double> values) {
    if (values.empty()) return kNaN;
    if (values.size() == 1) return 0.0;
    // Two passes (mean, then squared deviations): no cancellation for large means.
    const double m = mean(values);
    double ss = 0.0;
    for (double v : values) ss += (v - m) * (v - m);
    return std::sqrt(ss / static_cast<double>(values.size() - 1));
}

double student_t_quantile(double p, double df) {
    SHOCKFLOW_ASSERT(p > 0.0 && p < 1.0, "probability must lie in (0, 1)");
    SHOCKFLOW_ASSERT(df > 0.0, "degrees of freedom must be positive");
    if (p == 0.5) return 0.0;
    if (p < 0.5) return -student_t_quantile(1.0 - p, df);
    const double target = 1.0 - p;
    const double z = solve_upper_tail(normal_upper_tail, target);
    if (std::isinf(df)) return z;
    // Beyond 1e5 the series is exact to double precision and the continued
    // fraction would need thousands of terms per evaluation.
    if (df > 1e5) return t_quantile_large_df(z, df);
    return solve_upper_tail([df](double t) { return t_upper_tail(t, df); }, target);
}

double student_t_95(double df) { return student_t_quantile(0.975, df); }

double percentile(std::span<const double> values, double q) {
    SHOCKFLOW_ASSERT(q >= 0.0 && q <= 100.0, "percentile must lie in [0, 100]");
    if (values.empty()) return kNaN;
    if (std::ranges::any_of(values, [](double v) { return std::isnan(v); })) return kNaN;
    std::vector<double> sorted(values.begin(), values.end());
    std::ranges::sort(sorted);
    const double h = static_cast<double>(sorted.size() - 1) * q / 100.0;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    const double frac = h - std::floor(h);
    // Equal neighbours (also two equal infinities) need no interpolation.
    if (frac == 0.0 || sorted[lo] == sorted[hi]) return sorted[lo];
    return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
}

KpiStats summarize(std::span<const double> values) {
    const MeanInterval mi = mean_interval(values);
    return KpiStats{.mean = mi.mean,
                    .std = mi.std,
                    .ci95_lo = mi.lo,
                    .ci95_hi = mi.hi,
                    .p5 = percentile(values, 5.0),
                    .p50 = percentile(values, 50.0),
                    .p95 = percentile(values, 95.0)};
}

Estimate ratio_of_means(std::span<const double> numerator, std::span<const double> denominator) {
    SHOCKFLOW_ASSERT(numerator.size() == denominator.size(),
                     "paired samples must have equal length");
    const double over = mean(denominator);
    if (!(over > 0.0)) return Estimate{};  // also NaN for an empty span
    const double r = mean(numerator) / over;
    if (numerator.size() == 1) return Estimate{.mean = r, .ci95_lo = r, .ci95_hi = r};
    std::vector<double> residual(numerator.size());
    for (std::size_t k = 0; k < numerator.size(); ++k)
        residual[k] = numerator[k] - r * denominator[k];
    const double n = static_cast<double>(numerator.size());
    const double half = student_t_95(n - 1.0) * sample_std(residual) / (std::sqrt(n) * over);
    return Estimate{.mean = r, .ci95_lo = r - half, .ci95_hi = r + half};
}

KpiDiff paired(std::span<const double> policy, std::span<const double> baseline,
               bool higher_is_better) {
    SHOCKFLOW_ASSERT(policy.size() == baseline.size(), "paired samples must have equal length");
    std::vector<double> diff(policy.size());
    std::size_t better = 0;
    for (std::size_t k = 0; k < policy.size(); ++k) {
        diff[k] = policy[k] - baseline[k];
        if (higher_is_better ? policy[k] > baseline[k] : policy[k] < baseline[k]) ++better;
    }
    const MeanInterval mi = mean_interval(diff);
    const double share =
        policy.empty() ? kNaN : static_cast<double>(better) / static_cast<double>(policy.size());
    return KpiDiff{.mean_diff = mi.mean, .ci95_lo = mi.lo, .ci95_hi = mi.hi, .share_better = share};
}

}  // namespace shockflow::experiment
