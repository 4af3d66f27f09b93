#include <gtest/gtest.h>

#include <limits>

#include "io/number_format.hpp"
#include "io/text_table.hpp"

namespace shockflow::io {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(CsvNumber, IsTheShortestRoundTripForm) {
    EXPECT_EQ(csv_number(1.0), "1");
    EXPECT_EQ(csv_number(0.1), "0.1");
    EXPECT_EQ(csv_number(-2.5), "-2.5");
    EXPECT_EQ(csv_number(1e20), "1e+20");
    EXPECT_EQ(std::stod(csv_number(1.0 / 3.0)), 1.0 / 3.0);
}

TEST(CsvNumber, NegativeZeroHasNoSign) { EXPECT_EQ(csv_number(-0.0), "0"); }

TEST(CsvNumber, NonFiniteValuesAreWordsPandasReads) {
    EXPECT_EQ(csv_number(kNaN), "nan");
    EXPECT_EQ(csv_number(kInf), "inf");
    EXPECT_EQ(csv_number(-kInf), "-inf");
}

TEST(JsonNumber, NonFiniteValuesAreNull) {
    EXPECT_TRUE(json_number(kNaN).is_null());
    EXPECT_TRUE(json_number(kInf).is_null());
    EXPECT_EQ(json_number(0.5), 0.5);
}

TEST(DisplayNumber, ShowsAboutFourSignificantDigits) {
    EXPECT_EQ(display_number(kNaN), "n/a");
    EXPECT_EQ(display_number(-kInf), "-inf");
    EXPECT_EQ(display_number(-0.0), "0");
    EXPECT_EQ(display_number(0.98765), "0.988");
    EXPECT_EQ(display_number(12.3456), "12.35");
    EXPECT_EQ(display_number(123.46), "123.5");
    EXPECT_EQ(display_number(12345.6), "12346");
    EXPECT_EQ(display_number(2.5e8), "2.500e+08");
}

TEST(TextTable, AlignsFirstColumnLeftAndOthersRight) {
    EXPECT_EQ(render_table({"kpi", "value"}, {{"fill_rate", "0.9"}, {"x", "12.25"}}),
              "kpi        value\n"
              "----------------\n"
              "fill_rate    0.9\n"
              "x          12.25\n");
}

TEST(TextTable, PadsShortRows) {
    EXPECT_EQ(render_table({"a", "b"}, {{"long"}}),
              "a     b\n"
              "-------\n"
              "long\n");
}

}  // namespace
}  // namespace shockflow::io
