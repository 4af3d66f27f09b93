#pragma once
/// Writing a stress test (experiment/stress.hpp): the files of
/// `stress --out DIR`, a terminal table and a report page.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "shockflow/experiment/stress.hpp"
#include "shockflow/io/extra_file.hpp"
#include "shockflow/io/report.hpp"

namespace shockflow::io {

/// Writes stress.csv into `dir` (created if needed), one row per target in
/// rank order (docs/FORMAT.md), with the `extra` files (report.html) in the
/// same all-or-nothing commit. Numbers as in the `run` files. Throws
/// std::runtime_error (std::filesystem::filesystem_error) on I/O failure,
/// leaving no partly written file.
void write_stress(const experiment::StressResult& result, const std::filesystem::path& dir,
                  const std::vector<ExtraFile>& extra = {});

/// The baseline's figures and the `shown` most exposed targets as a
/// terminal table, with how many there are. Ends with a newline.
std::string format_stress_table(const experiment::StressResult& result, std::size_t shown = 10);

/// The report page of a stress test: exposure by target (bars), TTS against
/// TTR, and the ranking.
std::string stress_report_html(const experiment::StressResult& result, const ReportContext& context,
                               const ReportAssets& assets);

/// write_stress() with report.html in the same commit when `search` found
/// the chart library. Returns "" when the report was written, else
/// `search.notice`.
std::string write_stress_with_report(const experiment::StressResult& result,
                                     const ReportContext& context, const AssetSearch& search,
                                     const std::filesystem::path& dir);

}  // namespace shockflow::io
