// Input-output tables: reading Z, Y and x from CSV, every problem reported at
// its file, line and column; importing a table as a scenario; random tables.

#include "shockflow/scenario/io_table.hpp"

#include <cmath>

#include "shockflow/scenario/generate.hpp"
#include "unit/scenario/support.hpp"

namespace shockflow::test {
namespace {

// Two regions, two sectors; flows a year (divided by 365 they are 0.05,
// 0.1, 0.2, ...). Row sums: A.food 565.75, A.steel 182.5, B.food 438,
// B.steel 146.
constexpr std::string_view kZ =
    "region,sector,A_food,A_steel,B_food,B_steel\n"
    "A,food,73,36.5,0,18.25\n"
    "A,steel,109.5,0,36.5,0\n"
    "B,food,0,0,36.5,73\n"
    "B,steel,36.5,0,54.75,18.25\n";
constexpr std::string_view kY =
    "region,sector,A_final_demand,B_final_demand\n"
    "A,food,365,73\n"
    "A,steel,36.5,0\n"
    "B,food,36.5,292\n"
    "B,steel,0,36.5\n";

class IoTables : public LoaderTest {
protected:
    IoTable read(std::string_view z, std::string_view y,
                 std::optional<std::string_view> x = std::nullopt) const {
        const auto zp = write("Z.csv", z), yp = write("Y.csv", y);
        return read_io_table(zp, yp, x ? std::optional(write("x.csv", *x)) : std::nullopt);
    }
    std::vector<Diagnostic> errors(std::string_view z, std::string_view y,
                                   std::optional<std::string_view> x = std::nullopt) const {
        try {
            (void)read(z, y, x);
        } catch (const ConfigError& e) {
            return e.diagnostics();
        }
        ADD_FAILURE() << "the table was accepted";
        return {};
    }
};

TEST_F(IoTables, ReadsFlowsByBuyerAndRowSums) {
    const IoTable t = read(kZ, kY);
    ASSERT_EQ(t.region.size(), 4u);
    EXPECT_EQ(t.region[2], "B");
    EXPECT_EQ(t.sector[2], "food");
    EXPECT_EQ(t.final_demand, (std::vector<std::string>{"A_final_demand", "B_final_demand"}));
    // Column A_food: bought from A.food 73, A.steel 109.5, B.steel 36.5.
    ASSERT_EQ(t.z[0].size(), 3u);
    EXPECT_EQ(t.z[0][1], (std::pair<std::uint32_t, double>{1, 109.5}));
    EXPECT_EQ(t.y[1].size(), 3u);
    EXPECT_DOUBLE_EQ(t.x[0], 565.75);
    EXPECT_DOUBLE_EQ(t.x[1], 182.5);
    EXPECT_DOUBLE_EQ(t.x[2], 438.0);
    EXPECT_DOUBLE_EQ(t.x[3], 146.0);
}

TEST_F(IoTables, ColumnsMayComeInAnyOrder) {
    const IoTable t = read("region,sector,B_food,A_food\nA,food,1,2\nB,food,3,0\n",
                           "region,sector,fd\nB,food,4\nA,food,5\n");
    EXPECT_EQ(t.z[0], (std::vector<std::pair<std::uint32_t, double>>{{0, 2}}));  // A_food
    EXPECT_EQ(t.z[1], (std::vector<std::pair<std::uint32_t, double>>{{0, 1}, {1, 3}}));
    EXPECT_DOUBLE_EQ(t.x[0], 8.0);
    EXPECT_DOUBLE_EQ(t.x[1], 7.0);
}

TEST_F(IoTables, GivenOutputWithinOneMillionthIsTaken) {
    const IoTable t = read(kZ, kY,
                           "region,sector,x\nA,food,565.7501\nA,steel,182.5\nB,food,438\n"
                           "B,steel,146\n");
    EXPECT_DOUBLE_EQ(t.x[0], 565.7501);
}

TEST_F(IoTables, OutputThatIsNotTheRowSumsIsAnErrorAtItsCell) {
    const std::string x = "region,sector,x\nA,food,565.75\nA,steel,182\nB,food,438\nB,steel,146\n";
    const auto d = errors(kZ, kY, x);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].format(), (dir_ / "x.csv").string() +
                                 ":3:9: error: x of \"A_steel\": 182 is not the row sums of Z and "
                                 "Y, 182.5 (they must agree within 1e-6 relative)");
}

