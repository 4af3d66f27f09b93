/// compare() from Python: experiment::compare without the GIL, its samples and
/// statistics back as numpy arrays (shockflow.Comparison makes the tables).

#include <fmt/format.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "shockflow/core/error.hpp"
#include "shockflow/experiment/compare.hpp"
#include "shockflow/model/kpi.hpp"
#include "shockflow/scenario/loader.hpp"

namespace py = pybind11;

namespace shockflow::python {
namespace {

using experiment::Comparison;
using experiment::PolicyResult;

// rows x columns of doubles, filled by fill(row, column).
template <typename Fill>
py::array_t<double> matrix(std::size_t rows, std::size_t cols, Fill fill) {
    py::array_t<double> out({static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(cols)});
    auto view = out.mutable_unchecked<2>();
    for (std::size_t i = 0; i < rows; ++i) {
        for (std::size_t j = 0; j < cols; ++j) {
            view(static_cast<py::ssize_t>(i), static_cast<py::ssize_t>(j)) = fill(i, j);
        }
    }
    return out;
}

py::dict policy_dict(const PolicyResult& p, std::size_t kpis) {
    py::dict out;
    out["name"] = p.name;
    out["samples"] = matrix(p.samples.size(), kpis,
                            [&](std::size_t k, std::size_t j) { return p.samples[k][j]; });
    // Per KPI: mean, std, ci95_lo, ci95_hi, p5, p50, p95 (comparison.csv's order).
    out["stats"] = matrix(kpis, 7, [&](std::size_t j, std::size_t c) {
        const auto& s = p.stats[j];
        const double v[] = {s.mean, s.std, s.ci95_lo, s.ci95_hi, s.p5, s.p50, s.p95};
        return v[c];
    });
    // Per KPI: diff mean, ci95_lo, ci95_hi, share_better.
    out["diff"] = matrix(kpis, 4, [&](std::size_t j, std::size_t c) {
        const auto& d = p.vs_baseline[j];
        const double v[] = {d.mean_diff, d.ci95_lo, d.ci95_hi, d.share_better};
        return v[c];
    });
    const auto estimate = [](const experiment::Estimate& e) {
        return py::make_tuple(e.mean, e.ci95_lo, e.ci95_hi);
    };
    // [replication][kpi]: 1 where the value is censored at the run's end.
    out["censored"] = matrix(p.censored.size(), kpis, [&](std::size_t k, std::size_t j) {
        return j < p.censored[k].size() ? static_cast<double>(p.censored[k][j]) : 0.0;
    });
    out["censored_runs"] = p.censored_runs;
    out["extra_holding_cost"] = estimate(p.extra_holding_cost);
    out["cost_per_person_day_avoided"] = estimate(p.cost_per_person_day_avoided);
    return out;
}

py::dict comparison_dict(const Comparison& c) {
    py::dict out;
    out["scenario"] = c.scenario;
    out["replications"] = c.replications;
    out["seed"] = c.seed;
    out["input_hash"] = fmt::format("{:016x}", c.input_hash);
    out["kpi_names"] = c.kpi_names;
    // The KPIs that can be censored: replications.csv's <kpi>_censored columns.
    py::list censorable;
    for (const std::string& name : c.kpi_names)
        if (kpi_info(name).censored != nullptr) censorable.append(name);
    out["censorable"] = censorable;
    py::list policies;
    for (const PolicyResult& p : c.policies) policies.append(policy_dict(p, c.kpi_names.size()));
    out["policies"] = policies;
    return out;
}

py::dict compare(const ScenarioSpec& scenario, const std::vector<PolicySpec>& policies,
                 std::optional<std::int64_t> replications, std::optional<std::uint64_t> seed,
                 int threads) {
    check_distinct_policy_names(policies);
    experiment::CompareOptions options;
    options.replications = replications.value_or(scenario.replications);
    options.seed = seed.value_or(scenario.seed);
    options.threads = threads;
    // Copies taken with the GIL held (see run()); policies arrive as copies.
    const ScenarioSpec s = scenario;
    Comparison comparison;
    {
        py::gil_scoped_release release;
        comparison = experiment::compare(s, policies, options);
    }
    return comparison_dict(comparison);
}

}  // namespace

void bind_compare(py::module_& m) {
    m.def("compare", &compare, py::arg("scenario"), py::arg("policies"),
          py::arg("replications") = py::none(), py::arg("seed") = py::none(),
          py::arg("threads") = 0,
          "Runs every policy on replications 0..n-1 with common random numbers (without the "
          "GIL); the first policy is the baseline");
}

}  // namespace shockflow::python
