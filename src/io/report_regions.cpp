// The run report's views per region: the essential fill rate of every region
// per day with its days short marked, and the stock of each essential
// product per region and day (the stock card averages the products, which
// hides a shortage of one of them).

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "io/number_format.hpp"
#include "io/report_page.hpp"
#include "io/run_files.hpp"

namespace shockflow::io::report {
namespace {

// A day counts as short when its essential unmet demand is above this share
// of its essential demand (as days_short in docs/MODEL.md).
constexpr double kShortShare = 1e-9;

// Regions of the run in the order their panels are shown: lowest essential
// fill rate in the window first (RunResult::regions), those without one
// last, ties in the scenario's order; regions the result does not summarise
// (a hand-built one) in the scenario's order after them.
std::vector<std::uint32_t> regions_worst_first(const RunResult& r, const ReportContext& c) {
    std::vector<std::uint32_t> order;
    for (const RegionSummary& s : r.regions) order.push_back(s.node);
    std::map<std::uint32_t, double> fill;
    for (const RegionSummary& s : r.regions)
        fill[s.node] = std::isnan(s.essential_fill_rate) ? 2.0 : s.essential_fill_rate;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return fill[a] < fill[b]; });
    const auto nodes = nodes_by_index(r.node_ids, c);
    for (std::uint32_t n = 0; n < nodes.size(); ++n)
        if (nodes[n] != nullptr && nodes[n]->kind == "region" && !fill.contains(n))
            order.push_back(n);
    return order;
}

struct DayTotals {
    double demand = 0.0, delivered = 0.0, unmet = 0.0;
};

// Σ over essential products per (region, day).
std::map<std::pair<std::uint32_t, std::int32_t>, DayTotals> essential_days(const RunResult& r,
                                                                           const ReportContext& c) {
    const auto essential = essential_flags(r.product_ids, c);
    const auto nodes = nodes_by_index(r.node_ids, c);
    std::map<std::pair<std::uint32_t, std::int32_t>, DayTotals> out;
    for (const DayRow& row : r.timeseries) {
        const ReportNode* node = nodes[row.node];
        if (!essential[row.product] || node == nullptr || node->kind != "region") continue;
        DayTotals& t = out[{row.node, row.day}];
        t.demand += row.demand;
        t.delivered += row.delivered;
        t.unmet += row.unmet;
    }
    return out;
}

// Days of the run that overlap the window [w0, w1), as days_short counts them.
int window_days(const RunResult& r, const ReportContext& c) {
    const Days days = run_days(r);
    int n = 0;
    for (std::int32_t d = days.first; d < days.end; ++d)
        if (d + 1.0 > c.window[0] && d < c.window[1]) ++n;
    return n;
}

// The facet label of a region: its id and on how many days of the window it
// went short.
std::map<std::uint32_t, std::string> region_labels(const RunResult& r, const ReportContext& c,
                                                   const std::vector<std::uint32_t>& order) {
    std::map<std::uint32_t, std::string> labels;
    for (const std::uint32_t n : order) labels[n] = r.node_ids[n];
    const int days = window_days(r, c);
    for (const RegionSummary& s : r.regions)
        labels[s.node] =
            fmt::format("{} · short {} of {} days", r.node_ids[s.node], s.days_short, days);
    return labels;
}

Json fill_values(const RunResult& r, const ReportContext& c,
                 const std::map<std::uint32_t, std::string>& labels, double& lowest) {
    Json values = Json::array();
    lowest = 1.0;
    for (const auto& [key, t] : essential_days(r, c)) {
        if (!(t.demand > 0.0)) continue;
        const double fill = t.delivered / t.demand;
        lowest = std::min(lowest, fill);
        // What is drawn from the day alone is derived in the chart
        // (day_calculations), which keeps the page small for many regions.
        values.push_back({{"region", labels.at(key.first)},
                          {"day", key.second},
                          {"fill", std::round(fill * 10000.0) / 10000.0},
                          {"short", t.unmet > kShortShare * t.demand},
                          {"unmet", std::round(t.unmet * 10.0) / 10.0}});
    }
    return values;
}

