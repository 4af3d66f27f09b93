#include "core/atomic_output.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <thread>

#include "unit/io/temp_dir.hpp"

namespace shockflow {
namespace {

namespace fs = std::filesystem;
using test::TempDir;
using Names = std::vector<std::string>;

const Names kFamily{"a.csv", "b.json", "report.html"};

void write(const fs::path& dir, const Names& family, const Names& files, const std::string& text) {
    AtomicOutput out(dir, family);
    for (const auto& name : files) out.open(name) << text << ' ' << name << '\n';
    out.commit();
}

TEST(AtomicOutput, CommitShowsEveryFileUnderItsNameAsALinkIntoTheHiddenFolder) {
    TempDir tmp;
    write(tmp.path(), kFamily, {"a.csv", "b.json"}, "one");
    EXPECT_EQ(TempDir::list(tmp.path()), (Names{"a.csv", "b.json"}));
    EXPECT_EQ(TempDir::read(tmp.path() / "a.csv"), "one a.csv\n");
    EXPECT_EQ(TempDir::read(tmp.path() / "b.json"), "one b.json\n");
    EXPECT_EQ(fs::read_symlink(tmp.path() / "a.csv"), ".shockflow/current/a.csv");
    EXPECT_TRUE(TempDir::state(tmp.path(), "stage-").empty());
    EXPECT_EQ(TempDir::state(tmp.path(), "gen-").size(), 1u);
}

TEST(AtomicOutput, WithoutCommitLeavesNoFileAtAll) {
    TempDir tmp;
    {
        AtomicOutput out(tmp.path(), kFamily);
        out.open("a.csv") << "half a file";
        out.open("b.json") << "another";
    }
    EXPECT_TRUE(TempDir::list(tmp.path()).empty());
    EXPECT_TRUE(TempDir::state(tmp.path(), "stage-").empty());
    EXPECT_TRUE(TempDir::state(tmp.path(), "gen-").empty());
}

TEST(AtomicOutput, AnExceptionBeforeCommitKeepsTheOldFiles) {
    TempDir tmp;
    write(tmp.path(), kFamily, {"a.csv"}, "old");
    try {
        AtomicOutput out(tmp.path(), kFamily);
        out.open("a.csv") << "new, but the run fails";
        throw std::runtime_error("simulated failure");
    } catch (const std::runtime_error&) {
    }
    EXPECT_EQ(TempDir::list(tmp.path()), (Names{"a.csv"}));
    EXPECT_EQ(TempDir::read(tmp.path() / "a.csv"), "old a.csv\n");
    EXPECT_TRUE(TempDir::state(tmp.path(), "stage-").empty());
}

TEST(AtomicOutput, WritesIntoAHiddenStagingFolderUntilCommit) {
    TempDir tmp;
    AtomicOutput out(tmp.path(), kFamily);
    out.open("b.json") << "{}";
    EXPECT_TRUE(TempDir::list(tmp.path()).empty());
    const Names staged = TempDir::state(tmp.path(), "stage-");
    ASSERT_EQ(staged.size(), 1u);
    EXPECT_TRUE(staged[0].starts_with("stage-" + std::to_string(::getpid()) + "-"));
    EXPECT_TRUE(fs::exists(tmp.path() / ".shockflow" / staged[0] / "b.json"));
    out.commit();
    EXPECT_EQ(TempDir::list(tmp.path()), (Names{"b.json"}));
    EXPECT_TRUE(TempDir::state(tmp.path(), "stage-").empty());
}

TEST(AtomicOutput, CommitReplacesTheWholeSetAndKeepsOnlyThePreviousOne) {
    TempDir tmp;
    for (const char* text : {"first", "second", "third"})
        write(tmp.path(), kFamily, {"a.csv", "b.json"}, text);
    EXPECT_EQ(TempDir::read(tmp.path() / "a.csv"), "third a.csv\n");
    EXPECT_EQ(TempDir::read(tmp.path() / "b.json"), "third b.json\n");
    // The set before stays for readers who resolved the link just before the switch.
    ASSERT_EQ(TempDir::state(tmp.path(), "gen-").size(), 2u);
    EXPECT_EQ(TempDir::read(tmp.path() / ".shockflow" / "previous" / "a.csv"), "second a.csv\n");
}

TEST(AtomicOutput, ANameOfTheFamilyThatIsNotWrittenAgainDisappears) {
    TempDir tmp;
    write(tmp.path(), kFamily, {"a.csv", "report.html"}, "with report");
    write(tmp.path(), kFamily, {"a.csv"}, "without");
    EXPECT_EQ(TempDir::list(tmp.path()), (Names{"a.csv"}));
}

TEST(AtomicOutput, FilesOfAnotherFamilyAreCarriedOver) {
    TempDir tmp;
    write(tmp.path(), {"scenario.toml"}, {"scenario.toml"}, "generated");
    write(tmp.path(), kFamily, {"a.csv"}, "run");
    EXPECT_EQ(TempDir::list(tmp.path()), (Names{"a.csv", "scenario.toml"}));
    EXPECT_EQ(TempDir::read(tmp.path() / "scenario.toml"), "generated scenario.toml\n");
}

TEST(AtomicOutput, PlainFilesOfAnEarlierVersionAreAdoptedAndOthersLeftAlone) {
    TempDir tmp;
    std::ofstream(tmp.path() / "a.csv") << "plain a";
    std::ofstream(tmp.path() / "notes.txt") << "mine";
    {
        AtomicOutput out(tmp.path(), kFamily);
        out.open("b.json") << "new b";
        out.commit();
    }
    // a.csv was not written this time, so it goes; notes.txt is not of the family.
    EXPECT_EQ(TempDir::list(tmp.path()), (Names{"b.json", "notes.txt"}));
    EXPECT_EQ(fs::symlink_status(tmp.path() / "notes.txt").type(), fs::file_type::regular);
    EXPECT_EQ(TempDir::read(tmp.path() / ".shockflow" / "previous" / "a.csv"), "plain a");
}

TEST(AtomicOutput, CreatesMissingParentDirectories) {
    TempDir tmp;
    const auto dir = tmp.path() / "x" / "y";
    write(dir, kFamily, {"a.csv"}, "a");
    EXPECT_EQ(TempDir::read(dir / "a.csv"), "a a.csv\n");
}

TEST(AtomicOutput, ThrowsWhenTheDirectoryCannotBeCreated) {
    TempDir tmp;
    std::ofstream(tmp.path() / "file") << "x";
    EXPECT_THROW(AtomicOutput(tmp.path() / "file" / "sub", kFamily), std::runtime_error);
}

TEST(AtomicOutput, AFolderInTheWayOfAFileFailsBeforeAnythingChanges) {
    TempDir tmp;
    write(tmp.path(), kFamily, {"a.csv", "b.json"}, "old");
    fs::create_directory(tmp.path() / "report.html");
    EXPECT_THROW(AtomicOutput(tmp.path(), kFamily), fs::filesystem_error);
    fs::remove(tmp.path() / "report.html");
    // The same when it appears while the files are written: the commit fails.
    AtomicOutput out(tmp.path(), kFamily);
    out.open("a.csv") << "new";
    out.open("b.json") << "new";
    fs::create_directory(tmp.path() / "report.html");
    EXPECT_THROW(out.commit(), fs::filesystem_error);
    EXPECT_EQ(TempDir::read(tmp.path() / "a.csv"), "old a.csv\n");
    EXPECT_EQ(TempDir::read(tmp.path() / "b.json"), "old b.json\n");
}

TEST(AtomicOutput, AStagingFolderWithoutALiveWriterIsRemovedByTheNextWriter) {
    TempDir tmp;
    write(tmp.path(), kFamily, {"a.csv"}, "old");
    const fs::path state = tmp.path() / ".shockflow";
    // Left by a killed process: nobody holds its flock.
    fs::create_directory(state / "stage-1-dead");
    std::ofstream(state / "stage-1-dead" / "a.csv") << "half";
    // Held by a live writer (here: a descriptor of this test).
    fs::create_directory(state / "stage-2-live");
    const int fd = ::open((state / "stage-2-live").c_str(), O_RDONLY | O_DIRECTORY);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::flock(fd, LOCK_EX), 0);
    {
        AtomicOutput out(tmp.path(), kFamily);
        EXPECT_FALSE(fs::exists(state / "stage-1-dead"));
        EXPECT_TRUE(fs::exists(state / "stage-2-live"));
    }
    ::close(fd);
    EXPECT_EQ(TempDir::read(tmp.path() / "a.csv"), "old a.csv\n");
}

TEST(AtomicOutput, TemporariesOfEarlierVersionsAreRemovedOnceTheirProcessIsGone) {
    TempDir tmp;
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    ASSERT_GT(child, 0);
    ASSERT_EQ(::waitpid(child, nullptr, 0), child);
    const std::string dead = ".a.csv.tmp." + std::to_string(child);
    const std::string live = ".a.csv.tmp." + std::to_string(::getpid());
    std::ofstream(tmp.path() / dead) << "half";
    std::ofstream(tmp.path() / live) << "half";
    AtomicOutput out(tmp.path(), kFamily);
    EXPECT_EQ(TempDir::list(tmp.path()), (Names{live}));
}

// Writers in threads of one process stand in for processes: whatever order
// their commits take, the directory shows one writer's files, never a mix.
TEST(AtomicOutput, ConcurrentWritersNeverMix) {
    TempDir tmp;
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w) {
        writers.emplace_back([&, w] {
            for (int round = 0; round < 10; ++round)
                write(tmp.path(), kFamily, {"a.csv", "b.json"}, "writer" + std::to_string(w));
        });
    }
    for (auto& t : writers) t.join();
    const std::string a = TempDir::read(tmp.path() / "a.csv");
    const std::string b = TempDir::read(tmp.path() / "b.json");
    EXPECT_EQ(a.substr(0, a.find(' ')), b.substr(0, b.find(' ')));
    EXPECT_TRUE(TempDir::state(tmp.path(), "stage-").empty());
    EXPECT_LE(TempDir::state(tmp.path(), "gen-").size(), 2u);
}

}  // namespace
}  // namespace shockflow
