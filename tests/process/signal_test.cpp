// SIGINT and SIGTERM stop shockflow with status 130 and 143 and remove what
// it had not finished writing; the results of earlier runs stay.

#include <gtest/gtest.h>

#include "process/child.hpp"
#include "unit/io/temp_dir.hpp"

namespace shockflow::test {
namespace {

const std::vector<std::string> kRunFiles{"timeseries.csv", "firms.csv", "summary.json"};

std::vector<std::string> run_args(const fs::path& out, int seed) {
    return {"run",    std::string(SHOCKFLOW_SOURCE_DIR) + "/scenarios/minimal/scenario.toml",
            "--seed", std::to_string(seed),
            "--out",  out.string(),
            "--quiet"};
}

struct Case {
    const char* point;  // where the run waits for the signal
    int sig;
};

class Signals : public ::testing::TestWithParam<Case> {};

// The run waits at a fault point (its staging folder is there, or its
// links are made but not yet switched) until the signal comes.
TEST_P(Signals, StopWithStatus128PlusTheSignalAndRemoveUnfinishedFiles) {
    const Case c = GetParam();
    TempDir tmp;
    const fs::path out = tmp.path() / "out";
    ASSERT_EQ(run(run_args(out, 1), tmp.path() / "first"), 0);
    const auto before = visible(out, kRunFiles);
    fs::remove(out / "firms.csv");  // a name the stopped run makes a new link for
    Child child(run_args(out, 2), tmp.path() / "stopped", std::string(c.point) + ":pause");
    ASSERT_TRUE(child.wait_until([&] {
        return child.err().find("paused at") != std::string::npos;
    })) << child.err();
    EXPECT_FALSE(state_entries(out, "stage-").empty());
    child.signal(c.sig);
    EXPECT_EQ(child.wait(), 128 + c.sig);
    EXPECT_NE(child.err().find(c.sig == SIGINT ? "stopped by SIGINT" : "stopped by SIGTERM"),
              std::string::npos)
        << child.err();
    EXPECT_TRUE(state_entries(out, "stage-").empty());
    EXPECT_FALSE(fs::is_symlink(out / "firms.csv"));
    auto expected = before;
    expected["firms.csv"] = "<missing>";
    EXPECT_EQ(visible(out, kRunFiles), expected);
}

std::string case_name(const ::testing::TestParamInfo<Case>& c) {
    const bool writing = std::string(c.param.point) == "stage-open";
    return std::string(writing ? "Writing" : "Committing") +
           (c.param.sig == SIGINT ? "Sigint" : "Sigterm");
}

INSTANTIATE_TEST_SUITE_P(Run, Signals,
                         ::testing::Values(Case{"stage-open", SIGINT}, Case{"stage-open", SIGTERM},
                                           Case{"commit-linked", SIGINT},
                                           Case{"commit-linked", SIGTERM}),
                         case_name);

// A signal that is ignored when shockflow starts (nohup) stays ignored.
TEST(SignalsIgnored, StayIgnored) {
    TempDir tmp;
    const fs::path out = tmp.path() / "out";
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    struct sigaction old {};
    ASSERT_EQ(::sigaction(SIGHUP, &ignore, &old), 0);  // the child inherits it
    Child child(run_args(out, 1), tmp.path() / "nohup", "stage-open:pause");
    ::sigaction(SIGHUP, &old, nullptr);
    ASSERT_TRUE(
        child.wait_until([&] { return child.err().find("paused at") != std::string::npos; }));
    child.signal(SIGHUP);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_TRUE(child.running());
    child.signal(SIGTERM);
    EXPECT_EQ(child.wait(), 143);
}

}  // namespace
}  // namespace shockflow::test
