#pragma once
/// Events dated outside the run: an event whose `day` cannot fall inside
/// [start_day, end_day) is an input error, not an event silently moved or
/// dropped by the engine.

#include <utility>

#include "scenario/toml_reader.hpp"
#include "shockflow/scenario/spec.hpp"

namespace shockflow::scenario {

/// Normal tails beyond this many standard deviations are left out of the days
/// a normal `day` can take: a draw there has a chance of about 2e-9.
inline constexpr double kNormalSigmas = 6.0;

/// The days [lo, hi] a `day` can take: the value of a fixed day; [a, b] of a
/// uniform; [lo, hi] of a triangular; [0, 1] of a beta; for a normal, mu ±
/// kNormalSigmas sigma cut to its [min, max] (the nearer bound if the two do
/// not meet, which is where the sampler ends up).
std::pair<double, double> day_range(const Distribution& day);

/// Reports, at its `day`, every event of `spec.events` (read from the
/// `[[event]]` tables of `top`, in file order) whose day lies entirely outside
/// [start_day, end_day). Checks nothing when the run's own span is in error.
void check_event_days(const TableReader& top, const ScenarioSpec& spec);

}  // namespace shockflow::scenario
