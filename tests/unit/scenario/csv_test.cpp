// The CSV reader and the [network] tables read through it.

#include "scenario/csv.hpp"

#include "unit/scenario/support.hpp"

namespace shockflow::test {
namespace {

using scenario::parse_csv;

TEST(ParseCsv, QuotedCellsHoldCommasQuotesAndLineBreaks) {
    const auto t = parse_csv("id,tags\n\"a,b\",\"say \"\"hi\"\"\"\n\"multi\nline\",x\nlast,y\n");
    EXPECT_TRUE(t.problems.empty());
    ASSERT_EQ(t.rows.size(), 3u);
    EXPECT_EQ(t.rows[0].cells[0], "a,b");
    EXPECT_EQ(t.rows[0].cells[1], "say \"hi\"");
    EXPECT_EQ(t.rows[1].cells[0], "multi\nline");
    // A record is reported at the line it starts on, even after a line break in a cell.
    EXPECT_EQ(t.rows[1].line, 3u);
    EXPECT_EQ(t.rows[2].line, 5u);
}

TEST(ParseCsv, AcceptsByteOrderMarkCrLfBlankLinesAndSpaces) {
    const auto t = parse_csv("\xEF\xBB\xBFid , kind\r\n\r\n p1 ,  park\r\n");
    EXPECT_TRUE(t.problems.empty());
    ASSERT_EQ(t.header.size(), 2u);
    EXPECT_EQ(t.header[0], "id");
    EXPECT_EQ(t.header[1], "kind");
    ASSERT_EQ(t.rows.size(), 1u);
    EXPECT_EQ(t.rows[0].cells[0], "p1");
    EXPECT_EQ(t.rows[0].cells[1], "park");
    EXPECT_EQ(t.rows[0].line, 3u);
}

TEST(ParseCsv, KeepsEmptyCells) {
    const auto t = parse_csv("a,b,c\n,,\n1,,3");
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].cells, (std::vector<std::string>{"", "", ""}));
    EXPECT_EQ(t.rows[1].cells, (std::vector<std::string>{"1", "", "3"}));
}

TEST(ParseCsv, ReportsRowsWithTheWrongCellCountAndUnterminatedQuotes) {
    const auto t = parse_csv("a,b\n1,2,3\n1,2\n\"open,4\n");
    ASSERT_EQ(t.problems.size(), 2u);
    EXPECT_EQ(t.problems[0].line, 2u);
    EXPECT_EQ(t.problems[0].message, "row has 3 cells but the header has 2");
    EXPECT_EQ(t.problems[1].line, 4u);
    EXPECT_EQ(t.rows.size(), 1u);
}

TEST(ParseCsv, EmptyTextHasNoHeader) {
    const auto t = parse_csv("\n\n");
    ASSERT_EQ(t.problems.size(), 1u);
    EXPECT_EQ(t.problems[0].message, "empty table (expected a header row)");
}

class CsvNetwork : public LoaderTest {
protected:
    /// kBase plus a [network] table naming net/nodes.csv and net/links.csv.
    std::filesystem::path write_scenario() const {
        return write("s.toml", with_base("[network]\nnodes = \"net/nodes.csv\"\n"
                                         "links = \"net/links.csv\"\n"));
    }
    /// Loads a scenario whose CSV tables must be rejected.
    std::vector<Diagnostic> csv_errors() const {
        try {
            (void)load_scenario(write_scenario());
        } catch (const ConfigError& e) {
            return e.diagnostics();
        }
        ADD_FAILURE() << "the scenario was accepted";
        return {};
    }
};