TEST_F(IoTables, EveryProblemIsReportedWithItsPlace) {
    const auto d = errors("region,sector,A_food,A_stel\nA,food,1,x\nA,steel,-2,0\nA,food,0,0\n",
                          "region,sector,fd,fd\nA,food,1,1\nC,food,1,1\n");
    const std::string z = (dir_ / "Z.csv").string(), y = (dir_ / "Y.csv").string();
    std::vector<std::string> all;
    for (const Diagnostic& e : d) all.push_back(e.format());
    const std::vector<std::string> expected{
        z + ":2:10: error: Z.A_stel: expected a finite number (got \"x\")",
        z + ":3:9: error: Z.A_food: must be >= 0 (got -2): a negative flow can be neither a "
            "demand nor a link; net it into another column first",
        z + ":4:1: error: industry \"A_food\" (region \"A\", sector \"food\") has a row already",
        z + ":1: error: column \"A_stel\": no row has this industry (columns are "
            "<region>_<sector> of the rows) (did you mean \"A_steel\"?)",
        z + ":1: error: column \"A_steel\": missing (every row's industry needs its column)",
        y + ":1: error: column \"fd\": duplicate column",
        y + ":3:1: error: industry \"C_food\": not a row of Z (did you mean \"A_food\"?)",
        y + ": error: industry \"A_steel\" (a row of Z) has no row"};
    EXPECT_EQ(all, expected);
}

TEST_F(IoTables, HeaderMustStartWithRegionAndSector) {
    const auto d = errors("industry,A_food\nA_food,1\n", kY);
    ASSERT_FALSE(d.empty());
    EXPECT_EQ(d[0].message,
              "the header must start with the columns \"region,sector\", then one column per "
              "value");
}

TEST_F(IoTables, MissingFileIsReported) {
    const auto y = write("Y.csv", kY);
    try {
        (void)read_io_table(dir_ / "none.csv", y);
        ADD_FAILURE() << "accepted";
    } catch (const ConfigError& e) {
        EXPECT_EQ(e.diagnostics().at(0).format(),
                  (dir_ / "none.csv").string() + ": error: cannot open file");
    }
}

// The scenario of kZ/kY: a plant per industry with its own recipe (inputs by
// sector over its output; its own sector only from itself), a region per
// category, a link per flow with the flow a day as its weight.
// A.food buys food 73 from itself and steel 109.5 + 36.5 = 146 from A and B:
// recipe food 73 / 565.75, steel 146 / 565.75; capacity 565.75 / 365 = 1.55.
// Its steel input row holds cycle + transit + safety = 1 + 1 + 2 = 4 days of
// 146 / 365 = 0.4 a day: 1.6. A region counts no cycle (it is served by what
// arrives during one): transit + safety = 3 days of its demand.
TEST_F(IoTables, ImportedScenarioHoldsTheTable) {
    const IoTable t = read(kZ, kY);
    ImportReport rep;
    const ScenarioSpec s = import_io_table(t, ImportOptions{}, &rep);
    ASSERT_EQ(s.products.size(), 2u);
    EXPECT_EQ(s.products[0].id, "food");
    EXPECT_EQ(s.products[0].price, 1.0);
    EXPECT_EQ(s.products[0].unit, "money");
    ASSERT_EQ(s.nodes.size(), 6u);
    const NodeSpec& af = s.nodes[0];
    EXPECT_EQ(af.id, "A.food");
    EXPECT_EQ(af.kind, NodeKind::Plant);
    EXPECT_EQ(af.tags, (std::vector<std::string>{"region:A", "sector:food"}));
    EXPECT_DOUBLE_EQ(af.capacity.at(0).qty, 1.55);
    ASSERT_TRUE(af.recipe);
    ASSERT_EQ(af.recipe->size(), 2u);
    EXPECT_DOUBLE_EQ(af.recipe->at(0).qty, 73 / 565.75);
    EXPECT_DOUBLE_EQ(af.recipe->at(1).qty, 146 / 565.75);
    ASSERT_EQ(af.stock.size(), 1u);
    EXPECT_EQ(af.stock[0].product, "steel");
    EXPECT_NEAR(af.stock[0].qty, 1.6, 1e-12);
    const NodeSpec& fa = s.nodes[4];
    EXPECT_EQ(fa.id, "A_final_demand");
    EXPECT_EQ(fa.kind, NodeKind::Region);
    EXPECT_EQ(fa.tags, (std::vector<std::string>{"region:A"}));
    EXPECT_NEAR(fa.demand.at(0).qty, (365 + 36.5) / 365, 1e-12);  // food from A and B
    EXPECT_NEAR(fa.stock.at(0).qty, 3 * (365 + 36.5) / 365, 1e-12);
    // 7 nonzero flows off the diagonal of Z, 6 of Y.
    ASSERT_EQ(s.links.size(), 13u);
    EXPECT_EQ(s.links[0].from, "A.steel");
    EXPECT_EQ(s.links[0].to, "A.food");
    EXPECT_TRUE(std::isinf(s.links[0].capacity));
    EXPECT_DOUBLE_EQ(*s.links[0].weight, 0.3);
    EXPECT_DOUBLE_EQ(s.links[0].transit_hours, 24.0);
    EXPECT_EQ(rep.industries, 4u);
    EXPECT_EQ(rep.same_sector, 0u);
    EXPECT_LT(rep.max_output_gap, 1e-12);  // rounding only
    EXPECT_EQ(s.step_hours, 24.0);
    EXPECT_EQ(s.end_day, 365.0);
}

