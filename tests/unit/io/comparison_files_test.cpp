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

std::string line_of(const std::string& text, const std::string& prefix) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (line.rfind(prefix, 0) == 0) return line;
    return {};
}

TEST_F(ComparisonFiles, WritesTheThreeContractFilesAndTheAdditions) {
    write_comparison(hand_built(), dir_);
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_)) {
        if (e.path().filename() != ".shockflow") names.push_back(e.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names,
              (std::vector<std::string>{"comparison.csv", "comparison.json", "comparison_long.csv",
                                        "daily.csv", "replications.csv", "samples.csv"}));
}

// One row per value drawn: policy, replication, its seed (seed + k), the
// event's label, the key, the value (a drawn node by its id); a policy name
// with a comma quoted. Without recorded draws, the header alone.
TEST_F(ComparisonFiles, SamplesCsvHasOneRowPerValueDrawn) {
    Comparison c = hand_built();
    write_comparison(c, dir_);
    EXPECT_EQ(read(dir_ / "samples.csv"), "policy,replication,seed,event,key,value\n");
    c.event_labels = {"0", "1"};
    c.node_ids = {"p1", "p2"};
    const std::vector<Sample> k0 = {{0, "capacity_loss", 0.5}, {1, "target", 1.0}};
    const std::vector<Sample> k2 = {{0, "capacity_loss", 0.25}};
    c.draws = {{k0, {}, k2}, {k0, {}, k2}};
    write_comparison(c, dir_);
    EXPECT_EQ(read(dir_ / "samples.csv"),
              "policy,replication,seed,event,key,value\n"
              "none,0,7,0,capacity_loss,0.5\n"
              "none,0,7,1,target,p2\n"
              "none,2,9,0,capacity_loss,0.25\n"
              "\"stock, more\",0,7,0,capacity_loss,0.5\n"
              "\"stock, more\",0,7,1,target,p2\n"
              "\"stock, more\",2,9,0,capacity_loss,0.25\n");
}

TEST_F(ComparisonFiles, ComparisonCsvHasContractHeaderAndOneRowPerPolicyAndKpi) {
    write_comparison(hand_built(), dir_);
    const auto rows = lines(read(dir_ / "comparison.csv"));
    ASSERT_EQ(rows.size(), 1u + 2u * 2u);
    // The contract's columns, then the policy's cost of stock, the share of
    // replications better than the baseline and how many are censored
    // (additions).
    EXPECT_EQ(rows[0],
              "policy,kpi,mean,std,ci95_lo,ci95_hi,p5,p50,p95,diff_mean,diff_ci95_lo,diff_ci95_hi,"
              "extra_holding_cost,extra_holding_cost_ci95_lo,extra_holding_cost_ci95_hi,"
              "cost_per_person_day_avoided,cost_per_person_day_avoided_ci95_lo,"
              "cost_per_person_day_avoided_ci95_hi,share_better,censored");
    // The baseline is not compared with itself: its differences are blank.
    EXPECT_EQ(rows[1], "none,fill_rate,0.9,0.1,0.75,1.05,0.81,0.9,0.99,,,,,,,,,,,0");
    EXPECT_EQ(rows[2], "none,unmet_units,100,10,75,125,91,100,109,,,,,,,,,,,0");
    // A name holding the separator is quoted (RFC 4180); NaN prints as nan.
    EXPECT_EQ(rows[3],
              "\"stock, more\",fill_rate,0.95,0.05,0.875,1.025,0.905,0.95,0.995,0.05,-0.1,0.2,"
              "2.5,1,4,0.5,0.25,0.75,0.6666666666666666,0");
    EXPECT_EQ(rows[4],
              "\"stock, more\",unmet_units,120,0,120,120,120,120,nan,20,-5,45,2.5,1,4,0.5,0.25,"
              "0.75,0,0");
}

