// Design files of `shockflow sweep`: what they hold, the points they make
// (a grid in a fixed order, a Latin hypercube with one point per slice of
// every range) and every problem reported where it is written.

#include "shockflow/scenario/design.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "unit/scenario/support.hpp"

namespace shockflow::test {
namespace {

class DesignFile : public LoaderTest {
protected:
    Design load(const std::string& text) const { return load_design(write("d.toml", text)); }

    std::vector<Diagnostic> errors(const std::string& text) const {
        try {
            (void)load(text);
        } catch (const ConfigError& e) {
            return e.diagnostics();
        }
        ADD_FAILURE() << "the design was accepted";
        return {};
    }
};

TEST_F(DesignFile, GridVariesTheLastParameterFastest) {
    const Design d = load(R"([design]
method = "grid"
replications = 3

[[parameter]]
key = "event.strike.capacity_loss"
range = [0.2, 0.6]
levels = 3

[[parameter]]
name = "rule"
key = "policy.allocation"
values = ["proportional", "priority"]
)");
    EXPECT_EQ(d.method, Design::Method::Grid);
    EXPECT_EQ(d.replications, 3);
    ASSERT_EQ(d.parameters.size(), 2U);
    EXPECT_EQ(d.parameters[0].name, "event.strike.capacity_loss");
    EXPECT_EQ(d.parameters[1].name, "rule");
    // 3 levels x 2 values = 6 points; levels of [0.2, 0.6] in 3 steps:
    // 0.2, 0.2 + 0.5 x 0.4 = 0.4, 0.6 (the end exactly).
    EXPECT_EQ(d.points, 6);
    const auto points = design_points(d);
    ASSERT_EQ(points.size(), 6U);
    const std::vector<double> loss{0.2, 0.2, 0.4, 0.4, 0.6, 0.6};
    const std::vector<std::string> rule{"proportional", "priority",     "proportional",
                                        "priority",     "proportional", "priority"};
    for (std::size_t i = 0; i < 6; ++i) {
        EXPECT_NEAR(points[i].numbers[0], loss[i], 1e-15) << i;
        EXPECT_EQ(points[i].labels[1], rule[i]) << i;
        EXPECT_EQ(points[i].values[1], "\"" + rule[i] + "\"") << i;  // TOML text, quoted
        EXPECT_TRUE(std::isnan(points[i].numbers[1])) << i;          // no number
    }
    EXPECT_EQ(points[4].values[0], "0.6");
    // The overrides of a point follow the command line's own.
    const auto o = points[1].overrides(d, {Override{"scenario.end_day", "40"}});
    ASSERT_EQ(o.size(), 3U);
    EXPECT_EQ(o[0].key, "scenario.end_day");
    EXPECT_EQ(o[1].key, "event.strike.capacity_loss");
    EXPECT_EQ(o[1].value, "0.2");
    EXPECT_EQ(o[2].key, "policy.allocation");
    EXPECT_EQ(o[2].value, "\"priority\"");
}

TEST_F(DesignFile, NumbersAndBooleansOfAValueListAreNumbers) {
    const Design d = load(R"([design]
[[parameter]]
key = "policy.reroute"
values = [false, true]
[[parameter]]
key = "policy.repair_crews"
values = [1, 3]
)");
    const auto points = design_points(d);
    ASSERT_EQ(points.size(), 4U);
    EXPECT_EQ(points[0].values[0], "false");
    EXPECT_EQ(points[2].numbers[0], 1.0);  // true
    EXPECT_EQ(points[1].values[1], "3");
    EXPECT_EQ(points[1].numbers[1], 3.0);
}

TEST_F(DesignFile, OneParameterMaySetSeveralKeys) {
    const Design d = load(R"([design]
[[parameter]]
name = "loss"
key = ["event.a.capacity_loss", "event.b.capacity_loss"]
values = [0.1, 0.2]
[[parameter]]
key = "event.panic.multiplier"
values = [1.5]
)");
    ASSERT_EQ(d.parameters[0].keys.size(), 2U);
    const auto o = design_points(d)[1].overrides(d, {});
    ASSERT_EQ(o.size(), 3U);
    EXPECT_EQ(o[0].key, "event.a.capacity_loss");
    EXPECT_EQ(o[1].key, "event.b.capacity_loss");
    EXPECT_EQ(o[0].value, "0.2");
    EXPECT_EQ(o[1].value, "0.2");
    EXPECT_EQ(o[2].value, "1.5");
    // Override k (after the command line's) belongs to parameter...
    EXPECT_EQ(d.parameter_of_override(0), 0U);
    EXPECT_EQ(d.parameter_of_override(1), 0U);
    EXPECT_EQ(d.parameter_of_override(2), 1U);
    EXPECT_EQ(d.parameter_of_override(3), 2U);  // none: the number of parameters
}

TEST_F(DesignFile, LatinHypercubePutsOnePointInEverySlice) {
    const Design d = load(R"([design]
method = "lhs"
points = 20
seed = 7

[[parameter]]
key = "a"
range = [10, 30]

[[parameter]]
key = "b"
range = [0, 1]

[[parameter]]
key = "c"
range = [1, 4]
integer = true
)");
    const auto points = design_points(d);
    ASSERT_EQ(points.size(), 20U);
    // Slices of [10, 30] are 1 wide: slice s holds [10 + s, 11 + s). Each
    // holds exactly one point.
    for (std::size_t j = 0; j < 2; ++j) {
        const double low = j == 0 ? 10.0 : 0.0, width = j == 0 ? 1.0 : 0.05;
        std::vector<int> hits(20, 0);
        for (const auto& p : points) {
            const auto s = static_cast<std::size_t>(std::floor((p.numbers[j] - low) / width));
            ASSERT_LT(s, 20U);
            ++hits[s];
        }
        EXPECT_TRUE(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; })) << j;
    }
    // An integer range of 1..4 has 4 whole numbers, each an equal share of
    // the 20 slices: 5 points each.
    std::vector<int> count(5, 0);
    for (const auto& p : points) {
        ASSERT_EQ(p.numbers[2], std::round(p.numbers[2]));
        ASSERT_GE(p.numbers[2], 1.0);
        ASSERT_LE(p.numbers[2], 4.0);
        ++count[static_cast<std::size_t>(p.numbers[2])];
        EXPECT_EQ(p.values[2].find('.'), std::string::npos);  // an integer for TOML
    }
    EXPECT_EQ(count[1], 5);
    EXPECT_EQ(count[4], 5);
    // The same seed gives the same points; another seed others.
    const auto again = design_points(d);
    for (std::size_t i = 0; i < 20; ++i) EXPECT_EQ(points[i].values, again[i].values);
    Design other = d;
    other.seed = 8;
    EXPECT_NE(design_points(other)[0].values, points[0].values);
    // A float parameter is written as a float that reads back exactly.
    EXPECT_EQ(std::stod(points[3].values[1]), points[3].numbers[1]);
}

