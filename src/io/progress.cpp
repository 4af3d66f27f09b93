#include "io/progress.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace shockflow::io {
namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(100);

// "3.1 s", "2 min 05 s", "1 h 02 min": seconds to one decimal only while
// they are the largest unit, because that is where the digit still moves.
std::string format_duration(double seconds, bool tenths) {
    if (!std::isfinite(seconds) || seconds < 0.0) return "--";
    // Below a minute unless rounding would print "60.0 s" / "60 s".
    if (tenths && seconds < 59.95) return fmt::format("{:.1f} s", seconds);
    if (!tenths && seconds < 59.5) return fmt::format("{:.0f} s", seconds);
    const auto whole = static_cast<long long>(std::llround(seconds));
    if (whole < 3600) return fmt::format("{} min {:02} s", whole / 60, whole % 60);
    return fmt::format("{} h {:02} min", whole / 3600, (whole % 3600) / 60);
}

}  // namespace

std::string format_progress(std::size_t done, std::size_t total, double elapsed_seconds,
                            int bar_width, const std::string& unit) {
    const auto width = static_cast<std::size_t>(std::max(bar_width, 1));
    const std::size_t shown = std::min(done, total);
    const std::size_t filled = total == 0 ? width : shown * width / total;
    std::string line = "[";
    line.append(filled, '#');
    line.append(width - filled, '.');
    line += fmt::format("] {}/{} {}  {} elapsed", shown, total, unit,
                        format_duration(elapsed_seconds, true));
    if (shown < total) {
        const double eta = shown == 0 ? -1.0
                                      : elapsed_seconds * static_cast<double>(total - shown) /
                                            static_cast<double>(shown);
        line += ", ETA " + format_duration(eta, false);
    }
    return line;
}

ProgressBar::ProgressBar(std::FILE* out, std::size_t total, std::string unit, double delay_seconds)
    : out_(out),
      total_(total),
      unit_(std::move(unit)),
      delay_(std::chrono::duration_cast<Clock::duration>(
          std::chrono::duration<double>(std::max(delay_seconds, 0.0)))),
      start_(Clock::now()),
      last_draw_(start_) {}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::update(std::size_t done) {
    if (finished_) return;
    done_ = std::min(done, total_);
    const auto now = Clock::now();
    if (now - start_ < delay_) return;
    if (!drawn_ || done_ == total_ || now - last_draw_ >= kRedrawInterval) draw(now);
}

void ProgressBar::finish() noexcept {
    if (finished_) return;
    finished_ = true;
    if (!drawn_ && Clock::now() - start_ < delay_) return;  // quick work leaves no trace
    try {
        draw(Clock::now());
    } catch (...) {
        // Out of memory while formatting: still end the line below.
    }
    std::fputc('\n', out_);
    std::fflush(out_);
}

void ProgressBar::draw(Clock::time_point now) {
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    std::string line = format_progress(done_, total_, elapsed, 30, unit_);
    const std::size_t length = line.size();
    // A shorter line than the last one (the ETA shrank) must blank the rest.
    if (length < last_length_) line.append(last_length_ - length, ' ');
    std::fprintf(out_, "\r%s", line.c_str());
    std::fflush(out_);
    last_length_ = length;
    last_draw_ = now;
    drawn_ = true;
}

}  // namespace shockflow::io