// The long table: one row per number, the KPI's unit and which way is
// better beside it; undefined values and the baseline's own differences
// blank. Per policy 12 rows per KPI, then 3 for its extra holding cost and 3
// for its cost per person-day avoided.
TEST_F(ComparisonFiles, LongTableHasOneRowPerNumber) {
    write_comparison(hand_built(), dir_);
    const auto rows = lines(read(dir_ / "comparison_long.csv"));
    ASSERT_EQ(rows.size(), 1u + 2u * (2u * 12u + 6u));
    EXPECT_EQ(rows[0], "policy,kpi,unit,better,statistic,value");
    EXPECT_EQ(rows[1], "none,fill_rate,share,higher,mean,0.9");
    EXPECT_EQ(rows[7], "none,fill_rate,share,higher,p95,0.99");
    EXPECT_EQ(rows[8], "none,fill_rate,share,higher,censored,0");
    EXPECT_EQ(rows[9], "none,fill_rate,share,higher,diff_mean,");
    EXPECT_EQ(rows[12], "none,fill_rate,share,higher,share_better,");
    EXPECT_EQ(rows[13], "none,unmet_units,units,lower,mean,100");
    EXPECT_EQ(rows[25], "none,extra_holding_cost,cost,lower,mean,");
    EXPECT_EQ(rows[30], "none,cost_per_person_day_avoided,cost per person-day,lower,ci95_hi,");
    EXPECT_EQ(rows[31], "\"stock, more\",fill_rate,share,higher,mean,0.95");
    EXPECT_EQ(rows[42], "\"stock, more\",fill_rate,share,higher,share_better,0.6666666666666666");
    EXPECT_EQ(rows[49], "\"stock, more\",unmet_units,units,lower,p95,");  // NaN: blank
    EXPECT_EQ(rows[51], "\"stock, more\",unmet_units,units,lower,diff_mean,20");
    EXPECT_EQ(rows[55], "\"stock, more\",extra_holding_cost,cost,lower,mean,2.5");
    EXPECT_EQ(rows[60],
              "\"stock, more\",cost_per_person_day_avoided,cost per person-day,lower,ci95_hi,0.75");
}

// A time KPI censored in some replications: how many, in every file; which,
// in replications.csv. summarise() counts the flags: 2 of 3 for "late".
TEST_F(ComparisonFiles, CensoredReplicationsAreCountedAndFlagged) {
    Comparison c;
    c.scenario = "tiny";
    c.replications = 3;
    c.seed = 1;
    c.kpi_names = {"fill_rate", "time_to_survive_min_days"};
    PolicyResult early, late;
    early.name = "early";
    early.samples = {{0.9, 2}, {0.9, 3}, {0.9, 4}};
    early.censored = {{0, 0}, {0, 0}, {0, 0}};
    late.name = "late";
    late.samples = {{1, 10}, {1, 10}, {1, 6}};
    late.censored = {{0, 1}, {0, 1}, {0, 0}};
    c.policies = {early, late};
    experiment::summarise(c);
    write_comparison(c, dir_);
    const Json j = Json::parse(read(dir_ / "comparison.json"));
    EXPECT_EQ(j["policies"][1]["kpi"]["time_to_survive_min_days"]["censored"], 2);
    EXPECT_EQ(j["policies"][1]["kpi"]["fill_rate"]["censored"], 0);
    EXPECT_EQ(j["policies"][0]["kpi"]["time_to_survive_min_days"]["censored"], 0);
    EXPECT_EQ(line_of(read(dir_ / "comparison.csv"), "late,time_to_survive_min_days").substr(0, 30),
              "late,time_to_survive_min_days,");
    EXPECT_EQ(line_of(read(dir_ / "comparison.csv"), "late,time_to_survive_min_days").back(), '2');
    const auto reps = lines(read(dir_ / "replications.csv"));
    EXPECT_EQ(reps[0],
              "policy,replication,seed,fill_rate,time_to_survive_min_days,"
              "time_to_survive_min_days_censored");
    EXPECT_EQ(reps[4], "late,0,1,1,10,1");
    EXPECT_EQ(reps[6], "late,2,3,1,6,0");
    EXPECT_EQ(line_of(read(dir_ / "comparison_long.csv"),
                      "late,time_to_survive_min_days,days,higher,censored,"),
              "late,time_to_survive_min_days,days,higher,censored,2");
}