TEST_F(DesignFile, AddingAParameterLeavesTheOthersValues) {
    const std::string one = R"([design]
method = "lhs"
points = 5
[[parameter]]
key = "a"
range = [0, 1]
)";
    const auto before = design_points(load(one));
    const auto after = design_points(load(one + "[[parameter]]\nkey = \"b\"\nrange = [0, 1]\n"));
    for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(before[i].values[0], after[i].values[0]);
}

TEST_F(DesignFile, ProblemsAreReportedWhereTheyAreWritten) {
    const std::string text = R"([design]
method = "lhs"
points = 1
levls = 3

[[parameter]]
key = "a"
range = [2, 1]

[[parameter]]
key = "b"
values = [1]
range = [0, 1]

[[parameter]]
key = ["c", "d"]
values = [1]

[[parameter]]
key = "a"
values = []
)";
    const auto e = errors(text);
    const auto has = [&](std::string_view needle, Pos at) {
        for (const auto& d : e)
            if (d.message.find(needle) != std::string::npos) {
                EXPECT_EQ(d.loc.line, at.line) << needle;
                EXPECT_EQ(d.loc.column, at.column) << needle;
                return;
            }
        ADD_FAILURE() << "no error about " << needle;
    };
    has("points: must be between 2 and", pos_of(text, "1\nlevls"));
    has("levls", pos_of(text, "levls"));
    has("low must not be above high", pos_of(text, "[2, 1]"));
    // A problem of a parameter as a whole is reported at its [[parameter]].
    has("either `values", Pos{pos_of(text, "key = \"b\"").line - 1, 1});
    has("several keys needs a `name`", Pos{pos_of(text, "key = [\"c\"").line - 1, 1});
    has("\"a\" is varied by an earlier parameter", pos_of(text, "\"a\"\nvalues = []"));
    has("non-empty array", pos_of(text, "[]"));
}

TEST_F(DesignFile, AGridTooLargeIsRefused) {
    // 400 x 400 = 160,000 points, above the 100,000 a design may have.
    const auto e = errors(R"([design]
[[parameter]]
key = "a"
range = [0, 1]
levels = 400
[[parameter]]
key = "b"
range = [0, 1]
levels = 400
)");
    ASSERT_FALSE(e.empty());
    EXPECT_NE(e.front().message.find("160000 points"), std::string::npos) << e.front().message;
}

TEST_F(DesignFile, AMissingFileOrParameterIsAnError) {
    EXPECT_THROW((void)load_design(write("d.toml", "").parent_path() / "none.toml"), ConfigError);
    const auto e = errors("[design]\n");
    ASSERT_FALSE(e.empty());
    EXPECT_NE(e.front().message.find("no [[parameter]]"), std::string::npos);
}

}  // namespace
}  // namespace shockflow::test
