#pragma once
/// How result files name an event of a scenario (samples.csv, summary.json's
/// `samples`).

#include <cstddef>
#include <string>

#include "shockflow/scenario/spec.hpp"

namespace shockflow {

/// The label of event `index` of `scenario`: its `name` when it has one,
/// else its index in the scenario's list of events (from 0).
/// Every output takes its labels from this function.
inline std::string event_label(const ScenarioSpec& scenario, std::size_t index) {
    if (index < scenario.events.size() && !scenario.events[index].name.empty())
        return scenario.events[index].name;
    return std::to_string(index);
}

}  // namespace shockflow
