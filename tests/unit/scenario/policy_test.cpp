// [policy] tables: in a scenario and in standalone policy files.

#include "unit/scenario/support.hpp"

namespace shockflow::test {
namespace {

class Policy : public LoaderTest {
protected:
    ScenarioSpec base() const { return load_scenario(write("s.toml", kBase)); }

    /// Loads `text` as a policy file that must be rejected.
    std::vector<Diagnostic> policy_errors(std::string_view text) const {
        const auto scenario = base();
        try {
            (void)load_policy(write("p.toml", text), scenario);
        } catch (const ConfigError& e) {
            return e.diagnostics();
        }
        ADD_FAILURE() << "the policy was accepted";
        return {};
    }
};

constexpr std::string_view kEveryLever = R"([policy]
name = "prepared"
prestock = { products = ["essential", "steel"], from_day = -12, until_day = 2, uplift = 0.3, target_days = 9 }
stock_target_days = { essential = 7, steel = 10 }
allocation = "priority"
priority = ["r1", "tag:south"]
reroute = true
surge_capacity = 0.15
repair_crews = 3
repair_speedup = { from_day = 12, factor = 2.5 }
holding_cost = { essential = 0.01 }
)";

TEST_F(Policy, FileWithEveryLeverLoads) {
    const auto path = write("prepared_policy.toml", kEveryLever);
    const PolicySpec p = load_policy(path, base());
    EXPECT_EQ(p.name, "prepared");
    EXPECT_EQ(p.file, path.string());
    ASSERT_TRUE(p.prestock.has_value());
    EXPECT_EQ(p.prestock->products, (std::vector<std::string>{"essential", "steel"}));
    EXPECT_DOUBLE_EQ(p.prestock->from_day, -12.0);
    EXPECT_DOUBLE_EQ(p.prestock->until_day, 2.0);
    EXPECT_DOUBLE_EQ(p.prestock->uplift, 0.3);
    EXPECT_DOUBLE_EQ(p.prestock->target_days, 9.0);
    ASSERT_EQ(p.stock_target_days.size(), 2u);
    EXPECT_EQ(p.stock_target_days[0].key, "essential");  // file order, not alphabetical
    EXPECT_DOUBLE_EQ(p.stock_target_days[1].value, 10.0);
    EXPECT_EQ(p.allocation, Allocation::Priority);
    EXPECT_EQ(p.priority, (std::vector<std::string>{"r1", "tag:south"}));
    EXPECT_TRUE(p.reroute);
    EXPECT_DOUBLE_EQ(p.surge_capacity, 0.15);
    EXPECT_EQ(p.repair_crews, 3);
    ASSERT_TRUE(p.repair_speedup.has_value());
    EXPECT_DOUBLE_EQ(p.repair_speedup->factor, 2.5);
    ASSERT_EQ(p.holding_cost.size(), 1u);
    EXPECT_DOUBLE_EQ(p.holding_cost[0].value, 0.01);
    EXPECT_EQ(p.loc.line, 1u);
}

TEST_F(Policy, NameDefaultsToTheFileStem) {
    const PolicySpec p =
        load_policy(write("reroute_only.toml", "[policy]\nreroute = true\n"), base());
    EXPECT_EQ(p.name, "reroute_only");
    EXPECT_FALSE(p.prestock.has_value());
    EXPECT_EQ(p.allocation, Allocation::Proportional);
    EXPECT_FALSE(p.repair_crews.has_value());
}

TEST_F(Policy, ScenarioPolicyIsNoneWhenAbsentAndScenarioWhenUnnamed) {
    EXPECT_EQ(base().policy.name, "none");
    EXPECT_FALSE(base().policy.reroute);
    const auto spec = load_scenario(write("s2.toml", with_base("[policy]\nreroute = true\n")));
    EXPECT_EQ(spec.policy.name, "scenario");
    EXPECT_TRUE(spec.policy.reroute);
    EXPECT_EQ(spec.policy.file, "");
}

TEST_F(Policy, FileHoldsOnlyAPolicyTable) {
    const auto text = "[policy]\nreroute = true\n[scenario]\nname = \"x\"\n";
    const auto d = find(policy_errors(text), "unknown key");
    EXPECT_EQ(d.message, "scenario: unknown key (expected one of: policy)");
    EXPECT_EQ(d.loc.line, 3u);
    const auto missing = find(policy_errors("name = \"x\"\n"), "missing required table");
    EXPECT_EQ(missing.message, "policy: missing required table [policy]");
}

TEST_F(Policy, UnknownLeverSuggestsClosest) {
    const std::string text = "[policy]\nrerout = true\n";
    const auto d = find(policy_errors(text), "unknown key");
    EXPECT_EQ(d.message, "policy.rerout: unknown key (did you mean \"reroute\"?)");
    EXPECT_EQ(d.loc.line, 2u);
    EXPECT_EQ(d.loc.column, 1u);
}

TEST_F(Policy, AllocationMustBeKnown) {
    const std::string text = "[policy]\nallocation = \"fair\"\n";
    const auto d = find(policy_errors(text), "unknown allocation");
    EXPECT_EQ(d.message,
              "policy.allocation: unknown allocation \"fair\" (expected one of: "
              "proportional, priority, fair_share)");
    EXPECT_EQ(d.loc.column, pos_of(text, "\"fair\"").column);
}

TEST_F(Policy, PriorityAllocationNeedsAPriorityList) {
    const auto d = find(policy_errors("[policy]\nallocation = \"priority\"\n"), "needs a");
    EXPECT_EQ(d.loc.line, 2u);
}

TEST_F(Policy, ReferencesResolveAgainstTheScenario) {
    const std::string text = R"([policy]
prestock = { products = ["esential"] }
stock_target_days = { stel = 3 }
priority = ["r9", "tag:west"]
holding_cost = { food = -1 }
)";
    const auto diags = policy_errors(text);
    EXPECT_EQ(find(diags,
                   "policy.prestock.products[0]: unknown product or category \"esential\" "
                   "(did you mean \"essential\"?)")
                  .loc.line,
              2u);
    EXPECT_EQ(find(diags, "policy.stock_target_days.stel: unknown product or category").loc.column,
              pos_of(text, "stel").column);
    find(diags, "policy.priority[0]: unknown node \"r9\" (did you mean \"r1\"?)");
    find(diags, "policy.priority[1]: no node carries tag \"west\"");
    find(diags, "policy.holding_cost.food: must be >= 0 (got -1)");
}

