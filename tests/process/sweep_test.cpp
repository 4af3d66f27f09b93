// `shockflow sweep` as an analyst runs it: the sensitivity of the fill rate
// to a strike's capacity loss is negative with an interval that excludes 0,
// to a parameter the fill rate ignores it covers 0; every row of sweep.csv is
// the run that `run --set ... --seed` makes; a bad design key is reported
// where the design writes it, and nothing is written.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "process/child.hpp"
#include "unit/io/temp_dir.hpp"

namespace shockflow::test {
namespace {

// One park makes food from grain for one region through a depot. The
// park's strike (named, so that a design can set its loss) takes `loss` of
// its capacity from day 1 for 6 days; the park has 20 % spare capacity and
// the region two days of stock, so a loss above about 0.3 leaves the region
// short. The road's cut lasts a drawn number of days, so that replications
// differ.
constexpr const char* kScenario = R"([scenario]
name = "one_park"
start_day = -4
end_day = 16
step_hours = 6
seed = 5
replications = 4
disruption_window = [0, 10]

[[product]]
id = "grain"

[[product]]
id = "food"
category = "essential"

[[recipe]]
product = "food"
inputs = { grain = 1 }

[[node]]
id = "src"
kind = "source"
capacity = { grain = 1000 }

[[node]]
id = "park"
kind = "park"
firms = 10
capacity = { food = 120 }
stock = { grain = 400 }

[[node]]
id = "depot"
kind = "depot"
stock = { food = 250 }

[[node]]
id = "town"
kind = "region"
population = 1000
demand = { food = 100 }
stock = { food = 200 }

[[link]]
from = "src"
to = "park"
capacity = 1000
transit_hours = 6

[[link]]
from = "park"
to = "depot"
capacity = 1000
transit_hours = 6

[[link]]
from = "depot"
to = "town"
capacity = 1000
transit_hours = 6

[[event]]
name = "strike"
kind = "strike"
target = "park"
day = 1
capacity_loss = 0.5
repair_days = 6

[[event]]
name = "cut"
kind = "link_cut"
link = "depot->town"
day = 2
duration_days = { uniform = [0.2, 1.5] }

[policy]
name = "none"
holding_cost = { food = 1, grain = 0.5 }
)";

// A grid: the strike's loss at five levels, and the holding cost of grain,
// which changes what stock costs but not what is delivered.
constexpr const char* kDesign = R"([design]
method = "grid"
replications = 4

[[parameter]]
name = "loss"
key = "event.strike.capacity_loss"
range = [0.1, 0.9]
levels = 5

[[parameter]]
name = "grain_cost"
key = "policy.holding_cost.grain"
values = [0.25, 0.5, 1.0]
)";

/// A CSV file as rows of cells (no quoted cells in these files).
std::vector<std::vector<std::string>> read_csv(const fs::path& file) {
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(read_text(file));
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> cells;
        std::istringstream cells_in(line);
        for (std::string cell; std::getline(cells_in, cell, ',');) cells.push_back(cell);
        if (!line.empty() && line.back() == ',') cells.emplace_back();
        rows.push_back(cells);
    }
    return rows;
}

std::size_t column(const std::vector<std::string>& header, const std::string& name) {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name) return i;
    ADD_FAILURE() << "no column " << name;
    return 0;
}

class Sweep : public ::testing::Test {
protected:
    void SetUp() override {
        scenario_ = tmp_.path() / "s.toml";
        design_ = tmp_.path() / "d.toml";
        std::ofstream(scenario_) << kScenario;
        std::ofstream(design_) << kDesign;
    }

    int sweep(const fs::path& out, const std::string& design_text = "") {
        fs::path design = design_;
        if (!design_text.empty()) {
            design = tmp_.path() / "other.toml";
            std::ofstream(design) << design_text;
        }
        return run({"sweep", scenario_.string(), "--design", design.string(), "--out", out.string(),
                    "--quiet", "--threads", "2"},
                   tmp_.path() / "log");
    }

    std::string err() const { return read_text(tmp_.path() / "log.err"); }

    TempDir tmp_;
    fs::path scenario_, design_;
};

