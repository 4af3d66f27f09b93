#pragma once
/// Checks of a loaded scenario that do not reject it: what loads and runs but
/// is most likely not what the planner meant (docs/FORMAT.md, "Warnings").

#include <vector>

#include "shockflow/core/error.hpp"
#include "shockflow/scenario/spec.hpp"

namespace shockflow {

/// Every warning about `scenario` (as returned by load_scenario), sorted by
/// file and position, each with Severity::Warning:
///  - a region's demand for a product that no producer can reach (none makes
///    it, or none is connected to the region through depots);
///  - a product that no node makes (once, at its [[product]] table);
///  - a link whose transit takes longer than the stock_target_days of its
///    destination, for a product it brings that the destination orders
///    (once per link, at the link);
///  - depots that supply each other in a loop (once per loop).
std::vector<Diagnostic> scenario_warnings(const ScenarioSpec& scenario);

}  // namespace shockflow
