#pragma once
/// The parts of an HTML report (private to src/io/report_*.cpp and the tests).

#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shockflow/io/report.hpp"

namespace shockflow::io::report {

using Json = nlohmann::ordered_json;

/// One card of the page: a chart (a Vega-Lite spec with inline data) or a table.
struct Card {
    std::string id;  ///< [a-z-]+; a chart's container is `chart-<id>`
    std::string title;
    std::string note;          ///< one line under the title: what is shown, units
    bool wide = false;         ///< spans both columns of the grid
    std::optional<Json> spec;  ///< Vega-Lite 5 spec, data inline
    std::string html;          ///< a table card's body (already escaped)
};

struct Page {
    std::string title;
    std::string description;                                 ///< under the title; may be empty
    std::vector<std::pair<std::string, std::string>> facts;  ///< (label, value) in the header
    std::vector<Card> cards;
};

/// The whole HTML document: the cards in a two-column grid, the chart specs
/// as one JSON block, the three vendor scripts inlined.
std::string render(const Page& page, const ReportAssets& assets);

/// `text` with & < > " ' replaced by entities.
std::string escape_html(std::string_view text);

/// `json` dumped so that it is safe inside a <script> element ('<' as \u003c).
std::string script_json(const Json& json);

/// A number for a table cell: about four significant digits, "n/a" for NaN.
std::string cell_number(double v);

/// Plot width (px) of a chart in a half-width card at a 1280 px wide window.
inline constexpr int kHalfWidth = 430;
/// Plot width (px) of a chart in a full-width card.
inline constexpr int kWideWidth = 1040;

/// Days of a run: day d covers [d, d + 1). Points of daily values are drawn
/// at mid-day (field `t` = d + 0.5), inside or outside the window as their day is.
struct Days {
    std::int32_t first = 0;
    std::int32_t end = 0;  ///< exclusive
};
Days run_days(const RunResult& result);

/// By index into `product_ids` (RunResult's): is the product essential?
std::vector<bool> essential_flags(const std::vector<std::string>& product_ids,
                                  const ReportContext& context);
/// By index into `node_ids` (RunResult's): the context's node (nullptr if unknown).
std::vector<const ReportNode*> nodes_by_index(const std::vector<std::string>& node_ids,
                                              const ReportContext& context);

/// Lower end of a fill-rate axis: 90 %, or lower in steps of 10 % to show `lowest`.
double fill_floor(double lowest);
/// A quantitative x encoding of days over the whole run.
Json x_days(const Days& days, std::string_view field = "t");
/// A layered Vega-Lite spec of the given plot size with the shared config.
Json layered(int width, int height, Json layers);
/// The window layers (window_layers) followed by `layers`.
Json with_window(const std::array<double, 2>& window, Json layers);
/// Vega-Lite layers shading the disruption window [from, to) on a
/// quantitative x axis of days, labelled at its top.
Json window_layers(const std::array<double, 2>& window);
/// Settings shared by every chart (fonts, axis style).
Json chart_config();

/// The cards of a run report.
std::vector<Card> daily_cards(const RunResult& result, const ReportContext& context);
Card stock_card(const RunResult& result, const ReportContext& context);
/// The colour scale of a days-of-cover heatmap: diverging around the usual
/// cover (the median over the quiet days, else over all) so that red means
/// "less than usual" and blue "more"; it ends at the 95th percentile so that
/// one large stockpile does not wash out the rest.
struct CoverScale {
    double usual = 1.0;
    double top = 2.0;
};
CoverScale cover_scale(std::vector<double> all, const std::vector<double>& quiet);
/// The colour encoding of a heatmap's field "cover" on `scale`, its legend
/// titled `title`.
Json cover_color(std::string_view title, const CoverScale& scale);
Card production_card(const RunResult& result, const ReportContext& context);
Card resilience_card(const RunResult& result, const ReportContext& context);
/// Essential fill rate per region and day, worst region first, days short marked.
Card region_fill_card(const RunResult& result, const ReportContext& context);
/// Days of cover per essential product, region and day, days short marked.
Card product_stock_card(const RunResult& result, const ReportContext& context);
/// Production loss by `region:` and `sector:` tag (bars); none unless the
/// products have prices and some node carries such a tag.
std::optional<Card> loss_card(const RunResult& result);
/// The network view: nodes laid out by province, struck nodes and cut links marked.
Card network_card(const RunResult& result, const ReportContext& context);

/// The cards of a comparison report, in page order.
std::vector<Card> comparison_cards(const experiment::Comparison& comparison,
                                   const ReportContext& context);
/// Policies ranked per KPI by their mean (a table).
Card ranking_card(const experiment::Comparison& comparison);
/// p5-p95 band and median of the daily essential fill rate per policy.
Card bands_card(const experiment::Comparison& comparison, const ReportContext& context);
/// Extra holding cost against person-days short avoided, per policy; none
/// without those two KPIs or a second policy.
std::optional<Card> cost_benefit_card(const experiment::Comparison& comparison);
/// The table of each policy's extra holding cost and cost per person-day avoided.
Card cost_card(const experiment::Comparison& comparison);

}  // namespace shockflow::io::report
