#pragma once
/// The pieces of the extension module `shockflow._core`, one per concept;
/// module.cpp calls them in order. The Python layer (python/shockflow/) wraps
/// what they define into the documented API (docs/PYTHON.md).

#include <pybind11/pybind11.h>

namespace shockflow::python {

/// ConfigError -> shockflow.ConfigError (the class of shockflow/_errors.py).
void bind_errors(pybind11::module_& m);
/// Scenario, Product, Node, Link and the per-product quantities of a node.
void bind_scenario(pybind11::module_& m);
/// Event and Distribution.
void bind_events(pybind11::module_& m);
/// Policy and its prestock and repair speed-up parts.
void bind_policy(pybind11::module_& m);
/// RunData (one run's result as numpy columns), the KPI registry, run().
void bind_run(pybind11::module_& m);
/// compare(): policies over replications.
void bind_compare(pybind11::module_& m);
/// sweep(): a design over scenario and policy parameters.
void bind_sweep(pybind11::module_& m);

}  // namespace shockflow::python
