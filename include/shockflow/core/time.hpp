#pragma once
/// Simulation time as integer ticks (exact ordering, no epsilon).
/// One tick is one second; days and hours are converted at the edges.

#include <cmath>
#include <compare>
#include <cstdint>

namespace shockflow {

/// A point in simulated time, in seconds relative to day 0 (start of the
/// disruption). Negative ticks are the run-up.
struct Tick {
    std::int64_t value = 0;
    friend constexpr auto operator<=>(Tick, Tick) = default;
    friend constexpr Tick operator+(Tick a, Tick b) { return Tick{a.value + b.value}; }
    friend constexpr Tick operator-(Tick a, Tick b) { return Tick{a.value - b.value}; }
};

inline constexpr std::int64_t kTicksPerHour = 3600;
inline constexpr std::int64_t kTicksPerDay = 24 * kTicksPerHour;

/// Days (may be fractional) to ticks, rounded to the nearest second.
inline Tick ticks_from_days(double days) {
    return Tick{static_cast<std::int64_t>(std::llround(days * static_cast<double>(kTicksPerDay)))};
}
/// Hours (may be fractional) to ticks, rounded to the nearest second.
inline Tick ticks_from_hours(double hours) {
    return Tick{
        static_cast<std::int64_t>(std::llround(hours * static_cast<double>(kTicksPerHour)))};
}
inline double to_days(Tick t) {
    return static_cast<double>(t.value) / static_cast<double>(kTicksPerDay);
}
/// Index of the day containing t (floor division: tick -1 is day -1).
inline std::int64_t day_index(Tick t) {
    std::int64_t q = t.value / kTicksPerDay;
    if (t.value % kTicksPerDay != 0 && t.value < 0) --q;
    return q;
}

}  // namespace shockflow