// `t` (mid-day, where a daily point is drawn) and `day_end` from `day`.
Json day_calculations() {
    return Json::array({{{"calculate", "datum.day + 0.5"}, {"as", "t"}},
                        {{"calculate", "datum.day + 1"}, {"as", "day_end"}}});
}

// The window band of every panel: one rect per facet (max of a constant).
Json window_in_facet(const ReportContext& c) {
    const Json transform =
        Json::array({{{"aggregate", {{{"op", "max"}, {"field", "day"}, {"as", "any"}}}},
                      {"groupby", {"region"}}},
                     {{"calculate", fmt::format("{}", c.window[0])}, {"as", "from"}},
                     {{"calculate", fmt::format("{}", c.window[1])}, {"as", "to"}}});
    return {{"transform", transform},
            {"mark", {{"type", "rect"}, {"color", "#f59e0b"}, {"opacity", 0.13}}},
            {"encoding",
             {{"x", {{"field", "from"}, {"type", "quantitative"}}}, {"x2", {{"field", "to"}}}}}};
}

Json labels_in_order(const std::vector<std::uint32_t>& order,
                     const std::map<std::uint32_t, std::string>& labels) {
    Json sorted = Json::array();
    for (const std::uint32_t n : order) sorted.push_back(labels.at(n));
    return sorted;
}

}  // namespace

Card region_fill_card(const RunResult& r, const ReportContext& c) {
    const auto order = regions_worst_first(r, c);
    const auto labels = region_labels(r, c, order);
    double lowest = 1.0;
    const Json values = fill_values(r, c, labels, lowest);
    constexpr int kPanelHeight = 70, kStrip = 7;
    const Json x = x_days(run_days(r));
    // Days short: a red strip along the bottom of the panel, whatever the
    // share unmet (the line shows that).
    Json shortfall = {{"transform", Json::array({{{"filter", "datum.short"}}})},
                      {"mark", {{"type", "rect"}, {"color", "#dc2626"}}},
                      {"encoding",
                       {{"x", x_days(run_days(r), "day")},
                        {"x2", {{"field", "day_end"}}},
                        {"y", {{"value", kPanelHeight - kStrip}}},
                        {"y2", {{"value", kPanelHeight}}},
                        {"tooltip",
                         {{{"field", "region"}},
                          {{"field", "day"}},
                          {{"field", "unmet"}, {"title", "units unmet"}}}}}}};
    Json line = {
        {"mark", {{"type", "line"}, {"color", "#1d4ed8"}, {"strokeWidth", 1.5}}},
        {"encoding",
         {{"x", x},
          {"y",
           {{"field", "fill"},
            {"type", "quantitative"},
            {"title", "essential fill"},
            {"axis", {{"format", "%"}, {"tickCount", 3}}},
            {"scale", {{"domain", {fill_floor(lowest), 1}}}}}},
          {"tooltip",
           {{{"field", "region"}}, {{"field", "day"}}, {{"field", "fill"}, {"format", ".1%"}}}}}}};
    Json spec = {{"data", {{"values", values}}},
                 {"transform", day_calculations()},
                 {"config", chart_config()},
                 {"columns", 4},
                 {"facet",
                  {{"field", "region"},
                   {"type", "nominal"},
                   {"title", nullptr},
                   {"sort", labels_in_order(order, labels)},
                   {"header", {{"labelFontSize", 11}}}}},
                 {"spec",
                  {{"width", 200},
                   {"height", kPanelHeight},
                   {"layer", {window_in_facet(c), shortfall, line}}}}};
    return {"regions",
            "Essential fill rate per region",
            "Delivered ÷ demanded of essential goods per region and day, worst region (lowest "
            "essential fill rate in the window) first; red strip: days with essential demand "
            "unmet (hover for units); shaded: the disruption window. The panel title counts the "
            "days of the window on which the region went short.",
            true,
            spec,
            ""};
}