TEST_F(CsvNetwork, RowsExtendTheInlineTables) {
    write("net/nodes.csv",
          "id,kind,tags,firms,capacity.food,stock.steel,demand.food,population,stock_target_days\n"
          "p2,park,\"north; east\",12,30,5,,,3\n"
          "r3,region,south,,,,7.5,2000,\n");
    write("net/links.csv",
          "from,to,capacity,transit_hours,products\n"
          "p2,r3,40,8,\"food;steel\"\n"
          "r3,r1,10,1,\n");
    const auto spec = load_scenario(write_scenario());
    ASSERT_EQ(spec.nodes.size(), 8u);
    const NodeSpec& p2 = spec.nodes[6];
    EXPECT_EQ(p2.id, "p2");
    EXPECT_EQ(p2.kind, NodeKind::Park);
    EXPECT_EQ(p2.tags, (std::vector<std::string>{"north", "east"}));
    EXPECT_EQ(p2.firms, 12);
    ASSERT_EQ(p2.capacity.size(), 1u);
    EXPECT_EQ(p2.capacity[0].product, "food");
    EXPECT_DOUBLE_EQ(p2.capacity[0].qty, 30.0);
    ASSERT_EQ(p2.stock.size(), 1u);
    EXPECT_EQ(p2.stock[0].product, "steel");
    EXPECT_EQ(p2.stock_target_days, 3.0);
    EXPECT_EQ(p2.loc.line, 2u);
    EXPECT_EQ(p2.loc.column, 0u);
    EXPECT_EQ(p2.loc.file, (dir_ / "net/nodes.csv").lexically_normal().string());
    const NodeSpec& r3 = spec.nodes[7];
    EXPECT_FALSE(r3.stock_target_days.has_value());
    EXPECT_DOUBLE_EQ(r3.population, 2000.0);
    ASSERT_EQ(r3.demand.size(), 1u);
    EXPECT_DOUBLE_EQ(r3.demand[0].qty, 7.5);
    ASSERT_EQ(spec.links.size(), 5u);
    EXPECT_EQ(spec.links[3].products, (std::vector<std::string>{"food", "steel"}));
    EXPECT_TRUE(spec.links[4].products.empty());
    EXPECT_DOUBLE_EQ(spec.links[4].transit_hours, 1.0);
}

TEST_F(CsvNetwork, ErrorsNameTheCsvFileAndLine) {
    write("net/nodes.csv", "id,kind,capacity.food\np2,park,-3\nq,depto,\n");
    write("net/links.csv", "from,to,capacity,transit_hours\np2,nowhere,1,x\n");
    const auto diags = csv_errors();
    const std::string nodes = (dir_ / "net/nodes.csv").string();
    const auto negative = find(diags, "node \"p2\".capacity.food: must be >= 0 (got -3)");
    EXPECT_EQ(negative.format(),
              nodes + ":2: error: node \"p2\".capacity.food: must be >= 0 (got -3)");
    EXPECT_EQ(find(diags, "node \"q\".kind: unknown node kind \"depto\" (did you mean \"depot\"?)")
                  .loc.line,
              3u);
    const auto number = find(diags,
                             "link \"p2->nowhere\".transit_hours: expected a finite number "
                             "(got \"x\")");
    EXPECT_EQ(number.loc.file, (dir_ / "net/links.csv").string());
    EXPECT_EQ(number.loc.line, 2u);
    find(diags, "link \"p2->nowhere\".to: unknown node \"nowhere\"");
}

TEST_F(CsvNetwork, HeaderProblemsAreReportedOnceAtTheHeaderLine) {
    write("net/nodes.csv", "id,knd,capacity.fod,capacity.food,capacity.food\np2,park,1,2,3\n");
    write("net/links.csv", "from,to,capacity\n");
    const auto diags = csv_errors();
    EXPECT_EQ(find(diags, "column \"knd\": unknown column (did you mean \"kind\"?)").loc.line, 1u);
    find(diags, "column \"capacity.fod\": unknown product \"fod\" (did you mean \"food\"?)");
    find(diags, "column \"capacity.food\": duplicate column");
    find(diags, "column \"kind\": missing required column");
    find(diags, "column \"transit_hours\": missing required column");
}

