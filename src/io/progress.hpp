#pragma once
/// A terminal progress bar for long comparisons (counting runs) and long
/// single runs (counting simulated days), private to src/. The CLI decides
/// whether to draw one (only when the stream is a terminal); the library never
/// prints.

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

namespace shockflow::io {

/// One line of progress, without `\r` or newline:
/// `[#####.....] 123/4000 runs  3.1 s elapsed, ETA 12 s`.
/// `elapsed_seconds` >= 0; the ETA extrapolates the mean time per finished run
/// and is `--` before the first one; it is left out once done == total.
/// `bar_width` in characters, >= 1; `unit` names what is counted.
std::string format_progress(std::size_t done, std::size_t total, double elapsed_seconds,
                            int bar_width = 30, const std::string& unit = "runs");

/// Redraws format_progress() in place on `out` with `\r`, at most ~10 times a
/// second, and ends with a newline. Not thread-safe by itself: calls must be
/// serialised, as experiment::CompareOptions::progress calls are.
class ProgressBar {
public:
    /// Draws on `out` (not owned, must outlive the bar); `total` items of
    /// `unit` expected. Nothing at all is drawn, not even the final line,
    /// unless the work is still going `delay_seconds` after construction: a
    /// run that ends quickly leaves no trace on the terminal.
    ProgressBar(std::FILE* out, std::size_t total, std::string unit = "runs",
                double delay_seconds = 0.0);
    /// Calls finish(), so an exception still leaves the cursor on a fresh line.
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    /// Records `done` finished runs (0..total); redraws if ~100 ms have passed
    /// since the last redraw, on the first call, and always when done == total.
    void update(std::size_t done);
    /// Draws the last state once more and ends the line; later calls do nothing.
    void finish() noexcept;

private:
    using Clock = std::chrono::steady_clock;
    void draw(Clock::time_point now);

    std::FILE* out_;
    std::size_t total_;
    std::string unit_;
    Clock::duration delay_;
    std::size_t done_ = 0;
    Clock::time_point start_;
    Clock::time_point last_draw_;
    std::size_t last_length_ = 0;  ///< characters of the previous line, to blank leftovers
    bool drawn_ = false;
    bool finished_ = false;
};

}  // namespace shockflow::io
