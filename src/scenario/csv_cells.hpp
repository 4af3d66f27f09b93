#pragma once
/// The cells of the CSV network tables: numbers, integers and `;`-separated
/// lists, each reported at its row if it does not read.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/context.hpp"

namespace shockflow::scenario {

/// A finite number (a leading '+' allowed); reports `PATH: expected a finite
/// number (got "CELL")` otherwise.
std::optional<double> cell_number(LoadContext& ctx, const SourceLoc& loc, KeyPath path,
                                  std::string_view cell);

/// A whole number; reports `PATH: expected an integer (got "CELL")` otherwise.
std::optional<std::int64_t> cell_integer(LoadContext& ctx, const SourceLoc& loc, KeyPath path,
                                         std::string_view cell);

/// `a; b;c` -> {a, b, c}; empty items dropped.
std::vector<std::string> split_list(std::string_view cell);

}  // namespace shockflow::scenario
