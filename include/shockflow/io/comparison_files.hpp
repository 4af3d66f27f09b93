#pragma once
/// Writing a Comparison: the files of `compare --out DIR` and a terminal table.

#include <filesystem>
#include <string>
#include <vector>

#include "shockflow/experiment/compare.hpp"
#include "shockflow/io/extra_file.hpp"

namespace shockflow::io {

/// Writes comparison.json, comparison.csv and replications.csv into `dir`
/// (created if needed) as described in the scenario-format contract, all or
/// nothing, with the `extra` files (e.g. report.html) in the same commit.
/// Numbers as in the `run` files: shortest
/// round-trip form, non-finite as `null` in JSON and `nan`/`inf` in CSV.
/// The bytes depend only on `comparison` and the build (version, git
/// revision). Throws std::runtime_error (std::filesystem::filesystem_error)
/// on I/O failure, leaving no partly written file.
void write_comparison(const experiment::Comparison& comparison, const std::filesystem::path& dir,
                      const std::vector<ExtraFile>& extra = {});

/// The comparison as a side-by-side table for a terminal: one row per KPI,
/// one column per policy showing `mean [ci95_lo, ci95_hi]` (just the value
/// when replications == 1), the best mean of each row marked `*`; then, per
/// non-baseline policy, its paired differences against the baseline.
/// Ends with a newline.
std::string format_comparison_table(const experiment::Comparison& comparison);

}  // namespace shockflow::io