// daily.csv: per policy and day, the band of the essential fill rate over
// the replications that had essential demand that day (a NaN day is left
// out; a day NaN in every replication has no row). Two replications, 0.5
// and 1 on day 3: p5 = 0.5 + 0.05 x 0.5 = 0.525, p50 = mean = 0.75, p95 =
// 0.5 + 0.95 x 0.5 = 0.975; day 4, 1 and NaN: all 1, from 1 replication.
TEST_F(ComparisonFiles, DailyCsvHasTheFillBandOfEachPolicyAndDay) {
    Comparison c = hand_built();
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    c.first_day = 3;
    c.daily_essential_fill = {{{0.5, 1.0, kNaN}, {1.0, kNaN, kNaN}},
                              {{1.0, 1.0, kNaN}, {1.0, 1.0, kNaN}}};
    write_comparison(c, dir_);
    const auto rows = lines(read(dir_ / "daily.csv"));
    ASSERT_EQ(rows.size(), 5u);
    EXPECT_EQ(rows[0], "policy,day,p5,p50,p95,mean,replications");
    EXPECT_EQ(rows[1].substr(0, 7), "none,3,");
    std::vector<double> v;
    std::istringstream in(rows[1].substr(7));
    for (std::string cell; std::getline(in, cell, ',');) v.push_back(std::stod(cell));
    ASSERT_EQ(v.size(), 5u);
    EXPECT_NEAR(v[0], 0.525, 1e-12);
    EXPECT_NEAR(v[1], 0.75, 1e-12);
    EXPECT_NEAR(v[2], 0.975, 1e-12);
    EXPECT_NEAR(v[3], 0.75, 1e-12);
    EXPECT_EQ(v[4], 2.0);
    EXPECT_EQ(rows[2], "none,4,1,1,1,1,1");
    EXPECT_EQ(rows[3], "\"stock, more\",3,1,1,1,1,2");
    write_comparison(hand_built(), dir_);  // without daily fill: the header only
    EXPECT_EQ(read(dir_ / "daily.csv"), "policy,day,p5,p50,p95,mean,replications\n");
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
              (std::vector<std::string>{"mean", "std", "ci95", "p5", "p50", "p95", "censored"}));
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
    // The baseline's own differences are null, not 0: it is not compared
    // with itself.
    const Json& own = j["policies"][0]["vs_baseline"];
    EXPECT_TRUE(own["fill_rate"]["mean_diff"].is_null());
    EXPECT_TRUE(own["fill_rate"]["ci95"][1].is_null());
    EXPECT_TRUE(own["fill_rate"]["share_better"].is_null());
    EXPECT_TRUE(own["extra_holding_cost"]["mean"].is_null());
}

TEST_F(ComparisonFiles, RepeatedWritesAreByteIdentical) {
    const Comparison c = hand_built();
    write_comparison(c, dir_ / "a");
    write_comparison(c, dir_ / "b");
    for (const char* name : {"comparison.json", "comparison.csv", "replications.csv",
                             "comparison_long.csv", "daily.csv"}) {
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

// A time KPI censored in 2 of the 3 replications of "stock, more": its mean
// is a lower bound (">="), the note under the table says how many, and its
// difference from the baseline is marked.
TEST(ComparisonTable, MarksCensoredMeansAsLowerBounds) {
    Comparison c = hand_built();
    c.kpi_names[1] = "time_to_survive_min_days";
    c.policies[0].censored_runs = {0, 0};
    c.policies[1].censored_runs = {0, 2};
    const std::string table = format_comparison_table(c);
    EXPECT_NE(line_starting(table, "time_to_survive_min_days").find(">=120.0 [120.0, 120.0]"),
              std::string::npos)
        << table;
    EXPECT_EQ(line_starting(table, "fill_rate").find(">="), std::string::npos) << table;
    EXPECT_NE(
        table.find("\n  time_to_survive_min_days: stock, more 2 of 3 (no region went short)\n"),
        std::string::npos)
        << table;
    EXPECT_NE(table.find("+20.00 [-5.000, +45.00] (censored)"), std::string::npos) << table;
    EXPECT_EQ(format_comparison_table(hand_built()).find("censored"), std::string::npos);
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