namespace {

struct ProductCover {
    Json values = Json::array();
    CoverScale scale;  // the colour scale, as the stock card's
};

// Per (essential product, region, day): days of cover (stock ÷ the day's
// demand rate, as in regions.csv) and whether demand went unmet.
ProductCover product_cover(const RunResult& r, const ReportContext& c,
                           const std::vector<std::uint32_t>& order) {
    const auto essential = essential_flags(r.product_ids, c);
    std::map<std::uint32_t, bool> shown;
    for (const std::uint32_t n : order) shown[n] = true;
    ProductCover out;
    std::vector<double> all, quiet;
    for (const DayRow& row : r.timeseries) {
        if (!essential[row.product] || !shown.contains(row.node)) continue;
        const double cover = days_of_cover(row);
        if (std::isnan(cover)) continue;  // no demand that day
        all.push_back(cover);
        if (row.day + 1 <= c.quiet_until) quiet.push_back(cover);
        out.values.push_back({{"product", r.product_ids[row.product]},
                              {"region", r.node_ids[row.node]},
                              {"day", row.day},
                              {"cover", std::round(cover * 100.0) / 100.0},
                              {"short", row.unmet > kShortShare * row.demand},
                              {"unmet", std::round(row.unmet * 10.0) / 10.0}});
    }
    out.scale = cover_scale(std::move(all), quiet);
    return out;
}

}  // namespace

Card product_stock_card(const RunResult& r, const ReportContext& c) {
    const auto order = regions_worst_first(r, c);
    const ProductCover cover = product_cover(r, c, order);
    const int height = static_cast<int>(std::clamp<std::size_t>(order.size() * 9, 40, 300));
    Json names = Json::array();
    for (const std::uint32_t n : order) names.push_back(r.node_ids[n]);
    const Json y = {{"field", "region"},
                    {"type", "nominal"},
                    {"title", nullptr},
                    {"sort", names},
                    {"axis", {{"labelFontSize", order.size() > 20 ? 8 : 10}}}};
    Json heat = {{"mark", {{"type", "rect"}}},
                 {"encoding",
                  {{"x", x_days(run_days(r), "day")},
                   {"x2", {{"field", "day_end"}}},
                   {"y", y},
                   {"color", cover_color("days of cover", cover.scale)},
                   {"tooltip",
                    {{{"field", "product"}},
                     {{"field", "region"}},
                     {{"field", "day"}},
                     {{"field", "cover"}, {"title", "days of cover"}},
                     {{"field", "unmet"}, {"title", "units unmet"}}}}}}};
    Json marks = {{"transform", Json::array({{{"filter", "datum.short"}}})},
                  {"mark",
                   {{"type", "point"},
                    {"shape", "cross"},
                    {"size", 14},
                    {"color", "#111827"},
                    {"filled", true}}},
                  {"encoding", {{"x", {{"field", "t"}, {"type", "quantitative"}}}, {"y", y}}}};
    Json spec = {{"data", {{"values", cover.values}}},
                 {"transform", day_calculations()},
                 {"config", chart_config()},
                 {"columns", 2},
                 {"facet",
                  {{"field", "product"},
                   {"type", "nominal"},
                   {"title", nullptr},
                   {"sort", c.essential_products}}},
                 {"spec", {{"width", 400}, {"height", height}, {"layer", {heat, marks}}}}};
    return {"stock-products",
            "Stock of each essential product per region",
            "Days of cover at the end of each day (stock ÷ that day's demand rate) per product, "
            "region (worst first) and day: yellow is the usual level before the disruption, red "
            "less, blue more; ×: days with demand unmet.",
            true,
            spec,
            ""};
}

}  // namespace shockflow::io::report
