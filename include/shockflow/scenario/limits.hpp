#pragma once
/// The largest numbers a scenario may hold. Time is kept in whole seconds in a
/// 64-bit integer and quantities in doubles: far beyond these bounds a day
/// overflows its tick (and an event dated 1e308 struck on the first day) or a
/// total overflows to infinity. Values outside them are input errors; the
/// bounds are far beyond any plausible case (docs/FORMAT.md, "Limits").

#include <cstdint>

namespace shockflow::limits {

/// Largest |day| of a point in time (start_day, end_day, event days, policy
/// days, the disruption window): a million days, about 2,700 years.
inline constexpr double kMaxDay = 1e6;
/// Largest span of days (durations, repair_days, over_days, stock targets).
inline constexpr double kMaxDays = 1e6;
/// Largest transit time, hours: kMaxDays days.
inline constexpr double kMaxHours = 24.0 * kMaxDays;
/// Shortest cycle, hours: one minute.
inline constexpr double kMinStepHours = 1.0 / 60.0;
/// Largest quantity or rate (capacity, stock, demand, population, link
/// capacity, recipe inputs per unit, prices, holding costs).
inline constexpr double kMaxQuantity = 1e12;
/// Largest multiplier or extra share (a demand shock's multiplier, prestock
/// uplift, surge capacity, repair speed-up factor); overlapping demand shocks
/// multiply up to this much in all.
inline constexpr double kMaxFactor = 1e6;
/// Smallest repair speed-up factor (repairs a million times slower).
inline constexpr double kMinSpeedupFactor = 1.0 / kMaxFactor;
/// Largest number of firms of a node.
inline constexpr std::int64_t kMaxFirms = 1'000'000'000;
/// Largest number of replications of a comparison (each policy keeps every
/// replication's KPIs: about 200 bytes each).
inline constexpr std::int64_t kMaxReplications = 1'000'000;
/// Largest `--threads`; above the machine's hardware threads no more are used.
inline constexpr int kMaxThreads = 1024;
/// Largest number of points of a design (`shockflow sweep`); every point is
/// run under every policy for every replication, and the sweep keeps every
/// run's KPIs (about 200 bytes each), so points x policies x replications
/// is also held to kMaxReplications.
inline constexpr std::int64_t kMaxDesignPoints = 100'000;

}  // namespace shockflow::limits
