#pragma once
/// Synthetic national networks for scale runs and benchmarks, and writing a
/// scenario back to files (TOML + CSV tables) that load_scenario reads.

#include <cstdint>
#include <filesystem>

#include "shockflow/scenario/spec.hpp"

namespace shockflow {

struct GenerateOptions {
    std::int64_t parks = 100;   ///< producer parks, >= 1
    std::int64_t regions = 10;  ///< regions (provinces), each with a depot, >= 1
    std::int64_t products = 8;  ///< >= 2; about a quarter are essential
    std::uint64_t seed = 1;
    double start_day = -14.0;
    double end_day = 30.0;
    double step_hours = 4.0;  ///< cycle length; divides 24
    bool disruptions = true;  ///< strikes, link cuts, labour and demand shocks, displacement
};

/// A valid, productive scenario: sources of raw goods, parks making
/// intermediates and essential goods from them (about 10 links per producer),
/// a depot per region, regions consuming essential goods. Same options, same
/// scenario.
ScenarioSpec generate_network(const GenerateOptions& options);

/// Writes `scenario` as DIR/scenario.toml with DIR/nodes.csv and DIR/links.csv
/// (through [network]); atomic, like every output.
void write_scenario_files(const ScenarioSpec& scenario, const std::filesystem::path& dir);

}  // namespace shockflow
