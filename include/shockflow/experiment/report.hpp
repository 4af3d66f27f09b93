#pragma once
/// Writing a Comparison: the files of `compare --out DIR` and a terminal table.

#include <filesystem>
#include <functional>
#include <string>

#include "shockflow/experiment/compare.hpp"

namespace shockflow::io {
class AtomicOutput;
}

namespace shockflow::experiment {

/// Writes comparison.json, comparison.csv and replications.csv into `dir`
/// (created if needed) as described in the scenario-format contract, all or
/// nothing (io::AtomicOutput). Numbers as in the `run` files: shortest
/// round-trip form, non-finite as `null` in JSON and `nan`/`inf` in CSV.
/// The bytes depend only on `comparison` and the build (version, git
/// revision). Throws std::runtime_error (std::filesystem::filesystem_error)
/// on I/O failure, leaving no partly written file.
void write_comparison(const Comparison& comparison, const std::filesystem::path& dir);
/// As above; `also` may open more files in `output` (e.g. report.html), which
/// are committed together with the three comparison files.
void write_comparison(const Comparison& comparison, const std::filesystem::path& dir,
                      const std::function<void(io::AtomicOutput& output)>& also);

/// The comparison as a side-by-side table for a terminal: one row per KPI,
/// one column per policy showing `mean [ci95_lo, ci95_hi]` (just the value
/// when replications == 1), the best mean of each row marked `*`; then, per
/// non-baseline policy, its paired differences against the baseline.
/// Ends with a newline.
std::string format_comparison_table(const Comparison& comparison);

}  // namespace shockflow::experiment
