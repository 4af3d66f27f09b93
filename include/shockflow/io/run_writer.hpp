#pragma once
/// Result files and the terminal summary of one run (`shockflow run`).

#include <filesystem>
#include <functional>
#include <string>

#include "shockflow/model/result.hpp"

namespace shockflow::io {

/// Writes `dir/timeseries.csv`, `dir/firms.csv` and `dir/summary.json`
/// (formats in docs/FORMAT.md) all-or-nothing through AtomicOutput; creates
/// `dir` if needed. Numbers are printed in their shortest round-trip form, so
/// the same RunResult always gives byte-identical files. Non-finite values are
/// written as `nan`/`inf` in CSV and as `null` in JSON.
/// Throws std::filesystem::filesystem_error when the files cannot be written.
void write_run(const RunResult& result, const std::filesystem::path& dir);

class AtomicOutput;
/// As above; `also` may open more files in `output` (e.g. report.html), which
/// are committed together with the three result files.
void write_run(const RunResult& result, const std::filesystem::path& dir,
               const std::function<void(AtomicOutput& output)>& also);

/// An aligned plain-text table for a terminal: scenario, policy and seed, the
/// KPIs (in Kpis::list() order) and run totals per product (units), ending in '\n'.
[[nodiscard]] std::string format_kpi_table(const RunResult& result);

}  // namespace shockflow::io
