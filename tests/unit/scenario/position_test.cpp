// A node's position on a map: `lat` and `lon`, both or neither, in degrees,
// from [[node]] tables, CSV columns, overlays and --set, and written back.

#include <string>
#include <vector>

#include "shockflow/scenario/generate.hpp"
#include "unit/scenario/support.hpp"

namespace shockflow::test {
namespace {

const NodeSpec& node(const ScenarioSpec& s, std::string_view id) {
    for (const auto& n : s.nodes) {
        if (n.id == id) return n;
    }
    ADD_FAILURE() << "no node " << id;
    return s.nodes.front();
}

class NodePosition : public LoaderTest {
protected:
    /// kBase with p1 placed at `keys` (TOML lines added to its table).
    static std::string placed(std::string_view keys) {
        return replaced(kBase, "firms = 40\n", "firms = 40\n" + std::string(keys));
    }
    /// Loads `file` with `sets`; returns the errors (none if it loads).
    static std::vector<Diagnostic> errors_of(const std::filesystem::path& file,
                                             const std::vector<std::string>& sets) {
        std::vector<Override> overrides;
        for (const auto& s : sets) overrides.push_back(Override::parse(s));
        try {
            (void)load_scenario(file, overrides);
        } catch (const ConfigError& e) {
            return e.diagnostics();
        }
        return {};
    }
};

TEST_F(NodePosition, BothOrNeitherAreRead) {
    const ScenarioSpec s = load_scenario(write("s.toml", placed("lat = 35.69\nlon = -51.5\n")));
    EXPECT_EQ(node(s, "p1").lat, 35.69);
    EXPECT_EQ(node(s, "p1").lon, -51.5);
    EXPECT_FALSE(node(s, "d1").lat.has_value());
    EXPECT_FALSE(node(s, "d1").lon.has_value());
    // Whole degrees and the ends of the ranges are fine.
    const ScenarioSpec ends = load_scenario(write("e.toml", placed("lat = -90\nlon = 180\n")));
    EXPECT_EQ(node(ends, "p1").lat, -90.0);
    EXPECT_EQ(node(ends, "p1").lon, 180.0);
}

TEST_F(NodePosition, OneAloneIsAnErrorAtTheKey) {
    std::string text = placed("lat = 35.69\n");
    expect_error_at(text, "35.69", "node[0].lat: needs \"lon\" as well");
    text = placed("lon = 51.39\n");
    expect_error_at(text, "51.39", "node[0].lon: needs \"lat\" as well");
}

TEST_F(NodePosition, OutOfRangeIsAnErrorAtTheKey) {
    std::string text = placed("lat = 90.5\nlon = 10\n");
    expect_error_at(text, "90.5", "node[0].lat: must be between -90 and 90 degrees (got 90.5)");
    text = placed("lat = 10\nlon = -180.01\n");
    expect_error_at(text, "-180.01",
                    "node[0].lon: must be between -180 and 180 degrees (got -180.01)");
    text = placed("lat = nan\nlon = 10\n");
    expect_error_at(text, "nan", "node[0].lat: must be a finite number");
    text = placed("lat = \"35.7\"\nlon = 10\n");
    expect_error_at(text, "\"35.7\"", "node[0].lat: expected a number");
}

TEST_F(NodePosition, CsvColumnsAreRead) {
    write("nodes.csv", "id,kind,lat,lon,capacity.food\nq1,park,29.59,52.58,10\nq2,depot,,,\n");
    const ScenarioSpec s =
        load_scenario(write("s.toml", with_base("[network]\nnodes = \"nodes.csv\"\n")));
    EXPECT_EQ(node(s, "q1").lat, 29.59);
    EXPECT_EQ(node(s, "q1").lon, 52.58);
    EXPECT_FALSE(node(s, "q2").lat.has_value());
    EXPECT_FALSE(node(s, "q2").lon.has_value());
}

TEST_F(NodePosition, CsvErrorsAreReportedAtTheRow) {
    write("nodes.csv",
          "id,kind,lat,lon\nq1,park,29.59,\nq2,park,,52.58\nq3,park,-91,0\nq4,park,0,200\n"
          "q5,park,north,1\n");
    const auto diags = scenario_errors(with_base("[network]\nnodes = \"nodes.csv\"\n"));
    const std::string file = (dir_ / "nodes.csv").string();
    EXPECT_EQ(find(diags, "\"q1\".lat").format(),
              file +
                  ":2: error: node \"q1\".lat: needs \"lon\" as well (a node's position is "
                  "both lat and lon, or neither)");
    EXPECT_EQ(find(diags, "\"q2\".lon").loc.line, 3U);
    EXPECT_EQ(find(diags, "node \"q3\".lat: must be between -90 and 90 degrees (got -91)").loc.line,
              4U);
    EXPECT_EQ(
        find(diags, "node \"q4\".lon: must be between -180 and 180 degrees (got 200)").loc.line,
        5U);
    EXPECT_EQ(find(diags, "node \"q5\".lat: expected a finite number").loc.line, 6U);
}

TEST_F(NodePosition, OverlaysAndSetsChangeThem) {
    write("base.toml", placed("lat = 35.69\nlon = 51.39\n"));
    const auto overlay = write("o.toml",
                               "extends = \"base.toml\"\n\n[[node]]\nid = \"p1\"\n"
                               "lon = 52\n\n[[node]]\nid = \"d1\"\nlat = 1\nlon = 2\n");
    const ScenarioSpec o = load_scenario(overlay);
    EXPECT_EQ(node(o, "p1").lat, 35.69);
    EXPECT_EQ(node(o, "p1").lon, 52.0);
    EXPECT_EQ(node(o, "d1").lat, 1.0);
    const std::vector<Override> sets{Override::parse("node.p1.lat=35.7"),
                                     Override::parse("node.r1.lat=-3"),
                                     Override::parse("node.r1.lon=-4")};
    const ScenarioSpec s = load_scenario(overlay, sets);
    EXPECT_EQ(node(s, "p1").lat, 35.7);
    EXPECT_EQ(node(s, "p1").lon, 52.0);
    EXPECT_EQ(node(s, "r1").lat, -3.0);
    EXPECT_EQ(node(s, "r1").lon, -4.0);
    // A set of one on a node without a position is the error of a table that
    // writes one, at the --set.
    const auto diags = errors_of(overlay, {"node.r2.lat=5"});
    ASSERT_FALSE(diags.empty());
    EXPECT_EQ(diags.front().loc.file.str(), "--set");
    EXPECT_NE(diags.front().message.find(".lat: needs \"lon\" as well"), std::string::npos)
        << diags.front().format();
    const auto range = errors_of(overlay, {"node.p1.lat=100"});
    ASSERT_FALSE(range.empty());
    EXPECT_EQ(range.front().loc.file.str(), "--set");
    EXPECT_EQ(range.front().loc.column, 13U);  // the value, as for any key set
    EXPECT_NE(range.front().message.find(".lat: must be between -90 and 90 degrees (got 100)"),
              std::string::npos)
        << range.front().format();
}

TEST_F(NodePosition, WrittenScenarioKeepsThem) {
    GenerateOptions options;
    options.parks = 2;
    options.regions = 1;
    options.products = 2;
    ScenarioSpec generated = generate_network(options);
    generated.nodes[0].lat = 0.1;  // no exact binary form: must still round-trip
    generated.nodes[0].lon = -179.99;
    write_scenario_files(generated, dir_ / "written");
    const ScenarioSpec s = load_scenario(dir_ / "written" / "scenario.toml");
    EXPECT_EQ(s.nodes[0].lat, 0.1);
    EXPECT_EQ(s.nodes[0].lon, -179.99);
    EXPECT_FALSE(s.nodes[1].lat.has_value());
    // Without positions the table has no such columns.
    write_scenario_files(generate_network(options), dir_ / "plain");
    std::ifstream nodes(dir_ / "plain" / "nodes.csv");
    std::string header;
    std::getline(nodes, header);
    EXPECT_EQ(header.find(",lat,lon"), std::string::npos) << header;
}

}  // namespace
}  // namespace shockflow::test
