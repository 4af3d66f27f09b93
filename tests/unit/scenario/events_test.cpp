// [[event]] tables: kinds, targets, references and distributions.

#include <cmath>

#include "unit/scenario/support.hpp"

namespace shockflow::test {
namespace {

using Events = LoaderTest;

class EventsTest : public LoaderTest {
protected:
    EventSpec load_event(std::string_view event) const {
        const auto spec = load_scenario(write("s.toml", with_base(event)));
        EXPECT_EQ(spec.events.size(), 1u);
        return spec.events.empty() ? EventSpec{} : spec.events.front();
    }
};

using EventKeys = EventsTest;

TEST_F(EventKeys, StrikeReadsEveryKey) {
    const auto e = load_event(R"([[event]]
kind = "strike"
target = "p1"
day = 2
capacity_loss = 0.6
firms_damaged = 0.3
repair_days = 10
recovery = "linear"
)");
    EXPECT_EQ(e.kind, EventKind::Strike);
    EXPECT_EQ(e.target, "p1");
    EXPECT_TRUE(e.day.is_fixed());
    EXPECT_DOUBLE_EQ(e.day.p[0], 2.0);
    EXPECT_DOUBLE_EQ(e.capacity_loss.p[0], 0.6);
    ASSERT_TRUE(e.firms_damaged.has_value());
    EXPECT_DOUBLE_EQ(e.firms_damaged->p[0], 0.3);
    EXPECT_DOUBLE_EQ(e.repair_days.p[0], 10.0);
    EXPECT_EQ(e.recovery, Recovery::Linear);
}

TEST_F(EventKeys, StrikeWithoutFirmsDamagedLeavesItUnsetAndRecoveryStep) {
    const auto e = load_event(
        "[[event]]\nkind = \"strike\"\ntarget = \"tag:north\"\nday = 0\ncapacity_loss = 1\n"
        "repair_days = 3\n");
    EXPECT_EQ(e.target, "tag:north");
    EXPECT_FALSE(e.firms_damaged.has_value());
    EXPECT_EQ(e.recovery, Recovery::Step);
}

TEST_F(EventKeys, LinkCutDefaultsToTotalLoss) {
    const auto e = load_event(
        "[[event]]\nkind = \"link_cut\"\nlink = \"p1->d1\"\nday = 1.5\nduration_days = 4\n");
    EXPECT_EQ(e.kind, EventKind::LinkCut);
    EXPECT_EQ(e.link, "p1->d1");
    EXPECT_DOUBLE_EQ(e.day.p[0], 1.5);
    EXPECT_DOUBLE_EQ(e.duration_days.p[0], 4.0);
    EXPECT_DOUBLE_EQ(e.capacity_loss.p[0], 1.0);
}

TEST_F(EventKeys, DemandShockSelectsRegionsAndProducts) {
    const auto e = load_event(
        "[[event]]\nkind = \"demand_shock\"\nregion = \"tag:south\"\nproduct = \"essential\"\n"
        "day = 0\nduration_days = 3\nmultiplier = 1.8\n");
    EXPECT_EQ(e.region, "tag:south");
    EXPECT_EQ(e.product, "essential");
    EXPECT_DOUBLE_EQ(e.multiplier.p[0], 1.8);
    const auto all = load_event(
        "[[event]]\nkind = \"demand_shock\"\nregion = \"*\"\nday = 0\nduration_days = 3\n"
        "multiplier = 2\n");
    EXPECT_EQ(all.region, "*");
    EXPECT_EQ(all.product, "*");
}

TEST_F(EventKeys, DisplacementAndLaborShock) {
    const auto d = load_event(
        "[[event]]\nkind = \"displacement\"\nfrom = \"r1\"\nto = \"r2\"\nshare = 0.25\nday = 1\n"
        "over_days = 5\n");
    EXPECT_EQ(d.from, "r1");
    EXPECT_EQ(d.to, "r2");
    EXPECT_DOUBLE_EQ(d.share.p[0], 0.25);
    EXPECT_DOUBLE_EQ(d.over_days.p[0], 5.0);
    const auto l = load_event(
        "[[event]]\nkind = \"labor_shock\"\ntarget = \"any:north\"\ncount = 2\nday = 0\n"
        "duration_days = 7\nabsent_share = 0.2\n");
    EXPECT_EQ(l.kind, EventKind::LaborShock);
    EXPECT_EQ(l.target, "any:north");
    EXPECT_EQ(l.count, 2);
    EXPECT_DOUBLE_EQ(l.absent_share.p[0], 0.2);
}

TEST_F(Events, UnknownKindSuggestsClosest) {
    const auto text = with_base("[[event]]\nkind = \"strik\"\n");
    const auto d = expect_error_at(text, "\"strik\"", "unknown event kind");
    EXPECT_EQ(d.message, "event[0].kind: unknown event kind \"strik\" (did you mean \"strike\"?)");
}

TEST_F(Events, RequiredKeysOfTheKindAreChecked) {
    const auto text = with_base(
        "[[event]]\nkind = \"labor_shock\"\ntarget = \"p1\"\nday = 0\n"
        "absent_share = 0.5\n");
    const auto d = expect_error_at(text, "[[event]]", "missing required key");
    EXPECT_EQ(d.message, "event[0]: missing required key \"duration_days\"");
}

TEST_F(Events, StrikeTargetsAProducer) {
    const auto text = with_base(
        "[[event]]\nkind = \"strike\"\ntarget = \"r1\"\nday = 0\n"
        "capacity_loss = 1\nrepair_days = 2\n");
    const auto d = expect_error_at(text, "\"r1\"", "is a region");
    EXPECT_EQ(d.message,
              "event[0].target: node \"r1\" is a region (expected a park, plant or source)");
}

TEST_F(Events, TagTargetsNeedANodeCarryingTheTag) {
    const auto text = with_base(
        "[[event]]\nkind = \"strike\"\ntarget = \"tag:nort\"\nday = 0\n"
        "capacity_loss = 1\nrepair_days = 2\n");
    const auto d = expect_error_at(text, "\"tag:nort\"", "no node carries tag");
    EXPECT_EQ(d.message, "event[0].target: no node carries tag \"nort\" (did you mean \"north\"?)");
}

TEST_F(Events, AnyTargetNeedsACount) {
    const auto text = with_base(
        "[[event]]\nkind = \"strike\"\ntarget = \"any:north\"\nday = 0\n"
        "capacity_loss = 1\nrepair_days = 2\n");
    expect_error_at(text, "[[event]]", "event[0]: missing required key \"count\"");
}

TEST_F(Events, AnyTargetCountMustNotExceedTheTaggedNodes) {
    const auto text = with_base(
        "[[event]]\nkind = \"strike\"\ntarget = \"any:north\"\ncount = 3\n"
        "day = 0\ncapacity_loss = 1\nrepair_days = 2\n");
    const auto d = expect_error_at(text, "3\nday", "distinct nodes");
    EXPECT_EQ(d.message,
              "event[0].count: asks for 3 distinct nodes but only 2 carry tag \"north\"");
}

TEST_F(Events, AnyTargetCountMustBeAtLeastOne) {
    const auto text = with_base(
        "[[event]]\nkind = \"strike\"\ntarget = \"any:north\"\ncount = 0\n"
        "day = 0\ncapacity_loss = 1\nrepair_days = 2\n");
    expect_error_at(text, "0\nday", "event[0].count: must be >= 1 (got 0)");
}

TEST_F(Events, CountWithoutAnyTargetIsAnError) {
    const auto text = with_base(
        "[[event]]\nkind = \"strike\"\ntarget = \"p1\"\ncount = 1\n"
        "day = 0\ncapacity_loss = 1\nrepair_days = 2\n");
    expect_error_at(text, "1\nday",
                    "event[0].count: only allowed with a target written \"any:TAG\"");
}

TEST_F(Events, LinkCutNamesAnExistingLink) {
    const auto text = with_base(
        "[[event]]\nkind = \"link_cut\"\nlink = \"p1->d2\"\nday = 0\nduration_days = 1\n");
    const auto d = expect_error_at(text, "\"p1->d2\"", "unknown link");
    EXPECT_EQ(d.message, "event[0].link: unknown link \"p1->d2\" (did you mean \"p1->d1\"?)");
    const auto bad = with_base(
        "[[event]]\nkind = \"link_cut\"\nlink = \"p1 to d1\"\nday = 0\nduration_days = 1\n");
    expect_error_at(bad, "\"p1 to d1\"", "expected a link written \"FROM->TO\"");
}

TEST_F(Events, DemandShockRegionAndProductMustResolve) {
    const auto text = with_base(
        "[[event]]\nkind = \"demand_shock\"\nregion = \"p1\"\nproduct = \"medicine\"\nday = 0\n"
        "duration_days = 1\nmultiplier = 2\n");
    const auto diags = scenario_errors(text);
    EXPECT_EQ(find(diags, "event[0].region: node \"p1\" is a park (expected a region)").loc.line,
              pos_of(text, "\"p1\"\nproduct").line);
    const auto product = find(diags, "event[0].product: unknown product or category \"medicine\"");
    EXPECT_EQ(product.loc.column, pos_of(text, "\"medicine\"").column);
}

TEST_F(Events, DisplacementMovesPeopleBetweenTwoRegions) {
    const auto text = with_base(
        "[[event]]\nkind = \"displacement\"\nfrom = \"r1\"\nto = \"d1\"\n"
        "share = 0.1\nday = 0\n");
    expect_error_at(text, "\"d1\"\nshare",
                    "event[0].to: node \"d1\" is a depot (expected a region)");
    const auto same = with_base(
        "[[event]]\nkind = \"displacement\"\nfrom = \"r1\"\nto = \"r1\"\n"
        "share = 0.1\nday = 0\n");
    expect_error_at(same, "\"r1\"\nshare", "people must move to another region");
}

TEST_F(Events, SharesMustLieBetweenZeroAndOne) {
    const auto text = with_base(
        "[[event]]\nkind = \"strike\"\ntarget = \"p1\"\nday = 0\n"
        "capacity_loss = 1.5\nrepair_days = 2\n");
    const auto d = expect_error_at(text, "1.5", "between 0 and 1");
    EXPECT_EQ(d.message, "event[0].capacity_loss: must be between 0 and 1 (got 1.5)");
}

TEST_F(Events, UnknownRecoverySuggestsClosest) {
    const auto text = with_base(
        "[[event]]\nkind = \"strike\"\ntarget = \"p1\"\nday = 0\n"
        "capacity_loss = 1\nrepair_days = 2\nrecovery = \"linar\"\n");
    expect_error_at(text, "\"linar\"", "unknown recovery \"linar\" (did you mean \"linear\"?)");
}

// --- distributions ------------------------------------------------------------

using Distributions = EventsTest;

TEST_F(Distributions, EveryShapeParses) {
    const auto e = load_event(R"([[event]]
kind = "strike"
target = "p1"
day = { uniform = [0, 4] }
capacity_loss = { beta = [2, 5] }
firms_damaged = { normal = [0.5, 0.1], min = 0, max = 1 }
repair_days = { triangular = [5, 10, 30] }
)");
    using K = Distribution::Kind;
    EXPECT_EQ(e.day.kind, K::Uniform);
    EXPECT_DOUBLE_EQ(e.day.p[1], 4.0);
    EXPECT_EQ(e.capacity_loss.kind, K::Beta);
    EXPECT_DOUBLE_EQ(e.capacity_loss.p[0], 2.0);
    ASSERT_TRUE(e.firms_damaged.has_value());
    EXPECT_EQ(e.firms_damaged->kind, K::Normal);
    EXPECT_DOUBLE_EQ(e.firms_damaged->p[1], 0.1);
    EXPECT_DOUBLE_EQ(e.firms_damaged->min, 0.0);
    EXPECT_DOUBLE_EQ(e.firms_damaged->max, 1.0);
    EXPECT_EQ(e.repair_days.kind, K::Triangular);
    EXPECT_DOUBLE_EQ(e.repair_days.p[2], 30.0);
    EXPECT_GT(e.repair_days.loc.line, 0u);
}

TEST_F(Distributions, NormalWithoutBoundsIsUnboundedWhereAnyValueIsAllowed) {
    const auto e = load_event(
        "[[event]]\nkind = \"strike\"\ntarget = \"p1\"\n"
        "day = { normal = [3, 1] }\ncapacity_loss = 1\nrepair_days = 1\n");
    EXPECT_EQ(e.day.kind, Distribution::Kind::Normal);
    EXPECT_TRUE(std::isinf(e.day.min));
}

TEST_F(Distributions, InvalidParametersAreRejected) {
    const auto text = with_base(R"([[event]]
kind = "strike"
target = "p1"
day = { uniform = [4, 1] }
capacity_loss = { beta = [0, 1] }
firms_damaged = { triangular = [0.1, 0.9, 0.5] }
repair_days = { normal = [5, -1], min = 0 }
)");
    const auto diags = scenario_errors(text);
    EXPECT_EQ(find(diags, "event[0].day.uniform: a must be <= b (got [4, 1])").loc.column,
              pos_of(text, "[4, 1]").column);
    EXPECT_EQ(find(diags, "event[0].capacity_loss.beta: a and b must be > 0").loc.line,
              pos_of(text, "[0, 1]").line);
    find(diags, "event[0].firms_damaged.triangular: must have lo <= mode <= hi");
    find(diags, "event[0].repair_days.normal: sigma must be >= 0");
}

TEST_F(Distributions, ShareSupportIsCheckedOnTheWholeRange) {
    const auto text = with_base(R"([[event]]
kind = "strike"
target = "p1"
day = 0
capacity_loss = { uniform = [0.5, 1.5] }
firms_damaged = { normal = [0.5, 0.1] }
repair_days = { triangular = [-1, 2, 3] }
)");
    const auto diags = scenario_errors(text);
    const auto uniform = find(diags,
                              "event[0].capacity_loss: every draw must be between 0 and 1, "
                              "but this uniform ranges over [0.5, 1.5]");
    EXPECT_EQ(uniform.loc.column, pos_of(text, "{ uniform = [0.5").column);
    find(diags,
         "event[0].firms_damaged: every draw must be between 0 and 1: give the normal min "
         ">= 0 and max <= 1");
    find(diags,
         "event[0].repair_days: every draw must be >= 0, but this triangular ranges over "
         "[-1, 3]");
}

TEST_F(Distributions, NormalBoundsMustBeOrderedAndOnlyOnNormal) {
    const auto text = with_base(R"([[event]]
kind = "strike"
target = "p1"
day = { normal = [0, 1], min = 2, max = 1 }
capacity_loss = { uniform = [0, 1], max = 1 }
repair_days = 1
)");
    const auto diags = scenario_errors(text);
    find(diags, "event[0].day.max: must be >= min (got min = 2, max = 1)");
    find(diags, "event[0].capacity_loss.max: only a normal distribution takes min and max");
}

TEST_F(Distributions, ExactlyOneShapePerTable) {
    const auto text = with_base(
        "[[event]]\nkind = \"strike\"\ntarget = \"p1\"\nday = { uniform = [0, 1], beta = [1, 1] "
        "}\ncapacity_loss = 1\nrepair_days = { }\n");
    const auto diags = scenario_errors(text);
    find(diags, "event[0].day: expected exactly one of uniform, triangular, normal, beta (got 2)");
    find(diags,
         "event[0].repair_days: expected exactly one of uniform, triangular, normal, beta "
         "(got 0)");
}

TEST_F(Distributions, WrongParameterCountNamesTheForm) {
    const auto text = with_base(
        "[[event]]\nkind = \"strike\"\ntarget = \"p1\"\n"
        "day = { triangular = [0, 1] }\ncapacity_loss = 1\nrepair_days = 1\n");
    expect_error_at(text, "[0, 1]",
                    "event[0].day.triangular: expected 3 numbers [lo, mode, hi] (got an array)");
}

}  // namespace
}  // namespace shockflow::test
