// What other processes see of `run --out DIR` while it commits, is killed
// (kill -9, at every step of the commit and at random moments) or runs
// beside another run into the same DIR: always one run's whole set of
// files, never a mix, and nothing left over once the next run is done.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <random>
#include <thread>

#include "process/child.hpp"
#include "unit/io/temp_dir.hpp"

namespace shockflow::test {
namespace {

const std::vector<std::string> kRunFiles{"timeseries.csv", "firms.csv", "summary.json"};

std::string scenario(const char* name) {
    return std::string(SHOCKFLOW_SOURCE_DIR) + "/scenarios/" + name;
}

std::vector<std::string> run_args(const fs::path& out, int seed,
                                  const char* file = "minimal/scenario.toml") {
    return {"run",   scenario(file), "--seed", std::to_string(seed),
            "--out", out.string(),   "--quiet"};
}

class RunOutput : public ::testing::Test {
protected:
    // The files of seeds 1, 2 and 3, each written alone.
    void SetUp() override {
        for (int seed = 1; seed <= 3; ++seed) {
            const fs::path dir = tmp_.path() / ("ref" + std::to_string(seed));
            ASSERT_EQ(run(run_args(dir, seed), log("ref")), 0);
            ref_[seed] = visible(dir, kRunFiles);
        }
        ASSERT_NE(ref_[1], ref_[2]);
    }

    fs::path log(const std::string& name) const { return tmp_.path() / name; }
    fs::path out() const { return tmp_.path() / "out"; }

    // Which seed's files DIR shows: 0 if they are a mix or incomplete.
    int shown(const fs::path& dir) {
        const auto files = visible(dir, kRunFiles);
        for (const auto& [seed, ref] : ref_)
            if (files == ref) return seed;
        return 0;
    }

    // What a later run must leave: no staging folder, at most the current
    // and previous sets, no half-made link, no link leading nowhere.
    static void expect_tidy(const fs::path& dir) {
        EXPECT_TRUE(state_entries(dir, "stage-").empty());
        EXPECT_LE(state_entries(dir, "gen-").size(), 2u);
        for (const auto& entry : fs::directory_iterator(dir / ".shockflow")) {
            EXPECT_FALSE(entry.path().string().ends_with(".new")) << entry.path();
        }
        for (const auto& entry : fs::directory_iterator(dir)) {
            if (entry.is_symlink()) {
                EXPECT_TRUE(fs::exists(entry.path())) << entry.path();
            }
        }
    }

