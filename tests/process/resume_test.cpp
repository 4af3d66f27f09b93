// compare --resume after kill -9 (at the n-th journal record, with a torn
// last record, after the commit), after SIGINT and SIGTERM during a real
// comparison, and from the journal of another comparison: the files are
// byte for byte those of a comparison that was never interrupted. (The MPI
// test, tests/mpi/compare.cmake, resumes the twelve-day case.)

#include <gtest/gtest.h>

#include "process/child.hpp"
#include "unit/io/temp_dir.hpp"

namespace shockflow::test {
namespace {

std::vector<std::string> files(bool report) {
    std::vector<std::string> names{"comparison.json", "comparison.csv", "replications.csv"};
    if (report) names.emplace_back("report.html");
    return names;
}

class Resume : public ::testing::Test {
protected:
    void SetUp() override {
        // The report too, where this build has its chart library.
        report_ = fs::exists(fs::path(SHOCKFLOW_REPORT_ASSETS_DIR) / "vega.min.js");
        ::setenv("SHOCKFLOW_REPORT_ASSETS", SHOCKFLOW_REPORT_ASSETS_DIR, 1);
        ASSERT_EQ(run(args(tmp_.path() / "whole"), log("whole")), 0);
        whole_ = visible(tmp_.path() / "whole", files(report_));
        for (const auto& [name, text] : whole_) ASSERT_NE(text, "<missing>") << name;
    }

    // A comparison of tests/process/sampled.toml under two policies of the
    // twelve-day case, on 2 threads.
    std::vector<std::string> args(const fs::path& out, int replications = 6, bool resume = false,
                                  int seed = 3, const char* threads = "2") const {
        const std::string source = SHOCKFLOW_SOURCE_DIR;
        const std::string policies = source + "/scenarios/twelve_day_conflict/policies";
        std::vector<std::string> a{"compare",   source + "/tests/process/sampled.toml",
                                   "--policy",  policies + "/none.toml",
                                   "--policy",  policies + "/ministry.toml",
                                   "-n",        std::to_string(replications),
                                   "--seed",    std::to_string(seed),
                                   "--threads", threads,
                                   "--out",     out.string(),
                                   "--quiet"};
        if (report_) a.emplace_back("--report");
        if (resume) a.emplace_back("--resume");
        return a;
    }

    fs::path log(const std::string& name) const { return tmp_.path() / name; }
    fs::path out() const { return tmp_.path() / "out"; }
    fs::path journal() const { return out() / ".shockflow" / "journal.0"; }

    void expect_whole() {
        EXPECT_EQ(visible(out(), files(report_)), whole_);
        EXPECT_TRUE(state_entries(out(), "journal.").empty());
        EXPECT_TRUE(state_entries(out(), "stage-").empty());
    }

