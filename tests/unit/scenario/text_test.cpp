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

TEST(BoundedDistance, AgreesWithTheFullDistanceUpToItsLimit) {
    // Every pair of words of up to four letters over {a, b}: the banded
    // distance is the true one when that is within the limit, else limit + 1.
    std::vector<std::string> words{""};
    for (std::size_t i = 0; words[i].size() < 4; ++i) {
        words.push_back(words[i] + "a");
        words.push_back(words[i] + "b");
    }
    for (const auto& a : words)
        for (const auto& b : words)
            for (std::size_t limit = 0; limit <= 3; ++limit)
                EXPECT_EQ(bounded_distance(a, b, limit), std::min(edit_distance(a, b), limit + 1))
                    << a << " " << b << " " << limit;
    EXPECT_EQ(bounded_distance("capasity", "capacity", 2), 1u);
    EXPECT_EQ(bounded_distance(std::string(2000, 'x'), std::string(2000, 'y'), 2), 3u);
}

TEST(DidYouMean, LongWordsGetNoHint) {
    // Comparing 200 unknown 2,000-character ids against 5,000 nodes took 37 s.
    const std::string word(65, 'x');
    EXPECT_EQ(closest(word, {word + "y"}), "");
    EXPECT_EQ(closest(std::string(64, 'x'), {std::string(63, 'x')}), std::string(63, 'x'));
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

TEST(Escaped, KeepsUtf8TextAndEscapesEverythingElse) {
    using namespace std::string_literals;
    EXPECT_EQ(escaped("Tehran \xD8\xAA\xD9\x87\xD8\xB1\xD8\xA7\xD9\x86 \xE2\x82\xAC"),
              "Tehran \xD8\xAA\xD9\x87\xD8\xB1\xD8\xA7\xD9\x86 \xE2\x82\xAC");
    EXPECT_EQ(escaped("a\0b\n\t\r\x1b[2J\x7f"s), "a\\0b\\n\\t\\r\\x1B[2J\\x7F");
    EXPECT_EQ(escaped("say \"hi\" \\"), "say \\\"hi\\\" \\\\");
    // Not UTF-8: a stray continuation byte, an overlong '/', a surrogate, a cut sequence.
    EXPECT_EQ(escaped("\x80 \xC0\xAF \xED\xA0\x80 \xE2\x82"),
              "\\x80 \\xC0\\xAF \\xED\\xA0\\x80 \\xE2\\x82");
    // C1 controls are terminal commands too.
    EXPECT_EQ(escaped("\xC2\x9B"), "\\xC2\\x9B");
}

TEST(InQuotes, QuotesAShortExcerptOnly) {
    EXPECT_EQ(in_quotes("p1"), "\"p1\"");
    const std::string long_id(100, 'a');
    EXPECT_EQ(in_quotes(long_id), "\"" + std::string(kMaxQuoted, 'a') + "\"...");
    EXPECT_EQ(in_quotes(std::string(kMaxQuoted, 'a')), "\"" + std::string(kMaxQuoted, 'a') + "\"");
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