TEST_F(Sweep, FillRateFallsWithTheStrikesLossAndIgnoresTheCostOfGrain) {
    ASSERT_EQ(sweep(tmp_.path() / "out"), 0) << err();
    const auto rows = read_csv(tmp_.path() / "out" / "sensitivity.csv");
    ASSERT_GT(rows.size(), 1U);
    const auto& h = rows.front();
    bool loss_seen = false, cost_seen = false;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const auto& r = rows[i];
        if (r[column(h, "kpi")] != "essential_fill_rate") continue;
        // 5 levels x 3 costs x 4 replications.
        EXPECT_EQ(r[column(h, "observations")], "60");
        const double src = std::stod(r[column(h, "src")]);
        const double lo = std::stod(r[column(h, "src_ci95_lo")]);
        const double hi = std::stod(r[column(h, "src_ci95_hi")]);
        EXPECT_LE(lo, src);
        EXPECT_LE(src, hi);
        if (r[column(h, "parameter")] == "loss") {
            loss_seen = true;
            EXPECT_LT(src, 0.0);
            EXPECT_LT(hi, 0.0) << "the interval excludes 0";
            EXPECT_LT(std::stod(r[column(h, "prcc_ci95_hi")]), 0.0);
        } else {
            cost_seen = true;
            EXPECT_EQ(r[column(h, "parameter")], "grain_cost");
            EXPECT_EQ(r[column(h, "key")], "policy.holding_cost.grain");
            EXPECT_LE(lo, 0.0) << "the interval covers 0";
            EXPECT_GE(hi, 0.0) << "the interval covers 0";
        }
    }
    EXPECT_TRUE(loss_seen);
    EXPECT_TRUE(cost_seen);
}

TEST_F(Sweep, EveryRowIsTheRunOfItsPointAndSeed) {
    ASSERT_EQ(sweep(tmp_.path() / "out"), 0) << err();
    const auto rows = read_csv(tmp_.path() / "out" / "sweep.csv");
    // Header, then 15 points x 1 policy x 4 replications.
    ASSERT_EQ(rows.size(), 61U);
    const auto& h = rows.front();
    // Point 7 (loss 0.5, grain cost 0.5: the grid varies the last parameter
    // fastest), replication 2, seed 5 + 2.
    const auto& r = rows[1 + 7 * 4 + 2];
    EXPECT_EQ(r[column(h, "point")], "7");
    EXPECT_EQ(r[column(h, "loss")], "0.5");
    EXPECT_EQ(r[column(h, "grain_cost")], "0.5");
    EXPECT_EQ(r[column(h, "replication")], "2");
    EXPECT_EQ(r[column(h, "seed")], "7");
    const fs::path out = tmp_.path() / "run";
    ASSERT_EQ(
        run({"run", scenario_.string(), "--set", "event.strike.capacity_loss=0.5", "--set",
             "policy.holding_cost.grain=0.5", "--seed", "7", "--out", out.string(), "--quiet"},
            tmp_.path() / "run_log"),
        0);
    const auto summary = nlohmann::json::parse(read_text(out / "summary.json"));
    for (const auto& [name, value] : summary.at("kpi").items()) {
        if (!value.is_number()) continue;
        EXPECT_EQ(std::stod(r[column(h, name)]), value.get<double>()) << name;
    }
}

TEST_F(Sweep, ABadKeyIsReportedInTheDesignAndNothingIsWritten) {
    const std::string design = R"([design]
[[parameter]]
key = "event.strike.capacity_los"
values = [0.2, 0.4]
)";
    const fs::path out = tmp_.path() / "bad";
    EXPECT_EQ(sweep(out, design), 2);
    const std::string e = err();
    // Reported at the key in the design (line 3, column 7), with the point.
    EXPECT_NE(e.find("other.toml:3:7: error:"), std::string::npos) << e;
    EXPECT_NE(e.find("did you mean"), std::string::npos) << e;
    EXPECT_NE(e.find("design point 0"), std::string::npos) << e;
    EXPECT_FALSE(fs::exists(out));
}

TEST_F(Sweep, AValueOutOfRangeIsReportedAtTheValues) {
    const std::string design = R"([design]
[[parameter]]
key = "event.strike.capacity_loss"
values = [0.2, 1.4]
)";
    EXPECT_EQ(sweep(tmp_.path() / "bad", design), 2);
    const std::string e = err();
    EXPECT_NE(e.find("other.toml:4:10: error:"), std::string::npos) << e;
    EXPECT_NE(e.find("design point 1"), std::string::npos) << e;
}

}  // namespace
}  // namespace shockflow::test
