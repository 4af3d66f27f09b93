// With no disruption the network settles at the input-output solution.
#include <gtest/gtest.h>

#include <Eigen/Dense>

#include "shockflow/model/simulation.hpp"
#include "unit/model/builders.hpp"
#include "unit/model/query.hpp"

namespace shockflow::testing {
namespace {

// Products 1 (steel) and 2 (power) need each other: a_21 = 0.5 units of power
// per unit of steel, a_12 = 0.2 units of steel per unit of power. A region
// consumes d = (100, 50) per day. Leontief: x = (I - A)^-1 d with
//   I - A = [[1, -0.2], [-0.5, 1]], det 0.9, so
//   x1 = (100 + 0.2 * 50) / 0.9 = 122.2, x2 = (0.5 * 100 + 50) / 0.9 = 111.1.
// The test computes x with Eigen and compares the mean daily output of the
// last ten days of an undisturbed 60-day run (within 1 %).
TEST(Leontief, UndisturbedNetworkSettlesAtInputOutputSolution) {
    ScenarioBuilder b(0, 60, 4);
    b.product("steel").product("power");
    b.recipe("steel", {qty("power", 0.5)});
    b.recipe("power", {qty("steel", 0.2)});
    b.producer("Ps", {qty("steel", 400)}).stock = {qty("power", 100)};
    b.producer("Pp", {qty("power", 400)}).stock = {qty("steel", 50)};
    b.region("R", 1000, {qty("steel", 100), qty("power", 50)});
    b.link("Ps", "Pp", 1000, 2).link("Pp", "Ps", 1000, 2);
    b.link("Ps", "R", 1000, 6).link("Pp", "R", 1000, 6);
    const RunResult r = simulate(b.s, PolicySpec{}, RunOptions{});

    Eigen::Matrix2d A;
    A << 0.0, 0.2, 0.5, 0.0;
    const Eigen::Vector2d d(100.0, 50.0);
    const Eigen::Vector2d x = (Eigen::Matrix2d::Identity() - A).inverse() * d;
    EXPECT_NEAR(x(0), 122.22, 0.01);

    double steel = 0, power = 0;
    for (int day = 50; day < 60; ++day) {
        steel += day_row(r, day, "Ps", "steel").produced / 10.0;
        power += day_row(r, day, "Pp", "power").produced / 10.0;
    }
    EXPECT_NEAR(steel, x(0), 0.01 * x(0));
    EXPECT_NEAR(power, x(1), 0.01 * x(1));
    EXPECT_NEAR(day_row(r, 55, "R", "steel").unmet, 0.0, 1e-9);
}

}  // namespace
}  // namespace shockflow::testing
