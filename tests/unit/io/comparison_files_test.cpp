#include "shockflow/io/comparison_files.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "shockflow/core/version.hpp"

namespace shockflow::io {
namespace {

using experiment::Comparison;
using experiment::KpiDiff;
using experiment::PolicyResult;

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// A fresh directory per test, removed afterwards.
class ComparisonFiles : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = fs::path(::testing::TempDir()) /
               ("shockflow_comparison_files_" + std::string(info->name()) + "_" +
                std::to_string(::getpid()));
        fs::remove_all(dir_);
    }
    void TearDown() override {
        std::error_code ignored;
        fs::remove_all(dir_, ignored);
    }
    static std::string read(const fs::path& file) {
        std::ifstream in(file, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }
    static std::vector<std::string> lines(const std::string& text) {
        std::vector<std::string> out;
        std::istringstream in(text);
        for (std::string line; std::getline(in, line);) out.push_back(line);
        return out;
    }
    fs::path dir_;
};

// Two policies, two KPIs, three replications; numbers chosen to print exactly.
// "none" is the baseline; "stock, more" has a better fill rate and a worse
// unmet_units, and one undefined statistic (NaN) to show as null.
Comparison hand_built() {
    Comparison c;
    c.scenario = "tiny";
    c.replications = 3;
    c.seed = 7;
    c.input_hash = 0xabc;
    c.kpi_names = {"fill_rate", "unmet_units"};
    PolicyResult none;
    none.name = "none";
    none.stats = {{0.9, 0.1, 0.75, 1.05, 0.81, 0.9, 0.99}, {100, 10, 75, 125, 91, 100, 109}};
    none.vs_baseline = {KpiDiff{}, KpiDiff{}};
    none.samples = {{0.8, 110}, {0.9, 100}, {1.0, 90}};
    PolicyResult more;
    more.name = "stock, more";
    more.stats = {{0.95, 0.05, 0.875, 1.025, 0.905, 0.95, 0.995},
                  {120, 0, 120, 120, 120, 120, std::numeric_limits<double>::quiet_NaN()}};
    more.vs_baseline = {{0.05, -0.1, 0.2, 2.0 / 3.0}, {20, -5, 45, 0}};
    more.samples = {{0.9, 120}, {0.95, 120}, {1.0, 120}};
    // Set by hand: summarise() leaves them NaN without holding_cost and
    // person_days_short among the KPIs.
    none.extra_holding_cost = {0, 0, 0};
    more.extra_holding_cost = {2.5, 1, 4};
    more.cost_per_person_day_avoided = {0.5, 0.25, 0.75};
    c.policies = {none, more};
    return c;
}

TEST_F(ComparisonFiles, WritesExactlyTheThreeContractFiles) {
    write_comparison(hand_built(), dir_);
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_)) {
        if (e.path().filename() != ".shockflow") names.push_back(e.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names,
              (std::vector<std::string>{"comparison.csv", "comparison.json", "replications.csv"}));
}

TEST_F(ComparisonFiles, ComparisonCsvHasContractHeaderAndOneRowPerPolicyAndKpi) {
    write_comparison(hand_built(), dir_);
    const auto rows = lines(read(dir_ / "comparison.csv"));
    ASSERT_EQ(rows.size(), 1u + 2u * 2u);
    // The contract's columns, then the policy's cost of stock (addition).
    EXPECT_EQ(rows[0],
              "policy,kpi,mean,std,ci95_lo,ci95_hi,p5,p50,p95,diff_mean,diff_ci95_lo,diff_ci95_hi,"
              "extra_holding_cost,extra_holding_cost_ci95_lo,extra_holding_cost_ci95_hi,"
              "cost_per_person_day_avoided,cost_per_person_day_avoided_ci95_lo,"
              "cost_per_person_day_avoided_ci95_hi");
    EXPECT_EQ(rows[1], "none,fill_rate,0.9,0.1,0.75,1.05,0.81,0.9,0.99,0,0,0,0,0,0,nan,nan,nan");
    EXPECT_EQ(rows[2], "none,unmet_units,100,10,75,125,91,100,109,0,0,0,0,0,0,nan,nan,nan");
    // A name holding the separator is quoted (RFC 4180); NaN prints as nan.
    EXPECT_EQ(rows[3],
              "\"stock, more\",fill_rate,0.95,0.05,0.875,1.025,0.905,0.95,0.995,0.05,-0.1,0.2,"
              "2.5,1,4,0.5,0.25,0.75");
    EXPECT_EQ(
        rows[4],
        "\"stock, more\",unmet_units,120,0,120,120,120,120,nan,20,-5,45,2.5,1,4,0.5,0.25,0.75");
}

TEST_F(ComparisonFiles, ReplicationsCsvHasOneColumnPerKpiAndTheSeedOfEachReplication) {
    write_comparison(hand_built(), dir_);
    const auto rows = lines(read(dir_ / "replications.csv"));
    ASSERT_EQ(rows.size(), 1u + 2u * 3u);
    EXPECT_EQ(rows[0], "policy,replication,seed,fill_rate,unmet_units");
    // Replication k ran with seed 7 + k.
    EXPECT_EQ(rows[1], "none,0,7,0.8,110");
    EXPECT_EQ(rows[3], "none,2,9,1,90");
    EXPECT_EQ(rows[4], "\"stock, more\",0,7,0.9,120");
}

std::vector<std::string> keys(const Json& object) {
    std::vector<std::string> out;
    for (const auto& item : object.items()) out.push_back(item.key());
    return out;
}

