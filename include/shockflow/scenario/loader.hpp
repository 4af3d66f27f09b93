#pragma once
/// Reading and validating scenario and policy files.
/// Every function here throws ConfigError carrying *all* problems found.

#include <filesystem>

#include "shockflow/policy/policy.hpp"
#include "shockflow/scenario/spec.hpp"

namespace shockflow {

/// Parses and fully validates a scenario TOML (and the CSV tables it names):
/// syntax, unknown keys (with "did you mean"), types, ranges, unique and
/// resolvable ids, and a productive recipe matrix.
ScenarioSpec load_scenario(const std::filesystem::path& file);

/// Parses a standalone policy file (a `[policy]` table) and validates its
/// references against `scenario` (product ids/categories, priority nodes/tags).
/// The result replaces the scenario's own policy as a whole.
PolicySpec load_policy(const std::filesystem::path& file, const ScenarioSpec& scenario);

}  // namespace shockflow
