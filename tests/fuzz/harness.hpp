#pragma once
// What the fuzz targets do with one input (docs/TESTING.md, "Fuzzing"). The same
// functions run under libFuzzer (fuzz_main.cpp, the fuzz preset) and over the
// seed and regression files in the ordinary test suite (replay_test.cpp).
//
// An input is a file to load: it either loads or fails with a ConfigError.
// Anything else that escapes (another exception, a sanitizer report, a
// crash, a hang) is a finding. What loads is also checked for warnings,
// compiled, and, when small, simulated.

#include <cstddef>
#include <cstdint>

namespace shockflow::fuzz {

/// The bytes are a scenario TOML file.
int scenario_toml(const std::uint8_t* data, std::size_t size);
/// The bytes are nodes.csv, a line "%%", then links.csv, of a fixed scenario
/// that names them in its [network] table.
int csv_tables(const std::uint8_t* data, std::size_t size);
/// The bytes are a policy file, loaded against tests/fuzz/policy_scenario.toml.
int policy(const std::uint8_t* data, std::size_t size);

}  // namespace shockflow::fuzz
