/// Scenario (a loaded ScenarioSpec) and its products, nodes and links, with
/// the numbers a planner changes readable and writable in place.
///
/// Ids, kinds and the structure of the network are read-only: changing them
/// would need the loader's resolution and checks. Numbers are checked against
/// the loader's bounds as they are set (checks.hpp).

#include <fmt/format.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <algorithm>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "checks.hpp"
#include "diagnostics.hpp"
#include "shockflow/scenario/loader.hpp"
#include "shockflow/scenario/spec.hpp"
#include "shockflow/scenario/warnings.hpp"

namespace py = pybind11;

namespace shockflow::python {
namespace {

/// The per-product numbers of one node (capacity, stock or demand) as a
/// mapping product id -> number. Only the products written in the scenario
/// are keys; their values can be changed.
struct Quantities {
    std::vector<ProductQty>* items = nullptr;
    std::string what;  ///< "node \"p1\".capacity", for messages

    ProductQty& at(const std::string& product) const {
        const auto it = std::find_if(items->begin(), items->end(),
                                     [&](const ProductQty& q) { return q.product == product; });
        if (it == items->end()) {
            throw py::key_error(
                fmt::format("{} has no entry for \"{}\" (only the products the "
                            "scenario lists there can be changed)",
                            what, product));
        }
        return *it;
    }
    [[nodiscard]] py::dict as_dict() const {
        py::dict out;
        for (const ProductQty& q : *items) out[py::str(q.product)] = q.qty;
        return out;
    }
};

void bind_quantities(py::module_& m) {
    py::class_<Quantities>(m, "Quantities",
                           "Per-product numbers of a node (units or units/day); the values of "
                           "the products listed can be changed")
        .def("__getitem__", [](const Quantities& q, const std::string& p) { return q.at(p).qty; })
        .def("__setitem__",
             [](const Quantities& q, const std::string& p, double v) {
                 q.at(p).qty = checked(v, Range::NonNegative, q.what + "." + p);
             })
        .def("__len__", [](const Quantities& q) { return q.items->size(); })
        .def("__contains__",
             [](const Quantities& q, const std::string& p) {
                 return std::any_of(q.items->begin(), q.items->end(),
                                    [&](const ProductQty& e) { return e.product == p; });
             })
        .def("__iter__", [](const Quantities& q) { return py::iter(q.as_dict()); })
        .def("keys", [](const Quantities& q) { return q.as_dict().attr("keys")(); })
        .def("values", [](const Quantities& q) { return q.as_dict().attr("values")(); })
        .def("items", [](const Quantities& q) { return q.as_dict().attr("items")(); })
        .def("to_dict", &Quantities::as_dict)
        .def("__repr__", [](const Quantities& q) { return py::repr(q.as_dict()); });
}

// A property returning a view that keeps its owner (and so the scenario) alive.
template <std::vector<ProductQty> NodeSpec::*Field>
void def_quantities(py::class_<NodeSpec>& cls, const char* name, const char* doc) {
    cls.def_property(
        name,
        py::cpp_function(
            [name](NodeSpec& n) {
                return Quantities{&(n.*Field), fmt::format("node \"{}\".{}", n.id, name)};
            },
            py::keep_alive<0, 1>()),
        [name](NodeSpec& n, const py::dict& values) {
            const Quantities q{&(n.*Field), fmt::format("node \"{}\".{}", n.id, name)};
            for (const auto& [key, value] : values) {
                const auto product = py::cast<std::string>(key);
                q.at(product).qty =
                    checked(py::cast<double>(value), Range::NonNegative, q.what + "." + product);
            }
        },
        doc);
}

void optional_days(NodeSpec& n, std::optional<double>& field, const char* key,
                   std::optional<double> v) {
    if (v) checked(*v, Range::NonNegative, fmt::format("node \"{}\".{}", n.id, key));
    field = v;
}

void bind_node(py::module_& m) {
    py::class_<NodeSpec> node(m, "Node", "A node of the network ([[node]] or nodes.csv)");
    node.def_property_readonly("id", [](const NodeSpec& n) { return n.id; })
        .def_property_readonly("kind",
                               [](const NodeSpec& n) { return std::string(kind_name(n.kind)); })
        .def_property_readonly("tags", [](const NodeSpec& n) { return n.tags; })
        .def_property(
            "firms", [](const NodeSpec& n) { return n.firms; },
            [](NodeSpec& n, std::int64_t v) {
                if (n.kind != NodeKind::Park && n.kind != NodeKind::Plant)
                    throw py::value_error(
                        fmt::format("node \"{}\".firms: only parks and plants "
                                    "have firms",
                                    n.id));
                if (v < 0)
                    throw py::value_error(fmt::format("node \"{}\".firms: must be >= 0", n.id));
                n.firms = v;
            },
            "firms hosted (parks and plants), >= 0")
        .def_property(
            "population", [](const NodeSpec& n) { return n.population; },
            [](NodeSpec& n, double v) {
                const std::string what = fmt::format("node \"{}\".population", n.id);
                if (n.kind != NodeKind::Region)
                    throw py::value_error(what + ": only regions have a population");
                const bool demands = std::any_of(n.demand.begin(), n.demand.end(),
                                                 [](const ProductQty& q) { return q.qty > 0.0; });
                n.population = checked(v, demands ? Range::Positive : Range::NonNegative, what);
            },
            "regions: people at the start; > 0 if the region has demand")
        .def_property(
            "stock_target_days", [](const NodeSpec& n) { return n.stock_target_days; },
            [](NodeSpec& n, std::optional<double> v) {
                optional_days(n, n.stock_target_days, "stock_target_days", v);
            },
            "safety stock, days >= 0; None: the default (2)")
        .def_property(
            "replenishment_days", [](const NodeSpec& n) { return n.replenishment_days; },
            [](NodeSpec& n, std::optional<double> v) {
                optional_days(n, n.replenishment_days, "replenishment_days", v);
            },
            "days over which a gap to the target is closed, >= 0; None: the default (2)")
        .def_property(
            "buys_own", [](const NodeSpec& n) { return n.buys_own; },
            [](NodeSpec& n, double v) {
                const std::string what = fmt::format("node \"{}\".buys_own", n.id);
                if (n.kind != NodeKind::Park && n.kind != NodeKind::Plant)
                    throw py::value_error(what + ": only parks and plants buy their own product");
                checked(v, Range::NonNegative, what);
                if (v >= 1.0)
                    throw py::value_error(fmt::format("{}: must be < 1 (got {})", what, v));
                n.buys_own = v;
            },
            "parks and plants: units of their own product bought from other makers per unit "
            "made, in [0, 1) (read by the ARIO mode)")
        .def_property_readonly(
            "lat", [](const NodeSpec& n) { return n.lat; },
            "latitude, degrees, where the node is drawn on a map; None: not placed")
        .def_property_readonly(
            "lon", [](const NodeSpec& n) { return n.lon; },
            "longitude, degrees, where the node is drawn on a map; None: not placed")
        .def("__repr__", [](const NodeSpec& n) {
            return fmt::format("<Node {} ({})>", n.id, kind_name(n.kind));
        });
    def_quantities<&NodeSpec::capacity>(node, "capacity", "units/day per product, each >= 0");
    def_quantities<&NodeSpec::stock>(node, "stock", "initial units per product, each >= 0");
    def_quantities<&NodeSpec::demand>(node, "demand",
                                      "regions: units/day per product at the starting population");
}

void bind_link_and_product(py::module_& m) {
    py::class_<LinkSpec>(m, "Link", "A link of the network ([[link]] or links.csv)")
        .def_property_readonly("from_", [](const LinkSpec& l) { return l.from; })
        .def_property_readonly("to", [](const LinkSpec& l) { return l.to; })
        .def_property_readonly("products", [](const LinkSpec& l) { return l.products; })
        .def_property(
            "capacity", [](const LinkSpec& l) { return l.capacity; },
            [](LinkSpec& l, double v) {
                l.capacity = checked(v, Range::NonNegative,
                                     fmt::format("link \"{}->{}\".capacity", l.from, l.to));
            },
            "units/day, all products together, >= 0")
        .def_property(
            "transit_hours", [](const LinkSpec& l) { return l.transit_hours; },
            [](LinkSpec& l, double v) {
                l.transit_hours =
                    checked(v, Range::NonNegative,
                            fmt::format("link \"{}->{}\".transit_hours", l.from, l.to));
            },
            "hours, >= 0")
        .def("__repr__",
             [](const LinkSpec& l) { return fmt::format("<Link {}->{}>", l.from, l.to); });

    py::class_<ProductSpec>(m, "Product", "A product ([[product]])")
        .def_property_readonly("id", [](const ProductSpec& p) { return p.id; })
        .def_property_readonly(
            "category", [](const ProductSpec& p) { return std::string(category_name(p.category)); })
        .def_property_readonly("unit", [](const ProductSpec& p) { return p.unit; })
        .def_property(
            "price", [](const ProductSpec& p) { return p.price; },
            [](ProductSpec& p, double v) {
                p.price = checked(v, Range::NonNegative, fmt::format("product \"{}\".price", p.id));
            },
            "value of one unit, >= 0")
        .def("__repr__", [](const ProductSpec& p) { return fmt::format("<Product {}>", p.id); });
}

// The elements of a vector of the scenario, as objects that refer to them in
// place and keep the scenario alive.
template <typename T>
py::list refs(std::vector<T>& items, py::handle owner) {
    py::list out;
    for (T& item : items)
        out.append(py::cast(&item, py::return_value_policy::reference_internal, owner));
    return out;
}

void bind_run_span(py::class_<ScenarioSpec>& cls) {
    cls.def_property(
           "start_day", [](const ScenarioSpec& s) { return s.start_day; },
           [](ScenarioSpec& s, double v) {
               if (checked(v, Range::Finite, "scenario.start_day") >= s.end_day)
                   throw py::value_error(fmt::format(
                       "scenario.start_day: must be < end_day (got {} >= {})", v, s.end_day));
               s.start_day = v;
           },
           "first simulated day")
        .def_property(
            "end_day", [](const ScenarioSpec& s) { return s.end_day; },
            [](ScenarioSpec& s, double v) {
                if (checked(v, Range::Finite, "scenario.end_day") <= s.start_day)
                    throw py::value_error(fmt::format(
                        "scenario.end_day: must be > start_day (got {} <= {})", v, s.start_day));
                s.end_day = v;
            },
            "end of the run (exclusive); events dated at or after it do not happen")
        .def_property(
            "disruption_window",
            [](const ScenarioSpec& s) {
                return py::make_tuple(s.disruption_window[0], s.disruption_window[1]);
            },
            [](ScenarioSpec& s, std::array<double, 2> w) {
                checked(w[0], Range::Finite, "scenario.disruption_window[0]");
                checked(w[1], Range::Finite, "scenario.disruption_window[1]");
                if (w[0] >= w[1])
                    throw py::value_error(
                        "scenario.disruption_window: the first day must be < "
                        "the second");
                s.disruption_window = w;
            },
            "(from, to): the days the KPIs count as the disruption");
}

}  // namespace

void bind_scenario(py::module_& m) {
    bind_quantities(m);
    bind_node(m);
    bind_link_and_product(m);
    py::class_<ScenarioSpec> cls(m, "Scenario", "A scenario loaded from its TOML file");
    cls.def(py::init([](const std::filesystem::path& file, const std::vector<std::string>& sets) {
                std::vector<Override> overrides;
                for (const std::string& text : sets) overrides.push_back(Override::parse(text));
                return load_scenario(file, overrides);
            }),
            py::arg("path"), py::arg("sets") = std::vector<std::string>{},
            "Loads `path` with the command line's --set KEY=VALUE overrides `sets`")
        .def(py::init<const ScenarioSpec&>(), py::arg("other"), "a copy of `other`")
        .def_property_readonly("name", [](const ScenarioSpec& s) { return s.name; })
        .def_property_readonly("description", [](const ScenarioSpec& s) { return s.description; })
        .def_property_readonly("file", [](const ScenarioSpec& s) { return s.file.string(); })
        .def_property_readonly("step_hours", [](const ScenarioSpec& s) { return s.step_hours; })
        .def_property_readonly(
            "input_hash",
            [](const ScenarioSpec& s) { return fmt::format("{:016x}", s.input_hash); })
        .def_readwrite("seed", &ScenarioSpec::seed, "default seed of run() and compare()")
        .def_property(
            "replications", [](const ScenarioSpec& s) { return s.replications; },
            [](ScenarioSpec& s, std::int64_t v) {
                if (v < 1) throw py::value_error("scenario.replications: must be >= 1");
                s.replications = v;
            },
            "default replications of compare(), >= 1")
        .def_property_readonly(
            "products",
            [](py::object self) { return refs(self.cast<ScenarioSpec&>().products, self); })
        .def_property_readonly(
            "nodes", [](py::object self) { return refs(self.cast<ScenarioSpec&>().nodes, self); })
        .def_property_readonly(
            "links", [](py::object self) { return refs(self.cast<ScenarioSpec&>().links, self); })
        .def_property_readonly(
            "events", [](py::object self) { return refs(self.cast<ScenarioSpec&>().events, self); })
        .def_property(
            "policy",
            py::cpp_function([](ScenarioSpec& s) -> PolicySpec& { return s.policy; },
                             py::return_value_policy::reference_internal),
            [](ScenarioSpec& s, const PolicySpec& p) { s.policy = p; },
            "the policy run() uses by default (a copy is stored)")
        .def("_warnings",
             [](const ScenarioSpec& s) { return diagnostic_list(scenario_warnings(s)); });
    bind_run_span(cls);
}

}  // namespace shockflow::python
