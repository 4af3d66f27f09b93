#pragma once
/// Number formatting shared by the result writers (private to src/).

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <string>

namespace shockflow::io {

/// CSV text of `v`: fmt's shortest round-trip form ("1", "0.1", "1e+20"), -0 as "0",
/// non-finite as "nan", "inf", "-inf". Deterministic on every platform.
std::string csv_number(double v);

/// csv_number(v) appended to `out` without a temporary string (for large tables).
void append_csv_number(fmt::memory_buffer& out, double v);

/// JSON value of `v`: the number, or null when it is not finite (JSON has no NaN).
nlohmann::ordered_json json_number(double v);

/// About four significant digits for terminal tables, without exponents in the
/// usual ranges: shares (0.98765 -> "0.988"), unit counts (12345.6 -> "12346");
/// "n/a" for NaN, "inf"/"-inf", "0" for either zero.
std::string display_number(double v);

}  // namespace shockflow::io
