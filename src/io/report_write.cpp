// report.html beside the other result files, in the same all-or-nothing commit.

#include "shockflow/io/comparison_files.hpp"
#include "shockflow/io/report.hpp"
#include "shockflow/io/run_writer.hpp"

namespace shockflow::io {

std::string write_run_with_report(const RunResult& result, const ReportContext& context,
                                  const AssetSearch& search, const std::filesystem::path& dir) {
    if (!search.assets) {
        write_run(result, dir);
        return search.notice;
    }
    // The page is built before any file is opened: a failure leaves nothing behind.
    const std::string html = run_report_html(result, context, *search.assets);
    write_run(result, dir, {{"report.html", html}});
    return "";
}

std::string finish_run_with_report(StreamingRunWriter& writer, const RunResult& result,
                                   const ReportContext& context, const AssetSearch& search) {
    if (!search.assets) {
        writer.finish(result);
        return search.notice;
    }
    const std::string html = run_report_html(result, context, *search.assets);
    writer.finish(result, {{"report.html", html}});
    return "";
}

std::string write_comparison_with_report(const experiment::Comparison& comparison,
                                         const ReportContext& context, const AssetSearch& search,
                                         const std::filesystem::path& dir) {
    if (!search.assets) {
        write_comparison(comparison, dir);
        return search.notice;
    }
    const std::string html = comparison_report_html(comparison, context, *search.assets);
    write_comparison(comparison, dir, {{"report.html", html}});
    return "";
}

}  // namespace shockflow::io
