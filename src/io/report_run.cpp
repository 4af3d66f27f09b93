// The daily charts of a run report: essential fill rate, share of active
// firms, essential stock per region and essential production against its
// baseline. Each is computed from RunResult::timeseries / firms.

#include <algorithm>
#include <map>

#include "io/number_format.hpp"
#include "io/report_page.hpp"

namespace shockflow::io::report {
namespace {

Card fill_card(const RunResult& r, const ReportContext& c) {
    const Days days = run_days(r);
    Json values = Json::array();
    double lowest = 1.0;
    for (const DailyEssential& e : r.essential_by_day) {
        if (e.demand <= 0.0) continue;
        lowest = std::min(lowest, e.delivered / e.demand);
        values.push_back(
            {{"day", e.day}, {"t", e.day + 0.5}, {"fill", json_number(e.delivered / e.demand)}});
    }
    Json line = {{"data", {{"values", values}}},
                 {"mark", {{"type", "line"}, {"point", true}, {"color", "#1d4ed8"}}},
                 {"encoding",
                  {{"x", x_days(days)},
                   {"y",
                    {{"field", "fill"},
                     {"type", "quantitative"},
                     {"title", "essential fill rate"},
                     {"axis", {{"format", "%"}}},
                     {"scale", {{"domain", {fill_floor(lowest), 1}}}}}},
                   {"tooltip", {{{"field", "day"}}, {{"field", "fill"}, {"format", ".1%"}}}}}}};
    return {"fill",
            "Essential fill rate per day",
            "Delivered ÷ demanded over all regions and essential products, per day; the "
            "shaded band is the disruption window.",
            false,
            layered(kHalfWidth, 220, with_window(c.window, Json::array({line}))),
            ""};
}

Json firm_values(const RunResult& r, const ReportContext& c, double& lowest) {
    const auto nodes = nodes_by_index(r.node_ids, c);
    std::map<std::int32_t, std::array<std::int64_t, 4>> sums;  // parks: firms, active; all
    for (const FirmRow& row : r.firms) {
        auto& s = sums[row.day];
        const bool park = row.node < nodes.size() && nodes[row.node] != nullptr &&
                          nodes[row.node]->kind == "park";
        if (park) s[0] += row.firms, s[1] += row.firms_active;
        s[2] += row.firms, s[3] += row.firms_active;
    }
    Json values = Json::array();
    lowest = 1.0;
    for (const auto& [day, s] : sums) {
        for (int g = 0; g < 2; ++g) {
            const auto firms = s[static_cast<std::size_t>(2 * g)];
            // "parks and plants" only where plants add to the parks.
            if (firms <= 0 || (g == 1 && firms == s[0])) continue;
            const double share = static_cast<double>(s[static_cast<std::size_t>(2 * g + 1)]) /
                                 static_cast<double>(firms);
            lowest = std::min(lowest, share);
            values.push_back({{"day", day},
                              {"t", day + 0.5},
                              {"group", g == 0 ? "parks (the KPI)" : "parks and plants"},
                              {"share", share}});
        }
    }
    return values;
}

Card firms_card(const RunResult& r, const ReportContext& c) {
    double lowest = 1.0;
    Json values = firm_values(r, c, lowest);
    const double floor = lowest >= 0.5 ? 0.5 : 0.0;
    Json line = {
        {"data", {{"values", values}}},
        {"mark", {{"type", "line"}, {"point", true}}},
        {"encoding",
         {{"x", x_days(run_days(r))},
          {"y",
           {{"field", "share"},
            {"type", "quantitative"},
            {"title", "share of firms active"},
            {"axis", {{"format", "%"}}},
            {"scale", {{"domain", {floor, 1}}}}}},
          {"color",
           {{"field", "group"},
            {"type", "nominal"},
            {"title", nullptr},
            {"scale", {{"range", {"#047857", "#94a3b8"}}}},
            {"legend", {{"orient", "bottom"}}}}},
          {"tooltip",
           {{{"field", "day"}}, {{"field", "group"}}, {{"field", "share"}, {"format", ".1%"}}}}}}};
    const Json target = {{"values", Json::array({{{"y", 0.8}, {"label", "80 %"}}})}};
    Json rule = {{"data", target},
                 {"mark", {{"type", "rule"}, {"color", "#dc2626"}, {"strokeDash", {5, 4}}}},
                 {"encoding", {{"y", {{"field", "y"}, {"type", "quantitative"}}}}}};
    Json label = {
        {"data", target},
        {"mark", {{"type", "text"}, {"align", "right"}, {"dy", -7}, {"color", "#dc2626"}}},
        {"encoding",
         {{"y", {{"field", "y"}, {"type", "quantitative"}}},
          {"x", {{"value", kHalfWidth}}},
          {"text", {{"field", "label"}}}}}};
    return {"firms",
            "Share of active firms per day",
            "Σ active firms ÷ Σ firms per day; the KPI counts parks only. Dashed: the 80 % line.",
            false,
            layered(kHalfWidth, 220, with_window(c.window, Json::array({line, rule, label}))),
            ""};
}

}  // namespace

std::vector<Card> daily_cards(const RunResult& result, const ReportContext& context) {
    return {fill_card(result, context), firms_card(result, context), stock_card(result, context),
            production_card(result, context)};
}

}  // namespace shockflow::io::report
