#include "io/progress.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>

namespace shockflow::io {
namespace {

TEST(Progress, LineShowsBarCountsElapsedAndEta) {
    // 1000 of 4000 done: 1000 * 10 / 4000 = 2 of 10 cells filled; 4 s for 1000
    // runs leaves 3000 runs at 4 ms each = 12 s.
    EXPECT_EQ(format_progress(1000, 4000, 4.0, 10),
              "[##........] 1000/4000 runs  4.0 s elapsed, ETA 12 s");
}

TEST(Progress, NoEtaBeforeTheFirstRunAndNoneOnceDone) {
    EXPECT_EQ(format_progress(0, 10, 0.0, 4), "[....] 0/10 runs  0.0 s elapsed, ETA --");
    EXPECT_EQ(format_progress(10, 10, 2.5, 4), "[####] 10/10 runs  2.5 s elapsed");
}

TEST(Progress, LongDurationsInMinutesAndHours) {
    // 1 of 2 after 125 s: ETA 125 s = 2 min 05 s; 2 h 3 min elapsed = 7380 s.
    EXPECT_EQ(format_progress(1, 2, 125.0, 2), "[#.] 1/2 runs  2 min 05 s elapsed, ETA 2 min 05 s");
    EXPECT_EQ(format_progress(2, 2, 7380.0, 2), "[##] 2/2 runs  2 h 03 min elapsed");
}

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

std::string contents(std::FILE* f) {
    std::rewind(f);
    std::string text;
    for (int ch = std::fgetc(f); ch != EOF; ch = std::fgetc(f)) text += static_cast<char>(ch);
    return text;
}

TEST(Progress, BarRedrawsInPlaceThrottledAndEndsWithNewline) {
    const std::unique_ptr<std::FILE, FileCloser> file(std::tmpfile());
    ASSERT_NE(file, nullptr);
    {
        ProgressBar bar(file.get(), 1000);
        for (std::size_t done = 1; done <= 1000; ++done) bar.update(done);
    }  // the destructor finishes the line
    const std::string text = contents(file.get());
    // A tight loop takes far less than 100 ms per redraw: the first update, the
    // last (done == total) and the final redraw, plus a few if the machine stalls.
    const auto redraws = std::count(text.begin(), text.end(), '\r');
    EXPECT_GE(redraws, 3);
    EXPECT_LT(redraws, 50);
    ASSERT_FALSE(text.empty());
    EXPECT_EQ(text.back(), '\n');
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1);
    EXPECT_NE(text.find("1000/1000 runs"), std::string::npos);
}

TEST(Progress, CountsAnyUnit) {
    EXPECT_EQ(format_progress(11, 44, 1.0, 4, "days"), "[#...] 11/44 days  1.0 s elapsed, ETA 3 s");
}

// With a delay longer than the work, nothing at all reaches the terminal.
TEST(Progress, QuickWorkUnderTheDelayDrawsNothing) {
    const std::unique_ptr<std::FILE, FileCloser> file(std::tmpfile());
    ASSERT_NE(file, nullptr);
    {
        ProgressBar bar(file.get(), 44, "days", 3600.0);
        for (std::size_t done = 1; done <= 44; ++done) bar.update(done);
    }
    EXPECT_EQ(contents(file.get()), "");
}

// Past the delay it draws as usual (a delay of 0 draws from the first update).
TEST(Progress, WorkPastTheDelayIsDrawn) {
    const std::unique_ptr<std::FILE, FileCloser> file(std::tmpfile());
    ASSERT_NE(file, nullptr);
    {
        ProgressBar bar(file.get(), 44, "days", 0.0);
        bar.update(44);
    }
    const std::string text = contents(file.get());
    EXPECT_NE(text.find("44/44 days"), std::string::npos) << text;
    EXPECT_EQ(text.back(), '\n');
}

TEST(Progress, FinishTwiceWritesOneNewline) {
    const std::unique_ptr<std::FILE, FileCloser> file(std::tmpfile());
    ASSERT_NE(file, nullptr);
    {
        ProgressBar bar(file.get(), 3);
        bar.update(1);
        bar.finish();
        bar.finish();
        bar.update(2);  // ignored once finished
    }
    const std::string text = contents(file.get());
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1);
    EXPECT_EQ(text.find("2/3"), std::string::npos);
}

}  // namespace
}  // namespace shockflow::io
