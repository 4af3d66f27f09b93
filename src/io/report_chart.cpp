// Building blocks shared by the charts of the reports.

#include <algorithm>
#include <cmath>
#include <map>

#include "io/report_page.hpp"

namespace shockflow::io::report {

Days run_days(const RunResult& r) {
    return {static_cast<std::int32_t>(std::floor(r.start_day)),
            static_cast<std::int32_t>(std::ceil(r.end_day))};
}

std::vector<bool> essential_flags(const std::vector<std::string>& product_ids,
                                  const ReportContext& c) {
    std::vector<bool> flags;
    const auto& e = c.essential_products;
    for (const auto& id : product_ids)
        flags.push_back(std::find(e.begin(), e.end(), id) != e.end());
    return flags;
}

std::vector<const ReportNode*> nodes_by_index(const std::vector<std::string>& node_ids,
                                              const ReportContext& c) {
    std::map<std::string_view, const ReportNode*> by_id;
    for (const ReportNode& n : c.nodes) by_id[n.id] = &n;
    std::vector<const ReportNode*> nodes;
    for (const auto& id : node_ids) {
        const auto it = by_id.find(id);
        nodes.push_back(it == by_id.end() ? nullptr : it->second);
    }
    return nodes;
}

double fill_floor(double lowest) {
    if (!(lowest < 0.9)) return 0.9;  // also NaN
    return std::max(0.0, std::floor(lowest * 10.0) / 10.0);
}

Json x_days(const Days& days, std::string_view field) {
    return {{"field", field},
            {"type", "quantitative"},
            {"title", "day"},
            {"scale", {{"domain", {days.first, days.end}}, {"nice", false}}}};
}

Json layered(int width, int height, Json layers) {
    return {{"width", width}, {"height", height}, {"config", chart_config()}, {"layer", layers}};
}

Json with_window(const std::array<double, 2>& window, Json layers) {
    Json all = window_layers(window);
    for (auto& layer : layers) all.push_back(std::move(layer));
    return all;
}

Json window_layers(const std::array<double, 2>& window) {
    const Json data = {{"values", Json::array({{{"from", window[0]}, {"to", window[1]}}})}};
    const Json x = {{"field", "from"}, {"type", "quantitative"}, {"title", "day"}};
    Json rect = {{"data", data},
                 {"mark", {{"type", "rect"}, {"color", "#f59e0b"}, {"opacity", 0.13}}},
                 {"encoding", {{"x", x}, {"x2", {{"field", "to"}}}}}};
    Json label = {{"data", data},
                  {"mark",
                   {{"type", "text"},
                    {"align", "left"},
                    {"baseline", "top"},
                    {"dx", 3},
                    {"dy", 3},
                    {"fontSize", 10},
                    {"color", "#b45309"},
                    {"text", "disruption"}}},
                  {"encoding", {{"x", x}, {"y", {{"value", 0}}}}}};
    return Json::array({rect, label});
}

Json chart_config() {
    return {{"font", "DejaVu Sans, Arial, sans-serif"},
            {"axis", {{"labelFontSize", 11}, {"titleFontSize", 12}, {"titleFontWeight", "normal"}}},
            {"legend", {{"labelFontSize", 11}, {"titleFontSize", 12}, {"labelLimit", 300}}},
            {"header", {{"labelFontSize", 12}, {"titleFontSize", 12}}},
            {"view", {{"stroke", "#e5e7eb"}}}};
}

}  // namespace shockflow::io::report

namespace shockflow::io {

ReportRowFilter::ReportRowFilter(const ReportContext& context,
                                 const std::vector<std::string>& node_ids,
                                 const std::vector<std::string>& product_ids)
    : essential_(report::essential_flags(product_ids, context)) {
    for (const ReportNode* node : report::nodes_by_index(node_ids, context))
        region_.push_back(node != nullptr && node->kind == "region");
}

bool ReportRowFilter::operator()(const DayRow& row) const {
    return essential_[row.product] && (region_[row.node] || row.produced > 0.0);
}

}  // namespace shockflow::io
