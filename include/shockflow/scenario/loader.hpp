#pragma once
/// Reading and validating scenario and policy files.
/// Every function here throws ConfigError carrying *all* problems found.

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "shockflow/policy/policy.hpp"
#include "shockflow/scenario/spec.hpp"

namespace shockflow {

/// One quick change to a scenario, as `--set KEY=VALUE` writes it on the
/// command line (docs/FORMAT.md, "Overlays and --set").
///
/// `key` is a dotted path: `scenario.end_day`, `model.psi`, `network.nodes`,
/// `event.NAME.FIELD` (an event by its `name`), `node.ID.FIELD` or
/// `node.ID.capacity.PRODUCT` (also `stock`, `demand`, `recipe`),
/// `link.FROM->TO.FIELD`, `policy.FIELD` or `policy.TABLE.FIELD`. A part
/// written in double quotes is taken as it is (`node."a.b".firms`).
/// `value` is a TOML value (`40`, `0.8`, `"linear"`, `[0, 12]`,
/// `{ uniform = [0.3, 0.5] }`); a bare word that is no TOML value is taken
/// as a string (`linear`).
///
/// A problem with the N-th override (1-based) is reported as
/// `--set:N:COL: error: ...`, COL counting in the text `KEY=VALUE`.
struct Override {
    std::string key;
    std::string value;

    /// Splits `KEY=VALUE` at its first `=`. Without one, `value` is empty,
    /// which loading reports as an error.
    static Override parse(std::string_view text);
};

/// Parses and fully validates a scenario TOML (and the CSV tables it names):
/// syntax, unknown keys (with "did you mean"), types, ranges, unique and
/// resolvable ids, and a productive recipe matrix.
///
/// A scenario that starts with `extends = "PATH"` is an overlay: it is read
/// over the scenario of PATH (relative to the overlay's own file, and that
/// one may extend another), then `overrides` are applied, in order, and the
/// result is checked as one scenario. Every problem points at the file,
/// line and column where the offending key was written (`--set:N:COL` for
/// an override). Overrides of `policy.` keys change the scenario's own
/// `[policy]`; pass them to load_policy() too for a policy file.
ScenarioSpec load_scenario(const std::filesystem::path& file,
                           std::span<const Override> overrides = {});

/// Parses a standalone policy file (a `[policy]` table) and validates its
/// references against `scenario` (product ids/categories, priority nodes/tags).
/// The result replaces the scenario's own policy as a whole. Of `overrides`,
/// those of `policy.` keys are applied to the file's table (the others are
/// the scenario's and are left to load_scenario()).
PolicySpec load_policy(const std::filesystem::path& file, const ScenarioSpec& scenario,
                       std::span<const Override> overrides = {});

/// Policies compared side by side are told apart by name only: throws
/// ConfigError at every policy whose `name` an earlier one already has.
void check_distinct_policy_names(const std::vector<PolicySpec>& policies);

}  // namespace shockflow
