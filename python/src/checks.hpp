#pragma once
/// Range checks for values set from Python on a loaded scenario or policy:
/// the bounds the loader enforces on the same keys (docs/FORMAT.md), so that
/// an edited scenario stays one the engine accepts. A value out of range
/// raises ValueError naming the key.

#include <fmt/format.h>
#include <pybind11/pybind11.h>

#include <cmath>
#include <string_view>

namespace shockflow::python {

/// What a number may be.
enum class Range { Finite, NonNegative, Share, Positive };

/// `value` if it is within `range`, else throws pybind11::value_error naming `what`.
inline double checked(double value, Range range, std::string_view what) {
    const char* expected = nullptr;
    if (!std::isfinite(value)) {
        expected = "a finite number";
    } else if (range == Range::NonNegative && value < 0.0) {
        expected = ">= 0";
    } else if (range == Range::Share && (value < 0.0 || value > 1.0)) {
        expected = "a share in [0, 1]";
    } else if (range == Range::Positive && value <= 0.0) {
        expected = "> 0";
    }
    if (expected != nullptr) {
        throw pybind11::value_error(fmt::format("{}: must be {} (got {})", what, expected, value));
    }
    return value;
}

}  // namespace shockflow::python
