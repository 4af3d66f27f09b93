// Golden KPIs: every scenario under scenarios/ (with each of its policy files)
// must reproduce the KPIs recorded in tests/scenarios/golden/. A change in a
// number is either a bug or a deliberate model change; for the latter,
// regenerate with SHOCKFLOW_UPDATE_GOLDEN=1 and review the diff.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "shockflow/model/simulation.hpp"
#include "shockflow/scenario/loader.hpp"

namespace shockflow {
namespace {

namespace fs = std::filesystem;
const fs::path kRoot(SHOCKFLOW_SOURCE_DIR);

struct Case {
    std::string name;  // golden file stem
    fs::path scenario;
    fs::path policy;  // empty: the scenario's own
};

std::vector<Case> cases() {
    const fs::path twelve = kRoot / "scenarios" / "twelve_day_conflict";
    std::vector<Case> out{{"minimal", kRoot / "scenarios" / "minimal" / "scenario.toml", {}}};
    for (const char* p : {"none", "ministry", "depots", "displaced_first"})
        out.push_back({std::string("twelve_day_conflict.") + p, twelve / "scenario.toml",
                       twelve / "policies" / (std::string(p) + ".toml")});
    return out;
}

nlohmann::ordered_json kpis_of(const Case& c) {
    const ScenarioSpec s = load_scenario(c.scenario);
    const PolicySpec p = c.policy.empty() ? s.policy : load_policy(c.policy, s);
    const RunResult r = simulate(s, p, RunOptions{s.seed, false});
    nlohmann::ordered_json j;
    for (const auto& [name, value] : r.kpi.list()) j[std::string(name)] = value;
    return j;
}

class Golden : public ::testing::TestWithParam<Case> {};

TEST_P(Golden, KpisMatchTheRecordedValues) {
    const Case& c = GetParam();
    const fs::path file = kRoot / "tests" / "scenarios" / "golden" / (c.name + ".json");
    const nlohmann::ordered_json now = kpis_of(c);
    if (std::getenv("SHOCKFLOW_UPDATE_GOLDEN") != nullptr) {
        std::ofstream(file) << now.dump(2) << '\n';
        GTEST_SKIP() << "rewrote " << file.filename();
    }
    std::ifstream in(file);
    ASSERT_TRUE(in) << "no golden file " << file << " (run with SHOCKFLOW_UPDATE_GOLDEN=1)";
    const auto golden = nlohmann::ordered_json::parse(in);
    // Every KPI recorded must still be computed and match. A file recorded
    // before a KPI was added lacks that KPI; it is checked once the file is
    // regenerated.
    ASSERT_LE(golden.size(), now.size());
    for (const auto& [key, value] : golden.items()) {
        ASSERT_TRUE(now.contains(key)) << key << " is recorded but no longer computed";
        const double want = value.get<double>(), got = now.at(key).get<double>();
        EXPECT_LE(std::abs(got - want), 1e-9 * std::max(1.0, std::abs(want))) << key;
    }
}

// Test names from the golden file stems ('.' is not allowed in them).
std::string case_name(const ::testing::TestParamInfo<Case>& param) {
    std::string n = param.param.name;
    for (char& ch : n)
        if (ch == '.') ch = '_';
    return n;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, Golden, ::testing::ValuesIn(cases()), case_name);

}  // namespace
}  // namespace shockflow
