// Diagnostic text helpers and the productivity check.

#include "scenario/text.hpp"

#include <gtest/gtest.h>

#include "scenario/productivity.hpp"

namespace shockflow::scenario {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
    EXPECT_EQ(edit_distance("capacity", "capacity"), 0u);
    EXPECT_EQ(edit_distance("capasity", "capacity"), 1u);
    EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
    EXPECT_EQ(edit_distance("", "abc"), 3u);
}

TEST(DidYouMean, SuggestsOnlyCloseCandidates) {
    const std::vector<std::string> keys{"capacity", "stock", "demand"};
    EXPECT_EQ(did_you_mean("stok", keys), " (did you mean \"stock\"?)");
    EXPECT_EQ(did_you_mean("population", keys), "");
    // A one-letter name is not a typo of another one-letter name.
    EXPECT_EQ(did_you_mean("x", {"y"}), "");
}

TEST(UnknownHint, ListsAtMostFiveKnownIds) {
    EXPECT_EQ(unknown_hint("zzz", {"a1", "b1", "c1", "d1", "e1", "f1"}),
              " (known: a1, b1, c1, d1, e1, ...)");
    EXPECT_EQ(unknown_hint("zzz", {}), " (none defined)");
}

TEST(IdSyntax, AllowsLettersDigitsUnderscoreDashDot) {
    EXPECT_TRUE(is_valid_id("Park_7.north-2"));
    EXPECT_FALSE(is_valid_id(""));
    EXPECT_FALSE(is_valid_id("a b"));
    EXPECT_FALSE(is_valid_id("tag:x"));
}

TEST(SpectralRadius, MatchesHandComputedValues) {
    // [[0, 2], [0.5, 0]] has eigenvalues +-sqrt(2 * 0.5) = +-1.
    EXPECT_NEAR(spectral_radius({0.0, 2.0, 0.5, 0.0}, 2), 1.0, 1e-12);
    // Upper triangular: the eigenvalues are the diagonal.
    EXPECT_NEAR(spectral_radius({0.3, 5.0, 0.0, 0.7}, 2), 0.7, 1e-12);
    EXPECT_EQ(spectral_radius({}, 0), 0.0);
}

TEST(RecipeMatrix, ColumnsAreRecipes) {
    // a_ij = units of product i per unit of product j: steel (j = 1) uses 1.5 ore (i = 0).
    const std::vector<ProductSpec> products{{"ore", {}, {}, {}}, {"steel", {}, {}, {}}};
    const std::vector<RecipeSpec> recipes{{"steel", {{"ore", 1.5, {}}}, {}}};
    EXPECT_EQ(recipe_matrix(products, recipes), (std::vector<double>{0.0, 1.5, 0.0, 0.0}));
}

}  // namespace
}  // namespace shockflow::scenario
