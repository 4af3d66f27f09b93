#pragma once
/// Checks of option values that CLI11 would otherwise convert loosely.

#include <CLI/CLI.hpp>
#include <cstdint>

namespace shockflow::cli {

/// A whole number in [min, max], written in plain decimal digits. CLI11's own
/// conversion would wrap "-1" or an overflowing value into a valid-looking seed.
CLI::Validator whole_number(std::uint64_t min, std::uint64_t max);

/// A day of the run, in the bounds of the scenario format (docs/FORMAT.md,
/// "Limits"): a finite number CLI11 would take for a double.
CLI::Validator day_number();

/// A span of days, 0 to the format's limit of a span (docs/FORMAT.md, "Limits").
CLI::Validator days_number();

}  // namespace shockflow::cli
