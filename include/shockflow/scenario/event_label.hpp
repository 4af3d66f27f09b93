#pragma once
/// How result files name an event of a scenario (samples.csv, summary.json's
/// `samples`).

#include <cstddef>
#include <string>

#include "shockflow/scenario/spec.hpp"

namespace shockflow {

/// The label of event `index` of `scenario`: its `name` when it has one,
/// else its index in the scenario's list of events (from 0).
// Events have no `name` yet; when EventSpec gets one, return it here when
// it is not empty. Every output takes its labels from this function.
inline std::string event_label(const ScenarioSpec& scenario, std::size_t index) {
    (void)scenario;
    return std::to_string(index);
}

}  // namespace shockflow
