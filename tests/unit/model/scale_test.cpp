// A hundred thousand events load, check and run. Loading, checking and
// drawing them is linear, and so is the engine: starting or ending a shock
// updates what it touches, a strike waits in a heap for its crew, and only
// displacements under way are moved. Before, every event looked at every
// other one: 10^5 events took 30 s to run and 10^6 did not finish. No time
// is asserted here (benchmarks/load_bench.cpp measures it); a quadratic step
// would show as this test running into its CTest timeout.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "shockflow/model/simulation.hpp"
#include "shockflow/scenario/loader.hpp"

namespace shockflow::testing {
namespace {

#ifdef NDEBUG
constexpr int kEvents = 100'000;
#else
constexpr int kEvents = 20'000;  // sanitized debug builds run some 20 times slower
#endif

// One source feeding two parks, a depot and two regions; every kind of event
// in turn, on days spread over the run, many overlapping on the same targets
// (all labour shocks hit park p1, far more than ShockProducts folds).
std::string scenario_text(int events, bool displacements_only = false) {
    std::string s = R"([scenario]
name = "many events"
start_day = -5
end_day = 15
step_hours = 6

[[product]]
id = "grain"

[[product]]
id = "food"
category = "essential"

[[recipe]]
product = "food"
inputs = { grain = 0.5 }

[[node]]
id = "s1"
kind = "source"
capacity = { grain = 400 }

[[node]]
id = "p1"
kind = "park"
tags = ["parks"]
capacity = { food = 200 }

[[node]]
id = "p2"
kind = "park"
tags = ["parks"]
capacity = { food = 200 }

[[node]]
id = "d1"
kind = "depot"

[[node]]
id = "r1"
kind = "region"
population = 1000
demand = { food = 100 }

[[node]]
id = "r2"
kind = "region"
population = 1000
demand = { food = 100 }
)";
    for (const char* link : {"s1,p1", "s1,p2", "p1,d1", "p2,d1", "d1,r1", "d1,r2", "r1,r2"}) {
        const std::string l(link);
        s += "\n[[link]]\nfrom = \"" + l.substr(0, 2) + "\"\nto = \"" + l.substr(3) +
             "\"\ncapacity = 500\ntransit_hours = 6\n";
    }
    for (int i = 0; i < events; ++i) {
        const std::string day = std::to_string(-5.0 + 19.0 * (i % 997) / 997.0);
        s += "\n[[event]]\nday = " + day + "\n";
        switch (displacements_only ? 4 : i % 5) {
            case 0:
                s += "kind = \"strike\"\ntarget = \"any:parks\"\ncount = 1\ncapacity_loss = "
                     "{ uniform = [0.01, 0.05] }\nrepair_days = 2\nrecovery = \"linear\"\n";
                break;
            case 1:
                s += "kind = \"link_cut\"\nlink = \"d1->r2\"\nduration_days = 1\n"
                     "capacity_loss = 0.01\n";
                break;
            case 2:
                s += "kind = \"labor_shock\"\ntarget = \"p1\"\nduration_days = 3\n"
                     "absent_share = 0.001\n";
                break;
            case 3:
                s += "kind = \"demand_shock\"\nregion = \"r1\"\nduration_days = 2\n"
                     "multiplier = 1.0001\n";
                break;
            default:
                s += "kind = \"displacement\"\nfrom = \"r1\"\nto = \"r2\"\nshare = 0.0001\n";
                s += displacements_only ? "over_days = 15\n" : "over_days = 2\n";
                break;
        }
    }
    return s;
}

TEST(EventsAtScale, AHundredThousandEventsLoadAndRun) {
    const auto dir = std::filesystem::path(::testing::TempDir()) /
                     ("shockflow_scale_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto file = dir / "scenario.toml";
    std::ofstream(file) << scenario_text(kEvents);

    const ScenarioSpec spec = load_scenario(file);
    ASSERT_EQ(spec.events.size(), static_cast<std::size_t>(kEvents));
    const RunResult r = simulate(spec, spec.policy, RunOptions{.seed = 1});
    // Every event starts (and most end) within the run, on top of its cycles.
    EXPECT_GT(r.events_processed, static_cast<std::uint64_t>(kEvents));
    EXPECT_GE(r.kpi.fill_rate, 0.0);
    EXPECT_LE(r.kpi.fill_rate, 1.0);

    std::filesystem::remove_all(dir);
}

// Every event a displacement under way for most of the run, each starting at
// its own time: starting one moved all those under way (quadratic: 20 s).
TEST(EventsAtScale, AHundredThousandOverlappingDisplacementsRun) {
    const auto dir = std::filesystem::path(::testing::TempDir()) /
                     ("shockflow_scale_moves_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto file = dir / "scenario.toml";
    std::ofstream(file) << scenario_text(kEvents, true);

    const ScenarioSpec spec = load_scenario(file);
    const RunResult r = simulate(spec, spec.policy, RunOptions{.seed = 1});
    EXPECT_GT(r.events_processed, static_cast<std::uint64_t>(kEvents));
    // People move, demand with them: none is made or lost.
    double demand_first = 0.0, demand_last = 0.0;
    for (const DayRow& row : r.timeseries) {
        if (row.day == -5) demand_first += row.demand;
        if (row.day == 14) demand_last += row.demand;
    }
    EXPECT_NEAR(demand_last, demand_first, 1e-9 * demand_first);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace shockflow::testing
