// load_scenario as a whole: a complete scenario, defaults, file handling.

#include "shockflow/scenario/generate.hpp"
#include "unit/scenario/support.hpp"

namespace shockflow::test {
namespace {

using LoadScenario = LoaderTest;

constexpr std::string_view kFull = R"([scenario]
name = "full"
description = "every key"
start_day = -10
end_day = 20.5
step_hours = 6
seed = 42
replications = 8
disruption_window = [1, 9]

[[product]]
id = "food"
category = "essential"
unit = "t"

[[product]]
id = "steel"
category = "capital"

[[product]]
id = "ore"

[[recipe]]
product = "steel"
inputs = { ore = 1.5 }

[[node]]
id = "mine"
kind = "source"
capacity = { ore = 100 }

[[node]]
id = "mill"
kind = "plant"
tags = ["north", "heavy"]
firms = 3
capacity = { steel = 50 }
stock = { ore = 20 }
stock_target_days = 4

[[node]]
id = "city"
kind = "region"
tags = ["south"]
population = 25000
demand = { food = 12.5, steel = 1 }

[[link]]
from = "mine"
to = "mill"
capacity = 200
transit_hours = 5
products = ["ore"]

[[link]]
from = "mill"
to = "city"
capacity = 60
transit_hours = 10

[[event]]
kind = "strike"
target = "mill"
day = { uniform = [0, 2] }
capacity_loss = 0.5
repair_days = 6

[policy]
name = "own"
surge_capacity = 0.1
)";

TEST_F(LoadScenario, CompleteScenarioLoadsEveryField) {
    const auto path = write("full.toml", kFull);
    const ScenarioSpec s = load_scenario(path);
    EXPECT_EQ(s.file, path);
    EXPECT_EQ(s.name, "full");
    EXPECT_EQ(s.description, "every key");
    EXPECT_DOUBLE_EQ(s.start_day, -10.0);
    EXPECT_DOUBLE_EQ(s.end_day, 20.5);
    EXPECT_DOUBLE_EQ(s.step_hours, 6.0);
    EXPECT_EQ(s.seed, 42u);
    EXPECT_EQ(s.replications, 8);
    EXPECT_DOUBLE_EQ(s.disruption_window[0], 1.0);
    EXPECT_DOUBLE_EQ(s.disruption_window[1], 9.0);

    ASSERT_EQ(s.products.size(), 3u);
    EXPECT_EQ(s.products[0].category, ProductCategory::Essential);
    EXPECT_EQ(s.products[0].unit, "t");
    EXPECT_EQ(s.products[1].category, ProductCategory::Capital);
    EXPECT_EQ(s.products[2].category, ProductCategory::Intermediate);

    ASSERT_EQ(s.recipes.size(), 1u);
    EXPECT_EQ(s.recipes[0].product, "steel");
    ASSERT_EQ(s.recipes[0].inputs.size(), 1u);
    EXPECT_EQ(s.recipes[0].inputs[0].product, "ore");
    EXPECT_DOUBLE_EQ(s.recipes[0].inputs[0].qty, 1.5);

    ASSERT_EQ(s.nodes.size(), 3u);
    const NodeSpec& mill = s.nodes[1];
    EXPECT_EQ(mill.kind, NodeKind::Plant);
    EXPECT_EQ(mill.tags, (std::vector<std::string>{"north", "heavy"}));
    EXPECT_EQ(mill.firms, 3);
    EXPECT_DOUBLE_EQ(mill.capacity.at(0).qty, 50.0);
    EXPECT_EQ(mill.stock.at(0).product, "ore");
    EXPECT_EQ(mill.stock_target_days, 4.0);
    EXPECT_EQ(mill.loc.line, pos_of(kFull, "[[node]]\nid = \"mill\"").line);
    const NodeSpec& city = s.nodes[2];
    EXPECT_DOUBLE_EQ(city.population, 25000.0);
    ASSERT_EQ(city.demand.size(), 2u);
    EXPECT_EQ(city.demand[0].product, "food");  // file order
    EXPECT_DOUBLE_EQ(city.demand[0].qty, 12.5);
    EXPECT_EQ(s.nodes[0].firms, 1);  // default
    EXPECT_FALSE(s.nodes[0].stock_target_days.has_value());

    ASSERT_EQ(s.links.size(), 2u);
    EXPECT_EQ(s.links[0].from, "mine");
    EXPECT_EQ(s.links[0].to, "mill");
    EXPECT_DOUBLE_EQ(s.links[0].capacity, 200.0);
    EXPECT_DOUBLE_EQ(s.links[0].transit_hours, 5.0);
    EXPECT_EQ(s.links[0].products, (std::vector<std::string>{"ore"}));
    EXPECT_TRUE(s.links[1].products.empty());

    ASSERT_EQ(s.events.size(), 1u);
    EXPECT_EQ(s.events[0].day.kind, Distribution::Kind::Uniform);
    EXPECT_EQ(s.policy.name, "own");
    EXPECT_DOUBLE_EQ(s.policy.surge_capacity, 0.1);
    EXPECT_EQ(s.input_hash, fnv1a(kFull));
}

TEST_F(LoadScenario, DefaultsFollowTheFormatSpec) {
    const ScenarioSpec s = load_scenario(write("s.toml", "[scenario]\nname = \"bare\"\n"));
    EXPECT_DOUBLE_EQ(s.start_day, -14.0);
    EXPECT_DOUBLE_EQ(s.end_day, 30.0);
    EXPECT_DOUBLE_EQ(s.step_hours, 4.0);
    EXPECT_EQ(s.seed, 1u);
    EXPECT_EQ(s.replications, 1);
    EXPECT_DOUBLE_EQ(s.disruption_window[1], 12.0);
    EXPECT_EQ(s.policy.name, "none");
}

TEST_F(LoadScenario, ProductPriceIsReadAndDefaultsToZero) {
    const auto text = replaced(kBase, "id = \"steel\"", "id = \"steel\"\nprice = 1200");
    const ScenarioSpec s = load_scenario(write("s.toml", text));
    EXPECT_DOUBLE_EQ(s.products[0].price, 0.0);  // food: no price given
    EXPECT_DOUBLE_EQ(s.products[1].price, 1200.0);
}

TEST_F(LoadScenario, WrittenScenarioKeepsItsPrices) {
    GenerateOptions options;
    options.parks = 2;
    options.regions = 1;
    options.products = 3;
    ScenarioSpec generated = generate_network(options);
    generated.products[0].price = 0.1;  // no exact binary form: must still round-trip
    generated.products[2].price = 1e6;
    write_scenario_files(generated, dir_ / "written");
    const ScenarioSpec s = load_scenario(dir_ / "written" / "scenario.toml");
    ASSERT_EQ(s.products.size(), 3u);
    EXPECT_EQ(s.products[0].price, 0.1);
    EXPECT_EQ(s.products[1].price, 0.0);
    EXPECT_EQ(s.products[2].price, 1e6);
}

TEST_F(LoadScenario, MissingFileIsAConfigErrorNamingTheFile) {
    try {
        (void)load_scenario("no/such/file.toml");
        FAIL() << "accepted";
    } catch (const ConfigError& e) {
        ASSERT_EQ(e.diagnostics().size(), 1u);
        // Why, from the system: a missing file reads otherwise than an unreadable one.
        EXPECT_EQ(e.diagnostics()[0].format(),
                  "no/such/file.toml: error: cannot open file: no such file or directory");
    }
}

TEST_F(LoadScenario, DirectoryIsNotAFile) {
    try {
        (void)load_scenario(dir_);
        FAIL() << "accepted";
    } catch (const ConfigError& e) {
        EXPECT_EQ(e.diagnostics().at(0).message,
                  "cannot open file: not a regular file (a directory)");
    }
}

TEST_F(LoadScenario, ADeviceIsNotAFile) {
    // /dev/zero never ends: it is refused before a byte is read.
    try {
        (void)load_scenario("/dev/zero");
        FAIL() << "accepted";
    } catch (const ConfigError& e) {
        EXPECT_EQ(e.diagnostics().at(0).format(),
                  "/dev/zero: error: cannot open file: not a regular file (a character device)");
    }
}

TEST_F(LoadScenario, SyntaxErrorCarriesLineAndColumn) {
    const std::string text = "[scenario]\nname = \"x\"\nseed = = 3\n";
    const auto d = find(scenario_errors(text), "invalid TOML");
    EXPECT_EQ(d.loc.line, 3u);
    EXPECT_EQ(d.loc.column, 8u);
}

TEST_F(LoadScenario, BinaryGarbageIsRejectedWithoutCrashing) {
    const std::string garbage("\x00\xff\xfe[[[\x01=\"", 9);
    EXPECT_FALSE(scenario_errors(garbage).empty());
}

TEST_F(LoadScenario, DiagnosticsNameTheFileAsGiven) {
    const auto absolute = write("s.toml", "[scenario]\nname = 3\n");
    const auto relative = std::filesystem::relative(absolute);
    try {
        (void)load_scenario(relative);
        FAIL() << "accepted";
    } catch (const ConfigError& e) {
        EXPECT_EQ(
            e.diagnostics().at(0).format(),
            relative.string() + ":2:8: error: scenario.name: expected a string (got an integer)");
    }
}

}  // namespace
}  // namespace shockflow::test