TEST_F(Policy, LeverRangesAreChecked) {
    const std::string text = R"([policy]
prestock = { products = ["food"], uplift = -0.1, from_day = 3 }
surge_capacity = -1
repair_crews = 0
repair_speedup = { factor = 0 }
)";
    const auto diags = policy_errors(text);
    find(diags, "policy.prestock.uplift: must be >= 0 (got -0.1)");
    find(diags, "policy.prestock.from_day: must be < until_day (got 3 >= 0)");
    find(diags, "policy.surge_capacity: must be >= 0 (got -1)");
    EXPECT_EQ(find(diags, "policy.repair_crews: must be >= 1 (got 0)").loc.line, 4u);
    EXPECT_EQ(find(diags, "policy.repair_speedup.factor: must be > 0 (got 0)").loc.column,
              pos_of(text, "0 }").column);
}

TEST_F(Policy, PrestockUntilDayDefaultsToDayZeroAndFollowsFromDay) {
    const auto p =
        load_policy(write("p.toml", "[policy]\nprestock = { products = [\"food\"] }\n"), base());
    ASSERT_TRUE(p.prestock.has_value());
    EXPECT_DOUBLE_EQ(p.prestock->from_day, -10.0);
    EXPECT_DOUBLE_EQ(p.prestock->until_day, 0.0);
    const std::string text =
        "[policy]\nprestock = { products = [\"food\"], from_day = -5, until_day = -6 }\n";
    const auto d = find(policy_errors(text), "until_day");
    EXPECT_EQ(d.message, "policy.prestock.until_day: must be > from_day (got -6 <= -5)");
    EXPECT_EQ(d.loc.column, pos_of(text, "-6").column);
}

TEST_F(Policy, MissingFileIsAConfigErrorWithoutALine) {
    try {
        (void)load_policy(dir_ / "nope.toml", base());
        FAIL() << "accepted";
    } catch (const ConfigError& e) {
        ASSERT_EQ(e.diagnostics().size(), 1u);
        EXPECT_EQ(
            e.diagnostics()[0].format(),
            (dir_ / "nope.toml").string() + ": error: cannot open file: no such file or directory");
    }
}

}  // namespace
}  // namespace shockflow::test
