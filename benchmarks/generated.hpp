#pragma once
// The generated national networks the benchmarks run: `shockflow generate
// --parks N --regions 31 --products 20 --seed 1` starting on day -14.

#include <cstdint>

#include "shockflow/scenario/generate.hpp"

namespace shockflow::bench {

inline constexpr std::int64_t kRegions = 31;
inline constexpr std::int64_t kProducts = 20;

/// The network with `parks` parks over `days` days in cycles of `step_hours`.
inline GenerateOptions national_network(std::int64_t parks, std::int64_t days, double step_hours) {
    GenerateOptions o;
    o.parks = parks;
    o.regions = kRegions;
    o.products = kProducts;
    o.seed = 1;
    o.start_day = -14;
    o.end_day = static_cast<double>(days - 14);
    o.step_hours = step_hours;
    return o;
}

}  // namespace shockflow::bench
