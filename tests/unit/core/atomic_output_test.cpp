#include "core/atomic_output.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <stdexcept>

#include "unit/io/temp_dir.hpp"

namespace shockflow {
namespace {

using test::TempDir;
using Names = std::vector<std::string>;

TEST(AtomicOutput, CommitPutsEveryFileInPlaceAndLeavesNoTemporaries) {
    TempDir tmp;
    {
        AtomicOutput out(tmp.path());
        out.open("a.csv") << "a\n";
        out.open("b.json") << "{}\n";
        out.commit();
    }
    EXPECT_EQ(TempDir::list(tmp.path()), (Names{"a.csv", "b.json"}));
    EXPECT_EQ(TempDir::read(tmp.path() / "a.csv"), "a\n");
    EXPECT_EQ(TempDir::read(tmp.path() / "b.json"), "{}\n");
}

TEST(AtomicOutput, WithoutCommitLeavesNoFileAtAll) {
    TempDir tmp;
    {
        AtomicOutput out(tmp.path());
        out.open("a.csv") << "half a file";
        out.open("b.csv") << "another";
    }
    EXPECT_TRUE(TempDir::list(tmp.path()).empty());
}

TEST(AtomicOutput, AnExceptionBeforeCommitKeepsTheOldFiles) {
    TempDir tmp;
    {
        AtomicOutput out(tmp.path());
        out.open("a.csv") << "old\n";
        out.commit();
    }
    try {
        AtomicOutput out(tmp.path());
        out.open("a.csv") << "new, but the run fails";
        throw std::runtime_error("simulated failure");
    } catch (const std::runtime_error&) {
    }
    EXPECT_EQ(TempDir::list(tmp.path()), (Names{"a.csv"}));
    EXPECT_EQ(TempDir::read(tmp.path() / "a.csv"), "old\n");
}

TEST(AtomicOutput, WritesToAHiddenTemporaryBesideTheDestination) {
    TempDir tmp;
    AtomicOutput out(tmp.path());
    out.open("summary.json") << "{}";
    const std::string temporary = ".summary.json.tmp." + std::to_string(::getpid());
    EXPECT_EQ(TempDir::list(tmp.path()), (Names{temporary}));
    out.commit();
    EXPECT_EQ(TempDir::list(tmp.path()), (Names{"summary.json"}));
}

TEST(AtomicOutput, CommitReplacesAnExistingFile) {
    TempDir tmp;
    for (const char* text : {"first\n", "second\n"}) {
        AtomicOutput out(tmp.path());
        out.open("a.csv") << text;
        out.commit();
    }
    EXPECT_EQ(TempDir::read(tmp.path() / "a.csv"), "second\n");
}

TEST(AtomicOutput, CreatesMissingParentDirectories) {
    TempDir tmp;
    const auto dir = tmp.path() / "x" / "y";
    AtomicOutput out(dir);
    out.open("a.csv") << "a\n";
    out.commit();
    EXPECT_EQ(TempDir::read(dir / "a.csv"), "a\n");
}

TEST(AtomicOutput, ThrowsWhenTheDirectoryCannotBeCreated) {
    TempDir tmp;
    {
        AtomicOutput blocker(tmp.path());
        blocker.open("file") << "x";
        blocker.commit();
    }
    EXPECT_THROW(AtomicOutput(tmp.path() / "file" / "sub"), std::runtime_error);
}

}  // namespace
}  // namespace shockflow
