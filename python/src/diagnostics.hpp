#pragma once
/// Diagnostics as Python tuples (file, line, column, message, severity, text):
/// line and column are None where unknown; text is the compiler-style line
/// the command line prints. shockflow/_errors.py turns them into Diagnostic.

#include <pybind11/pybind11.h>

#include <vector>

#include "shockflow/core/error.hpp"

namespace shockflow::python {

pybind11::tuple diagnostic_tuple(const Diagnostic& d);
pybind11::list diagnostic_list(const std::vector<Diagnostic>& all);

}  // namespace shockflow::python
