#include "shockflow/io/report.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>

#include "io/report_page.hpp"
#include "shockflow/experiment/compare.hpp"
#include "shockflow/model/simulation.hpp"
#include "shockflow/scenario/loader.hpp"
#include "unit/io/temp_dir.hpp"

namespace shockflow::io {
namespace {

using test::TempDir;
using Json = nlohmann::ordered_json;

NodeSpec node(const std::string& id, NodeKind kind, std::vector<std::string> tags) {
    NodeSpec n;
    n.id = id;
    n.kind = kind;
    n.tags = std::move(tags);
    return n;
}

EventSpec event(EventKind kind, const std::string& target_or_link) {
    EventSpec e;
    e.kind = kind;
    (kind == EventKind::LinkCut ? e.link : e.target) = target_or_link;
    return e;
}

// Two provinces; strikes by id, by tag and drawn (`any:`), one cut road.
ScenarioSpec scenario() {
    ScenarioSpec s;
    s.name = "two provinces";
    s.disruption_window = {0.0, 3.0};
    ProductSpec food{.id = "food", .category = ProductCategory::Essential, .unit = "t", .loc = {}};
    ProductSpec grain{
        .id = "grain", .category = ProductCategory::Intermediate, .unit = "t", .loc = {}};
    s.products = {food, grain};
    s.nodes = {node("p1", NodeKind::Park, {"province:a", "hit"}),
               node("p2", NodeKind::Park, {"province:b", "spare"}), node("d1", NodeKind::Depot, {}),
               node("r1", NodeKind::Region, {"province:a"}),
               node("r2", NodeKind::Region, {"province:b"})};
    for (const auto& [from, to] :
         {std::pair{"p1", "d1"}, {"p2", "d1"}, {"d1", "r1"}, {"d1", "r2"}}) {
        LinkSpec l;
        l.from = from;
        l.to = to;
        s.links.push_back(l);
    }
    s.events = {event(EventKind::Strike, "tag:hit"), event(EventKind::Strike, "any:spare"),
                event(EventKind::LinkCut, "d1->r2"), event(EventKind::LaborShock, "p2")};
    return s;
}

// Day 0: r1 gets 5 of 10 food, r2 gets 10 of 10 -> essential fill 15 / 20 = 0.75.
// Day -1 is full (10 of 10); grain never counts.
RunResult run() {
    RunResult r;
    r.scenario = "two provinces";
    r.policy = "none";
    r.seed = 7;
    r.start_day = -1.0;
    r.end_day = 1.0;
    r.node_ids = {"p1", "p2", "d1", "r1", "r2"};
    r.product_ids = {"food", "grain"};
    r.timeseries = {
        DayRow{.day = -1, .node = 0, .product = 0, .produced = 20.0},
        DayRow{.day = -1, .node = 3, .product = 0, .stock = 4.0, .demand = 10.0, .delivered = 10.0},
        DayRow{.day = 0, .node = 0, .product = 0, .produced = 10.0},
        DayRow{.day = 0, .node = 3, .product = 0, .stock = 0.0, .demand = 10.0, .delivered = 5.0},
        DayRow{.day = 0, .node = 3, .product = 1, .demand = 100.0, .delivered = 0.0},
        DayRow{.day = 0, .node = 4, .product = 0, .stock = 20.0, .demand = 10.0, .delivered = 10.0},
    };
    // The engine's daily essential totals for the rows above (food is essential):
    // day -1: 10 of 10; day 0: 15 of 20 (r1 5 of 10, r2 10 of 10).
    r.essential_by_day = {DailyEssential{-1, 10.0, 10.0}, DailyEssential{0, 20.0, 15.0}};
    r.products.resize(r.product_ids.size());  // summary.json lists every product
    r.firms = {FirmRow{.day = -1, .node = 0, .firms = 10, .firms_active = 10},
               FirmRow{.day = 0, .node = 0, .firms = 10, .firms_active = 7}};
    r.resilience = {Resilience{.node = 3,
                               .product = 0,
                               .time_to_survive_days = 0.5,
                               .time_to_recover_days = std::nan(""),
                               .censored = false},
                    Resilience{.node = 0,
                               .product = 0,
                               .time_to_survive_days = std::nan(""),
                               .time_to_recover_days = 1.0,
                               .censored = true}};
    return r;
}

ReportAssets fake_assets() {
    return {{"var vega = 1; // </script> inside\n//# sourceMappingURL=vega.min.js.map\n",
             "var vegaLite = 2;", "var vegaEmbed = 3;"}};
}

// The chart specs embedded in a report, by chart id.
std::map<std::string, Json> embedded_charts(const std::string& html) {
    const std::string open = "<script type=\"application/json\" id=\"shockflow-charts\">";
    const auto from = html.find(open);
    EXPECT_NE(from, std::string::npos);
    const auto start = from + open.size();
    const auto end = html.find("</script>", start);
    std::map<std::string, Json> charts;
    for (const auto& c : Json::parse(html.substr(start, end - start)))
        charts[c["id"].get<std::string>()] = c["spec"];
    return charts;
}

std::size_t count(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
    return n;
}

TEST(ReportContext, ResolvesStrikeTargetsAndCutLinks) {
    const ReportContext c = make_report_context(scenario(), nullptr);
    EXPECT_EQ(c.struck, (std::vector<std::string>{"p1"}));
    EXPECT_EQ(c.may_be_struck, (std::vector<std::string>{"p2"}));
    EXPECT_EQ(c.cut_links, (std::vector<std::string>{"d1->r2"}));
    EXPECT_EQ(c.essential_products, (std::vector<std::string>{"food"}));
    EXPECT_EQ(c.nodes.size(), 5U);
    EXPECT_EQ(c.links.size(), 4U);
    EXPECT_DOUBLE_EQ(c.quiet_until, 0.0);
}

TEST(ReportContext, PrestockingEndsTheQuietPeriodEarlier) {
    PolicySpec policy;
    policy.prestock = PrestockSpec{};
    policy.prestock->from_day = -6.0;
    EXPECT_DOUBLE_EQ(make_report_context(scenario(), &policy).quiet_until, -6.0);
}

TEST(RunReport, HasOneContainerPerChartAndEmbedsTheirData) {
    const std::string html =
        run_report_html(run(), make_report_context(scenario(), nullptr), fake_assets());
    const auto charts = embedded_charts(html);
    for (const char* id : {"fill", "firms", "stock", "production", "regions", "stock-products",
                           "resilience", "network"}) {
        EXPECT_EQ(count(html, std::string("id=\"chart-") + id + "\""), 1U) << id;
        EXPECT_TRUE(charts.contains(id)) << id;
    }
    EXPECT_EQ(count(html, "<div class=\"chart\""), charts.size());
    EXPECT_NE(html.find("<table>"), std::string::npos);  // the KPI table
    EXPECT_NE(html.find("essential_fill_rate"), std::string::npos);
}

// Production loss by region and sector: a bar per group, largest first; no
// card without prices or without such tags.
TEST(RunReport, ShowsProductionLossByRegionAndSector) {
    RunResult r = run();
    const ReportContext c = make_report_context(scenario(), nullptr);
    EXPECT_FALSE(embedded_charts(run_report_html(r, c, fake_assets())).contains("loss"));
    r.priced = true;
    auto group = [](std::string key, std::string value, double loss) {
        TagValue g;
        g.key = std::move(key);
        g.value = std::move(value);
        g.production_loss = loss;
        return g;
    };
    r.by_tag = {group("province", "x", 9), group("region", "east", 2), group("region", "west", 7),
                group("sector", "food", 4)};
    const auto charts = embedded_charts(run_report_html(r, c, fake_assets()));
    ASSERT_TRUE(charts.contains("loss"));
    const Json& panels = charts.at("loss")["hconcat"];
    ASSERT_EQ(panels.size(), 2U);
    const Json& regions = panels[0]["data"]["values"];
    ASSERT_EQ(regions.size(), 2U);
    EXPECT_EQ(regions[0]["group"], "west");
    EXPECT_EQ(regions[1]["group"], "east");
    EXPECT_EQ(panels[1]["data"]["values"][0]["group"], "food");
}

TEST(RunReport, FillRateIsDeliveredOverDemandedOfEssentialProducts) {
    const auto charts = embedded_charts(
        run_report_html(run(), make_report_context(scenario(), nullptr), fake_assets()));
    const Json& values = charts.at("fill")["layer"].back()["data"]["values"];
    ASSERT_EQ(values.size(), 2U);
    EXPECT_EQ(values[0]["day"], -1);
    EXPECT_DOUBLE_EQ(values[0]["fill"].get<double>(), 1.0);
    EXPECT_DOUBLE_EQ(values[1]["fill"].get<double>(), 0.75);
    EXPECT_DOUBLE_EQ(values[1]["t"].get<double>(), 0.5);  // drawn at mid-day
}

// Per region: its essential fill per day, panels worst region first (r2's
// essential fill 0.5 in the window below r1's 0.9), the days short marked
// (r1, day 0: 5 of 10 unmet) and counted in the panel's title.
TEST(RunReport, RegionPanelsShowEachRegionsFillWorstFirst) {
    RunResult r = run();
    r.timeseries[3].unmet = 5.0;  // r1, day 0: 5 of 10 delivered
    r.regions = {RegionSummary{.node = 3, .essential_fill_rate = 0.9, .days_short = 1},
                 RegionSummary{.node = 4, .essential_fill_rate = 0.5, .days_short = 0}};
    const auto charts = embedded_charts(
        run_report_html(r, make_report_context(scenario(), nullptr), fake_assets()));
    const Json& spec = charts.at("regions");
    // The window [0, 3) overlaps days 0 of the run's days -1 and 0.
    EXPECT_EQ(spec["facet"]["sort"],
              Json::array({"r2 · short 0 of 1 days", "r1 · short 1 of 1 days"}));
    const Json& values = spec["data"]["values"];
    ASSERT_EQ(values.size(), 3u);  // r1 days -1 and 0, r2 day 0
    EXPECT_EQ(values[1]["region"], "r1 · short 1 of 1 days");
    EXPECT_EQ(values[1]["day"], 0);
    EXPECT_DOUBLE_EQ(values[1]["fill"].get<double>(), 0.5);
    EXPECT_EQ(values[1]["short"], true);
    EXPECT_EQ(values[0]["short"], false);
    EXPECT_EQ(values[2]["short"], false);
}

// Per essential product, region and day: days of cover (stock ÷ the day's
// demand rate) and whether demand went unmet; grain is not essential and a
// row without demand has no cover. r2, day 0: 20 on hand, 10 a day -> 2 days.
TEST(RunReport, ProductStockShowsEachEssentialProductApart) {
    RunResult r = run();
    r.timeseries[3].unmet = 5.0;
    const auto charts = embedded_charts(
        run_report_html(r, make_report_context(scenario(), nullptr), fake_assets()));
    const Json& values = charts.at("stock-products")["data"]["values"];
    ASSERT_EQ(values.size(), 3u);
    for (const Json& v : values) EXPECT_EQ(v["product"], "food");
    EXPECT_DOUBLE_EQ(values[0]["cover"].get<double>(), 0.4);  // r1, day -1: 4 / 10
    EXPECT_EQ(values[1]["short"], true);                      // r1, day 0
    EXPECT_EQ(values[2]["region"], "r2");
    EXPECT_DOUBLE_EQ(values[2]["cover"].get<double>(), 2.0);
}

TEST(RunReport, NetworkMarksStruckNodesAndCutLinks) {
    const auto charts = embedded_charts(
        run_report_html(run(), make_report_context(scenario(), nullptr), fake_assets()));
    const Json& layers = charts.at("network")["layer"];
    std::map<std::string, std::string> status;
    for (const auto& n : layers[3]["data"]["values"]) status[n["id"]] = n["status"];
    EXPECT_EQ(status["p1"], "struck");
    EXPECT_EQ(status["p2"], "candidate, not drawn in this run");
    EXPECT_EQ(status["r1"], "");
    ASSERT_EQ(layers[1]["data"]["values"].size(), 1U);
    EXPECT_EQ(layers[1]["data"]["values"][0]["link"], "d1->r2");
    EXPECT_EQ(layers[0]["data"]["values"].size(), 3U);  // the links not cut
}

// An `any:` target drawn in the run is marked struck, not as a candidate.
TEST(RunReport, NetworkMarksTheNodesDrawnInThisRun) {
    RunResult r = run();
    const auto p2 = std::find(r.node_ids.begin(), r.node_ids.end(), "p2") - r.node_ids.begin();
    r.struck_nodes = {static_cast<std::uint32_t>(p2)};
    const auto charts = embedded_charts(
        run_report_html(r, make_report_context(scenario(), nullptr), fake_assets()));
    std::map<std::string, std::string> status;
    for (const auto& n : charts.at("network")["layer"][3]["data"]["values"])
        status[n["id"]] = n["status"];
    EXPECT_EQ(status["p2"], "struck");
    EXPECT_EQ(status["p1"], "struck");  // a fixed target is struck in every run
}

TEST(RunReport, InlinesTheLibraryWithoutEndingItsScriptEarly) {
    const std::string html =
        run_report_html(run(), make_report_context(scenario(), nullptr), fake_assets());
    EXPECT_NE(html.find("var vega = 1; // <\\/script> inside"), std::string::npos);
    EXPECT_NE(html.find("var vegaLite = 2;"), std::string::npos);
    EXPECT_NE(html.find("var vegaEmbed = 3;"), std::string::npos);
    EXPECT_EQ(html.find("sourceMappingURL"), std::string::npos);
    EXPECT_EQ(html.find("src=\"http"), std::string::npos);
}

TEST(RunReport, TextFromTheScenarioIsEscaped) {
    RunResult r = run();
    r.scenario = "a </script><b>&";
    const std::string html =
        run_report_html(r, make_report_context(scenario(), nullptr), fake_assets());
    EXPECT_EQ(html.find("<b>"), std::string::npos);
    EXPECT_NE(html.find("a &lt;/script&gt;&lt;b&gt;&amp;"), std::string::npos);
}

// The twelve-day case under the ministry policy: a report built from only the
// rows ReportRowFilter keeps (what `run --out --report` holds in memory) is the
// same page as one built from the whole time series; and the filter drops most
// rows, or keeping them would save nothing.
TEST(ReportRowFilter, KeptRowsGiveTheSameReport) {
    const auto dir =
        std::filesystem::path(SHOCKFLOW_SOURCE_DIR) / "scenarios" / "twelve_day_conflict";
    const ScenarioSpec s = load_scenario(dir / "scenario.toml");
    const PolicySpec policy = load_policy(dir / "policies" / "ministry.toml", s);
    const RunResult full = simulate(s, policy, RunOptions{});
    const ReportContext c = make_report_context(s, &policy);
    const ReportRowFilter keep(c, full.node_ids, full.product_ids);
    RunResult kept = full;
    kept.timeseries.clear();
    for (const DayRow& row : full.timeseries)
        if (keep(row)) kept.timeseries.push_back(row);
    EXPECT_LT(kept.timeseries.size() * 2, full.timeseries.size());
    EXPECT_FALSE(kept.timeseries.empty());
    EXPECT_EQ(run_report_html(kept, c, fake_assets()), run_report_html(full, c, fake_assets()));
}

TEST(ReportAssets, MissingLibraryGivesANoticeAndNoAssets) {
    TempDir tmp;
    const AssetSearch search = load_report_assets({tmp.path() / "nowhere", tmp.path()});
    EXPECT_FALSE(search.assets.has_value());
    for (const std::string needle : {"no report.html", "vega.min.js", "vega-lite.min.js",
                                     "vega-embed.min.js", "npm ci --prefix report"})
        EXPECT_NE(search.notice.find(needle), std::string::npos) << needle;
    EXPECT_NE(search.notice.find((tmp.path() / "nowhere").string()), std::string::npos);
    EXPECT_EQ(search.notice.find('\n'), std::string::npos);
}

TEST(ReportAssets, LoadsTheFirstFolderHoldingAllThree) {
    TempDir tmp;
    std::filesystem::create_directories(tmp.path() / "partial");
    std::filesystem::create_directories(tmp.path() / "full");
    std::ofstream(tmp.path() / "partial" / "vega.min.js") << "partial";
    for (const auto name : kReportAssetFiles)
        std::ofstream(tmp.path() / "full" / std::string(name)) << "full " << name;
    const AssetSearch search = load_report_assets({tmp.path() / "partial", tmp.path() / "full"});
    ASSERT_TRUE(search.assets.has_value());
    EXPECT_EQ(search.assets->scripts[0], "full vega.min.js");
    EXPECT_EQ(search.assets->scripts[2], "full vega-embed.min.js");
    EXPECT_TRUE(search.notice.empty());
}

TEST(ReportAssets, TheEnvironmentVariableIsTheOnlyFolderSearched) {
    ::setenv("SHOCKFLOW_REPORT_ASSETS", "/some/where", 1);
    const auto dirs = report_asset_dirs();
    ::unsetenv("SHOCKFLOW_REPORT_ASSETS");
    EXPECT_EQ(dirs, (std::vector<std::filesystem::path>{"/some/where"}));
    const auto defaults = report_asset_dirs();
    ASSERT_FALSE(defaults.empty());
    EXPECT_EQ(defaults.front().filename(), "report");
}

TEST(WriteRunWithReport, WithoutTheLibraryWritesTheOtherFilesAndNoReport) {
    TempDir tmp;
    const AssetSearch missing{std::nullopt, "the notice"};
    const std::string notice =
        write_run_with_report(run(), make_report_context(scenario(), nullptr), missing, tmp.path());
    EXPECT_EQ(notice, "the notice");
    EXPECT_EQ(
        TempDir::list(tmp.path()),
        (std::vector<std::string>{"firms.csv", "regions.csv", "summary.json", "timeseries.csv"}));
}

TEST(WriteRunWithReport, WritesTheReportBesideTheOtherFiles) {
    TempDir tmp;
    const AssetSearch found{fake_assets(), ""};
    EXPECT_EQ(
        write_run_with_report(run(), make_report_context(scenario(), nullptr), found, tmp.path()),
        "");
    EXPECT_EQ(TempDir::list(tmp.path()),
              (std::vector<std::string>{"firms.csv", "regions.csv", "report.html", "summary.json",
                                        "timeseries.csv"}));
    EXPECT_NE(TempDir::read(tmp.path() / "report.html").find("id=\"chart-network\""),
              std::string::npos);
}

// One source feeding one town with food, struck on a day drawn per
// replication, so that replications differ (as in the compare tests).
ScenarioSpec tiny() {
    ScenarioSpec s = scenario();
    s.start_day = -2.0;
    s.end_day = 6.0;
    NodeSpec src = node("src", NodeKind::Source, {});
    src.capacity = {ProductQty{"food", 100.0, {}}};
    NodeSpec town = node("town", NodeKind::Region, {});
    town.population = 1000.0;
    town.demand = {ProductQty{"food", 80.0, {}}};
    town.stock = {ProductQty{"food", 100.0, {}}};
    s.nodes = {src, town};
    s.links = {LinkSpec{"src", "town", 200.0, 8.0, {}, {}, {}}};
    EventSpec strike = event(EventKind::Strike, "src");
    strike.day.kind = Distribution::Kind::Uniform;
    strike.day.p = {0.0, 3.0, 0.0};
    strike.repair_days = Distribution::fixed(2.0);
    s.events = {strike};
    return s;
}

experiment::Comparison compare_tiny(bool daily_fill) {
    PolicySpec a, b;
    a.name = "a";
    b.name = "b";
    b.stock_target_days = {KeyedValue{"food", 4.0, {}}};
    experiment::CompareOptions options;
    options.replications = 3;
    options.threads = 1;
    options.daily_fill = daily_fill;
    return experiment::compare(tiny(), {a, b}, options);
}

TEST(CompareDailyFill, RecordsADayPerReplicationAndLeavesTheKpisAlone) {
    const auto with = compare_tiny(true);
    const auto without = compare_tiny(false);
    EXPECT_TRUE(without.daily_essential_fill.empty());
    ASSERT_EQ(with.daily_essential_fill.size(), 2U);
    ASSERT_EQ(with.daily_essential_fill[1].size(), 3U);
    EXPECT_EQ(with.daily_essential_fill[1][2].size(), 8U);  // days -2 .. 5
    EXPECT_EQ(with.first_day, -2);
    for (std::size_t p = 0; p < 2; ++p)
        EXPECT_EQ(with.policies[p].samples, without.policies[p].samples);
    for (const auto& policy : with.daily_essential_fill)
        for (const auto& days : policy)
            for (const double fill : days) EXPECT_TRUE(fill >= 0.0 && fill <= 1.0 + 1e-12);
}

TEST(ComparisonReport, HasTheChartsTheRankingAndTheBands) {
    const auto c = compare_tiny(true);
    const std::string html =
        comparison_report_html(c, make_report_context(tiny(), nullptr), fake_assets());
    const auto charts = embedded_charts(html);
    for (const char* id : {"bands", "distributions", "differences"}) {
        EXPECT_EQ(count(html, std::string("id=\"chart-") + id + "\""), 1U) << id;
        EXPECT_TRUE(charts.contains(id)) << id;
    }
    EXPECT_NE(html.find("id=\"card-ranking\""), std::string::npos);
    EXPECT_NE(html.find("mean rank"), std::string::npos);
    const Json& bands = charts.at("bands")["layer"].back()["data"]["values"];
    ASSERT_EQ(bands.size(), 16U);  // 2 policies x 8 days
    for (const auto& v : bands) {
        EXPECT_LE(v["p5"].get<double>(), v["p50"].get<double>());
        EXPECT_LE(v["p50"].get<double>(), v["p95"].get<double>());
    }
    // Every sample of every KPI is in the box plots' data: one panel per KPI.
    const Json& panels = charts.at("distributions")["concat"];
    ASSERT_EQ(panels.size(), c.kpi_names.size());
    for (const Json& panel : panels) EXPECT_EQ(panel["data"]["values"].size(), 2u * 3u);
    EXPECT_EQ(charts.at("differences")["concat"].size(), c.kpi_names.size());
    EXPECT_TRUE(charts.contains("cost-benefit"));
}

// Each KPI's panel has its own x scale, padded so that no box sits on its
// edge: [lo - 6 % of the range, hi + 6 %], or 5 % of a single value around
// it, or [-1, 1] around 0; its axis is titled with the KPI's unit, and a
// censored replication is flagged (drawn as ▶) and counted in the title.
TEST(ComparisonReport, BoxPlotScalesShowTheDataWithUnits) {
    experiment::Comparison c;
    c.scenario = "hand";
    c.replications = 2;
    c.kpi_names = {"fill_rate", "holding_cost", "min_operational_park_share",
                   "time_to_survive_min_days"};
    for (const auto& [name, fill, survive, censored] :
         {std::tuple{"a", 0.5, 4.0, 0}, {"b", 1.0, 10.0, 1}}) {
        experiment::PolicyResult p;
        p.name = name;
        p.samples = {{fill, 0.0, 1.0, survive}, {fill, 0.0, 1.0, survive}};
        p.censored = {{0, 0, 0, static_cast<std::uint8_t>(censored)}, {0, 0, 0, 0}};
        c.policies.push_back(p);
    }
    experiment::summarise(c);
    const auto charts = embedded_charts(
        comparison_report_html(c, make_report_context(tiny(), nullptr), fake_assets()));
    const Json& panels = charts.at("distributions")["concat"];
    ASSERT_EQ(panels.size(), 4u);
    auto domain = [&](std::size_t j) {
        return panels[j]["layer"][0]["encoding"]["x"]["scale"]["domain"];
    };
    EXPECT_NEAR(domain(0)[0].get<double>(), 0.47, 1e-12);
    EXPECT_NEAR(domain(0)[1].get<double>(), 1.03, 1e-12);
    EXPECT_EQ(domain(1), Json::array({-1.0, 1.0}));
    EXPECT_NEAR(domain(2)[0].get<double>(), 0.95, 1e-12);
    EXPECT_NEAR(domain(2)[1].get<double>(), 1.05, 1e-12);
    EXPECT_EQ(panels[0]["layer"][0]["encoding"]["x"]["title"], "share");
    EXPECT_EQ(panels[3]["layer"][0]["encoding"]["x"]["title"], "days");
    EXPECT_EQ(panels[3]["title"]["subtitle"], "censored (▶, ≥): b 1/2");
    EXPECT_FALSE(panels[0]["title"].contains("subtitle"));
    EXPECT_EQ(panels[3]["data"]["values"][2]["censored"], true);
    EXPECT_EQ(panels[3]["data"]["values"][3]["censored"], false);
    // The differences' axes say what they are, in the KPI's unit.
    const Json& diffs = charts.at("differences")["concat"];
    EXPECT_EQ(diffs[3]["layer"][2]["encoding"]["x"]["title"], "policy − baseline, days");
}

// The cost-benefit chart: the baseline at (0, 0), each other policy at
// (person-days avoided, extra holding cost) with intervals; person-days
// avoided are the negated paired difference of person_days_short.
TEST(ComparisonReport, CostBenefitChartPlacesEachPolicy) {
    experiment::Comparison c;
    c.scenario = "hand";
    c.replications = 3;
    c.kpi_names = {"holding_cost", "person_days_short"};
    experiment::PolicyResult a, b;
    a.name = "a";
    b.name = "b";
    a.vs_baseline.resize(2);
    b.vs_baseline = {experiment::KpiDiff{}, experiment::KpiDiff{-500, -700, -300, 1.0}};
    b.extra_holding_cost = {20, 10, 30};
    b.cost_per_person_day_avoided = {0.04, 0.03, 0.05};
    c.policies = {a, b};
    const auto card = report::cost_benefit_card(c);
    ASSERT_TRUE(card.has_value());
    const Json& values = (*card->spec)["data"]["values"];
    ASSERT_EQ(values.size(), 2u);
    EXPECT_EQ(values[0]["policy"], "a");
    EXPECT_EQ(values[0]["label"], "a (baseline)");
    EXPECT_EQ(values[0]["avoided"], 0.0);
    EXPECT_EQ(values[1]["avoided"], 500.0);
    EXPECT_EQ(values[1]["avoided_lo"], 300.0);
    EXPECT_EQ(values[1]["avoided_hi"], 700.0);
    EXPECT_EQ(values[1]["extra"], 20.0);
    EXPECT_EQ(values[1]["extra_hi"], 30.0);
    EXPECT_EQ(values[1]["per_day"], 0.04);
    c.kpi_names = {"fill_rate", "person_days_short"};
    EXPECT_FALSE(report::cost_benefit_card(c).has_value());
}

// One row per policy after the baseline: its extra holding cost and what it
// cost per person-day short avoided, each with its interval, or n/a.
TEST(ComparisonReport, ShowsTheCostOfStockAgainstShortageAvoided) {
    experiment::Comparison c = compare_tiny(false);
    c.policies[1].extra_holding_cost = {14.3, 12.5, 16.1};
    c.policies[1].cost_per_person_day_avoided = {0.1144, 0.1, 0.125};
    const auto cards = report::comparison_cards(c, make_report_context(tiny(), nullptr));
    const auto cost = std::find_if(cards.begin(), cards.end(),
                                   [](const report::Card& card) { return card.id == "cost"; });
    ASSERT_NE(cost, cards.end());
    EXPECT_NE(cost->html.find("<tr><td>b</td><td>14.30 [12.50, 16.10]</td><td>0.114 [0.100, "
                              "0.125]</td></tr>"),
              std::string::npos)
        << cost->html;
    c.policies[1].cost_per_person_day_avoided = {};
    const auto again = report::comparison_cards(c, make_report_context(tiny(), nullptr));
    EXPECT_NE(again.back().html.find("<td>n/a</td>"), std::string::npos) << again.back().html;
    const std::string html =
        comparison_report_html(c, make_report_context(tiny(), nullptr), fake_assets());
    EXPECT_NE(html.find("id=\"card-cost\""), std::string::npos);
}

// fill_rate: b's mean 0.9 beats a's 0.8; unmet_units: lower is better, so a's 1 beats b's 2.
TEST(ComparisonReport, RanksEachKpiInItsBetterDirection) {
    experiment::Comparison c;
    c.scenario = "hand";
    c.kpi_names = {"fill_rate", "unmet_units"};
    for (const auto& [name, fill, unmet] : {std::tuple{"a", 0.8, 1.0}, {"b", 0.9, 2.0}}) {
        experiment::PolicyResult p;
        p.name = name;
        p.stats = {experiment::KpiStats{.mean = fill}, experiment::KpiStats{.mean = unmet}};
        p.vs_baseline.resize(2);
        p.samples = {{fill, unmet}};
        c.policies.push_back(p);
    }
    const std::string table = report::ranking_card(c).html;
    EXPECT_NE(table.find("<td>0.800 (#2)</td><td class=\"best\">0.900 (#1)</td>"),
              std::string::npos)
        << table;
    EXPECT_NE(table.find("<td class=\"best\">1.000 (#1)</td><td>2.000 (#2)</td>"),
              std::string::npos)
        << table;
}

}  // namespace
}  // namespace shockflow::io
