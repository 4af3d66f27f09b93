// Time to survive (regions) against time to recover (producers), per node,
// from RunResult::resilience (after Simchi-Levi; definitions in docs/MODEL.md).

#include <algorithm>
#include <cmath>
#include <map>

#include "io/report_page.hpp"

namespace shockflow::io::report {
namespace {

constexpr std::size_t kMaxRows = 36;  // nodes per panel, the most exposed first

struct Point {
    std::string node;
    std::string product;
    double days = 0.0;
    bool censored = false;
};

// Per node, its points and its worst value (survive: lowest, recover: highest).
struct NodePoints {
    double worst = 0.0;
    std::vector<Point> points;
};

std::map<std::string, NodePoints> collect(const RunResult& r, bool survive) {
    std::map<std::string, NodePoints> nodes;
    for (const Resilience& x : r.resilience) {
        const double days = survive ? x.time_to_survive_days : x.time_to_recover_days;
        if (std::isnan(days)) continue;
        const std::string& id = r.node_ids[x.node];
        auto [it, fresh] = nodes.try_emplace(id, NodePoints{days, {}});
        if (!fresh)
            it->second.worst =
                survive ? std::min(it->second.worst, days) : std::max(it->second.worst, days);
        it->second.points.push_back({id, r.product_ids[x.product], days, x.censored});
    }
    return nodes;
}

// The kMaxRows most exposed nodes, ranked; ties by id so the order is stable.
Json panel_values(const RunResult& r, bool survive, std::size_t& shown, std::size_t& total) {
    const auto nodes = collect(r, survive);
    std::vector<std::pair<double, std::string>> ranked;
    for (const auto& [id, n] : nodes) ranked.emplace_back(survive ? n.worst : -n.worst, id);
    std::sort(ranked.begin(), ranked.end());
    total = ranked.size();
    shown = std::min(total, kMaxRows);
    Json values = Json::array();
    for (std::size_t rank = 0; rank < shown; ++rank) {
        for (const Point& p : nodes.at(ranked[rank].second).points) {
            const char* state = p.censored ? (survive ? "never short" : "not recovered")
                                           : (survive ? "went short" : "recovered");
            values.push_back({{"node", p.node},
                              {"rank", rank},
                              {"product", p.product},
                              {"days", p.days},
                              {"state", state}});
        }
    }
    return values;
}

Json point_encoding(bool survive, double x_max) {
    const Json states =
        survive ? Json{"went short", "never short"} : Json{"recovered", "not recovered"};
    return {
        {"x",
         {{"field", "days"},
          {"type", "quantitative"},
          {"title", "days from window start"},
          {"scale", {{"domain", {0, x_max}}, {"nice", false}}}}},
        {"y",
         {{"field", "node"},
          {"type", "nominal"},
          {"title", nullptr},
          {"sort", {{"field", "rank"}, {"op", "min"}}},
          {"axis", {{"labelLimit", 240}}}}},
        {"color",
         {{"field", "product"},
          {"type", "nominal"},
          {"title", "product"},
          {"legend", {{"orient", "bottom"}, {"direction", "horizontal"}}}}},
        {"shape",
         {{"field", "state"},
          {"type", "nominal"},
          {"title", nullptr},
          {"scale", {{"domain", states}, {"range", {"circle", "triangle-right"}}}},
          {"legend", {{"orient", "top"}, {"direction", "horizontal"}}}}},
        {"tooltip",
         {{{"field", "node"}}, {{"field", "product"}}, {{"field", "days"}}, {{"field", "state"}}}}};
}

Json panel(const RunResult& r, const ReportContext& c, bool survive, double x_max) {
    std::size_t shown = 0, total = 0;
    Json values = panel_values(r, survive, shown, total);
    std::string title = survive ? "Time to survive: regions" : "Time to recover: producers";
    if (shown < total) title += " (" + std::to_string(shown) + " of " + std::to_string(total) + ")";
    if (total == 0) title += " (none)";
    Json points = {{"data", {{"values", values}}},
                   {"mark", {{"type", "point"}, {"filled", true}, {"size", 55}, {"opacity", 0.85}}},
                   {"encoding", point_encoding(survive, x_max)}};
    const Json end = {{"values", Json::array({{{"x", c.window[1] - c.window[0]}}})}};
    Json rule = {{"data", end},
                 {"mark", {{"type", "rule"}, {"color", "#b45309"}, {"strokeDash", {4, 3}}}},
                 {"encoding", {{"x", {{"field", "x"}, {"type", "quantitative"}}}}}};
    const auto rows = static_cast<int>(std::max<std::size_t>(shown, 1));
    return {{"title", {{"text", title}, {"fontSize", 12}, {"anchor", "start"}}},
            {"width", 380},
            {"height", std::max(40, rows * 14)},
            {"layer", {rule, points}}};
}

}  // namespace

Card resilience_card(const RunResult& r, const ReportContext& c) {
    const double x_max = std::max(1.0, std::ceil(r.end_day - c.window[0]));
    Json spec = {{"config", chart_config()},
                 {"hconcat", {panel(r, c, true, x_max), panel(r, c, false, x_max)}},
                 {"spacing", 40},
                 {"resolve",
                  {{"scale", {{"shape", "independent"}}}, {"legend", {{"shape", "independent"}}}}}};
    return {"resilience",
            "Time to survive against time to recover",
            "Per node and product, days from the window start: until a region first went short of "
            "an essential product (left), and that a producer's output stayed below 95 % of "
            "baseline (right); a triangle means the run ended first. Dashed: the window end. "
            "Nodes where neither applies are not shown.",
            true,
            spec,
            ""};
}

}  // namespace shockflow::io::report