// min_share 0.1: A.food's inputs 73 + 109.5 + 36.5 = 219 keep all (36.5 is
// 0.167); B.food's 36.5 + 36.5 + 54.75 = 127.75 keep all; B.steel's 18.25 +
// 73 + 18.25 = 109.5: 18.25 is 0.167, kept; A.steel's 36.5 alone, kept.
// Y's A_final_demand: 365 + 36.5 + 36.5 = 438, 36.5 is 0.083: both 36.5 left
// out; B_final_demand: 73 + 292 + 36.5 = 401.5: 36.5 is 0.091, left out.
TEST_F(IoTables, SmallFlowsAreLeftOutAndCounted) {
    const IoTable t = read(kZ, kY);
    ImportOptions o;
    o.min_share = 0.1;
    ImportReport rep;
    const ScenarioSpec s = import_io_table(t, o, &rep);
    EXPECT_EQ(rep.dropped, 3u);
    EXPECT_DOUBLE_EQ(rep.dropped_value, 3 * 36.5);
    EXPECT_DOUBLE_EQ(rep.total_value, 565.75 + 182.5 + 438 + 146);
    EXPECT_EQ(s.links.size(), 10u);
    EXPECT_GT(rep.max_output_gap, 0.0);
}

TEST_F(IoTables, ImportedScenarioPassesTheLoader) {
    const IoTable t = generate_io_table(3, 4, 7, 2);
    ImportReport rep;
    const ScenarioSpec s = import_io_table(t, ImportOptions{}, &rep);
    write_scenario_files(s, dir_ / "out");
    const ScenarioSpec loaded = load_scenario(dir_ / "out" / "scenario.toml");
    EXPECT_EQ(loaded.nodes.size(), 12u + 3u);
    EXPECT_EQ(loaded.links.size(), s.links.size());
    EXPECT_EQ(*loaded.links[5].weight, *s.links[5].weight);
    EXPECT_EQ(loaded.nodes[3].recipe->size(), s.nodes[3].recipe->size());
    EXPECT_GT(rep.same_sector, 0u);  // partners sell the buyer's own sector too
}

// A written table reads back as the same table.
TEST_F(IoTables, GeneratedTableRoundTrips) {
    const IoTable t = generate_io_table(3, 4, 7, 2);
    write_io_table(t, dir_ / "table");
    const IoTable back =
        read_io_table(dir_ / "table" / "Z.csv", dir_ / "table" / "Y.csv", dir_ / "table" / "x.csv");
    EXPECT_EQ(back.region, t.region);
    EXPECT_EQ(back.sector, t.sector);
    EXPECT_EQ(back.final_demand, t.final_demand);
    EXPECT_EQ(back.z, t.z);
    EXPECT_EQ(back.y, t.y);
    EXPECT_EQ(back.x, t.x);
    // Each buyer: every sector at home and from 2 partners: 4 x 3 flows.
    for (const auto& column : t.z) EXPECT_EQ(column.size(), 12u);
}

TEST_F(IoTables, SameSeedSameTable) {
    const IoTable a = generate_io_table(2, 3, 11), b = generate_io_table(2, 3, 11);
    EXPECT_EQ(a.z, b.z);
    EXPECT_EQ(a.x, b.x);
    EXPECT_NE(a.x, generate_io_table(2, 3, 12).x);
}

}  // namespace
}  // namespace shockflow::test
