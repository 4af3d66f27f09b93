// Damaged input never crashes the program: the shipped scenarios, with random
// edits (characters inserted, deleted or replaced by tokens that trip parsers
// and range checks), either load or fail with a ConfigError whose every
// diagnostic names a file of the damaged copy, and whatever loads also runs.
// A fixed seed keeps the edits the same from run to run; a failure prints the
// edited text.
#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <pcg_random.hpp>
#include <sstream>
#include <string>

#include "shockflow/core/error.hpp"
#include "shockflow/model/simulation.hpp"
#include "shockflow/scenario/loader.hpp"
#include "unit/io/temp_dir.hpp"

namespace shockflow {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

constexpr std::array<const char*, 22> kTokens{
    "-1",   "0",    "1e308", "nan", "inf", "\"\"", "x",     "[",  "]",
    "{",    "}",    ",",     "=",   "\n",  "#",    "\"a\"", "-0", "99999999999999999999",
    "true", "tag:", "any:",  ":"};

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// One to three edits at random places of `text`.
std::string mutate(std::string text, pcg32& rng) {
    const int edits = 1 + static_cast<int>(rng(3));
    for (int e = 0; e < edits && !text.empty(); ++e) {
        const auto at = rng(static_cast<std::uint32_t>(text.size()));
        const std::string token = kTokens[rng(static_cast<std::uint32_t>(kTokens.size()))];
        const auto span = std::min<std::size_t>(text.size() - at, 1 + rng(8));
        switch (rng(3)) {
            case 0:
                text.insert(at, token);
                break;
            case 1:
                text.erase(at, span);
                break;
            default:
                text.replace(at, span, token);
                break;
        }
    }
    return text;
}

// Copies `dir` (the scenario and its tables) into `into`, damaging `victim`.
void damaged_copy(const fs::path& dir, const fs::path& into, const std::string& victim, pcg32& rng,
                  std::string& damaged) {
    fs::create_directories(into);
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        std::string text = read(entry.path());
        if (entry.path().filename() == victim) text = damaged = mutate(text, rng);
        std::ofstream(into / entry.path().filename(), std::ios::binary) << text;
    }
}

struct Outcomes {
    int loaded = 0, rejected = 0;
};

// Loads (and, if `run`, simulates) `trials` damaged copies of `victim`.
Outcomes check_damage(const std::string& scenario_dir, const std::string& victim, int trials,
                      bool run, std::uint64_t seed) {
    const fs::path dir = fs::path(SHOCKFLOW_SOURCE_DIR) / "scenarios" / scenario_dir;
    pcg32 rng(seed);
    TempDir tmp;
    Outcomes out;
    for (int t = 0; t < trials; ++t) {
        const fs::path copy = tmp.path() / std::to_string(t);
        std::string damaged;
        damaged_copy(dir, copy, victim, rng, damaged);
        SCOPED_TRACE("trial " + std::to_string(t) + ", " + victim + ":\n" + damaged);
        try {
            const ScenarioSpec s = load_scenario(copy / "scenario.toml");
            ++out.loaded;
            if (run) {
                const RunResult r = simulate(s, s.policy, RunOptions{});
                EXPECT_GE(r.kpi.fill_rate, 0.0);
            }
        } catch (const ConfigError& e) {
            ++out.rejected;
            EXPECT_FALSE(e.diagnostics().empty());
            for (const Diagnostic& d : e.diagnostics())  // a file of this copy
                EXPECT_EQ(d.loc.file.str().rfind(copy.string(), 0), 0u) << d.format();
        }
        fs::remove_all(copy);
    }
    return out;
}

// The scenario files are mostly comments and spacing, so some edits leave
// them valid: both outcomes must occur, and the valid ones run.
TEST(DamagedInput, MinimalScenarioLoadsAndRunsOrIsRejected) {
    const Outcomes o = check_damage("minimal", "scenario.toml", 150, true, 1);
    EXPECT_GT(o.rejected, 0);
    EXPECT_GT(o.loaded, 0);
}

TEST(DamagedInput, TwelveDayScenarioFileIsRejectedOrLoads) {
    const Outcomes o = check_damage("twelve_day_conflict", "scenario.toml", 60, false, 2);
    EXPECT_GT(o.rejected, 0);
    EXPECT_GT(o.loaded, 0);
}

// In the tables nearly every character is an id or a number, so nearly every
// edit is an error.
TEST(DamagedInput, TwelveDayNodeTableIsRejectedOrLoads) {
    EXPECT_GT(check_damage("twelve_day_conflict", "nodes.csv", 60, false, 3).rejected, 30);
}

TEST(DamagedInput, TwelveDayLinkTableIsRejectedOrLoads) {
    EXPECT_GT(check_damage("twelve_day_conflict", "links.csv", 60, false, 4).rejected, 30);
}

}  // namespace
}  // namespace shockflow