    TempDir tmp_;
    std::map<int, std::map<std::string, std::string>> ref_;
};

// kill -9 at each step of a commit over seed 1's files: before the switch of
// the `current` link they stay, from it on seed 2's show; never a mix. The
// next run cleans up and shows its own.
TEST_F(RunOutput, KillAtAnyStepOfTheCommitShowsTheOldOrTheNewSet) {
    const std::vector<std::pair<std::string, int>> points{
        {"stage-open", 1}, {"commit-staged", 1}, {"commit-linked", 1}, {"commit-swapped", 2}};
    for (const auto& [point, expected] : points) {
        SCOPED_TRACE(point);
        fs::remove_all(out());
        ASSERT_EQ(run(run_args(out(), 1), log("first")), 0);
        EXPECT_EQ(run(run_args(out(), 2), log("killed"), point), 128 + SIGKILL);
        EXPECT_EQ(shown(out()), expected);
        ASSERT_EQ(run(run_args(out(), 3), log("next")), 0);
        EXPECT_EQ(shown(out()), 3);
        expect_tidy(out());
    }
}

// The very first run into a folder, killed before its switch, shows nothing.
TEST_F(RunOutput, AFirstRunKilledBeforeItsSwitchLeavesNoFile) {
    EXPECT_EQ(run(run_args(out(), 2), log("killed"), "commit-linked"), 128 + SIGKILL);
    for (const auto& name : kRunFiles) EXPECT_FALSE(fs::exists(out() / name)) << name;
    ASSERT_EQ(run(run_args(out(), 1), log("next")), 0);
    EXPECT_EQ(shown(out()), 1);
    expect_tidy(out());
}

// Plain files written by an earlier version are taken over without a mixed
// moment, even when the process is killed halfway through.
TEST_F(RunOutput, PlainFilesOfAnEarlierVersionSurviveAKillWhileBeingAdopted) {
    fs::create_directories(out());
    for (const auto& [name, text] : ref_[1]) std::ofstream(out() / name) << text;
    EXPECT_EQ(run(run_args(out(), 2), log("killed"), "adopt-relinked@2"), 128 + SIGKILL);
    EXPECT_EQ(shown(out()), 1);
    ASSERT_EQ(run(run_args(out(), 3), log("next")), 0);
    EXPECT_EQ(shown(out()), 3);
    expect_tidy(out());
}

// kill -9 at random moments of a longer run (the twelve-day case).
TEST_F(RunOutput, KillAtRandomMomentsNeverLeavesAMix) {
    const char* file = "twelve_day_conflict/scenario.toml";
    std::map<int, std::map<std::string, std::string>> twelve;
    for (int seed : {1, 2}) {
        const fs::path dir = tmp_.path() / ("twelve" + std::to_string(seed));
        ASSERT_EQ(run(run_args(dir, seed, file), log("ref")), 0);
        twelve[seed] = visible(dir, kRunFiles);
    }
    ref_ = twelve;
    ASSERT_EQ(run(run_args(out(), 1, file), log("first")), 0);
    std::mt19937 random(12345);  // fixed: the same moments on every run of the test
    for (int round = 0; round < 8; ++round) {
        Child child(run_args(out(), 2, file), log("killed"));
        std::this_thread::sleep_for(std::chrono::milliseconds(random() % 400));
        child.signal(SIGKILL);
        child.wait();
        const int seed = shown(out());
        EXPECT_TRUE(seed == 1 || seed == 2) << "round " << round;
        if (seed == 2) {
            ASSERT_EQ(run(run_args(out(), 1, file), log("back")), 0);
        }
    }
    ASSERT_EQ(run(run_args(out(), 2, file), log("last")), 0);
    EXPECT_EQ(shown(out()), 2);
    expect_tidy(out());
}

// Reads the three files of one set: the set `current` points to when the
// folder is opened. False if that set was removed meanwhile (try again).
bool read_one_set(const fs::path& dir, std::map<std::string, std::string>& files) {
    const int set = ::open((dir / ".shockflow" / "current").c_str(), O_RDONLY | O_DIRECTORY);
    if (set < 0) return false;
    bool whole = true;
    for (const auto& name : kRunFiles) {
        const int fd = ::openat(set, name.c_str(), O_RDONLY);
        if (fd < 0) {
            whole = false;
            break;
        }
        std::string text;
        char buf[1 << 14];
        for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) text.append(buf, buf + n);
        ::close(fd);
        files[name] = text;
    }
    ::close(set);
    return whole;
}

// Two runs into one folder at the same time, over and over: both succeed,
// and the folder shows one of them whole. Meanwhile a reader that reads
// through `current` (as docs/FORMAT.md advises for several files) never
// sees a mix either.
TEST_F(RunOutput, ConcurrentRunsIntoOneFolderNeverMix) {
    ASSERT_EQ(run(run_args(out(), 1), log("first")), 0);
    std::atomic<bool> stop{false};
    std::atomic<int> sets_read{0}, mixed{0};
    std::thread reader([&] {
        while (!stop) {
            std::map<std::string, std::string> files;
            if (!read_one_set(out(), files)) continue;
            ++sets_read;
            if (files != ref_[1] && files != ref_[2]) ++mixed;
        }
    });
    for (int round = 0; round < 15; ++round) {
        Child a(run_args(out(), 1), log("a"));
        Child b(run_args(out(), 2), log("b"));
        EXPECT_EQ(a.wait(), 0) << a.err();
        EXPECT_EQ(b.wait(), 0) << b.err();
        const int seed = shown(out());
        EXPECT_TRUE(seed == 1 || seed == 2) << "round " << round;
    }
    stop = true;
    reader.join();
    EXPECT_GT(sets_read.load(), 0);
    EXPECT_EQ(mixed.load(), 0);
    expect_tidy(out());
}

// A folder where a result file goes: the run fails with status 1 before it
// changes anything, and the earlier files stay.
TEST_F(RunOutput, AFolderInTheWayFailsWithoutTouchingTheEarlierFiles) {
    ASSERT_EQ(run(run_args(out(), 1), log("first")), 0);
    fs::remove(out() / "firms.csv");
    fs::create_directory(out() / "firms.csv");
    Child child(run_args(out(), 2), log("blocked"));
    EXPECT_EQ(child.wait(), 1);
    EXPECT_NE(child.err().find("firms.csv"), std::string::npos) << child.err();
    EXPECT_EQ(visible(out(), {"timeseries.csv", "summary.json"}),
              (std::map<std::string, std::string>{{"timeseries.csv", ref_[1]["timeseries.csv"]},
                                                  {"summary.json", ref_[1]["summary.json"]}}));
    EXPECT_TRUE(state_entries(out(), "stage-").empty());
}

}  // namespace
}  // namespace shockflow::test
