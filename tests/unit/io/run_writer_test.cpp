#include "shockflow/io/run_writer.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "io/run_files.hpp"
#include "shockflow/core/version.hpp"
#include "shockflow/model/simulation.hpp"
#include "shockflow/scenario/loader.hpp"
#include "unit/io/temp_dir.hpp"

namespace shockflow::io {
namespace {

using test::TempDir;
using Json = nlohmann::ordered_json;

// Two nodes, two products listed out of alphabetical order (outputs must keep
// the order of product_ids), one timeseries row each and one firm row.
RunResult hand_built() {
    RunResult r;
    r.scenario = "hand-built";
    r.policy = "ministry";
    r.seed = 42;
    r.start_day = -2.0;
    r.end_day = 3.5;
    r.input_hash = 0xabcULL;
    r.node_ids = {"park.north", "region-1"};
    r.product_ids = {"water", "food"};
    r.timeseries = {
        DayRow{.day = -1,
               .node = 0,
               .product = 1,
               .produced = 10.0,
               .consumed_inputs = 0.0,
               .stock = 2.5,
               .shipped = 7.5,
               .capacity_available = 12.0},
        DayRow{.day = 0,
               .node = 1,
               .product = 0,
               .stock = 0.1,
               .received = 3.0,
               .demand = 4.0,
               .delivered = 3.0,
               .unmet = 1.0},
    };
    r.firms = {FirmRow{.day = -1, .node = 0, .firms = 50, .firms_active = 41}};
    r.products = {ProductTotals{.produced = 0.0, .demanded = 4.0, .delivered = 3.0, .unmet = 1.0},
                  ProductTotals{.produced = 10.0}};
    r.product_categories = {"intermediate", "essential"};
    r.regions = {RegionSummary{.node = 1,
                               .fill_rate = 0.75,
                               .essential_fill_rate = 0.5,
                               .days_short = 2,
                               .person_days_short = 125.0,
                               .time_to_survive_days = 3.5,
                               .time_to_survive_censored = false}};
    r.balance.resize(2);
    r.kpi.fill_rate = 0.75;
    r.kpi.essential_fill_rate = 0.5;
    r.kpi.unmet_units = 1.0;
    r.kpi.holding_cost = 0.25;
    r.events_processed = 123;
    return r;
}

std::string timeseries(const RunResult& r) {
    std::ostringstream out;
    write_timeseries_csv(r, out);
    return out.str();
}

TEST(RunWriter, TimeseriesHasTheContractHeaderAndShortestNumbers) {
    EXPECT_EQ(timeseries(hand_built()),
              "day,node,product,produced,consumed_inputs,stock,shipped,received,demand,"
              "delivered,unmet,capacity_available\n"
              "-1,park.north,food,10,0,2.5,7.5,0,0,0,0,12\n"
              "0,region-1,water,0,0,0.1,0,3,4,3,1,0\n");
}

TEST(RunWriter, TimeseriesNumbersRoundTripExactly) {
    RunResult r = hand_built();
    r.timeseries.resize(1);
    r.timeseries[0].stock = 1.0 / 3.0;
    r.timeseries[0].produced = 1e20;
    r.timeseries[0].shipped = -0.0;  // printed without a sign
    const std::string csv = timeseries(r);
    EXPECT_NE(csv.find("\n-1,park.north,food,1e+20,0,0.3333333333333333,0,"), std::string::npos)
        << csv;
}

// A table far larger than the writer's 1 MiB pieces comes out whole and in
// order: 60,000 copies of the two hand-built rows, each line known exactly.
TEST(RunWriter, LargeTimeseriesIsWrittenWholeAcrossPieces) {
    RunResult r = hand_built();
    const std::vector<DayRow> two = r.timeseries;
    constexpr int kCopies = 30000;
    r.timeseries.clear();
    for (int i = 0; i < kCopies; ++i) {
        for (DayRow row : two) {
            row.day = i;
            r.timeseries.push_back(row);
        }
    }
    const std::string csv = timeseries(r);
    ASSERT_GT(csv.size(), std::size_t{2} << 20);  // at least two pieces
    std::istringstream in(csv);
    std::string line;
    std::getline(in, line);  // header, checked above
    for (int i = 0; i < kCopies; ++i) {
        ASSERT_TRUE(std::getline(in, line)) << i;
        ASSERT_EQ(line, fmt::format("{},park.north,food,10,0,2.5,7.5,0,0,0,0,12", i));
        ASSERT_TRUE(std::getline(in, line)) << i;
        ASSERT_EQ(line, fmt::format("{},region-1,water,0,0,0.1,0,3,4,3,1,0", i));
    }
    EXPECT_FALSE(std::getline(in, line));
}

TEST(RunWriter, FirmsHasTheContractHeaderAndOneRowPerRecord) {
    std::ostringstream out;
    write_firms_csv(hand_built(), out);
    EXPECT_EQ(out.str(), "day,node,firms,firms_active,firms_idle\n-1,park.north,50,41,0\n");
}

// The values drawn: by event label, by key; a drawn node by its id, several
// of one event as a list; events without a drawn value are left out.
TEST(RunWriter, SummaryListsTheValuesDrawnByEventAndKey) {
    RunResult r = hand_built();
    r.event_labels = {"0", "1", "2"};
    r.samples = {{0, "capacity_loss", 0.25},
                 {0, "target", 0.0},
                 {0, "target", 1.0},
                 {2, "path[0].day", 3.5}};
    const Json j = Json::parse(summary_json(r));
    EXPECT_EQ(j["samples"].dump(),
              fmt::format(R"({{"0":{{"capacity_loss":0.25,"target":["{}","{}"]}},)"
                          R"("2":{{"path[0].day":3.5}}}})",
                          r.node_ids[0], r.node_ids[1]));
}

TEST(RunWriter, SummaryHasEveryKeyInAFixedOrder) {
    const Json j = Json::parse(summary_json(hand_built()));
    std::vector<std::string> keys;
    for (const auto& item : j.items()) keys.push_back(item.key());
    EXPECT_EQ(keys, (std::vector<std::string>{
                        "scenario", "policy", "seed", "start_day", "end_day", "version",
                        "git_revision", "input_hash", "products", "kpi", "order_variance_ratio",
                        "resilience", "events_processed", "regions", "kpi_censored", "samples"}));
}

// Per region id: the figures of its RegionSummary, undefined ones as null;
// the flags of the time KPIs that can be censored, in registry order.
TEST(RunWriter, SummaryHasTheRegionsAndTheCensoredKpis) {
    RunResult r = hand_built();
    r.kpi_censored.time_to_survive_median_days = true;
    Json j = Json::parse(summary_json(r));
    EXPECT_EQ(j["regions"].dump(),
              R"({"region-1":{"fill_rate":0.75,"essential_fill_rate":0.5,"days_short":2,)"
              R"("person_days_short":125.0,"time_to_survive_days":3.5,)"
              R"("time_to_survive_censored":false}})");
    EXPECT_EQ(j["kpi_censored"].dump(),
              R"({"time_to_survive_min_days":false,"time_to_survive_median_days":true,)"
              R"("time_to_recover_median_days":false,"time_to_recover_max_days":false})");
    r.regions[0].essential_fill_rate = std::numeric_limits<double>::quiet_NaN();
    j = Json::parse(summary_json(r));
    EXPECT_TRUE(j["regions"]["region-1"]["essential_fill_rate"].is_null());
}

// regions.csv: the rows at regions only, with the product's category and the
// days the day's end stock lasts at its demand rate (0.1 / (4 / 1) = 0.025);
// blank without demand; over a day simulated in part (half a day: rate
// 4 / 0.5 = 8/day) the cover is 0.1 / 8 = 0.0125.
TEST(RunWriter, RegionsCsvHasTheRegionRowsWithTheirCover) {
    RunResult r = hand_built();
    r.timeseries.push_back(DayRow{.day = 1, .node = 1, .product = 1, .stock = 5.0});
    r.timeseries.push_back(
        DayRow{.day = 2, .node = 1, .product = 0, .stock = 0.1, .demand = 4.0, .days = 0.5});
    std::ostringstream out;
    write_regions_csv(r, out);
    EXPECT_EQ(out.str(),
              "day,region,product,category,demand,delivered,unmet,stock,days_of_cover\n"
              "0,region-1,water,intermediate,4,3,1,0.1,0.025\n"
              "1,region-1,food,essential,0,0,0,5,\n"
              "2,region-1,water,intermediate,4,0,0,0.1,0.0125\n");
}

// With prices, the value lost follows the bullwhip ratio: in all, and by
// tag written KEY:VALUE (by_tag.KEY.VALUE).
TEST(RunWriter, PricedSummaryHasTheValueLostInAllAndByTag) {
    RunResult r = hand_built();
    r.priced = true;
    r.kpi.lost_output_value = 12.5;
    r.kpi.unmet_value = 3.0;
    TagValue north;
    north.key = "region";
    north.value = "north";
    north.production_loss = 12.5;
    north.unmet_final_demand = 1.0;
    TagValue food = north;
    food.key = "sector";
    food.value = "food";
    food.unmet_final_demand = 0.0;
    r.by_tag = {north, food};
    const Json j = Json::parse(summary_json(r));
    std::vector<std::string> keys;
    for (const auto& item : j.items()) keys.push_back(item.key());
    EXPECT_EQ(keys, (std::vector<std::string>{
                        "scenario", "policy", "seed", "start_day", "end_day", "version",
                        "git_revision", "input_hash", "products", "kpi", "order_variance_ratio",
                        "production_loss", "unmet_final_demand", "by_tag", "resilience",
                        "events_processed", "regions", "kpi_censored", "samples"}));
    EXPECT_EQ(j["production_loss"], 12.5);
    EXPECT_EQ(j["unmet_final_demand"], 3.0);
    EXPECT_EQ(j["by_tag"]["region"]["north"]["production_loss"], 12.5);
    EXPECT_EQ(j["by_tag"]["region"]["north"]["unmet_final_demand"], 1.0);
    EXPECT_EQ(j["by_tag"]["sector"]["food"]["unmet_final_demand"], 0.0);
}

TEST(RunWriter, SummaryValuesComeFromTheResult) {
    const Json j = Json::parse(summary_json(hand_built()));
    EXPECT_EQ(j["scenario"], "hand-built");
    EXPECT_EQ(j["policy"], "ministry");
    EXPECT_EQ(j["seed"], 42);
    EXPECT_EQ(j["start_day"], -2.0);
    EXPECT_EQ(j["end_day"], 3.5);
    EXPECT_EQ(j["version"], std::string(version()));
    EXPECT_EQ(j["git_revision"], std::string(git_revision()));
    EXPECT_EQ(j["input_hash"], "0000000000000abc");
    EXPECT_EQ(j["events_processed"], 123);
    EXPECT_EQ(j["products"].begin().key(), "water");  // product_ids order, not sorted
    EXPECT_EQ(j["products"]["water"],
              (Json{{"produced", 0.0}, {"demanded", 4.0}, {"delivered", 3.0}, {"unmet", 1.0}}));
    EXPECT_EQ(j["products"]["food"]["produced"], 10.0);
}

TEST(RunWriter, SummaryKpisAreKpisListInOrder) {
    const RunResult r = hand_built();
    const Json j = Json::parse(summary_json(r));
    const auto list = r.kpi.list();
    ASSERT_EQ(j["kpi"].size(), list.size());
    auto it = j["kpi"].items().begin();
    for (const auto& [name, value] : list) {
        EXPECT_EQ(it.key(), name);
        EXPECT_EQ(it.value(), value);
        ++it;
    }
    for (const char* required :
         {"fill_rate", "essential_fill_rate", "unmet_units", "min_active_firm_share",
          "min_operational_park_share", "holding_cost"}) {
        EXPECT_TRUE(j["kpi"].contains(required)) << required;
    }
    EXPECT_EQ(j["kpi"]["fill_rate"], 0.75);
}

TEST(RunWriter, SummaryHasTheOrderVarianceRatioOfEachStage) {
    RunResult r = hand_built();
    r.order_variance_ratio.depot = 1.5;
    r.order_variance_ratio.source = 1.0;
    const Json j = Json::parse(summary_json(r));
    // Stages in a fixed order; an undefined ratio (NaN) is null.
    EXPECT_EQ(j["order_variance_ratio"].dump(),
              R"({"region":null,"depot":1.5,"producer":null,"source":1.0})");
}

TEST(RunWriter, NonFiniteValuesBecomeJsonNull) {
    RunResult r = hand_built();
    r.kpi.fill_rate = std::numeric_limits<double>::quiet_NaN();
    r.kpi.holding_cost = std::numeric_limits<double>::infinity();
    r.products[1].unmet = -std::numeric_limits<double>::infinity();
    const std::string text = summary_json(r);
    const Json j = Json::parse(text);  // throws on NaN/Infinity tokens
    EXPECT_TRUE(j["kpi"]["fill_rate"].is_null());
    EXPECT_TRUE(j["kpi"]["holding_cost"].is_null());
    EXPECT_TRUE(j["products"]["food"]["unmet"].is_null());
}

TEST(RunWriter, SummaryIsIndentedTwoSpacesAndEndsWithANewline) {
    const std::string text = summary_json(hand_built());
    EXPECT_EQ(text.substr(0, 28), "{\n  \"scenario\": \"hand-built\"");
    EXPECT_EQ(text.back(), '\n');
}

TEST(RunWriter, WritesExactlyItsFourFiles) {
    TempDir tmp;
    write_run(hand_built(), tmp.path() / "out");
    EXPECT_EQ(
        TempDir::list(tmp.path() / "out"),
        (std::vector<std::string>{"firms.csv", "regions.csv", "summary.json", "timeseries.csv"}));
    EXPECT_EQ(TempDir::read(tmp.path() / "out" / "summary.json"), summary_json(hand_built()));
}

TEST(RunWriter, RepeatedWritesAreByteIdentical) {
    TempDir tmp;
    write_run(hand_built(), tmp.path() / "a");
    write_run(hand_built(), tmp.path() / "b");
    for (const char* file : {"timeseries.csv", "regions.csv", "firms.csv", "summary.json"}) {
        const std::string a = TempDir::read(tmp.path() / "a" / file);
        EXPECT_FALSE(a.empty()) << file;
        EXPECT_EQ(a, TempDir::read(tmp.path() / "b" / file)) << file;
    }
}

// The twelve-day case under the ministry policy, written twice: once from the
// recorded result, once streamed day by day while it runs. Every file must be
// the same byte for byte, and the streamed run must keep no time series.
TEST(StreamingRunWriter, WritesTheSameFilesAsWriteRun) {
    const auto dir =
        std::filesystem::path(SHOCKFLOW_SOURCE_DIR) / "scenarios" / "twelve_day_conflict";
    const ScenarioSpec scenario = load_scenario(dir / "scenario.toml");
    const PolicySpec policy = load_policy(dir / "policies" / "ministry.toml", scenario);
    TempDir tmp;
    const RunResult recorded = simulate(scenario, policy, RunOptions{});
    ASSERT_FALSE(recorded.timeseries.empty());
    write_run(recorded, tmp.path() / "recorded");

    StreamingRunWriter writer(tmp.path() / "streamed", run_layout(scenario));
    RunOptions options;
    std::size_t rows = 0;
    options.on_day_row = [&](const DayRow& row) {
        ++rows;
        writer.add(row);
    };
    const RunResult streamed = simulate(scenario, policy, options);
    EXPECT_TRUE(streamed.timeseries.empty());
    EXPECT_EQ(rows, recorded.timeseries.size());
    writer.finish(streamed);
    for (const char* file : {"timeseries.csv", "regions.csv", "firms.csv", "summary.json"}) {
        const std::string want = TempDir::read(tmp.path() / "recorded" / file);
        EXPECT_FALSE(want.empty()) << file;
        EXPECT_EQ(TempDir::read(tmp.path() / "streamed" / file), want) << file;
    }
    EXPECT_EQ(
        TempDir::list(tmp.path() / "streamed"),
        (std::vector<std::string>{"firms.csv", "regions.csv", "summary.json", "timeseries.csv"}));
}

// A writer dropped before finish() (a run that failed) leaves no file behind.
TEST(StreamingRunWriter, UnfinishedWriterLeavesNothing) {
    TempDir tmp;
    {
        StreamingRunWriter writer(tmp.path() / "out", run_layout(hand_built()));
        writer.add(hand_built().timeseries.front());
    }
    EXPECT_TRUE(TempDir::list(tmp.path() / "out").empty());
    EXPECT_TRUE(TempDir::state(tmp.path() / "out", "stage-").empty());
}

TEST(KpiTable, ListsEveryKpiAndProduct) {
    const RunResult r = hand_built();
    const std::string table = format_kpi_table(r);
    for (const auto& [name, value] : r.kpi.list()) {
        EXPECT_NE(table.find(std::string(name)), std::string::npos) << name;
    }
    EXPECT_NE(table.find("0.750"), std::string::npos) << table;
    EXPECT_NE(table.find("water"), std::string::npos);
    EXPECT_NE(table.find("food"), std::string::npos);
    EXPECT_NE(table.find("ministry"), std::string::npos);
    EXPECT_EQ(table.back(), '\n');
}

// Under the KPIs, the regions that went short, worst essential fill first
// (at most five); a region that never went short is not listed, and a time
// to survive censored at the run's end is shown as a lower bound.
TEST(KpiTable, ListsTheWorstRegions) {
    RunResult r = hand_built();
    r.node_ids = {"a", "b", "c", "d", "e", "f", "g", "h"};
    r.regions.clear();
    const double fills[] = {0.9, 0.5, 1.0, 0.7, 0.8, 0.95, 0.6, 0.99};
    for (std::uint32_t i = 0; i < 8; ++i)
        r.regions.push_back(RegionSummary{.node = i,
                                          .essential_fill_rate = fills[i],
                                          .days_short = fills[i] < 1.0 ? 1 : 0,
                                          .person_days_short = fills[i] < 1.0 ? 10.0 : 0.0,
                                          .time_to_survive_days = 12.0,
                                          .time_to_survive_censored = i == 1});
    const std::string table = format_kpi_table(r);
    const auto at = table.find("worst regions (7 of 8");
    ASSERT_NE(at, std::string::npos) << table;
    const std::string part = table.substr(at);
    EXPECT_LT(part.find("\nb "), part.find("\ng "));
    EXPECT_LT(part.find("\ng "), part.find("\nd "));
    EXPECT_LT(part.find("\nd "), part.find("\ne "));
    EXPECT_LT(part.find("\ne "), part.find("\na "));
    EXPECT_EQ(part.find("\nf "), std::string::npos);  // sixth worst
    EXPECT_EQ(part.find("\nc "), std::string::npos);  // never short
    EXPECT_NE(part.find(">= 12.00"), std::string::npos) << part;

    for (RegionSummary& s : r.regions) s.days_short = 0, s.person_days_short = 0.0;
    EXPECT_NE(format_kpi_table(r).find("regions: none went short of essential goods"),
              std::string::npos);
}

}  // namespace
}  // namespace shockflow::io
