#pragma once
/// The names each command may write into its --out directory (private to
/// src/): a commit of one replaces all of them (core/atomic_output.hpp).

#include <string>
#include <vector>

namespace shockflow::io {

/// `run --out`: timeseries.csv, regions.csv, firms.csv, summary.json, report.html.
inline std::vector<std::string> run_files() {
    return {"timeseries.csv", "regions.csv", "firms.csv", "summary.json", "report.html"};
}

/// `compare --out`: comparison.json, comparison.csv, comparison_long.csv,
/// replications.csv, daily.csv, samples.csv, report.html.
inline std::vector<std::string> comparison_files() {
    return {"comparison.json", "comparison.csv", "comparison_long.csv", "replications.csv",
            "daily.csv",       "samples.csv",    "report.html"};
}

/// `stress --out`: stress.csv, report.html.
inline std::vector<std::string> stress_files() { return {"stress.csv", "report.html"}; }

/// `sweep --out`: sweep.csv, sensitivity.csv, robustness.csv, sweep.json, report.html.
inline std::vector<std::string> sweep_files() {
    return {"sweep.csv", "sensitivity.csv", "robustness.csv", "sweep.json", "report.html"};
}

}  // namespace shockflow::io
