// The run report's network chart on a map: where every node has a position
// the chart places the nodes by it (and its data carries it); otherwise the
// layout by province is kept.

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <numbers>
#include <string>

#include "io/report_page.hpp"
#include "shockflow/io/report.hpp"

namespace shockflow::io {
namespace {

using Json = nlohmann::ordered_json;

// Two provinces: x holds a region and a park at one point, y a depot to
// the north-east; the park is struck and the road to y cut.
ReportContext placed() {
    ReportContext c;
    c.nodes = {{"r1", "region", {"province:x"}, 30.0, 50.0},
               {"p1", "park", {"province:x"}, 30.0, 50.0},
               {"d1", "depot", {"province:y"}, 36.0, 60.0}};
    c.links = {{"p1", "r1"}, {"r1", "d1"}};
    c.struck = {"p1"};
    c.cut_links = {"r1->d1"};
    return c;
}

ReportContext unplaced(ReportContext c) {
    for (auto& n : c.nodes) n.lat.reset(), n.lon.reset();
    return c;
}

const Json& layers(const report::Card& card) { return (*card.spec)["layer"]; }

// The points layer's values by node id.
std::map<std::string, Json> points(const report::Card& card) {
    std::map<std::string, Json> by_id;
    for (const auto& v : layers(card)[3]["data"]["values"]) by_id[v["id"]] = v;
    return by_id;
}

TEST(NetworkMap, NodesArePlacedByTheirPosition) {
    const report::Card card = report::network_card(RunResult{}, placed());
    auto at = points(card);
    ASSERT_EQ(at.size(), 3U);
    EXPECT_EQ(at["r1"]["lat"], 30.0);
    EXPECT_EQ(at["r1"]["lon"], 50.0);
    EXPECT_EQ(at["d1"]["lat"], 36.0);
    EXPECT_EQ(at["d1"]["lon"], 60.0);
    // East is right, north is up (pixels grow downwards).
    EXPECT_GT(at["d1"]["x"].get<double>(), at["r1"]["x"].get<double>() + 100);
    EXPECT_LT(at["d1"]["y"].get<double>(), at["r1"]["y"].get<double>() - 100);
    // One scale for both axes: 10 degrees of longitude at 33 degrees north
    // are cos(33 degrees) times as wide as 10 degrees of latitude are high...
    const double dx = at["d1"]["x"].get<double>() - at["r1"]["x"].get<double>();
    const double dy = at["r1"]["y"].get<double>() - at["d1"]["y"].get<double>();
    EXPECT_NEAR(dx / (dy / 6 * 10), std::cos(33.0 * std::numbers::pi / 180), 0.01);
    // ... and the nodes at one point are spread around it, the region at it.
    const double apart = std::hypot(at["p1"]["x"].get<double>() - at["r1"]["x"].get<double>(),
                                    at["p1"]["y"].get<double>() - at["r1"]["y"].get<double>());
    EXPECT_GT(apart, 3.0);
    EXPECT_LT(apart, 20.0);
    // Struck nodes and cut links are marked as on the province layout, and
    // the links end at their nodes.
    EXPECT_EQ(at["p1"]["status"], "struck");
    const Json& cut = layers(card)[1]["data"]["values"];
    ASSERT_EQ(cut.size(), 1U);
    EXPECT_EQ(cut[0]["link"], "r1->d1");
    EXPECT_EQ(cut[0]["x"], at["r1"]["x"]);
    EXPECT_EQ(cut[0]["y2"], at["d1"]["y"]);
    EXPECT_NE(card.note.find("latitude and longitude"), std::string::npos) << card.note;
    // The provinces are labelled at their points.
    std::size_t labels = 0;
    for (std::size_t i = 6; i < layers(card).size(); ++i)
        labels += layers(card)[i]["data"]["values"].size();
    EXPECT_EQ(labels, 3 * 2U);  // each layer filters by alignment: 2 labels in each
    // The same input gives the same chart.
    EXPECT_EQ(*card.spec, *report::network_card(RunResult{}, placed()).spec);
}

TEST(NetworkMap, WithoutEveryPositionTheProvinceLayoutIsKept) {
    const report::Card old = report::network_card(RunResult{}, unplaced(placed()));
    ReportContext some = placed();
    some.nodes[2].lat.reset();  // one node without a position
    some.nodes[2].lon.reset();
    for (const ReportContext& c : {unplaced(placed()), some}) {
        const report::Card card = report::network_card(RunResult{}, c);
        for (const auto& [id, v] : points(card)) {
            EXPECT_FALSE(v.contains("lat")) << id;
            EXPECT_FALSE(v.contains("lon")) << id;
            EXPECT_EQ(v["x"], points(old)[id]["x"]) << id;
            EXPECT_EQ(v["y"], points(old)[id]["y"]) << id;
        }
        EXPECT_NE(card.note.find("grouped by province"), std::string::npos) << card.note;
        EXPECT_EQ(points(card)["p1"]["status"], "struck");
    }
}

}  // namespace
}  // namespace shockflow::io
