// Confidence intervals of `compare` cover a mean derived by hand.
#include <gtest/gtest.h>

#include "shockflow/experiment/compare.hpp"
#include "unit/model/builders.hpp"

namespace shockflow::testing {
namespace {

// one_park_chain (builders.hpp): park P (100/day) feeds region R (80/day, no
// safety stock, gap closed in one cycle, starts with 80 on hand), so R orders
// 80 + (80 - what it had before eating); one cycle per day, and what R cannot
// eat from stock is served by what arrives within the cycle. At day 5 a
// strike takes L ~ U(0, 1) of P's capacity for two days; c = 100 (1 - L) is
// what P can make on days 5 and 6.
//   c >= 80: nothing is ever short.
//   c < 80:  d5: R eats its 80 -> 0, orders 80, gets c -> c;
//            d6: eats c (80 - c open), orders 160 - c, gets c (c < 160 - c),
//                which serves the open demand: unmet = max(0, 80 - 2c),
//                positive when c < 40, i.e. L > 0.6, and then
//                80 - 200 (1 - L) = 200 L - 120; left: max(0, 2c - 80) < 80.
//   Later days (P makes 100 again): R has s < 80 before eating, orders
//   160 - s >= 80, and P's min(100, 160 - s) >= 80 - s serve what is open,
//   until R is back at 80: never short again.
// E[unmet] = ∫_0.6^1 (200 L - 120) dL = [100 L² - 120 L]_0.6^1 = -20 + 36 = 16.
ScenarioSpec strike_of_random_severity() {
    ScenarioBuilder b = one_park_chain(15);
    Distribution loss;
    loss.kind = Distribution::Kind::Uniform;
    loss.p = {0.0, 1.0, 0.0};
    b.strike("P", 5, 0, 2).capacity_loss = loss;
    return b.s;
}

// 400 independent comparisons of 50 replications each (seeds never overlap):
// the 95 % interval of the mean unmet should cover 16 in about 95 % of them.
// Binomial sd of the coverage over 400 intervals: sqrt(0.95 * 0.05 / 400) =
// 0.011; the t-interval is slightly optimistic for this skewed KPI (60 % of
// replications are exactly 0), so the band is 0.95 - 4 sd .. 0.95 + 3 sd.
TEST(Coverage, NinetyFivePercentIntervalsCoverTheHandDerivedMean) {
    const ScenarioSpec s = strike_of_random_severity();
    const int blocks = 400;
    const std::int64_t n = 50;
    int covered = 0;
    double grand_mean = 0;
    for (int k = 0; k < blocks; ++k) {
        experiment::CompareOptions o;
        o.replications = n;
        o.seed = 1 + static_cast<std::uint64_t>(k) * static_cast<std::uint64_t>(n);
        o.threads = 1;
        const auto c = experiment::compare(s, {PolicySpec{}}, o);
        std::size_t unmet = 0;
        while (c.kpi_names[unmet] != "unmet_units") ++unmet;
        const auto& st = c.policies[0].stats[unmet];
        if (st.ci95_lo <= 16.0 && 16.0 <= st.ci95_hi) ++covered;
        grand_mean += st.mean / blocks;
    }
    const double coverage = covered / static_cast<double>(blocks);
    EXPECT_GE(coverage, 0.95 - 4 * 0.011);
    EXPECT_LE(coverage, 0.95 + 3 * 0.011);
    // Over all 20000 replications: E[u²] = ∫_0.6^1 (200L - 120)² dL
    // = (1/200) ∫_0^80 v² dv = 80³ / 600 = 853.3, so sd = sqrt(853.3 - 16²) = 24.4
    // and the standard error of the grand mean is 24.4 / sqrt(20000) = 0.17.
    EXPECT_NEAR(grand_mean, 16.0, 4 * 0.17);
}

}  // namespace
}  // namespace shockflow::testing
