// report.html beside the other result files, in the same all-or-nothing commit.

#include <string>
#include <vector>

#include "shockflow/io/comparison_files.hpp"
#include "shockflow/io/report.hpp"
#include "shockflow/io/run_writer.hpp"
#include "shockflow/io/stress_files.hpp"
#include "shockflow/io/sweep_files.hpp"

namespace shockflow::io {
namespace {

// Calls write(extra files): with report.html among them when `search` found the
// assets, else with none, returning the notice. The page is built before any
// file is opened: a failure leaves nothing behind.
template <class Page, class Write>
std::string with_report(const AssetSearch& search, Page page, Write write) {
    if (!search.assets) {
        write(std::vector<ExtraFile>{});
        return search.notice;
    }
    const std::string html = page(*search.assets);
    write(std::vector<ExtraFile>{{"report.html", html}});
    return "";
}

}  // namespace

std::string write_run_with_report(const RunResult& result, const ReportContext& context,
                                  const AssetSearch& search, const std::filesystem::path& dir) {
    return with_report(
        search,
        [&](const ReportAssets& assets) { return run_report_html(result, context, assets); },
        [&](const std::vector<ExtraFile>& extra) { write_run(result, dir, extra); });
}

std::string finish_run_with_report(StreamingRunWriter& writer, const RunResult& result,
                                   const ReportContext& context, const AssetSearch& search) {
    return with_report(
        search,
        [&](const ReportAssets& assets) { return run_report_html(result, context, assets); },
        [&](const std::vector<ExtraFile>& extra) { writer.finish(result, extra); });
}

std::string write_comparison_with_report(const experiment::Comparison& comparison,
                                         const ReportContext& context, const AssetSearch& search,
                                         const std::filesystem::path& dir) {
    return with_report(
        search,
        [&](const ReportAssets& assets) {
            return comparison_report_html(comparison, context, assets);
        },
        [&](const std::vector<ExtraFile>& extra) { write_comparison(comparison, dir, extra); });
}

std::string write_stress_with_report(const experiment::StressResult& result,
                                     const ReportContext& context, const AssetSearch& search,
                                     const std::filesystem::path& dir) {
    return with_report(
        search,
        [&](const ReportAssets& assets) { return stress_report_html(result, context, assets); },
        [&](const std::vector<ExtraFile>& extra) { write_stress(result, dir, extra); });
}

std::string write_sweep_with_report(const SweepOutput& output, const ReportContext& context,
                                    const AssetSearch& search, const std::filesystem::path& dir) {
    return with_report(
        search,
        [&](const ReportAssets& assets) { return sweep_report_html(output, context, assets); },
        [&](const std::vector<ExtraFile>& extra) { write_sweep(output, dir, extra); });
}

}  // namespace shockflow::io
