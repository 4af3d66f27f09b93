// The charts of a comparison report: KPI distributions per policy, paired
// differences against the baseline, and essential fill-rate bands over time.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>

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

Json kpi_labels(const Comparison& c) {
    Json labels = Json::array();
    for (const auto& name : c.kpi_names) labels.push_back(kpi_label(name));
    return labels;
}

// Small multiples, one panel per KPI, each with its own x scale.
Json kpi_facets(const Comparison& c, Json values, Json layers, int panel_height) {
    return {{"data", {{"values", std::move(values)}}},
            {"config", chart_config()},
            {"columns", 4},
            {"facet",
             {{"field", "kpi"},
              {"type", "nominal"},
              {"title", nullptr},
              {"sort", kpi_labels(c)},
              {"header", {{"labelFontSize", 11}}}}},
            {"spec", {{"width", 200}, {"height", panel_height}, {"layer", std::move(layers)}}},
            {"resolve", {{"scale", {{"x", "independent"}}}}}};
}

Json y_policy(const Json& names) {
    return {{"field", "policy"}, {"type", "nominal"}, {"title", nullptr}, {"sort", names}};
}

// An untitled quantitative x axis on `field`; `zero`: whether its scale must include 0.
Json x_value(const char* field, bool zero) {
    return {{"field", field},
            {"type", "quantitative"},
            {"title", nullptr},
            {"scale", {{"zero", zero}}}};
}

Card distributions_card(const Comparison& c) {
    Json values = Json::array();
    for (const auto& p : c.policies) {
        for (const auto& replication : p.samples) {
            for (std::size_t j = 0; j < replication.size() && j < c.kpi_names.size(); ++j) {
                if (!std::isfinite(replication[j])) continue;
                values.push_back({{"policy", p.name},
                                  {"kpi", kpi_label(c.kpi_names[j])},
                                  {"value", replication[j]}});
            }
        }
    }
    const Json names = policy_names(c);
    Json box = {
        {"mark", {{"type", "boxplot"}, {"extent", "min-max"}, {"size", 12}}},
        {"encoding",
         {{"x", x_value("value", false)},
          {"y", y_policy(names)},
          {"color",
           {{"field", "policy"}, {"type", "nominal"}, {"sort", names}, {"legend", nullptr}}}}}};
    const int height = static_cast<int>(18 * c.policies.size()) + 6;
    return {"distributions",
            "KPI distributions per policy",
            "Box plots over the replications of each policy: box from the 25th to the 75th "
            "percentile, line at the median, whiskers to the lowest and highest value.",
            true,
            kpi_facets(c, values, Json::array({box}), height),
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

Json difference_values(const Comparison& c) {
    Json values = Json::array();
    for (std::size_t p = 1; p < c.policies.size(); ++p) {
        const auto& policy = c.policies[p];
        for (std::size_t j = 0; j < c.kpi_names.size() && j < policy.vs_baseline.size(); ++j) {
            const auto& d = policy.vs_baseline[j];
            values.push_back({{"policy", policy.name},
                              {"kpi", kpi_label(c.kpi_names[j])},
                              {"diff", json_number(d.mean_diff)},
                              {"lo", json_number(d.ci95_lo)},
                              {"hi", json_number(d.ci95_hi)},
                              {"verdict", verdict(d, kpi_info(c.kpi_names[j]).higher_is_better)},
                              {"share_better", json_number(d.share_better)}});
        }
    }
    return values;
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

Card differences_card(const Comparison& c) {
    Json names = policy_names(c);
    names.erase(names.begin());
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
    Json dots = {{"mark", {{"type", "point"}, {"filled", true}, {"size", 70}}},
                 {"encoding",
                  {{"x", x_value("diff", true)},
                   {"y", y_policy(names)},
                   {"color", verdict_color()},
                   {"tooltip", tooltip}}}};
    const int height = static_cast<int>(20 * names.size()) + 6;
    return {"differences",
            "Paired differences against the baseline (" + c.policies.front().name + ")",
            "Mean of policy − baseline over the replications with its 95 % interval; green "
            "when the interval lies on the better side of zero, red on the worse side.",
            true,
            kpi_facets(c, difference_values(c), Json::array({zero, bars, dots}), height),
            ""};
}

std::string estimate_cell(const experiment::Estimate& e, std::int64_t replications) {
    if (std::isnan(e.mean)) return "n/a";
    if (replications == 1) return cell_number(e.mean);
    return fmt::format("{} [{}, {}]", cell_number(e.mean), cell_number(e.ci95_lo),
                       cell_number(e.ci95_hi));
}

// A table: each policy's holding cost above the baseline's and what it paid
// per person-day of shortage avoided.
Card cost_card(const Comparison& c) {
    const std::string& base = c.policies.front().name;
    std::string html =
        "<table>\n<tr><th>policy</th><th>extra holding cost</th><th>cost per person-day "
        "short avoided</th></tr>\n";
    for (std::size_t p = 1; p < c.policies.size(); ++p) {
        const auto& policy = c.policies[p];
        fmt::format_to(std::back_inserter(html), "<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                       escape_html(policy.name),
                       estimate_cell(policy.extra_holding_cost, c.replications),
                       estimate_cell(policy.cost_per_person_day_avoided, c.replications));
    }
    html += "</table>\n";
    return {"cost",
            "Cost of stock against shortage avoided (baseline: " + base + ")",
            "Mean over the replications [95 % interval] of the holding cost above the "
            "baseline's, and of that cost per person-day short avoided (mean extra cost ÷ mean "
            "person-days avoided); n/a where no person-days are avoided.",
            false,
            std::nullopt,
            html};
}

}  // namespace

std::vector<Card> comparison_cards(const Comparison& comparison, const ReportContext& context) {
    std::vector<Card> cards;
    cards.push_back(ranking_card(comparison));
    cards.push_back(bands_card(comparison, context));
    cards.push_back(distributions_card(comparison));
    if (comparison.policies.size() > 1) {
        cards.push_back(differences_card(comparison));
        cards.push_back(cost_card(comparison));
    }
    return cards;
}

}  // namespace shockflow::io::report
