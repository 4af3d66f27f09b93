// Keys that input-output tables need: a node's own recipe, what it buys of
// its own product from other makers (buys_own), link weights, links without
// a capacity (unlimited), and capacity paths; read from TOML and CSV,
// checked, and written back.

#include <cmath>

#include "shockflow/scenario/generate.hpp"
#include "unit/scenario/support.hpp"

namespace shockflow::test {
namespace {

using TableKeys = LoaderTest;

TEST_F(TableKeys, NodeRecipeAndLinkWeightAreReadFromToml) {
    std::string text = replaced(kBase, "capacity = { food = 100 }",
                                "capacity = { food = 100 }\nrecipe = { steel = 0.25, food = 0.1 }");
    text = replaced(text, "capacity = 500\ntransit_hours = 6", "transit_hours = 6\nweight = 2.5");
    const ScenarioSpec s = load_scenario(write("s.toml", text));
    ASSERT_TRUE(s.nodes[0].recipe.has_value());
    ASSERT_EQ(s.nodes[0].recipe->size(), 2u);
    EXPECT_EQ((*s.nodes[0].recipe)[0].product, "steel");
    EXPECT_DOUBLE_EQ((*s.nodes[0].recipe)[0].qty, 0.25);
    EXPECT_DOUBLE_EQ((*s.nodes[0].recipe)[1].qty, 0.1);
    EXPECT_FALSE(s.nodes[1].recipe.has_value());   // m1 follows the products' recipes
    EXPECT_TRUE(std::isinf(s.links[0].capacity));  // no capacity: unlimited
    ASSERT_TRUE(s.links[0].weight.has_value());
    EXPECT_DOUBLE_EQ(*s.links[0].weight, 2.5);
    EXPECT_FALSE(s.links[1].weight.has_value());
    EXPECT_DOUBLE_EQ(s.links[1].capacity, 500.0);
}

TEST_F(TableKeys, EmptyRecipeIsARecipeWithoutInputs) {
    const auto text =
        replaced(kBase, "capacity = { food = 100 }", "capacity = { food = 100 }\nrecipe = {}");
    const ScenarioSpec s = load_scenario(write("s.toml", text));
    ASSERT_TRUE(s.nodes[0].recipe.has_value());
    EXPECT_TRUE(s.nodes[0].recipe->empty());
}

TEST_F(TableKeys, RecipeOnlyOnParksAndPlants) {
    const auto text =
        replaced(kBase, "stock = { food = 200 }", "stock = { food = 200 }\nrecipe = { ore = 1 }");
    expect_error_at(text, "{ ore = 1 }", "node[3].recipe: not allowed on a depot node");
}

TEST_F(TableKeys, RecipeEntriesAreCheckedLikeQuantities) {
    const auto text = replaced(kBase, "capacity = { food = 100 }",
                               "capacity = { food = 100 }\nrecipe = { stel = 1, ore = -2 }");
    expect_error_at(text, "stel", "node[0].recipe.stel: unknown product \"stel\"");
    expect_error_at(text, "-2", "node[0].recipe.ore: must be >= 0 (got -2)");
}

TEST_F(TableKeys, ANodeCannotUseAUnitOrMoreOfWhatItMakes) {
    const auto text = replaced(kBase, "capacity = { food = 100 }",
                               "capacity = { food = 100 }\nrecipe = { food = 1, steel = 3 }");
    const auto d = expect_error_at(text, "1, steel", "node[0].recipe.food");
    EXPECT_EQ(d.message,
              "node[0].recipe.food: a node that uses 1 unit(s) of what it makes per unit made can "
              "never produce it (must be < 1)");
}

TEST_F(TableKeys, BuysOwnIsReadFromTomlCsvAndSet) {
    const auto text =
        replaced(kBase, "capacity = { steel = 10 }", "capacity = { steel = 10 }\nbuys_own = 0.25");
    const ScenarioSpec s = load_scenario(write("s.toml", text));
    EXPECT_DOUBLE_EQ(s.nodes[1].buys_own, 0.25);
    EXPECT_DOUBLE_EQ(s.nodes[0].buys_own, 0.0);  // not written: buys none
    const std::vector<Override> set{Override{"node.m1.buys_own", "0.5"}};
    EXPECT_DOUBLE_EQ(load_scenario(write("s.toml", text), set).nodes[1].buys_own, 0.5);
    write("net/nodes.csv", "id,kind,capacity.steel,buys_own\nm2,plant,5,0.125\nm3,plant,5,\n");
    write("net/links.csv", "from,to,capacity,transit_hours\n");
    const ScenarioSpec c =
        load_scenario(write("c.toml", with_base("[network]\nnodes = \"net/nodes.csv\"\n"
                                                "links = \"net/links.csv\"\n")));
    EXPECT_DOUBLE_EQ(c.nodes[6].buys_own, 0.125);
    EXPECT_DOUBLE_EQ(c.nodes[7].buys_own, 0.0);
}

// p1 uses 0.6 of its food itself (its own recipe); buying 0.4 more from
// other makers makes one unit per unit made: it could never produce food.
TEST_F(TableKeys, BuysOwnIsCheckedWithSelfUseAndKind) {
    auto text = replaced(kBase, "capacity = { food = 100 }",
                         "capacity = { food = 100 }\nrecipe = { food = 0.6 }\nbuys_own = 0.4");
    const auto d = expect_error_at(text, "0.4", "node[0].buys_own");
    EXPECT_EQ(d.message,
              "node[0].buys_own: a node that uses 1 unit(s) of \"food\" per unit made (0.6 of its "
              "own and 0.4 bought) can never produce it (must be < 1)");
    text = replaced(kBase, "capacity = { food = 100 }", "capacity = { food = 100 }\nbuys_own = -1");
    expect_error_at(text, "-1", "node[0].buys_own: must be >= 0 (got -1)");
    text = replaced(kBase, "stock = { food = 200 }", "stock = { food = 200 }\nbuys_own = 0.1");
    expect_error_at(text, "0.1", "node[3].buys_own: not allowed on a depot node");
}

TEST_F(TableKeys, WeightMustBePositive) {
    const auto text = replaced(kBase, "transit_hours = 6", "transit_hours = 6\nweight = 0");
    expect_error_at(text, "0\n\n[[link]]", "link[0].weight: must be > 0 (got 0)");
}

TEST_F(TableKeys, CsvTablesCarryRecipesWeightsAndUnlimitedLinks) {
    write("net/nodes.csv",
          "id,kind,capacity.steel,recipe.ore,recipe.food\n"
          "m2,plant,5,0.5,\n"
          "m3,plant,5,,0\n"
          "m4,plant,5,,\n");
    write("net/links.csv",
          "from,to,capacity,transit_hours,weight\n"
          "s1,m2,,24,3\n"
          "s1,m3,7,24,\n");
    const ScenarioSpec s =
        load_scenario(write("s.toml", with_base("[network]\nnodes = \"net/nodes.csv\"\n"
                                                "links = \"net/links.csv\"\n")));
    ASSERT_EQ(s.nodes.size(), 9u);
    ASSERT_TRUE(s.nodes[6].recipe.has_value());
    ASSERT_EQ(s.nodes[6].recipe->size(), 1u);
    EXPECT_DOUBLE_EQ((*s.nodes[6].recipe)[0].qty, 0.5);
    // One written cell, even a 0, gives the node a recipe of its own.
    ASSERT_TRUE(s.nodes[7].recipe.has_value());
    EXPECT_FALSE(s.nodes[8].recipe.has_value());
    ASSERT_EQ(s.links.size(), 5u);
    EXPECT_TRUE(std::isinf(s.links[3].capacity));
    EXPECT_DOUBLE_EQ(*s.links[3].weight, 3.0);
    EXPECT_DOUBLE_EQ(s.links[4].capacity, 7.0);
    EXPECT_FALSE(s.links[4].weight.has_value());
}

TEST_F(TableKeys, CapacityPathReadsItsPointsAndTarget) {
    const auto s = load_scenario(write("s.toml", with_base(R"([[event]]
kind = "capacity_path"
target = "tag:north"
path = [[0, 0.2], [{ uniform = [3, 5] }, { beta = [2, 2] }], [10, 1]]
)")));
    ASSERT_EQ(s.events.size(), 1u);
    const EventSpec& e = s.events[0];
    EXPECT_EQ(e.kind, EventKind::CapacityPath);
    EXPECT_EQ(e.target, "tag:north");
    ASSERT_EQ(e.path.size(), 3u);
    EXPECT_DOUBLE_EQ(e.path[0].availability.p[0], 0.2);
    EXPECT_EQ(e.path[1].day.kind, Distribution::Kind::Uniform);
    EXPECT_EQ(e.path[1].availability.kind, Distribution::Kind::Beta);
    EXPECT_DOUBLE_EQ(e.path[2].day.p[0], 10.0);
    EXPECT_DOUBLE_EQ(e.day.p[0], 0.0);  // the first point's day
}

TEST_F(TableKeys, CapacityPathDaysMustNotDecrease) {
    const auto text = with_base(
        "[[event]]\nkind = \"capacity_path\"\ntarget = \"p1\"\n"
        "path = [[0, 0.5], [{ uniform = [2, 6] }, 0.6], [5, 1]]\n");
    const auto d = expect_error_at(text, "5, 1]", "event[0].path[2][0]");
    EXPECT_EQ(d.message,
              "event[0].path[2][0]: days must not decrease along the path (5 can come before "
              "the previous point's 6)");
}

TEST_F(TableKeys, CapacityPathPointsArePairsOfShares) {
    const auto text = with_base(
        "[[event]]\nkind = \"capacity_path\"\ntarget = \"p1\"\n"
        "path = [[0, 1.5], [1], 3]\n");
    expect_error_at(text, "1.5", "event[0].path[0][1]: must be between 0 and 1 (got 1.5)");
    expect_error_at(text, "[1]",
                    "event[0].path[1]: expected a pair [day, availability] (got 1 "
                    "values)");
    expect_error_at(text, "3]\n", "event[0].path[2]: expected a pair [day, availability]");
}

TEST_F(TableKeys, CapacityPathNeedsPointsAndAProducerTarget) {
    expect_error_at(with_base("[[event]]\nkind = \"capacity_path\"\ntarget = \"p1\"\npath = []\n"),
                    "[]", "event[0].path: expected at least one [day, availability] pair");
    expect_error_at(
        with_base("[[event]]\nkind = \"capacity_path\"\ntarget = \"r1\"\npath = [[0, 0]]\n"),
        "\"r1\"", "event[0].target");
}

TEST_F(TableKeys, CapacityPathStartsInsideTheRun) {
    const auto text =
        with_base("[[event]]\nkind = \"capacity_path\"\ntarget = \"p1\"\npath = [[40, 0.5]]\n");
    expect_error_at(text, "40", "event[0].path[0][0]: day 40 falls after the end of the run");
}

TEST_F(TableKeys, WrittenScenarioKeepsRecipesWeightsUnlimitedLinksAndPaths) {
    GenerateOptions options;
    options.parks = 2;
    options.regions = 1;
    options.products = 3;
    options.disruptions = false;
    ScenarioSpec g = generate_network(options);
    std::size_t park = 0;
    while (g.nodes[park].kind != NodeKind::Park) ++park;
    g.nodes[park].recipe = std::vector<ProductQty>{{g.products[0].id, 0.1, {}}};
    g.nodes[park].buys_own = 0.2;
    g.links[0].capacity = std::numeric_limits<double>::infinity();
    g.links[0].weight = 0.3;
    EventSpec path;
    path.kind = EventKind::CapacityPath;
    path.target = g.nodes[park].id;
    path.path = {{Distribution::fixed(1), Distribution::fixed(0.25)},
                 {Distribution::fixed(4.5), Distribution::fixed(1)}};
    path.path[1].availability.kind = Distribution::Kind::Uniform;
    path.path[1].availability.p = {0.5, 1.0, 0.0};
    g.events.push_back(path);
    write_scenario_files(g, dir_ / "written");
    const ScenarioSpec s = load_scenario(dir_ / "written" / "scenario.toml");
    ASSERT_TRUE(s.nodes[park].recipe.has_value());
    ASSERT_EQ(s.nodes[park].recipe->size(), 1u);
    EXPECT_EQ((*s.nodes[park].recipe)[0].qty, 0.1);
    EXPECT_EQ(s.nodes[park].buys_own, 0.2);
    for (std::size_t n = 0; n < s.nodes.size(); ++n) {
        if (n == park) continue;
        EXPECT_FALSE(s.nodes[n].recipe.has_value()) << s.nodes[n].id;
        EXPECT_EQ(s.nodes[n].buys_own, 0.0) << s.nodes[n].id;
    }
    EXPECT_TRUE(std::isinf(s.links[0].capacity));
    EXPECT_EQ(s.links[0].weight, 0.3);
    EXPECT_FALSE(s.links[1].weight.has_value());
    EXPECT_EQ(s.links[1].capacity, g.links[1].capacity);
    ASSERT_EQ(s.events.size(), 1u);
    ASSERT_EQ(s.events[0].path.size(), 2u);
    EXPECT_EQ(s.events[0].path[0].availability.p[0], 0.25);
    EXPECT_EQ(s.events[0].path[1].day.p[0], 4.5);
    EXPECT_EQ(s.events[0].path[1].availability.kind, Distribution::Kind::Uniform);
}

}  // namespace
}  // namespace shockflow::test
