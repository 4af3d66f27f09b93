// ShockProducts: the factor of the active shocks on each target, updated per
// shock instead of recomputed from every shock. Up to kFold entries a target
// multiplies them in shock order, exactly as the engine did shock by shock.
#include "model/shock_products.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

namespace shockflow::model {
namespace {

using Touches = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

// The engine's former way: 1, times the factor of every active shock that
// touches the target, in shock order (once per touch).
double naive(const Touches& touches, const std::vector<double>& factor, std::uint32_t target) {
    double p = 1.0;
    for (const auto& [shock, t] : touches)
        if (t == target) p *= factor[shock];
    return p;
}

TEST(ShockProducts, EveryFactorStartsAtOne) {
    ShockProducts s;
    s.build(3, 2, Touches{{0, 1}, {1, 1}, {1, 2}});
    for (std::uint32_t t = 0; t < 3; ++t) EXPECT_EQ(s.product(t), 1.0);
}

TEST(ShockProducts, SmallTargetsMultiplyInShockOrderBitForBit) {
    // Three shocks on target 0 (shock 1 twice), one on target 1. The factors
    // are chosen so that the order of multiplication shows in the last bits.
    const Touches touches{{0, 0}, {1, 0}, {1, 0}, {2, 0}, {2, 1}};
    const std::vector<double> factor{0.1, 0.7, 0.3};
    ShockProducts s;
    s.build(2, 3, touches);
    for (std::uint32_t shock = 0; shock < 3; ++shock) s.set(shock, factor[shock]);
    EXPECT_EQ(s.product(0), naive(touches, factor, 0));
    EXPECT_EQ(s.product(1), 0.3);
    // A shock that ends counts as 1 again.
    s.set(1, 1.0);
    EXPECT_EQ(s.product(0), 0.1 * 0.3);
    ASSERT_EQ(s.targets_of(1).size(), 2U);
    EXPECT_EQ(s.targets_of(1)[0], 0U);
}

TEST(ShockProducts, LargeTargetsKeepATreeOfProducts) {
    // 1,000 shocks on one target: past kFold, a tree. 0.999^k for the k
    // active ones, up to rounding.
    const std::uint32_t n = 1000;
    Touches touches;
    for (std::uint32_t i = 0; i < n; ++i) touches.emplace_back(i, 0);
    ShockProducts s;
    s.build(1, n, touches);
    for (std::uint32_t i = 0; i < n; ++i) s.set(i, 0.999);
    EXPECT_NEAR(s.product(0), std::pow(0.999, n), 1e-12);
    for (std::uint32_t i = 0; i < n; i += 2) s.set(i, 1.0);
    EXPECT_NEAR(s.product(0), std::pow(0.999, n / 2), 1e-12);
    for (std::uint32_t i = 1; i < n; i += 2) s.set(i, 1.0);
    EXPECT_EQ(s.product(0), 1.0);
}

}  // namespace
}  // namespace shockflow::model
