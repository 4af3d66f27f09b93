/// ConfigError crosses into Python as shockflow.ConfigError, with every
/// diagnostic, not just the first (a planner fixes a file in one pass).

#include <pybind11/pybind11.h>

#include <exception>

#include "bindings.hpp"
#include "diagnostics.hpp"
#include "shockflow/core/error.hpp"

namespace py = pybind11;

namespace shockflow::python {

py::tuple diagnostic_tuple(const Diagnostic& d) {
    // 0 means "unknown" in SourceLoc; None says so in Python.
    auto optional = [](std::uint32_t v) { return v == 0 ? py::object(py::none()) : py::int_(v); };
    return py::make_tuple(d.loc.file.str(), optional(d.loc.line), optional(d.loc.column), d.message,
                          d.severity == Severity::Error ? "error" : "warning", d.format());
}

py::list diagnostic_list(const std::vector<Diagnostic>& all) {
    py::list out;
    for (const Diagnostic& d : all) out.append(diagnostic_tuple(d));
    return out;
}

void bind_errors(py::module_& m) {
    (void)m;
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const ConfigError& e) {
            // The class lives in Python (shockflow/_errors.py), where its
            // attributes and str() are plain to read.
            const py::object cls = py::module_::import("shockflow._errors").attr("ConfigError");
            const py::object error = cls(diagnostic_list(e.diagnostics()));
            PyErr_SetObject(cls.ptr(), error.ptr());
        }
    });
}

}  // namespace shockflow::python
