#include "fuzz/harness.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>

#include "shockflow/core/error.hpp"
#include "shockflow/model/simulation.hpp"
#include "shockflow/scenario/loader.hpp"
#include "shockflow/scenario/warnings.hpp"

namespace shockflow::fuzz {
namespace {

namespace fs = std::filesystem;

// A folder of this process for the files an input is written to, removed at exit.
const fs::path& work_dir() {
    static const fs::path dir = [] {
        const char* base = std::getenv("TMPDIR");
        std::string pattern = std::string(base != nullptr && *base != '\0' ? base : "/tmp") +
                              "/shockflow-fuzz-XXXXXX";
        if (::mkdtemp(pattern.data()) == nullptr) {
            std::perror("mkdtemp");
            std::abort();
        }
        std::atexit([] {
            std::error_code ignored;
            fs::remove_all(work_dir(), ignored);
        });
        return fs::path(pattern);
    }();
    return dir;
}

void write(const fs::path& file, std::string_view bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) std::abort();  // the harness's own failure, not a finding
}

// Small enough to simulate on every input that loads: a run costs
// milliseconds, not seconds.
bool small(const ScenarioSpec& s) {
    const double days = s.end_day - s.start_day;
    return std::isfinite(days) && days <= 60.0 && s.step_hours >= 1.0 && s.nodes.size() <= 40 &&
           s.links.size() <= 120 && s.events.size() <= 40 && s.products.size() <= 20;
}

// What a scenario that loads goes through in `shockflow run`.
void exercise(const ScenarioSpec& scenario, const PolicySpec& policy) {
    (void)scenario_warnings(scenario);
    const Simulator simulator(scenario, policy);
    if (!small(scenario)) return;
    const RunResult result = simulator.run(RunOptions{.seed = scenario.seed});
    (void)result;
}

std::string_view text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// The CSV target's scenario: products that the seeds' tables name (those of
// a generated network, of the twelve-day case and of tests/bad_config), two
// inline nodes, and the tables. No events: they would name nodes a mutated table has lost.
constexpr std::string_view kCsvScenario = R"(
[scenario]
name = "fuzz-csv"
start_day = -3
end_day = 10

[network]
nodes = "nodes.csv"
links = "links.csv"

[[product]]
id = "raw0"

[[product]]
id = "part0"

[[product]]
id = "part1"

[[product]]
id = "good0"
category = "essential"

[[product]]
id = "food"
category = "essential"

[[product]]
id = "steel"

[[product]]
id = "medicine"
category = "essential"

[[product]]
id = "hygiene"
category = "essential"

[[product]]
id = "fuel"
category = "essential"

[[product]]
id = "vehicles"

[[product]]
id = "grain"

[[product]]
id = "chemicals"

[[product]]
id = "packaging"

[[product]]
id = "crude"

[[product]]
id = "ore"

[[recipe]]
product = "part0"
inputs = { raw0 = 0.5 }

[[recipe]]
product = "good0"
inputs = { raw0 = 0.2, part0 = 0.25, part1 = 0.2 }

[[node]]
id = "p1"
kind = "park"
tags = ["north"]
capacity = { food = 10 }

[[node]]
id = "r1"
kind = "region"
population = 100
demand = { food = 1 }
)";

}  // namespace

int scenario_toml(const std::uint8_t* data, std::size_t size) {
    const fs::path file = work_dir() / "scenario.toml";
    write(file, text(data, size));
    std::optional<ScenarioSpec> scenario;
    try {
        scenario = load_scenario(file);
    } catch (const ConfigError&) {
        return 0;  // rejected with diagnostics: what bad input should get
    }
    exercise(*scenario, scenario->policy);
    return 0;
}

int csv_tables(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes = text(data, size);
    constexpr std::string_view kSeparator = "\n%%\n";
    const auto split = bytes.find(kSeparator);
    const fs::path dir = work_dir();
    write(dir / "nodes.csv", bytes.substr(0, split));
    write(dir / "links.csv", split == std::string_view::npos
                                 ? std::string_view{}
                                 : bytes.substr(split + kSeparator.size()));
    write(dir / "scenario.toml", kCsvScenario);
    std::optional<ScenarioSpec> scenario;
    try {
        scenario = load_scenario(dir / "scenario.toml");
    } catch (const ConfigError&) {
        return 0;
    }
    exercise(*scenario, scenario->policy);
    return 0;
}

int policy(const std::uint8_t* data, std::size_t size) {
    static const ScenarioSpec scenario =
        load_scenario(fs::path(SHOCKFLOW_SOURCE_DIR) / "tests" / "fuzz" / "policy_scenario.toml");
    const fs::path file = work_dir() / "policy.toml";
    write(file, text(data, size));
    std::optional<PolicySpec> loaded;
    try {
        loaded = load_policy(file, scenario);
    } catch (const ConfigError&) {
        return 0;
    }
    exercise(scenario, *loaded);  // every lever acts on a strike, a cut and a move
    return 0;
}

}  // namespace shockflow::fuzz
