/// sweep() from Python: a design file run as `shockflow sweep` runs it
/// (experiment::load_sweep_points, then experiment::sweep without the GIL),
/// with its runs, sensitivity and robustness back as numpy arrays
/// (shockflow.Sweep makes the tables).

#include <fmt/format.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "shockflow/experiment/sweep.hpp"
#include "shockflow/model/kpi.hpp"
#include "shockflow/scenario/design.hpp"
#include "shockflow/scenario/limits.hpp"
#include "shockflow/scenario/loader.hpp"

namespace py = pybind11;

namespace shockflow::python {
namespace {

using experiment::Sweep;

py::array_t<std::int64_t> column(const std::vector<std::int64_t>& values) {
    py::array_t<std::int64_t> out(static_cast<py::ssize_t>(values.size()));
    std::copy(values.begin(), values.end(), out.mutable_data());
    return out;
}

// sweep.csv's rows as columns: the KPIs as a (runs x KPIs) matrix, the
// censored flags likewise, and the point, policy and replication of each row.
py::dict runs_dict(const Sweep& s) {
    const std::size_t n_kpi = s.kpi_names.size();
    std::size_t rows = 0;
    for (const auto& point : s.samples)
        for (const auto& policy : point) rows += policy.size();
    py::array_t<double> kpis({static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(n_kpi)});
    py::array_t<double> censored({static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(n_kpi)});
    std::vector<std::int64_t> point_col, policy_col, replication_col;
    auto k = kpis.mutable_unchecked<2>();
    auto c = censored.mutable_unchecked<2>();
    py::ssize_t r = 0;
    for (std::size_t i = 0; i < s.samples.size(); ++i)
        for (std::size_t p = 0; p < s.samples[i].size(); ++p)
            for (std::size_t rep = 0; rep < s.samples[i][p].size(); ++rep, ++r) {
                point_col.push_back(static_cast<std::int64_t>(i));
                policy_col.push_back(static_cast<std::int64_t>(p));
                replication_col.push_back(static_cast<std::int64_t>(rep));
                for (std::size_t j = 0; j < n_kpi; ++j) {
                    k(r, static_cast<py::ssize_t>(j)) = s.samples[i][p][rep][j];
                    c(r, static_cast<py::ssize_t>(j)) = s.censored[i][p][rep][j];
                }
            }
    py::dict out;
    out["kpis"] = kpis;
    out["censored"] = censored;
    out["point"] = column(point_col);
    out["policy"] = column(policy_col);
    out["replication"] = column(replication_col);
    return out;
}

py::dict sweep(const std::string& scenario_file, const std::string& design_file,
               const std::vector<std::string>& policy_files,
               std::optional<std::int64_t> replications, std::optional<std::uint64_t> seed,
               int threads, const std::vector<std::string>& sets) {
    std::vector<Override> base;
    for (const std::string& s : sets) base.push_back(Override::parse(s));
    const ScenarioSpec scenario = load_scenario(scenario_file, base);
    const Design design = load_design(design_file);
    const std::vector<DesignPoint> points = design_points(design);
    experiment::SweepOptions options;
    options.replications = replications.value_or(design.replications_or(scenario.replications));
    options.seed = seed.value_or(scenario.seed);
    options.threads = threads;
    const std::vector<std::filesystem::path> files(policy_files.begin(), policy_files.end());
    Sweep result;
    std::vector<experiment::SensitivityRow> sensitivity;
    std::vector<experiment::RobustnessRow> robustness;
    std::uint64_t hash = 0;
    {
        py::gil_scoped_release release;
        const auto loaded =
            experiment::load_sweep_points(scenario_file, files, design, points, base, threads);
        hash = experiment::sweep_input_hash(design, scenario.input_hash, loaded.front().policies);
        result = experiment::sweep(loaded, design, points, options);
        sensitivity = experiment::sweep_sensitivity(result);
        robustness = experiment::sweep_robustness(result);
    }
    py::dict out;
    out["scenario"] = scenario.name;
    out["design"] = design.file;
    out["replications"] = result.replications;
    out["seed"] = result.seed;
    out["input_hash"] = fmt::format("{:016x}", hash);
    out["kpi_names"] = result.kpi_names;
    out["policy_names"] = result.policy_names;
    out["parameter_names"] = result.parameter_names;
    py::list keys, censorable, higher;
    for (const DesignParameter& p : design.parameters) keys.append(p.keys_text());
    for (const std::string& name : result.kpi_names) {
        if (kpi_info(name).censored != nullptr) censorable.append(name);
        higher.append(kpi_info(name).higher_is_better);
    }
    out["parameter_keys"] = keys;
    out["censorable"] = censorable;
    out["higher_is_better"] = higher;
    // The points: each parameter's number (NaN where it is none) and label.
    py::list numbers, labels;
    for (const DesignPoint& p : result.points) {
        numbers.append(p.numbers);
        labels.append(p.labels);
    }
    out["point_numbers"] = numbers;
    out["point_labels"] = labels;
    out["runs"] = runs_dict(result);
    py::list sens;
    for (const auto& r : sensitivity)
        sens.append(py::make_tuple(r.policy, r.kpi, r.parameter, r.observations, r.value.src.mean,
                                   r.value.src.ci95_lo, r.value.src.ci95_hi, r.value.prcc.mean,
                                   r.value.prcc.ci95_lo, r.value.prcc.ci95_hi, r.r2));
    out["sensitivity"] = sens;
    py::list robust;
    for (const auto& r : robustness)
        robust.append(py::make_tuple(r.policy, r.kpi, r.share_best, r.mean_regret, r.max_regret,
                                     r.worst_point));
    out["robustness"] = robust;
    return out;
}

}  // namespace

void bind_sweep(py::module_& m) {
    m.def("sweep", &sweep, py::arg("scenario"), py::arg("design"), py::arg("policies"),
          py::arg("replications") = py::none(), py::arg("seed") = py::none(),
          py::arg("threads") = 0, py::arg("sets") = std::vector<std::string>{},
          "Runs a design file's points under every policy (as `shockflow sweep`, without the GIL)");
}

}  // namespace shockflow::python
