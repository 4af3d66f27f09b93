// Interned strings: one copy per text, copies are a pointer, and they read
// and compare as the text they hold.
#include "shockflow/core/interned.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>

#include "shockflow/core/error.hpp"
#include "shockflow/scenario/spec.hpp"

namespace shockflow {
namespace {

TEST(Interned, EqualTextsShareOneCopy) {
    const Interned a("food"), b(std::string("fo") + "od");
    EXPECT_EQ(&a.str(), &b.str());
    EXPECT_EQ(a, b);
    EXPECT_NE(a, Interned("fuel"));
    EXPECT_TRUE(Interned().empty());
    EXPECT_EQ(Interned(), Interned(""));
}

TEST(Interned, ReadsAndComparesAsItsText) {
    const Interned food("food");
    EXPECT_EQ(food, "food");
    EXPECT_EQ(food, std::string("food"));
    EXPECT_EQ(std::string("food"), food);
    EXPECT_LT(Interned("a"), Interned("b"));
    EXPECT_EQ(fmt::format("[{}]", food), "[food]");
    std::ostringstream out;
    out << food;
    EXPECT_EQ(out.str(), "food");
    const std::map<std::string, int> by_name{{"food", 1}};
    EXPECT_EQ(by_name.at(food), 1);
    const std::string& text = food;
    EXPECT_EQ(text.size(), 4U);
}

// What keeps a large table's load within a small multiple of its size: a
// quantity read from a cell is 32 bytes (it was 80), its place 16 (was 40).
static_assert(sizeof(SourceLoc) <= 16);
static_assert(sizeof(ProductQty) <= 32);

}  // namespace
}  // namespace shockflow
