#pragma once
/// Summary statistics of replications: pure functions, no state, no I/O.
///
/// Every function takes the samples as a span and leaves it untouched. Samples
/// may hold NaN (a KPI undefined in some run): then the results that depend on
/// it are NaN too, never an arbitrary number.

#include <limits>
#include <span>

namespace shockflow::experiment {

/// Summary statistics of one KPI over replications.
struct KpiStats {
    double mean = 0.0, std = 0.0;         ///< std: sample standard deviation (n - 1)
    double ci95_lo = 0.0, ci95_hi = 0.0;  ///< Student-t interval of the mean
    double p5 = 0.0, p50 = 0.0, p95 = 0.0;
};

/// Paired difference (policy − baseline), replication by replication.
struct KpiDiff {
    double mean_diff = 0.0;
    double ci95_lo = 0.0, ci95_hi = 0.0;
    double share_better = 0.0;  ///< share of replications strictly better than baseline, 0..1
};

/// An estimate with its 95 % interval; NaN (all three) where undefined.
struct Estimate {
    double mean = std::numeric_limits<double>::quiet_NaN();
    double ci95_lo = std::numeric_limits<double>::quiet_NaN();
    double ci95_hi = std::numeric_limits<double>::quiet_NaN();
};

/// Arithmetic mean; NaN for an empty span.
double mean(std::span<const double> values);

/// Sample standard deviation with n - 1 in the denominator; 0 for n = 1,
/// NaN for an empty span.
double sample_std(std::span<const double> values);

/// Quantile of Student's t distribution: the t with P(T <= t) = p for `df`
/// degrees of freedom. p in (0, 1), df > 0 (non-integer allowed); df = +inf
/// gives the standard normal quantile. Accurate to ~1e-12 relative.
double student_t_quantile(double p, double df);

/// Two-sided 95 % critical value t(0.975, df), e.g. 12.7062 for df = 1,
/// 2.2281 for df = 10, 1.95996 for df = +inf.
double student_t_95(double df);

/// Percentile `q` in [0, 100] by linear interpolation between order statistics
/// (Hyndman–Fan type 7, numpy's default): with the values sorted as
/// x_0 <= ... <= x_{n-1}, h = (n - 1)·q/100 and i = floor(h), the result is
/// x_i + (h − i)·(x_{i+1} − x_i). NaN for an empty span or if any value is NaN.
double percentile(std::span<const double> values, double q);

/// Mean, sample std, 95 % t-interval of the mean (mean ± t(0.975, n-1)·std/√n;
/// the degenerate [mean, mean] for n = 1) and the 5th, 50th and 95th
/// percentiles. All NaN for an empty span.
KpiStats summarize(std::span<const double> values);

/// Ratio of the means of paired samples (same length n >= 1, the k-th entries
/// from the same replication), R = mean(numerator) / mean(denominator), with
/// a 95 % interval by the delta method: with the residuals
/// e_k = numerator_k − R·denominator_k (whose mean is 0), the standard error
/// of R is sample_std(e) / (√n · mean(denominator)), and the interval is
/// R ± t(0.975, n − 1) times it ([R, R] for n = 1). All NaN unless
/// mean(denominator) > 0: a ratio to nothing, or to a negative amount, has
/// no meaning here.
Estimate ratio_of_means(std::span<const double> numerator, std::span<const double> denominator);

/// Paired comparison of `policy` against `baseline` (same length n >= 1, the
/// k-th entries from the same replication): mean and 95 % t-interval of the
/// differences policy − baseline, and the share of replications in which the
/// policy is strictly better (greater if `higher_is_better`, else smaller).
KpiDiff paired(std::span<const double> policy, std::span<const double> baseline,
               bool higher_is_better);

}  // namespace shockflow::experiment