TEST_F(ComparisonFiles, ComparisonJsonHasContractKeysInOrder) {
    write_comparison(hand_built(), dir_);
    const Json j = Json::parse(read(dir_ / "comparison.json"));
    EXPECT_EQ(keys(j), (std::vector<std::string>{"scenario", "replications", "seed", "version",
                                                 "git_revision", "input_hash", "policies"}));
    EXPECT_EQ(j["scenario"], "tiny");
    EXPECT_EQ(j["replications"], 3);
    EXPECT_EQ(j["seed"], 7);
    EXPECT_EQ(j["version"], std::string(version()));
    EXPECT_EQ(j["git_revision"], std::string(git_revision()));
    EXPECT_EQ(j["input_hash"], "0000000000000abc");
    ASSERT_EQ(j["policies"].size(), 2u);
    const Json& more = j["policies"][1];
    EXPECT_EQ(keys(more), (std::vector<std::string>{"name", "kpi", "vs_baseline"}));
    EXPECT_EQ(more["name"], "stock, more");
    EXPECT_EQ(keys(more["kpi"]), (std::vector<std::string>{"fill_rate", "unmet_units"}));
    EXPECT_EQ(keys(more["kpi"]["fill_rate"]),
              (std::vector<std::string>{"mean", "std", "ci95", "p5", "p50", "p95"}));
    EXPECT_EQ(keys(more["vs_baseline"]["fill_rate"]),
              (std::vector<std::string>{"mean_diff", "ci95", "share_better"}));
    EXPECT_EQ(more["kpi"]["fill_rate"]["ci95"], Json::array({0.875, 1.025}));
    EXPECT_EQ(more["vs_baseline"]["unmet_units"]["ci95"], Json::array({-5.0, 45.0}));
    EXPECT_DOUBLE_EQ(more["vs_baseline"]["fill_rate"]["share_better"].get<double>(), 2.0 / 3.0);
    EXPECT_TRUE(more["kpi"]["unmet_units"]["p95"].is_null());  // NaN -> null
    // After the KPIs, the cost of stock against the baseline (addition).
    EXPECT_EQ(keys(more["vs_baseline"]),
              (std::vector<std::string>{"fill_rate", "unmet_units", "extra_holding_cost",
                                        "cost_per_person_day_avoided"}));
    EXPECT_EQ(more["vs_baseline"]["extra_holding_cost"],
              (Json{{"mean", 2.5}, {"ci95", {1.0, 4.0}}}));
    EXPECT_EQ(more["vs_baseline"]["cost_per_person_day_avoided"],
              (Json{{"mean", 0.5}, {"ci95", {0.25, 0.75}}}));
    const Json& undefined = j["policies"][0]["vs_baseline"]["cost_per_person_day_avoided"];
    EXPECT_TRUE(undefined["mean"].is_null());
    EXPECT_TRUE(undefined["ci95"][0].is_null());
}

TEST_F(ComparisonFiles, RepeatedWritesAreByteIdentical) {
    const Comparison c = hand_built();
    write_comparison(c, dir_ / "a");
    write_comparison(c, dir_ / "b");
    for (const char* name : {"comparison.json", "comparison.csv", "replications.csv"}) {
        const std::string first = read(dir_ / "a" / name);
        EXPECT_FALSE(first.empty()) << name;
        EXPECT_EQ(first, read(dir_ / "b" / name)) << name;
    }
    write_comparison(c, dir_ / "a");  // overwriting gives the same bytes again
    EXPECT_EQ(read(dir_ / "a" / "comparison.json"), read(dir_ / "b" / "comparison.json"));
}

std::string line_starting(const std::string& text, const std::string& prefix) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind(prefix, 0) == 0) return line;
    }
    return {};
}

TEST(ComparisonTable, MarksTheBestPolicyOfEachKpi) {
    const std::string table = format_comparison_table(hand_built());
    // fill_rate: higher is better, 0.95 > 0.9 -> "stock, more", the last column.
    const std::string fill = line_starting(table, "fill_rate");
    EXPECT_NE(fill.find("0.950 [0.875, 1.025] *"), std::string::npos) << table;
    EXPECT_EQ(fill.back(), '*') << table;
    // unmet_units: lower is better, 100 < 120 -> "none", the first column.
    const std::string unmet = line_starting(table, "unmet_units");
    EXPECT_NE(unmet.find("100.0 [75.00, 125.0] *"), std::string::npos) << table;
    EXPECT_NE(unmet.back(), '*') << table;
    // The paired differences of the non-baseline policy, with its share better.
    EXPECT_NE(table.find("stock, more - none"), std::string::npos) << table;
    EXPECT_NE(table.find("+0.050 [-0.100, +0.200]"), std::string::npos) << table;
    EXPECT_NE(table.find("67 %"), std::string::npos) << table;
}

TEST(ComparisonTable, ShowsEachPolicysCostOfStockUnderItsDifferences) {
    const std::string table = format_comparison_table(hand_built());
    EXPECT_NE(table.find("extra holding cost +2.500 [+1.000, +4.000], per person-day short "
                         "avoided 0.500 [0.250, 0.750]\n"),
              std::string::npos)
        << table;
    Comparison c = hand_built();
    c.policies[1].cost_per_person_day_avoided = {};
    EXPECT_NE(format_comparison_table(c).find(
                  "per person-day short avoided n/a (no person-days short avoided)"),
              std::string::npos);
}

TEST(ComparisonTable, OneReplicationShowsValuesWithoutIntervals) {
    Comparison c = hand_built();
    c.replications = 1;
    const std::string table = format_comparison_table(c);
    EXPECT_EQ(table.find('['), std::string::npos) << table;
    EXPECT_NE(table.find("seed 7"), std::string::npos) << table;
}

}  // namespace
}  // namespace shockflow::io
