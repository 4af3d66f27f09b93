/// One run from Python: the simulation runs without the GIL, and its result
/// goes back as numpy columns (no text in between) and as the summary.json
/// text that `shockflow run --out` writes, made by the same function.

#include <fmt/format.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "io/run_files.hpp"
#include "shockflow/model/kpi.hpp"
#include "shockflow/model/simulation.hpp"
#include "shockflow/scenario/spec.hpp"

namespace py = pybind11;

namespace shockflow::python {
namespace {

/// A run's result, and the kind of each of its nodes (to tell regions apart).
struct RunData {
    RunResult result;
    std::vector<std::string> node_kinds;
};

template <typename Row, typename T>
py::array_t<T> column(const std::vector<Row>& rows, T Row::*field) {
    py::array_t<T> out(static_cast<py::ssize_t>(rows.size()));
    auto view = out.template mutable_unchecked<1>();
    for (std::size_t i = 0; i < rows.size(); ++i)
        view(static_cast<py::ssize_t>(i)) = rows[i].*field;
    return out;
}

// Columns of timeseries.csv, in its order; node and product as indices into
// node_ids and product_ids (pandas codes).
py::dict timeseries_columns(const RunResult& r) {
    const auto& rows = r.timeseries;
    py::dict out;
    out["day"] = column(rows, &DayRow::day);
    out["node"] = column(rows, &DayRow::node);
    out["product"] = column(rows, &DayRow::product);
    out["produced"] = column(rows, &DayRow::produced);
    out["consumed_inputs"] = column(rows, &DayRow::consumed_inputs);
    out["stock"] = column(rows, &DayRow::stock);
    out["shipped"] = column(rows, &DayRow::shipped);
    out["received"] = column(rows, &DayRow::received);
    out["demand"] = column(rows, &DayRow::demand);
    out["delivered"] = column(rows, &DayRow::delivered);
    out["unmet"] = column(rows, &DayRow::unmet);
    out["capacity_available"] = column(rows, &DayRow::capacity_available);
    return out;
}

// Columns of firms.csv, in its order.
py::dict firms_columns(const RunResult& r) {
    py::dict out;
    out["day"] = column(r.firms, &FirmRow::day);
    out["node"] = column(r.firms, &FirmRow::node);
    out["firms"] = column(r.firms, &FirmRow::firms);
    out["firms_active"] = column(r.firms, &FirmRow::firms_active);
    out["firms_idle"] = column(r.firms, &FirmRow::firms_idle);
    return out;
}

// Columns of regions.csv, in its order: the time series rows at regions;
// region and product as indices into the run's ids, category as text, and
// days_of_cover NaN where the file leaves it blank (no demand that day).
py::dict region_columns(const RunData& d) {
    const RunResult& r = d.result;
    std::vector<DayRow> rows;
    for (const DayRow& row : r.timeseries)
        if (row.node < d.node_kinds.size() && d.node_kinds[row.node] == "region")
            rows.push_back(row);
    py::dict out;
    out["day"] = column(rows, &DayRow::day);
    out["region"] = column(rows, &DayRow::node);
    out["product"] = column(rows, &DayRow::product);
    py::list category;
    for (const DayRow& row : rows)
        category.append(row.product < r.product_categories.size()
                            ? py::str(r.product_categories[row.product])
                            : py::str(""));
    out["category"] = category;
    out["demand"] = column(rows, &DayRow::demand);
    out["delivered"] = column(rows, &DayRow::delivered);
    out["unmet"] = column(rows, &DayRow::unmet);
    out["stock"] = column(rows, &DayRow::stock);
    py::array_t<double> cover(static_cast<py::ssize_t>(rows.size()));
    auto view = cover.mutable_unchecked<1>();
    for (std::size_t i = 0; i < rows.size(); ++i)
        view(static_cast<py::ssize_t>(i)) = io::days_of_cover(rows[i]);
    out["days_of_cover"] = cover;
    return out;
}

// summary.json's "resilience" list as columns; NaN where it does not apply.
py::dict resilience_columns(const RunResult& r) {
    py::dict out;
    out["node"] = column(r.resilience, &Resilience::node);
    out["product"] = column(r.resilience, &Resilience::product);
    out["time_to_survive_days"] = column(r.resilience, &Resilience::time_to_survive_days);
    out["time_to_recover_days"] = column(r.resilience, &Resilience::time_to_recover_days);
    out["censored"] = column(r.resilience, &Resilience::censored);
    return out;
}

py::dict essential_columns(const RunResult& r) {
    py::dict out;
    out["day"] = column(r.essential_by_day, &DailyEssential::day);
    out["demand"] = column(r.essential_by_day, &DailyEssential::demand);
    out["delivered"] = column(r.essential_by_day, &DailyEssential::delivered);
    return out;
}

py::dict kpi_dict(const Kpis& kpi) {
    py::dict out;
    for (const KpiInfo& info : kpi_registry())
        out[py::str(std::string(info.name))] = kpi.*info.field;
    return out;
}

RunData run(const ScenarioSpec& scenario, const PolicySpec& policy,
            std::optional<std::uint64_t> seed) {
    RunData data;
    for (const NodeSpec& n : scenario.nodes) data.node_kinds.emplace_back(kind_name(n.kind));
    // Copies taken with the GIL held: another Python thread may change the
    // scenario while this one simulates.
    const ScenarioSpec s = scenario;
    const PolicySpec p = policy;
    RunOptions options;
    options.seed = seed.value_or(s.seed);
    options.record_timeseries = true;
    {
        py::gil_scoped_release release;
        data.result = simulate(s, p, options);
    }
    return data;
}

}  // namespace

void bind_run(py::module_& m) {
    py::class_<RunData>(m, "RunData", "One run's result (wrapped by shockflow.Result)")
        .def_property_readonly("scenario", [](const RunData& d) { return d.result.scenario; })
        .def_property_readonly("policy", [](const RunData& d) { return d.result.policy; })
        .def_property_readonly("seed", [](const RunData& d) { return d.result.seed; })
        .def_property_readonly("node_ids", [](const RunData& d) { return d.result.node_ids; })
        .def_property_readonly("product_ids", [](const RunData& d) { return d.result.product_ids; })
        .def_property_readonly("node_kinds", [](const RunData& d) { return d.node_kinds; })
        .def("kpis", [](const RunData& d) { return kpi_dict(d.result.kpi); })
        .def("summary_json", [](const RunData& d) { return io::summary_json(d.result); })
        .def("timeseries", [](const RunData& d) { return timeseries_columns(d.result); })
        .def("firms", [](const RunData& d) { return firms_columns(d.result); })
        .def("regions", &region_columns)
        .def("resilience", [](const RunData& d) { return resilience_columns(d.result); })
        .def("essential_by_day", [](const RunData& d) { return essential_columns(d.result); });

    m.def("run", &run, py::arg("scenario"), py::arg("policy"), py::arg("seed") = py::none(),
          "Simulates one replication (without the GIL); seed None: the scenario's");

    m.def(
        "kpi_registry",
        [] {
            py::list out;
            for (const KpiInfo& info : kpi_registry()) {
                out.append(py::make_tuple(std::string(info.name), std::string(info.unit),
                                          info.higher_is_better, std::string(info.definition)));
            }
            return out;
        },
        "(name, unit, higher_is_better, definition) of every KPI, in summary.json's order");
}

}  // namespace shockflow::python
