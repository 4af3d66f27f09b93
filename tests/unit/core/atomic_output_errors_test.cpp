// Why AtomicOutput could not write, from the system: a full disk, a
// read-only one and a refused path used to read alike, "Input/output error".
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <functional>
#include <string>

#include "core/atomic_output.hpp"
#include "unit/io/temp_dir.hpp"

namespace shockflow {
namespace {

using test::TempDir;

std::string failure_of(const std::function<void()>& write) {
    try {
        write();
    } catch (const std::filesystem::filesystem_error& e) {
        return e.what();
    }
    return "no error";
}

TEST(AtomicOutputErrors, AStagedFileThatCannotBeOpenedSaysWhy) {
    TempDir tmp;
    const std::string what = failure_of([&] {
        AtomicOutput out(tmp.path(), {"a.csv"});
        // A directory where the file is staged: open(2) fails with EISDIR.
        int staged = 0;
        for (const auto& e : std::filesystem::directory_iterator(tmp.path() / ".shockflow")) {
            if (!e.is_directory()) continue;
            std::filesystem::create_directory(e.path() / "a.csv");
            ++staged;
        }
        ASSERT_EQ(staged, 1);
        out.open("a.csv");
    });
    EXPECT_NE(what.find("cannot open for writing: Is a directory"), std::string::npos) << what;
}

TEST(AtomicOutputErrors, AWriteBeyondWhatTheSystemAllowsSaysWhy) {
    // A file size limit makes write(2) fail as a full disk does, with its
    // own reason (EFBIG instead of ENOSPC); SIGXFSZ would end the process.
    TempDir tmp;
    rlimit saved{};
    ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
    const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = saved;
    small.rlim_cur = 4096;
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
    const std::string what = failure_of([&] {
        AtomicOutput out(tmp.path(), {"big.csv"});
        std::ostream& s = out.open("big.csv");
        for (int i = 0; i < 100000; ++i) s << "0123456789\n";
        out.commit();
    });
    ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, old_handler);
    EXPECT_NE(what.find("cannot write: File too large"), std::string::npos) << what;
    EXPECT_EQ(what.find("Input/output error"), std::string::npos) << what;
}

}  // namespace
}  // namespace shockflow
