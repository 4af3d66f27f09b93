#pragma once
/// Self-contained HTML reports of a run or a comparison (`--report`).
///
/// A report is one HTML file: the chart library (Vega 5, Vega-Lite 5 and
/// vega-embed 6, installed from the npm registry at build time) and the data
/// are inlined, so opening it fetches nothing. The library is looked up at run
/// time; without it the other result files are still written, and the caller
/// gets a one-line notice saying why there is no report.

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shockflow/experiment/compare.hpp"
#include "shockflow/model/result.hpp"
#include "shockflow/policy/policy.hpp"
#include "shockflow/scenario/spec.hpp"

namespace shockflow::io {

/// A node as the network view draws it.
struct ReportNode {
    std::string id;
    std::string kind;               ///< "park", "plant", "depot", "region" or "source"
    std::vector<std::string> tags;  ///< as in the scenario; `province:X` groups the layout
    std::optional<double> lat;      ///< degrees; with `lon`, where the node is drawn
    std::optional<double> lon;
};

/// What a report needs to know of the scenario beyond what RunResult holds.
struct ReportContext {
    std::string description;
    std::array<double, 2> window{0.0, 12.0};      ///< disruption window [from, to), days
    std::vector<std::string> essential_products;  ///< ids, in scenario order
    /// End of the quiet period (days): the window start, or the start of
    /// prestocking if the policy starts it earlier. Production baselines are
    /// the mean daily output of the (up to 7) whole days before it.
    double quiet_until = 0.0;
    std::vector<ReportNode> nodes;                           ///< scenario order
    std::vector<std::pair<std::string, std::string>> links;  ///< (from, to)
    std::vector<std::string> struck;         ///< node ids a strike targets (`tag:X` resolved)
    std::vector<std::string> may_be_struck;  ///< nodes of an `any:TAG` strike target
    std::vector<std::string> cut_links;      ///< "FROM->TO" of every link_cut
};

/// The report context of `scenario`; `policy` (may be null) moves the end of
/// the quiet period to the start of its prestocking.
ReportContext make_report_context(const ScenarioSpec& scenario, const PolicySpec* policy);

/// The three vendor scripts inlined in every report, in loading order.
inline constexpr std::array<std::string_view, 3> kReportAssetFiles{
    "vega.min.js", "vega-lite.min.js", "vega-embed.min.js"};

/// The contents of the three scripts, ready to inline.
struct ReportAssets {
    std::array<std::string, 3> scripts;  ///< in kReportAssetFiles order
};

/// Result of looking for the chart library.
struct AssetSearch {
    std::optional<ReportAssets> assets;  ///< nullopt: not found
    std::string notice;                  ///< one line saying why not (empty when found)
};

/// Where the chart library is looked for, in order: `$SHOCKFLOW_REPORT_ASSETS`
/// alone when that is set; otherwise `<dir of the executable>/share/shockflow/report`,
/// `<dir of the executable>/../share/shockflow/report` and the build tree's copy.
std::vector<std::filesystem::path> report_asset_dirs();

/// Loads the three scripts from the first of `dirs` that holds all of them.
AssetSearch load_report_assets(const std::vector<std::filesystem::path>& dirs);

/// The report of one run (charts described in README.md, "Reports").
std::string run_report_html(const RunResult& result, const ReportContext& context,
                            const ReportAssets& assets);

/// The time-series rows run_report_html() reads: essential products at
/// regions (stock cover) and essential products made anywhere (production).
/// A run streamed to disk keeps only these in memory for its report; the page
/// built from them is the same as from the whole series.
class ReportRowFilter {
public:
    /// `node_ids` and `product_ids` as in RunResult (the scenario's order).
    ReportRowFilter(const ReportContext& context, const std::vector<std::string>& node_ids,
                    const std::vector<std::string>& product_ids);
    [[nodiscard]] bool operator()(const DayRow& row) const;

private:
    std::vector<bool> essential_;  // by product
    std::vector<bool> region_;     // by node
};

/// The report of a comparison; the fill-rate bands need
/// CompareOptions::daily_fill.
std::string comparison_report_html(const experiment::Comparison& comparison,
                                   const ReportContext& context, const ReportAssets& assets);

/// Writes the files of write_run() into `dir` and, if `search` found the chart
/// library, `report.html` in the same all-or-nothing commit. Returns "" when
/// the report was written, else `search.notice`.
std::string write_run_with_report(const RunResult& result, const ReportContext& context,
                                  const AssetSearch& search, const std::filesystem::path& dir);

class StreamingRunWriter;
/// The same for a run streamed to disk: finishes `writer` with `result`, whose
/// `timeseries` holds (at least) the rows ReportRowFilter keeps, and adds
/// `report.html` to the same commit when `search` found the chart library.
std::string finish_run_with_report(StreamingRunWriter& writer, const RunResult& result,
                                   const ReportContext& context, const AssetSearch& search);

/// The same for the files of write_comparison() (io/comparison_files.hpp).
std::string write_comparison_with_report(const experiment::Comparison& comparison,
                                         const ReportContext& context, const AssetSearch& search,
                                         const std::filesystem::path& dir);

}  // namespace shockflow::io
