#pragma once
/// Result files and the terminal summary of one run (`shockflow run`).

#include <filesystem>
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

/// An aligned plain-text table for a terminal: scenario, policy and seed, the
/// KPIs (in Kpis::list() order) and run totals per product (units), ending in '\n'.
[[nodiscard]] std::string format_kpi_table(const RunResult& result);

}  // namespace shockflow::io
