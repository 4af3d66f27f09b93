// Overlays (`extends = "PATH"`) and overrides (`--set KEY=VALUE`): what they
// change, that the result is the scenario a full copy would be, and that
// every problem points at the file, line and column where it was written.

#include <string>
#include <vector>

#include "unit/scenario/support.hpp"

namespace shockflow::test {
namespace {

/// kBase with two named events and one unnamed one.
std::string base_with_events() {
    return with_base(R"([[event]]
name = "strike_p1"
kind = "strike"
target = "p1"
day = 1
capacity_loss = 0.5
repair_days = 10

[[event]]
kind = "link_cut"
link = "p1->d1"
day = 2
duration_days = 3

[[event]]
name = "panic"
kind = "demand_shock"
day = 0
duration_days = 4
multiplier = 1.5
)");
}

const NodeSpec& node(const ScenarioSpec& s, std::string_view id) {
    for (const auto& n : s.nodes) {
        if (n.id == id) return n;
    }
    ADD_FAILURE() << "no node " << id;
    return s.nodes.front();
}

double qty(const std::vector<ProductQty>& entries, std::string_view product) {
    for (const auto& e : entries) {
        if (e.product == product) return e.qty;
    }
    ADD_FAILURE() << "no entry " << product;
    return -1;
}

class Overlay : public LoaderTest {
protected:
    /// Loads `file` with `sets` (KEY=VALUE) and returns its errors.
    std::vector<Diagnostic> errors(const std::filesystem::path& file,
                                   const std::vector<std::string>& sets = {}) const {
        try {
            (void)load_scenario(file, overrides(sets));
        } catch (const ConfigError& e) {
            return e.diagnostics();
        }
        ADD_FAILURE() << "the scenario was accepted";
        return {};
    }
    static std::vector<Override> overrides(const std::vector<std::string>& sets) {
        std::vector<Override> out;
        for (const auto& s : sets) out.push_back(Override::parse(s));
        return out;
    }
    /// Expects a diagnostic holding `message` at `file`:`anchor` in `text`.
    static void expect_at(const Diagnostic& d, const std::filesystem::path& file,
                          std::string_view text, std::string_view anchor) {
        const Pos p = pos_of(text, anchor);
        EXPECT_EQ(d.loc.file.str(), file.string()) << d.format();
        EXPECT_EQ(d.loc.line, p.line) << d.format();
        EXPECT_EQ(d.loc.column, p.column) << d.format();
    }
};

TEST_F(Overlay, ChangesOnlyWhatItWrites) {
    write("base.toml", base_with_events());
    const auto file = write("what_if.toml", R"(extends = "base.toml"
remove_events = ["panic"]

[scenario]
end_day = 20

[[node]]
id = "p1"
capacity = { food = 60 }
firms = 30

[[link]]
from = "d1"
to = "r1"
capacity = 100

[[event]]
name = "strike_p1"
kind = "strike"
target = "p1"
day = 1
capacity_loss = 0.9
repair_days = 10

[[event]]
name = "strike_m1"
kind = "strike"
target = "m1"
day = 3
capacity_loss = 0.2
repair_days = 5
)");
    const ScenarioSpec s = load_scenario(file);
    EXPECT_EQ(s.name, "test");  // the base's
    EXPECT_EQ(s.end_day, 20.0);
    EXPECT_EQ(s.start_day, -14.0);
    EXPECT_EQ(node(s, "p1").firms, 30);
    EXPECT_EQ(qty(node(s, "p1").capacity, "food"), 60.0);
    EXPECT_EQ(node(s, "p1").tags, std::vector<std::string>{"north"});
    ASSERT_EQ(s.links.size(), 3U);
    EXPECT_EQ(s.links[1].capacity, 100.0);
    EXPECT_EQ(s.links[1].transit_hours, 2.0);
    // Replaced in its place, the unnamed one kept, the removed one gone, the
    // new one last.
    ASSERT_EQ(s.events.size(), 3U);
    EXPECT_EQ(s.events[0].name, "strike_p1");
    EXPECT_EQ(s.events[0].capacity_loss.p[0], 0.9);
    EXPECT_EQ(s.events[1].kind, EventKind::LinkCut);
    EXPECT_EQ(s.events[2].name, "strike_m1");
}

TEST_F(Overlay, IsTheScenarioOfTheFullCopy) {
    write("base.toml", base_with_events());
    const auto overlay = write("o.toml", R"(extends = "base.toml"
[[event]]
name = "panic"
kind = "demand_shock"
day = 0
duration_days = 4
multiplier = 2
)");
    const auto copy =
        write("copy.toml", replaced(base_with_events(), "multiplier = 1.5", "multiplier = 2"));
    const ScenarioSpec a = load_scenario(overlay);
    const ScenarioSpec b = load_scenario(copy);
    ASSERT_EQ(a.events.size(), b.events.size());
    for (std::size_t i = 0; i < a.events.size(); ++i) {
        EXPECT_EQ(a.events[i].name, b.events[i].name);
        EXPECT_EQ(a.events[i].multiplier.p[0], b.events[i].multiplier.p[0]);
    }
}

TEST_F(Overlay, ChainsApplyInOrder) {
    write("base.toml", kBase);
    write("one/a.toml", "extends = \"../base.toml\"\n[scenario]\nend_day = 20\nseed = 5\n");
    const auto file = write("b.toml", "extends = \"one/a.toml\"\n[scenario]\nseed = 7\n");
    const ScenarioSpec s = load_scenario(file);
    EXPECT_EQ(s.end_day, 20.0);
    EXPECT_EQ(s.seed, 7U);
}

TEST_F(Overlay, ACycleIsAnErrorAtItsExtends) {
    const std::string a = "extends = \"b.toml\"\n";
    const std::string b = "# b\nextends = \"a.toml\"\n";
    const auto file = write("a.toml", a);
    const auto b_file = write("b.toml", b);
    const auto all = errors(file);
    ASSERT_EQ(all.size(), 1U);
    EXPECT_NE(all[0].message.find("cycle"), std::string::npos) << all[0].format();
    expect_at(all[0], b_file, b, "\"a.toml\"");
}

TEST_F(Overlay, AMissingBaseIsAnErrorAtItsExtends) {
    const std::string text = "extends = \"nowhere.toml\"\n";
    const auto file = write("o.toml", text);
    const auto all = errors(file);
    ASSERT_EQ(all.size(), 1U);
    expect_at(all[0], file, text, "\"nowhere.toml\"");
}

TEST_F(Overlay, ErrorsPointAtTheFileThatWroteTheKey) {
    const std::string base = replaced(kBase, "firms = 40", "firms = -4");
    const auto base_file = write("base.toml", base);
    const std::string text = "extends = \"base.toml\"\n[scenario]\nend_day = \"soon\"\n";
    const auto file = write("o.toml", text);
    const auto all = errors(file);
    expect_at(LoaderTest::find(all, "firms"), base_file, base, "-4");
    expect_at(LoaderTest::find(all, "end_day"), file, text, "\"soon\"");
}

TEST_F(Overlay, RemovingAnUnknownEventSuggestsAName) {
    write("base.toml", base_with_events());
    const std::string text = "extends = \"base.toml\"\nremove_events = [\"strike_p2\"]\n";
    const auto file = write("o.toml", text);
    const Diagnostic d = LoaderTest::find(errors(file), "no event is named \"strike_p2\"");
    EXPECT_NE(d.message.find("did you mean \"strike_p1\""), std::string::npos) << d.format();
    expect_at(d, file, text, "\"strike_p2\"");
}

TEST_F(Overlay, EventNamesAreUniqueIds) {
    const std::string text =
        replaced(base_with_events(), "name = \"panic\"", "name = \"strike_p1\"");
    const auto file = write("s.toml", text);
    expect_at(LoaderTest::find(errors(file), "duplicate event name \"strike_p1\""), file, text,
              "\"strike_p1\"");
    const std::string bad = replaced(base_with_events(), "name = \"panic\"", "name = \"a b\"");
    const auto bad_file = write("bad.toml", bad);
    expect_at(LoaderTest::find(errors(bad_file), "not a valid name"), bad_file, bad, "\"a b\"");
}

TEST_F(Overlay, ANodeOfNoKindThatIsNotThereGetsAHint) {
    write("base.toml", kBase);
    const std::string text = "extends = \"base.toml\"\n[[node]]\nid = \"p2\"\nfirms = 3\n";
    const auto file = write("o.toml", text);
    const Diagnostic d = LoaderTest::find(errors(file), "no node \"p2\"");
    EXPECT_NE(d.message.find("did you mean \"p1\""), std::string::npos) << d.format();
    expect_at(d, file, text, "\"p2\"");
}

TEST_F(Overlay, AddsNodesAndLinks) {
    write("base.toml", kBase);
    const auto file = write("o.toml", R"(extends = "base.toml"
[[node]]
id = "d2"
kind = "depot"

[[link]]
from = "d1"
to = "d2"
transit_hours = 5
)");
    const ScenarioSpec s = load_scenario(file);
    EXPECT_EQ(s.nodes.back().id, "d2");
    EXPECT_EQ(s.links.back().to, "d2");
}

TEST_F(Overlay, TablesOfTheBaseResolveBesideTheBase) {
    write("case/nodes.csv", "id,kind,capacity.food\nq1,park,70\n");
    write("case/base.toml", with_base("[network]\nnodes = \"nodes.csv\"\n"));
    const auto file = write("o.toml", R"(extends = "case/base.toml"
[[node]]
id = "q1"
capacity = { food = 90 }
)");
    const ScenarioSpec s = load_scenario(file);
    EXPECT_EQ(qty(node(s, "q1").capacity, "food"), 90.0);
}

TEST_F(Overlay, SetsEachKindOfKey) {
    write("nodes.csv", "id,kind,capacity.food\nq1,park,70\n");
    const auto file = write("s.toml", base_with_events() + "[network]\nnodes = \"nodes.csv\"\n");
    const ScenarioSpec s = load_scenario(
        file,
        overrides({"scenario.end_day=40", "event.strike_p1.capacity_loss=0.8",
                   "event.strike_p1.recovery=linear", "node.p1.capacity.food=500",
                   "node.q1.capacity.food=5", "node.r1.population=2000", "link.d1->r1.capacity=50",
                   "policy.reroute=true", "event.panic.multiplier={ uniform = [1, 2] }"}));
    EXPECT_EQ(s.end_day, 40.0);
    EXPECT_EQ(s.events[0].capacity_loss.p[0], 0.8);
    EXPECT_EQ(s.events[0].recovery, Recovery::Linear);
    EXPECT_EQ(qty(node(s, "p1").capacity, "food"), 500.0);
    EXPECT_EQ(qty(node(s, "q1").capacity, "food"), 5.0);
    EXPECT_EQ(node(s, "r1").population, 2000.0);
    EXPECT_EQ(s.links[1].capacity, 50.0);
    EXPECT_TRUE(s.policy.reroute);
    EXPECT_EQ(s.events[2].multiplier.p[1], 2.0);
}

// A --set is input as a file is: the input hash (summary.json's, and the key
// of compare --resume's journal) tells runs with other sets apart.
TEST_F(Overlay, SetsArePartOfTheInputHash) {
    const auto file = write("s.toml", base_with_events());
    const std::uint64_t plain = load_scenario(file).input_hash;
    const std::uint64_t forty = load_scenario(file, overrides({"scenario.end_day=40"})).input_hash;
    const std::uint64_t fifty = load_scenario(file, overrides({"scenario.end_day=50"})).input_hash;
    EXPECT_NE(plain, forty);
    EXPECT_NE(forty, fifty);
    EXPECT_EQ(forty, load_scenario(file, overrides({"scenario.end_day=40"})).input_hash);
}

TEST_F(Overlay, SetsOfPolicyKeysChangeAPolicyFile) {
    const auto scenario = load_scenario(write("s.toml", kBase));
    const auto file = write("p.toml", "[policy]\nname = \"p\"\n");
    const PolicySpec p =
        load_policy(file, scenario, overrides({"scenario.end_day=3", "policy.reroute=true"}));
    EXPECT_TRUE(p.reroute);
}

TEST_F(Overlay, BadSetsAreReportedWhereTheyAreWritten) {
    const auto file = write("s.toml", base_with_events());
    const auto at = [&](const std::vector<std::string>& sets, std::string_view message) {
        const Diagnostic d = LoaderTest::find(errors(file, sets), message);
        EXPECT_EQ(d.loc.file.str(), "--set") << d.format();
        return d;
    };
    Diagnostic d = at({"scenario.end_day=40", "scenario.end_dya=40"}, "unknown key");
    EXPECT_EQ(d.format(),
              "--set:2:10: error: scenario.end_dya: unknown key (did you mean \"end_day\"?)");
    d = at({"event.strike_p2.day=3"}, "no event is named");
    EXPECT_EQ(d.format(),
              "--set:1:7: error: event.strike_p2.day: no event is named "
              "\"strike_p2\" (did you mean \"strike_p1\"?)");
    d = at({"node.p2.firms=3"}, "no node \"p2\"");
    EXPECT_EQ(d.loc.column, 6U);
    EXPECT_NE(d.message.find("did you mean \"p1\""), std::string::npos) << d.format();
    d = at({"link.d1->r2.capacity=3"}, "no link \"d1->r2\"");
    EXPECT_NE(d.message.find("did you mean \"d1->r1\""), std::string::npos) << d.format();
    d = at({"node.p1.firms=-3"}, "firms");
    EXPECT_EQ(d.loc.column, 15U);
    d = at({"scenario.end_day=abc"}, "expected a number");
    EXPECT_EQ(d.format(), "--set:1:18: error: scenario.end_day: expected a number (got a string)");
    d = at({"scenario.end_day=[1,"}, "invalid TOML value");
    EXPECT_EQ(d.loc.line, 1U);
    d = at({"scenaro.end_day=3"}, "unknown part");
    EXPECT_NE(d.message.find("did you mean \"scenario\""), std::string::npos) << d.format();
    d = at({"scenario.end_day"}, "expected KEY=VALUE");
    d = at({"node.p1.capacity.fod=3"}, "fod");
    EXPECT_NE(d.message.find("did you mean \"food\""), std::string::npos) << d.format();
}

}  // namespace
}  // namespace shockflow::test
