/// shockflow._core: the compiled half of the Python module `shockflow`.

#include <pybind11/pybind11.h>

#include <string>

#include "bindings.hpp"
#include "shockflow/core/version.hpp"

PYBIND11_MODULE(_core, m) {
    m.doc() = "shockflow's engine; use it through the package `shockflow`";
    m.attr("version") = std::string(shockflow::version());
    m.attr("git_revision") = std::string(shockflow::git_revision());
    shockflow::python::bind_errors(m);
    shockflow::python::bind_policy(m);
    shockflow::python::bind_events(m);
    shockflow::python::bind_scenario(m);
    shockflow::python::bind_run(m);
    shockflow::python::bind_compare(m);
    shockflow::python::bind_sweep(m);
}