    TempDir tmp_;
    bool report_ = false;
    std::map<std::string, std::string> whole_;
};

TEST_F(Resume, AfterKillAtAnyRecordTheFilesAreThoseOfAnUninterruptedCompare) {
    for (const int n : {1, 5, 11}) {
        SCOPED_TRACE(n);
        fs::remove_all(out());
        EXPECT_EQ(run(args(out()), log("killed"), "journal-record@" + std::to_string(n)),
                  128 + SIGKILL);
        EXPECT_TRUE(fs::exists(journal()));
        Child resumed(args(out(), 6, true), log("resumed"));
        EXPECT_EQ(resumed.wait(), 0) << resumed.err();
        expect_whole();
    }
}

// A record cut short by the crash, at every length, is dropped and run again.
TEST_F(Resume, ATornLastRecordIsRunAgain) {
    EXPECT_EQ(run(args(out()), log("killed"), "journal-record@4"), 128 + SIGKILL);
    const std::string text = read_text(journal());
    const auto last = text.rfind('\n', text.size() - 2) + 1;
    for (const std::size_t cut : {last + 1, last + (text.size() - last) / 2, text.size() - 1}) {
        SCOPED_TRACE(cut);
        fs::create_directories(journal().parent_path());
        std::ofstream(journal(), std::ios::binary | std::ios::trunc) << text.substr(0, cut);
        EXPECT_EQ(run(args(out(), 6, true), log("resumed")), 0);
        expect_whole();
        fs::remove_all(out());
    }
}

// Killed after the files were committed but before the journal went: the
// resumed comparison runs nothing and writes the same files again.
TEST_F(Resume, AfterTheCommitResumingWritesTheSameFiles) {
    EXPECT_EQ(run(args(out()), log("killed"), "compare-committed"), 128 + SIGKILL);
    EXPECT_EQ(visible(out(), files(report_)), whole_);
    EXPECT_TRUE(fs::exists(journal()));
    Child resumed(args(out(), 6, true), log("resumed"));
    ASSERT_EQ(resumed.wait(), 0);
    expect_whole();
}

// The journal of another comparison (another seed) is not used.
TEST_F(Resume, AJournalOfAnotherComparisonIsIgnored) {
    EXPECT_EQ(run(args(out(), 6, false, 4), log("other"), "journal-record@6"), 128 + SIGKILL);
    EXPECT_EQ(run(args(out(), 6, true), log("resumed")), 0);
    expect_whole();
}

// Fewer replications first, more on resume: the first ones are reused.
TEST_F(Resume, MoreReplicationsReuseTheFinishedOnes) {
    EXPECT_EQ(run(args(out(), 4), log("four"), "compare-committed"), 128 + SIGKILL);
    Child resumed(args(out(), 6, true), log("resumed"));
    // Without --quiet it would say so; the files are what count.
    ASSERT_EQ(resumed.wait(), 0);
    expect_whole();
}

// SIGINT or SIGTERM in the middle of a real comparison (no fault point):
// status 130 or 143, the journal stays, no staging folder; --resume goes on.
// The interrupted comparison asks for far more replications than it could
// finish before the signal; it is resumed with the 6 of the reference, which
// reuses the finished ones among them.
TEST_F(Resume, AfterSigintOrSigtermTheComparisonGoesOn) {
    for (const int sig : {SIGINT, SIGTERM}) {
        SCOPED_TRACE(sig);
        fs::remove_all(out());
        Child child(args(out(), 20'000, false, 3, "1"), log("stopped"));
        // Stop it once some runs are in the journal.
        ASSERT_TRUE(child.wait_until([&] {
            const std::string text = read_text(journal());
            return std::count(text.begin(), text.end(), '\n') >= 4;
        }));
        child.signal(sig);
        EXPECT_EQ(child.wait(), 128 + sig) << child.err();
        EXPECT_NE(child.err().find("--resume"), std::string::npos) << child.err();
        EXPECT_TRUE(fs::exists(journal()));
        EXPECT_TRUE(state_entries(out(), "stage-").empty());
        Child resumed(args(out(), 6, true), log("resumed"));
        EXPECT_EQ(resumed.wait(), 0) << resumed.err();
        expect_whole();
    }
}

// A folder where a result file goes stops the comparison before any run.
TEST_F(Resume, AFolderInTheWayFailsBeforeAnyRun) {
    fs::create_directories(out() / "replications.csv");
    Child child(args(out()), log("blocked"));
    EXPECT_EQ(child.wait(), 1);
    EXPECT_NE(child.err().find("replications.csv"), std::string::npos) << child.err();
    EXPECT_FALSE(fs::exists(journal()));
}

// A second comparison into the same folder while one runs is refused.
TEST_F(Resume, ASecondCompareIntoTheSameFolderIsRefused) {
    Child first(args(out()), log("first"), "journal-record@2:pause");
    ASSERT_TRUE(
        first.wait_until([&] { return first.err().find("paused at") != std::string::npos; }));
    Child second(args(out()), log("second"));
    EXPECT_EQ(second.wait(), 1);
    EXPECT_NE(second.err().find("another shockflow compare"), std::string::npos) << second.err();
    first.signal(SIGTERM);
    EXPECT_EQ(first.wait(), 143);
    EXPECT_EQ(run(args(out(), 6, true), log("resumed")), 0);
    expect_whole();
}

}  // namespace
}  // namespace shockflow::test
