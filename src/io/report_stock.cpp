// Stock of essential goods per region, and production of each essential
// product against its pre-disruption baseline.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "io/number_format.hpp"
#include "io/report_page.hpp"

namespace shockflow::io::report {
namespace {

// Per (region, day): the mean over the essential products the region demands
// of stock ÷ that day's demand (days of need on hand, unit-free), and the
// stock summed over them in units.
struct Cover {
    double days_sum = 0.0;
    int products = 0;
    double units = 0.0;
};

std::map<std::pair<std::uint32_t, std::int32_t>, Cover> covers(const RunResult& r,
                                                               const ReportContext& c) {
    const auto essential = essential_flags(r.product_ids, c);
    const auto nodes = nodes_by_index(r.node_ids, c);
    std::map<std::pair<std::uint32_t, std::int32_t>, Cover> out;
    for (const DayRow& row : r.timeseries) {
        const ReportNode* node = nodes[row.node];
        if (!essential[row.product] || node == nullptr || node->kind != "region") continue;
        Cover& cover = out[{row.node, row.day}];
        cover.units += row.stock;
        if (row.demand > 0.0) {
            cover.days_sum += row.stock / row.demand;
            ++cover.products;
        }
    }
    return out;
}

// Rows in scenario order of the regions.
Json stock_values(const RunResult& r, const ReportContext& c, CoverScale& scale) {
    std::vector<double> all, quiet;
    Json values = Json::array();
    for (const auto& [key, cover] : covers(r, c)) {
        const double days = cover.products > 0 ? cover.days_sum / cover.products : std::nan("");
        if (!std::isnan(days)) all.push_back(days);
        if (!std::isnan(days) && key.second + 1 <= c.quiet_until) quiet.push_back(days);
        values.push_back({{"region", r.node_ids[key.first]},
                          {"order", key.first},
                          {"day", key.second},
                          {"day_end", key.second + 1},
                          {"cover", json_number(std::round(days * 100.0) / 100.0)},
                          {"units", std::round(cover.units)}});
    }
    scale = cover_scale(std::move(all), quiet);
    return values;
}

// Σ produced per (essential product, day), every day of the run present.
std::map<std::uint32_t, std::vector<double>> production(const RunResult& r, const ReportContext& c,
                                                        const Days& days) {
    const auto essential = essential_flags(r.product_ids, c);
    const auto n_days = static_cast<std::size_t>(std::max(0, days.end - days.first));
    std::map<std::uint32_t, std::vector<double>> out;
    for (const DayRow& row : r.timeseries) {
        if (!essential[row.product] || row.produced <= 0.0) continue;
        auto& series = out.try_emplace(row.product, n_days, 0.0).first->second;
        const auto d = static_cast<std::size_t>(row.day - days.first);
        if (row.day >= days.first && d < n_days) series[d] += row.produced;
    }
    return out;
}

// The baseline: mean daily output over the (up to) 7 whole days before the
// quiet period ends (window start, or an earlier start of prestocking); the
// first day of the run if no whole day comes before it.
double baseline(const std::vector<double>& series, const Days& days, double quiet_until) {
    const std::int32_t to = std::min(days.end, static_cast<std::int32_t>(std::floor(quiet_until)));
    std::int32_t from = std::max(days.first, to - 7);
    std::int32_t until = to;
    if (until <= from) from = days.first, until = days.first + 1;
    double sum = 0.0;
    for (std::int32_t d = from; d < until; ++d)
        sum += series[static_cast<std::size_t>(d - days.first)];
    return sum / (until - from);
}

Json per_product(const Json& layer_mark, const Json& encoding, const ReportContext& c) {
    const Json transform =
        Json::array({{{"aggregate", {{{"op", "max"}, {"field", "baseline"}, {"as", "baseline"}}}},
                      {"groupby", {"product"}}},
                     {{"calculate", fmt::format("{}", c.window[0])}, {"as", "from"}},
                     {{"calculate", fmt::format("{}", c.window[1])}, {"as", "to"}}});
    return {{"transform", transform}, {"mark", layer_mark}, {"encoding", encoding}};
}

Json production_values(const RunResult& r, const ReportContext& c, const Days& days) {
    Json values = Json::array();
    for (const auto& [product, series] : production(r, c, days)) {
        const double base = baseline(series, days, c.quiet_until);
        for (std::size_t d = 0; d < series.size(); ++d) {
            const auto day = days.first + static_cast<std::int32_t>(d);
            values.push_back({{"product", r.product_ids[product]},
                              {"day", day},
                              {"t", day + 0.5},
                              {"produced", std::round(series[d] * 10.0) / 10.0},
                              {"baseline", std::round(base * 10.0) / 10.0}});
        }
    }
    return values;
}

Json heat_layer(const RunResult& r, const Json& values, const CoverScale& scale) {
    return {{"data", {{"values", values}}},
            {"mark", {{"type", "rect"}}},
            {"encoding",
             {{"x", x_days(run_days(r), "day")},
              {"x2", {{"field", "day_end"}}},
              {"y",
               {{"field", "region"},
                {"type", "nominal"},
                {"title", nullptr},
                {"sort", {{"field", "order"}, {"op", "min"}}}}},
              {"color", cover_color("days of need", scale)},
              {"tooltip",
               {{{"field", "region"}},
                {{"field", "day"}},
                {{"field", "cover"}, {"title", "days of need"}},
                {{"field", "units"}, {"title", "units (all essential)"}}}}}}};
}

}  // namespace

CoverScale cover_scale(std::vector<double> all, const std::vector<double>& quiet) {
    const auto middle = [](std::vector<double> v) {
        if (v.empty()) return std::nan("");
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    CoverScale scale;
    scale.usual = quiet.empty() ? middle(all) : middle(quiet);
    if (std::isnan(scale.usual) || scale.usual <= 0.0) scale.usual = 1.0;
    std::sort(all.begin(), all.end());
    const double p95 =
        all.empty() ? 0.0
                    : all[static_cast<std::size_t>(0.95 * static_cast<double>(all.size() - 1))];
    scale.top = std::max(2.0 * scale.usual, std::ceil(p95));
    return scale;
}

Json cover_color(std::string_view title, const CoverScale& scale) {
    return {{"field", "cover"},
            {"type", "quantitative"},
            {"title", title},
            {"scale",
             {{"scheme", "redyellowblue"},
              {"domain", {0, scale.top}},
              {"domainMid", scale.usual},
              {"clamp", true}}},
            {"legend", {{"orient", "right"}, {"gradientLength", 160}}}};
}

Card production_card(const RunResult& r, const ReportContext& c) {
    const Days days = run_days(r);
    const Json values = production_values(r, c, days);
    const Json x_quant = {{"field", "from"}, {"type", "quantitative"}};
    Json window = per_product({{"type", "rect"}, {"color", "#f59e0b"}, {"opacity", 0.13}},
                              {{"x", x_quant}, {"x2", {{"field", "to"}}}}, c);
    Json base = per_product({{"type", "rule"}, {"color", "#6b7280"}, {"strokeDash", {5, 4}}},
                            {{"y", {{"field", "baseline"}, {"type", "quantitative"}}}}, c);
    Json line = {{"mark", {{"type", "line"}, {"color", "#7c3aed"}}},
                 {"encoding",
                  {{"x", x_days(days)},
                   {"y", {{"field", "produced"}, {"type", "quantitative"}, {"title", "units/day"}}},
                   {"tooltip",
                    {{{"field", "product"}},
                     {{"field", "day"}},
                     {{"field", "produced"}},
                     {{"field", "baseline"}}}}}}};
    Json spec = {{"data", {{"values", values}}},
                 {"config", chart_config()},
                 {"columns", 2},
                 {"facet",
                  {{"field", "product"},
                   {"type", "nominal"},
                   {"title", nullptr},
                   {"sort", c.essential_products}}},
                 {"spec", {{"width", 170}, {"height", 95}, {"layer", {window, base, line}}}},
                 {"resolve", {{"scale", {{"y", "independent"}}}}}};
    return {"production",
            "Production of essential goods against baseline",
            "Units made per day of each essential product, all producers; dashed: the baseline, "
            "mean daily output of the 7 days before the disruption (or before prestocking).",
            false,
            spec,
            ""};
}

Card stock_card(const RunResult& r, const ReportContext& c) {
    CoverScale scale;
    const Json heat = heat_layer(r, stock_values(r, c, scale), scale);
    std::size_t regions = 0;
    for (const ReportNode& n : c.nodes) {
        if (n.kind == "region") ++regions;
    }
    const Json data = {{"values", Json::array({{{"from", c.window[0]}, {"to", c.window[1]}}})}};
    Json edges = {{"data", data},
                  {"mark", {{"type", "rule"}, {"color", "#1f2937"}, {"strokeDash", {4, 3}}}},
                  {"encoding", {{"x", {{"field", "from"}, {"type", "quantitative"}}}}}};
    Json edges_end = edges;
    edges_end["encoding"]["x"]["field"] = "to";
    const int height = static_cast<int>(std::clamp<std::size_t>(regions * 13, 60, 520));
    return {"stock",
            "Stock of essential goods per region",
            "Days of need on hand at the end of each day (stock ÷ that day's demand, averaged "
            "over the essential products the region uses): yellow is the usual level before the "
            "disruption, red less, blue more; dashed: the disruption window. Hover for units.",
            true,
            layered(kWideWidth - 160, height, Json::array({heat, edges, edges_end})),
            ""};
}

}  // namespace shockflow::io::report
