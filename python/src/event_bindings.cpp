/// Event ([[event]]) and Distribution: an event's numbers are read as a float
/// (fixed) or a Distribution (drawn once per replication), and set from a
/// float or a Distribution. Only the keys of the event's kind exist on it;
/// names and targets are read-only.

#include <fmt/format.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <array>
#include <string>
#include <utility>

#include "bindings.hpp"
#include "checks.hpp"
#include "shockflow/scenario/spec.hpp"

namespace py = pybind11;

namespace shockflow::python {
namespace {

using Kind = Distribution::Kind;

constexpr std::array<std::pair<EventKind, const char*>, 5> kKindNames{{
    {EventKind::Strike, "strike"},
    {EventKind::LinkCut, "link_cut"},
    {EventKind::DemandShock, "demand_shock"},
    {EventKind::Displacement, "displacement"},
    {EventKind::LaborShock, "labor_shock"},
}};

const char* kind_of(const EventSpec& e) {
    for (const auto& [kind, name] : kKindNames)
        if (kind == e.kind) return name;
    return "?";
}

const char* shape_of(const Distribution& d) {
    switch (d.kind) {
        case Kind::Fixed:
            return "fixed";
        case Kind::Uniform:
            return "uniform";
        case Kind::Triangular:
            return "triangular";
        case Kind::Normal:
            return "normal";
        case Kind::Beta:
            return "beta";
    }
    return "?";
}

std::size_t param_count(const Distribution& d) {
    return d.kind == Kind::Fixed ? 1 : d.kind == Kind::Triangular ? 3 : 2;
}

constexpr unsigned bit(EventKind k) { return 1U << static_cast<unsigned>(k); }
constexpr unsigned kAll = 0x1FU;
constexpr unsigned kStrike = bit(EventKind::Strike);
constexpr unsigned kCut = bit(EventKind::LinkCut);
constexpr unsigned kShock = bit(EventKind::DemandShock);
constexpr unsigned kMove = bit(EventKind::Displacement);
constexpr unsigned kLabor = bit(EventKind::LaborShock);

/// A number-or-distribution key of events, the kinds that have it and its bounds.
struct NumberKey {
    const char* name;
    Distribution EventSpec::*field;
    unsigned kinds;
    Range range;
    const char* doc;
};

constexpr std::array<NumberKey, 8> kNumberKeys{{
    {"day", &EventSpec::day, kAll, Range::Finite, "day it starts (days, 0 = day 0)"},
    {"duration_days", &EventSpec::duration_days, kCut | kShock | kLabor, Range::NonNegative,
     "link_cut, demand_shock, labor_shock: days, >= 0"},
    {"capacity_loss", &EventSpec::capacity_loss, kStrike | kCut, Range::Share,
     "strike, link_cut: share of capacity lost, 0..1"},
    {"repair_days", &EventSpec::repair_days, kStrike, Range::NonNegative, "strike: days, >= 0"},
    {"multiplier", &EventSpec::multiplier, kShock, Range::NonNegative,
     "demand_shock: factor on demand, >= 0"},
    {"share", &EventSpec::share, kMove, Range::Share, "displacement: share of people moving, 0..1"},
    {"over_days", &EventSpec::over_days, kMove, Range::NonNegative,
     "displacement: days over which people move, >= 0"},
    {"absent_share", &EventSpec::absent_share, kLabor, Range::Share,
     "labor_shock: share of workers absent, 0..1"},
}};

void require(const EventSpec& e, unsigned kinds, const char* key) {
    if ((kinds & bit(e.kind)) == 0)
        throw py::attribute_error(fmt::format("a {} event has no key {}", kind_of(e), key));
}

py::object as_python(const Distribution& d) {
    return d.is_fixed() ? py::object(py::float_(d.p[0])) : py::cast(d);
}

// A float or a Distribution, within `range`; keeps the place the key was
// written, which messages about the event still point at.
Distribution from_python(const py::object& value, Range range, const std::string& what,
                         const SourceLoc& loc) {
    Distribution d = py::isinstance<Distribution>(value)
                         ? value.cast<Distribution>()
                         : Distribution::fixed(value.cast<double>());
    const auto [lo, hi] = d.range();
    checked(lo, range, what);
    checked(hi, range, what);
    d.loc = loc;
    return d;
}

std::string where(const EventSpec& e, const char* key) {
    return fmt::format("{}:{}: event.{}", e.loc.file, e.loc.line, key);
}

void bind_distribution(py::module_& m) {
    py::class_<Distribution>(m, "Distribution",
                             "A number drawn once per replication: kind is fixed, uniform, "
                             "triangular, normal or beta")
        .def_property_readonly("kind", [](const Distribution& d) { return shape_of(d); })
        .def_property_readonly("params",
                               [](const Distribution& d) {
                                   py::tuple out(param_count(d));
                                   for (std::size_t i = 0; i < param_count(d); ++i) out[i] = d.p[i];
                                   return out;
                               })
        .def_readonly("min", &Distribution::min)
        .def_readonly("max", &Distribution::max)
        .def("__repr__", [](const Distribution& d) {
            std::string args = fmt::format("{}", d.p[0]);
            for (std::size_t i = 1; i < param_count(d); ++i) args += fmt::format(", {}", d.p[i]);
            return fmt::format("{}({})", shape_of(d), args);
        });
}

void bind_names(py::class_<EventSpec>& cls) {
    auto text = [&cls](const char* name, std::string EventSpec::*field, unsigned kinds) {
        cls.def_property_readonly(name, [name, field, kinds](const EventSpec& e) {
            require(e, kinds, name);
            return e.*field;
        });
    };
    text("target", &EventSpec::target, kStrike | kLabor);
    text("link", &EventSpec::link, kCut);
    text("region", &EventSpec::region, kShock);
    text("product", &EventSpec::product, kShock);
    text("from_", &EventSpec::from, kMove);
    text("to", &EventSpec::to, kMove);
    cls.def_property_readonly("count", [](const EventSpec& e) {
        require(e, kStrike | kLabor, "count");
        return e.count;
    });
    cls.def_property_readonly("recovery", [](const EventSpec& e) {
        require(e, kStrike, "recovery");
        return e.recovery == Recovery::Step ? "step" : "linear";
    });
}

}  // namespace

void bind_events(py::module_& m) {
    bind_distribution(m);
    py::class_<EventSpec> cls(m, "Event", "A disruption ([[event]])");
    cls.def_property_readonly("kind", [](const EventSpec& e) { return kind_of(e); })
        .def_property_readonly(
            "line", [](const EventSpec& e) { return e.loc.line; },
            "line of its [[event]] table in the scenario file");
    bind_names(cls);
    for (const NumberKey& key : kNumberKeys) {
        cls.def_property(
            key.name,
            [key](const EventSpec& e) {
                require(e, key.kinds, key.name);
                return as_python(e.*key.field);
            },
            [key](EventSpec& e, const py::object& value) {
                require(e, key.kinds, key.name);
                Distribution& field = e.*key.field;
                field = from_python(value, key.range, where(e, key.name), field.loc);
            },
            key.doc);
    }
    cls.def_property(
        "firms_damaged",
        [](const EventSpec& e) -> py::object {
            require(e, kStrike, "firms_damaged");
            return e.firms_damaged ? as_python(*e.firms_damaged) : py::none();
        },
        [](EventSpec& e, const py::object& value) {
            require(e, kStrike, "firms_damaged");
            if (value.is_none()) {
                e.firms_damaged.reset();
                return;
            }
            const SourceLoc loc = e.firms_damaged ? e.firms_damaged->loc : e.loc;
            e.firms_damaged = from_python(value, Range::Share, where(e, "firms_damaged"), loc);
        },
        "strike: share of firms damaged, 0..1; None: the same as capacity_loss");
    cls.def("__repr__", [](const EventSpec& e) {
        return fmt::format("<Event {} at {}:{}>", kind_of(e), e.loc.file, e.loc.line);
    });
}

}  // namespace shockflow::python
