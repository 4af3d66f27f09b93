#pragma once
/// Contingency levers. With a default-constructed PolicySpec every lever is off:
/// no prestock, the nodes' own stock targets, proportional allocation, no
/// rerouting, no surge capacity, unlimited repair crews, no speedup, zero
/// holding cost.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shockflow/core/error.hpp"

namespace shockflow {

/// A (product id or category) -> number entry, e.g. `essential = 7`.
struct KeyedValue {
    std::string key;  ///< product id or category name
    double value = 0.0;
    SourceLoc loc;
};

enum class Allocation { Proportional, Priority, FairShare };

/// "Increase production of essential goods ahead of the conflict".
struct PrestockSpec {
    std::vector<std::string> products;  ///< product ids or categories
    double from_day = -10.0;            ///< days; active on [from_day, until_day)
    double uplift = 0.2;                ///< extra share of nominal capacity, >= 0
    double target_days = 7.0;           ///< depots' and regions' stock target, days, >= 0
    double until_day = 0.0;             ///< days; > from_day (extension: default day 0)
    SourceLoc loc;
};

/// Recovery support packages: repairs progress `factor` times faster from a day on.
struct RepairSpeedupSpec {
    double from_day = 12.0;  ///< days
    double factor = 2.0;     ///< > 0
    SourceLoc loc;
};

struct PolicySpec {
    std::string name = "none";
    std::optional<PrestockSpec> prestock;
    std::vector<KeyedValue> stock_target_days;   ///< overrides per category or product, days >= 0
    std::vector<KeyedValue> replenishment_days;  ///< overrides per category or product, days >= 0
    Allocation allocation = Allocation::Proportional;
    std::vector<std::string> priority;  ///< node ids or `tag:X`, served first in this order
    bool reroute = false;
    double surge_capacity = 0.0;               ///< extra share of nominal capacity, >= 0
    std::optional<std::int64_t> repair_crews;  ///< nullopt = unlimited; >= 1
    std::optional<RepairSpeedupSpec> repair_speedup;
    std::vector<KeyedValue> holding_cost;  ///< cost per unit per day held, >= 0
    std::string file;                      ///< file the policy came from ("" = scenario)
    std::uint64_t input_hash = 0;          ///< FNV-1a of the policy file's bytes (0 = none)
    SourceLoc loc;                         ///< the [policy] table header
};

}  // namespace shockflow
