/// Policy (a PolicySpec): loaded from a policy file against a scenario, or
/// Policy() with every lever off. Its numeric levers can be changed in place;
/// the names it refers to (products, nodes) are read-only.

#include <fmt/format.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <string>
#include <vector>

#include "bindings.hpp"
#include "checks.hpp"
#include "shockflow/policy/policy.hpp"
#include "shockflow/scenario/loader.hpp"

namespace py = pybind11;

namespace shockflow::python {
namespace {

py::dict keyed(const std::vector<KeyedValue>& values) {
    py::dict out;
    for (const KeyedValue& v : values) out[py::str(v.key)] = v.value;
    return out;
}

const char* allocation_name(Allocation a) {
    switch (a) {
        case Allocation::Proportional:
            return "proportional";
        case Allocation::Priority:
            return "priority";
        case Allocation::FairShare:
            return "fair_share";
    }
    return "?";
}

void bind_parts(py::module_& m) {
    py::class_<PrestockSpec>(m, "Prestock", "policy.prestock: producing essential goods ahead")
        .def_property_readonly("products", [](const PrestockSpec& p) { return p.products; })
        .def_property(
            "from_day", [](const PrestockSpec& p) { return p.from_day; },
            [](PrestockSpec& p, double v) {
                if (checked(v, Range::Finite, "policy.prestock.from_day") >= p.until_day)
                    throw py::value_error("policy.prestock.from_day: must be < until_day");
                p.from_day = v;
            },
            "days; active on [from_day, until_day)")
        .def_property(
            "until_day", [](const PrestockSpec& p) { return p.until_day; },
            [](PrestockSpec& p, double v) {
                if (checked(v, Range::Finite, "policy.prestock.until_day") <= p.from_day)
                    throw py::value_error("policy.prestock.until_day: must be > from_day");
                p.until_day = v;
            },
            "days; > from_day")
        .def_property(
            "uplift", [](const PrestockSpec& p) { return p.uplift; },
            [](PrestockSpec& p, double v) {
                p.uplift = checked(v, Range::NonNegative, "policy.prestock.uplift");
            },
            "extra share of nominal capacity, >= 0")
        .def_property(
            "target_days", [](const PrestockSpec& p) { return p.target_days; },
            [](PrestockSpec& p, double v) {
                p.target_days = checked(v, Range::NonNegative, "policy.prestock.target_days");
            },
            "depots' and regions' stock target for these products, days >= 0");

    py::class_<RepairSpeedupSpec>(m, "RepairSpeedup", "policy.repair_speedup")
        .def_property(
            "from_day", [](const RepairSpeedupSpec& r) { return r.from_day; },
            [](RepairSpeedupSpec& r, double v) {
                r.from_day = checked(v, Range::Finite, "policy.repair_speedup.from_day");
            },
            "days")
        .def_property(
            "factor", [](const RepairSpeedupSpec& r) { return r.factor; },
            [](RepairSpeedupSpec& r, double v) {
                r.factor = checked(v, Range::Positive, "policy.repair_speedup.factor");
            },
            "repairs progress this many times faster, > 0");
}

// An optional part of the policy, as an object referring to it in place (or None).
template <typename T, std::optional<T> PolicySpec::*Field>
py::object optional_part(py::object self) {
    std::optional<T>& part = self.cast<PolicySpec&>().*Field;
    if (!part) return py::none();
    return py::cast(&*part, py::return_value_policy::reference_internal, self);
}

}  // namespace

void bind_policy(py::module_& m) {
    bind_parts(m);
    py::class_<PolicySpec>(m, "Policy", "Contingency levers ([policy]); Policy() has all off")
        .def(py::init<>())
        .def(py::init<const PolicySpec&>(), py::arg("other"), "a copy of `other`")
        .def_property(
            "name", [](const PolicySpec& p) { return p.name; },
            [](PolicySpec& p, const std::string& v) {
                if (v.empty()) throw py::value_error("policy.name: must not be empty");
                p.name = v;
            },
            "the name results and comparisons show; compared policies need distinct names")
        .def_property_readonly(
            "file", [](const PolicySpec& p) { return p.file; },
            "the file it came from ('' = the scenario's own or Policy())")
        .def_readwrite("reroute", &PolicySpec::reroute, "route around cut links")
        .def_property(
            "surge_capacity", [](const PolicySpec& p) { return p.surge_capacity; },
            [](PolicySpec& p, double v) {
                p.surge_capacity = checked(v, Range::NonNegative, "policy.surge_capacity");
            },
            "extra share of nominal capacity during the disruption, >= 0")
        .def_property(
            "repair_crews", [](const PolicySpec& p) { return p.repair_crews; },
            [](PolicySpec& p, std::optional<std::int64_t> v) {
                if (v && *v < 1) throw py::value_error("policy.repair_crews: must be >= 1");
                p.repair_crews = v;
            },
            "repairs at a time; None: unlimited")
        .def_property_readonly("allocation",
                               [](const PolicySpec& p) { return allocation_name(p.allocation); })
        .def_property_readonly("priority", [](const PolicySpec& p) { return p.priority; })
        .def_property_readonly("stock_target_days",
                               [](const PolicySpec& p) { return keyed(p.stock_target_days); })
        .def_property_readonly("replenishment_days",
                               [](const PolicySpec& p) { return keyed(p.replenishment_days); })
        .def_property_readonly("holding_cost",
                               [](const PolicySpec& p) { return keyed(p.holding_cost); })
        .def_property_readonly("prestock", &optional_part<PrestockSpec, &PolicySpec::prestock>,
                               "None when the policy does not prestock")
        .def_property_readonly("repair_speedup",
                               &optional_part<RepairSpeedupSpec, &PolicySpec::repair_speedup>,
                               "None when the policy does not speed repairs up")
        .def("__repr__", [](const PolicySpec& p) {
            return fmt::format("<Policy {}{}>", p.name, p.file.empty() ? "" : " from " + p.file);
        });

    m.def(
        "load_policy",
        [](const std::filesystem::path& file, const ScenarioSpec& scenario) {
            return load_policy(file, scenario);
        },
        py::arg("path"), py::arg("scenario"),
        "Loads a policy file ([policy]) and checks it against `scenario`; raises ConfigError");
}

}  // namespace shockflow::python
