// An imported input-output table: undisturbed, the default engine makes
// every industry's table output every day from day 0 where no industry buys
// its own sector from another region, the ARIO mode where some do; and the
// scenario's recipes, buys_own and link weights give back the table
// (x = (I - A)^-1 y, checked with Eigen).
#include <gtest/gtest.h>
#include <unistd.h>

#include <Eigen/Dense>
#include <algorithm>
#include <filesystem>
#include <map>

#include "shockflow/model/simulation.hpp"
#include "shockflow/scenario/generate.hpp"
#include "shockflow/scenario/io_table.hpp"
#include "shockflow/scenario/loader.hpp"
#include "unit/model/query.hpp"

namespace shockflow::testing {
namespace {

std::size_t at(Eigen::Index i) { return static_cast<std::size_t>(i); }

// "R01.S02" -> "S02".
std::string sector_of(const std::string& id) { return id.substr(id.find('.') + 1); }

// The scenario of `table` as written to files and loaded back (what a user runs).
ScenarioSpec written(const IoTable& table, const ImportOptions& options) {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const auto dir = std::filesystem::path(::testing::TempDir()) /
                     ("shockflow_io_" + std::string(info->name()) + std::to_string(::getpid()));
    write_scenario_files(import_io_table(table, options), dir);
    ScenarioSpec s = load_scenario(dir / "scenario.toml");
    std::filesystem::remove_all(dir);
    return s;
}

// The table of tests/unit/scenario/io_table_test.cpp, built in code: two
// regions (A, B), two sectors (food, steel), yearly flows; no industry buys
// its own sector from the other region.
IoTable small_table() {
    IoTable t;
    t.region = {"A", "A", "B", "B"};
    t.sector = {"food", "steel", "food", "steel"};
    t.final_demand = {"A_final_demand", "B_final_demand"};
    t.z = {{{0, 73}, {1, 109.5}, {3, 36.5}},  // bought by A.food
           {{0, 36.5}},                       // A.steel
           {{1, 36.5}, {2, 36.5}, {3, 54.75}},
           {{0, 18.25}, {2, 73}, {3, 18.25}}};
    t.y = {{{0, 365}, {1, 36.5}, {2, 36.5}}, {{0, 73}, {2, 292}, {3, 36.5}}};
    t.x = {565.75, 182.5, 438, 146};
    return t;
}

// Undisturbed, the default engine holds every industry at its table output:
// gross x / 365 a day, which it counts in net units (docs/MODEL.md,
// "Self-use"): (x - own use) / 365 = A.food (565.75 - 73) / 365 = 1.35,
// A.steel 182.5 / 365 = 0.5, B.food (438 - 36.5) / 365 = 1.1, B.steel
// (146 - 18.25) / 365 = 0.35, every day from day 0 (the written stocks start
// every holder at its target), and every final demand is met.
TEST(ImportedTable, UndisturbedOutputIsTheTablesEveryDay) {
    ImportOptions o;
    o.days = 60;
    const ScenarioSpec s = written(small_table(), o);
    const RunResult r = simulate(s, s.policy, RunOptions{});
    const std::map<std::string, double> net{
        {"A.food", 1.35}, {"A.steel", 0.5}, {"B.food", 1.1}, {"B.steel", 0.35}};
    for (int d = 0; d < 60; ++d)
        for (const auto& [node, q] : net) {
            EXPECT_NEAR(day_row(r, d, node, sector_of(node)).produced, q, 1e-9 * q)
                << node << " " << d;
        }
    EXPECT_NEAR(r.kpi.unmet_units, 0.0, 1e-12);
    EXPECT_NEAR(r.kpi.lost_output_value, 0.0, 1e-9);
    EXPECT_DOUBLE_EQ(r.kpi.fill_rate, 1.0);
}

// The industry-level coefficients the scenario holds: A_ij = recipe of j
// for i's sector x i's share of what j buys of that sector (link weights);
// j's own use is its recipe's own-sector entry, and purchases of j's sector
// from other regions are its buys_own x i's share of them (link weights).
struct Industries {
    std::vector<std::string> id;
    Eigen::MatrixXd a;
    Eigen::VectorXd x, y;
};

Industries from_scenario(const ScenarioSpec& s, double days_per_year) {
    Industries in;
    std::map<std::string, std::size_t> index;
    std::map<std::string, const NodeSpec*> plants;
    for (const NodeSpec& n : s.nodes)
        if (n.kind == NodeKind::Plant) {
            index[n.id] = in.id.size();
            in.id.push_back(n.id);
            plants[n.id] = &n;
        }
    const auto n = static_cast<Eigen::Index>(in.id.size());
    in.a = Eigen::MatrixXd::Zero(n, n);
    in.x = Eigen::VectorXd::Zero(n);
    in.y = Eigen::VectorXd::Zero(n);
    auto sector = [&](const std::string& id) { return plants.at(id)->capacity.at(0).product; };
    auto recipe = [&](const std::string& id, const std::string& p) {
        for (const ProductQty& q : *plants.at(id)->recipe)
            if (q.product == p) return q.qty;
        return 0.0;
    };
    for (const auto& [id, k] : index) {
        in.x(static_cast<Eigen::Index>(k)) = plants.at(id)->capacity.at(0).qty * days_per_year;
        in.a(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(k)) = recipe(id, sector(id));
    }
    std::map<std::pair<std::string, std::string>, double> bought;  // (buyer, sector) by links
    for (const LinkSpec& l : s.links)
        if (plants.contains(l.to)) bought[{l.to, sector(l.from)}] += *l.weight;
    for (const LinkSpec& l : s.links) {
        const auto i = static_cast<Eigen::Index>(index.at(l.from));
        if (!plants.contains(l.to)) {
            in.y(i) += *l.weight * days_per_year;
            continue;
        }
        const auto j = static_cast<Eigen::Index>(index.at(l.to));
        const std::string p = sector(l.from);
        const double a = p == sector(l.to) ? plants.at(l.to)->buys_own : recipe(l.to, p);
        in.a(i, j) = a * *l.weight / bought.at({l.to, p});
    }
    return in;
}

// A random 3 x 4 table whose industries also buy their own sector from two
// partner regions: the scenario's coefficients and final demand give the
// table's output back, x = A x + y, and x = (I - A)^-1 y.
TEST(ImportedTable, RecipesAndWeightsGiveTheTableBack) {
    const IoTable t = generate_io_table(3, 4, 5, 2);
    const Industries in = from_scenario(written(t, ImportOptions{}), 365.0);
    ASSERT_EQ(in.x.size(), 12);
    for (Eigen::Index i = 0; i < in.x.size(); ++i)
        EXPECT_NEAR(in.x(i), t.x[at(i)], 1e-12 * t.x[at(i)]);
    const Eigen::VectorXd back = in.a * in.x + in.y;
    for (Eigen::Index i = 0; i < in.x.size(); ++i) EXPECT_NEAR(back(i), in.x(i), 1e-9 * in.x(i));
    const Eigen::MatrixXd leontief = Eigen::MatrixXd::Identity(12, 12) - in.a;
    const Eigen::VectorXd solved = leontief.partialPivLu().solve(in.y);
    for (Eigen::Index i = 0; i < in.x.size(); ++i) EXPECT_NEAR(solved(i), in.x(i), 1e-9 * in.x(i));
}

// The same table in the default engine, with flows below 2 % of their
// buyer's inputs left out: its producers never order their own product, so
// purchases of it from other regions carry nothing, and the industries settle
// at g = (I - A*)^-1 y, where A* keeps only the other coefficients (and the
// own use). Every day from day 0 each makes g (1 - own use) / 365 net.
TEST(ImportedTable, DefaultEngineSettlesAtItsOwnLeontiefSolutionFromDayZero) {
    ImportOptions o;
    o.min_share = 0.02;
    o.days = 40;
    ImportReport rep;
    (void)import_io_table(generate_io_table(3, 4, 5, 2), o, &rep);
    EXPECT_GT(rep.dropped, 0u);
    EXPECT_GT(rep.same_sector, 0u);
    const ScenarioSpec s = written(generate_io_table(3, 4, 5, 2), o);
    Industries in = from_scenario(s, 365.0);
    Eigen::MatrixXd carried = in.a;
    for (Eigen::Index i = 0; i < carried.rows(); ++i)
        for (Eigen::Index j = 0; j < carried.cols(); ++j)
            if (i != j && sector_of(in.id[at(i)]) == sector_of(in.id[at(j)])) carried(i, j) = 0.0;
    const Eigen::VectorXd g =
        (Eigen::MatrixXd::Identity(12, 12) - carried).partialPivLu().solve(in.y);
    const RunResult r = simulate(s, s.policy, RunOptions{});
    for (Eigen::Index k = 0; k < 12; ++k) {
        const std::string& id = in.id[at(k)];
        const double net = g(k) * (1.0 - in.a(k, k)) / 365.0;
        EXPECT_LT(g(k), in.x(k));
        for (int d : {0, 1, 2, 10, 39})
            EXPECT_NEAR(day_row(r, d, id, sector_of(id)).produced, net, 1e-9 * net)
                << id << " day " << d;
    }
    EXPECT_NEAR(r.kpi.unmet_units, 0.0, 1e-9);
}

// The same table in the ARIO mode, every flow kept: an industry holds what
// it buys of its own sector from other regions as an input, orders it and
// is limited by it, so nothing is lost: the table's x solves x = A x + y
// with the full A (own-sector purchases included), and every day each
// industry makes x / 365, gross of its self-use as in the table. The regions keep the four days
// of stock the import writes (for the default engine): in the ARIO mode a
// region orders its whole final demand and draws on its stock only for what
// industries do not deliver, so undisturbed its stock changes nothing.
TEST(ImportedTable, ArioModeBuysTheOwnSectorFromOtherRegionsAndKeepsTheTable) {
    ImportOptions o;
    o.days = 60;
    ImportReport rep;
    const IoTable t = generate_io_table(3, 4, 5, 2);
    (void)import_io_table(t, o, &rep);
    EXPECT_GT(rep.same_sector, 0u);
    EXPECT_GT(rep.max_output_gap, 1e-3);        // the default mode settles below x
    EXPECT_LT(rep.max_output_gap_ario, 1e-12);  // the ARIO mode keeps it
    ScenarioSpec s = written(t, o);
    s.model.preset = ModelPreset::Ario;
    const auto has_stock = [](const NodeSpec& n) {
        return n.kind == NodeKind::Region && !n.stock.empty();
    };
    EXPECT_TRUE(std::any_of(s.nodes.begin(), s.nodes.end(), has_stock));
    const Industries in = from_scenario(s, 365.0);
    const Eigen::VectorXd x = (Eigen::MatrixXd::Identity(12, 12) - in.a).partialPivLu().solve(in.y);
    std::size_t own_sector = 0;  // coefficients of the own sector from other regions
    for (Eigen::Index i = 0; i < 12; ++i)
        for (Eigen::Index j = 0; j < 12; ++j)
            if (i != j && in.a(i, j) > 0.0 && sector_of(in.id[at(i)]) == sector_of(in.id[at(j)]))
                ++own_sector;
    EXPECT_GT(own_sector, 0u);
    Eigen::Index self_use = 0;  // industries using some of their own output
    for (Eigen::Index k = 0; k < 12; ++k) self_use += in.a(k, k) > 0.0 ? 1 : 0;
    EXPECT_GT(self_use, 0);
    const RunResult r = simulate(s, s.policy, RunOptions{});
    for (Eigen::Index k = 0; k < 12; ++k) {
        const std::string& id = in.id[at(k)];
        EXPECT_NEAR(x(k), t.x[at(k)], 1e-9 * t.x[at(k)]) << id;
        const double gross = x(k) / 365.0;  // self-use included (ARIO: gross output)
        for (int d = 0; d < 60; ++d)
            EXPECT_NEAR(day_row(r, d, id, sector_of(id)).produced, gross, 1e-9 * gross)
                << id << " day " << d;
    }
    EXPECT_NEAR(r.kpi.fill_rate, 1.0, 1e-9);
    EXPECT_NEAR(r.kpi.lost_output_value, 0.0, 1e-9);
}

}  // namespace
}  // namespace shockflow::testing
