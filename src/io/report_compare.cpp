// The charts of a comparison report: KPI distributions per policy, paired
// differences against the baseline, and essential fill-rate bands over time.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

#include "io/number_format.hpp"
#include "io/report_page.hpp"
#include "shockflow/experiment/statistics.hpp"
#include "shockflow/model/kpi.hpp"

namespace shockflow::io::report {
namespace {

using experiment::Comparison;

std::string kpi_label(const std::string& name) {
    return name + (kpi_info(name).higher_is_better ? " (higher is better)" : " (lower is better)");
}

Json policy_names(const Comparison& c) {
    Json names = Json::array();
    for (const auto& p : c.policies) names.push_back(p.name);
    return names;
}

// Small multiples, one chart per KPI, each with its own data, x scale and
// axis title (its unit), three to a row (with the policies' names beside
// each, four would not fit a wide card).
Json kpi_panels(Json panels) {
    return {
        {"config", chart_config()}, {"columns", 3}, {"spacing", 18}, {"concat", std::move(panels)}};
}

Json y_policy(const Json& names) {
    return {{"field", "policy"}, {"type", "nominal"}, {"title", nullptr}, {"sort", names}};
}

// The panel title of KPI `name`: which way is better, and how many
// replications of each policy are censored at the run's end.
Json panel_title(const Comparison& c, std::size_t j) {
    Json title = {{"text", kpi_label(c.kpi_names[j])}, {"fontSize", 11}};
    std::string censored;
    for (const auto& p : c.policies) {
        const std::size_t n = j < p.censored_runs.size() ? p.censored_runs[j] : 0;
        if (n > 0)
            censored +=
                fmt::format("{}{} {}/{}", censored.empty() ? "" : ", ", p.name, n, c.replications);
    }
    if (!censored.empty()) {
        title["subtitle"] = "censored (▶, ≥): " + censored;
        title["subtitleFontSize"] = 10;
    }
    return title;
}

// A quantitative x scale that shows all of [lo, hi] with some room on both
// sides, so that no box or point sits on the edge of the plot; a single
// value gets a range around it.
Json padded_domain(double lo, double hi) {
    if (!std::isfinite(lo) || !std::isfinite(hi)) return Json::array({0, 1});
    double pad = 0.06 * (hi - lo);
    if (!(pad > 0.0)) pad = lo != 0.0 ? 0.05 * std::fabs(lo) : 1.0;
    return Json::array({lo - pad, hi + pad});
}

Json x_value(const char* field, const std::string& title, const Json& domain) {
    return {{"field", field},
            {"type", "quantitative"},
            {"title", title},
            {"scale", {{"domain", domain}, {"nice", false}, {"zero", false}}}};
}

Card distributions_card(const Comparison& c) {
    const Json names = policy_names(c);
    const int height = static_cast<int>(18 * c.policies.size()) + 6;
    const Json color = {
        {"field", "policy"}, {"type", "nominal"}, {"sort", names}, {"legend", nullptr}};
    Json panels = Json::array();
    for (std::size_t j = 0; j < c.kpi_names.size(); ++j) {
        Json values = Json::array();
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        for (const auto& p : c.policies) {
            for (std::size_t k = 0; k < p.samples.size(); ++k) {
                const double v = j < p.samples[k].size() ? p.samples[k][j] : std::nan("");
                if (!std::isfinite(v)) continue;
                lo = std::min(lo, v);
                hi = std::max(hi, v);
                const bool censored =
                    k < p.censored.size() && j < p.censored[k].size() && p.censored[k][j] != 0;
                values.push_back({{"policy", p.name}, {"value", v}, {"censored", censored}});
            }
        }
        const Json x =
            x_value("value", std::string(kpi_info(c.kpi_names[j]).unit), padded_domain(lo, hi));
        const Json y = y_policy(names);
        Json box = {{"mark", {{"type", "boxplot"}, {"extent", "min-max"}, {"size", 12}}},
                    {"encoding", {{"x", x}, {"y", y}, {"color", color}}}};
        auto points = [&](bool censored) {
            return Json{
                {"transform",
                 Json::array({{{"filter", censored ? "datum.censored" : "!datum.censored"}}})},
                {"mark",
                 {{"type", "point"},
                  {"shape", censored ? "triangle-right" : "circle"},
                  {"size", censored ? 36 : 16},
                  {"filled", true},
                  {"opacity", censored ? 0.9 : 0.45},
                  {"color", censored ? "#111827" : "#374151"}}},
                {"encoding",
                 {{"x", x},
                  {"y", y},
                  {"tooltip",
                   {{{"field", "policy"}},
                    {{"field", "value"}},
                    {{"field", "censored"}, {"title", "censored at the run's end"}}}}}}};
        };
        panels.push_back({{"title", panel_title(c, j)},
                          {"data", {{"values", std::move(values)}}},
                          {"width", 200},
                          {"height", height},
                          {"layer", Json::array({box, points(false), points(true)})}});
    }
    return {"distributions",
            "KPI distributions per policy",
            "Box plots over the replications of each policy: box from the 25th to the 75th "
            "percentile, line at the median, whiskers to the lowest and highest value; dots: the "
            "replications; ▶: a replication censored at the run's end (the event timed had not "
            "happened, so its value is a lower bound). Axes in each KPI's unit.",
            true,
            kpi_panels(std::move(panels)),
            ""};
}

// "better" / "worse" when the 95 % interval of the paired difference excludes
// zero on that side, else "no clear difference".
const char* verdict(const experiment::KpiDiff& d, bool higher_is_better) {
    const double lo = higher_is_better ? d.ci95_lo : -d.ci95_hi;
    const double hi = higher_is_better ? d.ci95_hi : -d.ci95_lo;
    if (lo > 0.0) return "better than baseline";
    if (hi < 0.0) return "worse than baseline";
    return "no clear difference";
}

Json verdict_color() {
    return {{"field", "verdict"},
            {"type", "nominal"},
            {"title", nullptr},
            {"scale",
             {{"domain", {"better than baseline", "no clear difference", "worse than baseline"}},
              {"range", {"#16a34a", "#6b7280", "#dc2626"}}}},
            {"legend", {{"orient", "top"}}}};
}

// The panel of KPI j: each non-baseline policy's mean difference and its
// interval, on an axis that shows them and zero.
Json difference_panel(const Comparison& c, std::size_t j, const Json& names) {
    Json values = Json::array();
    double lo = 0.0, hi = 0.0;  // zero is always shown
    for (std::size_t p = 1; p < c.policies.size(); ++p) {
        const auto& policy = c.policies[p];
        if (j >= policy.vs_baseline.size()) continue;
        const auto& d = policy.vs_baseline[j];
        for (const double v : {d.mean_diff, d.ci95_lo, d.ci95_hi})
            if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
        values.push_back({{"policy", policy.name},
                          {"diff", json_number(d.mean_diff)},
                          {"lo", json_number(d.ci95_lo)},
                          {"hi", json_number(d.ci95_hi)},
                          {"verdict", verdict(d, kpi_info(c.kpi_names[j]).higher_is_better)},
                          {"share_better", json_number(d.share_better)}});
    }
    const Json x =
        x_value("diff", fmt::format("policy − baseline, {}", kpi_info(c.kpi_names[j]).unit),
                padded_domain(lo, hi));
    Json zero = {{"mark", {{"type", "rule"}, {"color", "#6b7280"}, {"strokeDash", {3, 3}}}},
                 {"encoding", {{"x", {{"datum", 0}, {"type", "quantitative"}}}}}};
    Json bars = {{"mark", {{"type", "rule"}, {"strokeWidth", 2}, {"color", "#374151"}}},
                 {"encoding",
                  {{"x", {{"field", "lo"}, {"type", "quantitative"}}},
                   {"x2", {{"field", "hi"}}},
                   {"y", y_policy(names)}}}};
    const Json tooltip = {{{"field", "policy"}},
                          {{"field", "diff"}, {"title", "mean diff"}},
                          {{"field", "lo"}, {"title", "ci95 lo"}},
                          {{"field", "hi"}, {"title", "ci95 hi"}},
                          {{"field", "share_better"}, {"format", ".0%"}}};
    Json dots = {
        {"mark", {{"type", "point"}, {"filled", true}, {"size", 70}}},
        {"encoding",
         {{"x", x}, {"y", y_policy(names)}, {"color", verdict_color()}, {"tooltip", tooltip}}}};
    return {{"title", panel_title(c, j)},
            {"data", {{"values", std::move(values)}}},
            {"width", 200},
            {"height", static_cast<int>(20 * names.size()) + 6},
            {"layer", Json::array({zero, bars, dots})}};
}

Card differences_card(const Comparison& c) {
    Json names = policy_names(c);
    names.erase(names.begin());
    Json panels = Json::array();
    for (std::size_t j = 0; j < c.kpi_names.size(); ++j)
        panels.push_back(difference_panel(c, j, names));
    Json spec = kpi_panels(std::move(panels));
    spec["resolve"] = {{"legend", {{"color", "shared"}}}};
    return {"differences",
            "Paired differences against the baseline (" + c.policies.front().name + ")",
            "Mean of policy − baseline over the replications with its 95 % interval, in each "
            "KPI's unit; green when the interval lies on the better side of zero, red on the "
            "worse side.",
            true,
            spec,
            ""};
}

}  // namespace

std::vector<Card> comparison_cards(const Comparison& comparison, const ReportContext& context) {
    std::vector<Card> cards;
    cards.push_back(ranking_card(comparison));
    cards.push_back(bands_card(comparison, context));
    cards.push_back(distributions_card(comparison));
    if (comparison.policies.size() > 1) {
        cards.push_back(differences_card(comparison));
        if (auto chart = cost_benefit_card(comparison)) cards.push_back(std::move(*chart));
        cards.push_back(cost_card(comparison));
    }
    return cards;
}

}  // namespace shockflow::io::report