TEST_F(CsvNetwork, MissingRequiredCellsAreReported) {
    write("net/nodes.csv", "id,kind\n,park\n");
    write("net/links.csv", "from,to,capacity,transit_hours\np1,r1,5,\n");
    const auto diags = csv_errors();
    EXPECT_EQ(find(diags, "node (no id).id: missing required value").loc.line, 2u);
    find(diags, "link \"p1->r1\".transit_hours: missing required value");
}

TEST_F(CsvNetwork, DuplicateIdAcrossInlineAndCsvIsAnError) {
    write("net/nodes.csv", "id,kind\nd1,depot\n");
    write("net/links.csv", "from,to,capacity,transit_hours\nd1,r1,5,1\n");
    const auto diags = csv_errors();
    const auto d = find(diags, "duplicate node id");
    EXPECT_EQ(d.message, "node \"d1\".id: duplicate node id \"d1\" (first defined at " +
                             (dir_ / "s.toml").string() + ":32)");
    EXPECT_EQ(d.loc.line, 2u);
    find(diags, "link \"d1->r1\": duplicate link \"d1->r1\"");
}

TEST_F(CsvNetwork, MisplacedKindKeysInCsvAreErrors) {
    write("net/nodes.csv", "id,kind,firms,population,demand.food\nd2,depot,3,,\nr3,region,,,4\n");
    write("net/links.csv", "from,to,capacity,transit_hours\n");
    const auto diags = csv_errors();
    EXPECT_EQ(find(diags, "node \"d2\".firms: not allowed on a depot node").loc.line, 2u);
    EXPECT_EQ(
        find(diags, "node \"r3\".population: a region with demand needs population > 0").loc.line,
        3u);
}

TEST_F(CsvNetwork, MissingCsvFileIsReportedWhereItIsNamed) {
    write("net/links.csv", "from,to,capacity,transit_hours\n");
    const auto path = write_scenario();
    try {
        (void)load_scenario(path);
        FAIL() << "accepted";
    } catch (const ConfigError& e) {
        const auto& d = e.diagnostics().at(0);
        EXPECT_EQ(d.message, "network.nodes: cannot open file \"" +
                                 (dir_ / "net/nodes.csv").string() +
                                 "\": no such file or directory");
        EXPECT_EQ(d.loc.file, path.string());
        EXPECT_GT(d.loc.line, 60u);
        EXPECT_EQ(d.loc.column, 9u);
    }
}

TEST_F(CsvNetwork, CsvPathsJoinTheScenarioDirectoryAsGiven) {
    // The scenario is named by a relative path; CSV locations keep it relative.
    write("net/nodes.csv", "id,kind,firms\np2,park,x\n");
    write("net/links.csv", "from,to,capacity,transit_hours\n");
    const auto absolute = write_scenario();
    const auto relative = std::filesystem::relative(absolute);
    ASSERT_TRUE(relative.is_relative());
    try {
        (void)load_scenario(relative);
        FAIL() << "accepted";
    } catch (const ConfigError& e) {
        const auto& d = e.diagnostics().at(0);
        EXPECT_EQ(d.loc.file,
                  (relative.parent_path() / "net/nodes.csv").lexically_normal().string());
        EXPECT_EQ(d.loc.line, 2u);
    }
}

TEST_F(CsvNetwork, InputHashCoversTheCsvBytes) {
    write("net/nodes.csv", "id,kind\np2,park\n");
    write("net/links.csv", "from,to,capacity,transit_hours\n");
    const auto first = load_scenario(write_scenario()).input_hash;
    write("net/nodes.csv", "id,kind\np3,park\n");
    const auto second = load_scenario(write_scenario()).input_hash;
    EXPECT_NE(first, second);
    const std::string toml = with_base(
        "[network]\nnodes = \"net/nodes.csv\"\n"
        "links = \"net/links.csv\"\n");
    // FNV-1a chained in reading order: scenario, nodes table, links table.
    const auto expected =
        fnv1a("from,to,capacity,transit_hours\n", fnv1a("id,kind\np3,park\n", fnv1a(toml)));
    EXPECT_EQ(second, expected);
}

}  // namespace
}  // namespace shockflow::test
