#pragma once
/// Writing a sweep (experiment/sweep.hpp): the files of `sweep --out DIR`,
/// a terminal table and a report page.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "shockflow/experiment/sweep.hpp"
#include "shockflow/io/extra_file.hpp"
#include "shockflow/io/report.hpp"

namespace shockflow::io {

/// A sweep with what it was run on and what was made of it.
struct SweepOutput {
    experiment::Sweep sweep;
    std::vector<experiment::SensitivityRow> sensitivity;
    std::vector<experiment::RobustnessRow> robustness;
    std::string scenario;  ///< the scenario's name
    std::string design_file;
    const Design* design = nullptr;  ///< the design run (not owned)
    std::uint64_t input_hash = 0;    ///< of the scenario, policies, --set and design
};

/// The KPIs the terminal table and the report show: essential fill rate,
/// worst region's essential fill rate, person-days short, holding cost.
std::vector<std::string> sweep_headline_kpis();

/// Writes sweep.csv, sensitivity.csv, robustness.csv and sweep.json into
/// `dir` (created if needed; docs/FORMAT.md), with the `extra` files in the
/// same all-or-nothing commit. Throws as write_comparison() does.
void write_sweep(const SweepOutput& output, const std::filesystem::path& dir,
                 const std::vector<ExtraFile>& extra = {});

/// For the headline KPIs: each policy's share of points where it is best,
/// its mean and maximum regret, then the parameters each KPI is most
/// sensitive to under the first policy. Ends with a newline.
std::string format_sweep_table(const SweepOutput& output);

/// The report page of a sweep: a tornado chart of the SRC (with intervals)
/// per headline KPI and policy, and the robustness table.
std::string sweep_report_html(const SweepOutput& output, const ReportContext& context,
                              const ReportAssets& assets);

/// write_sweep() with report.html in the same commit when `search` found the
/// chart library. Returns "" when the report was written, else `search.notice`.
std::string write_sweep_with_report(const SweepOutput& output, const ReportContext& context,
                                    const AssetSearch& search, const std::filesystem::path& dir);

}  // namespace shockflow::io
