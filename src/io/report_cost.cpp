// What each policy's stock costs against the shortage it avoids, next to the
// baseline: a chart of extra holding cost against person-days short avoided,
// and the table of both with the cost per person-day avoided.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>

#include "io/number_format.hpp"
#include "io/report_page.hpp"

namespace shockflow::io::report {
namespace {

using experiment::Comparison;

std::string estimate_cell(const experiment::Estimate& e, std::int64_t replications) {
    if (std::isnan(e.mean)) return "n/a";
    if (replications == 1) return cell_number(e.mean);
    return fmt::format("{} [{}, {}]", cell_number(e.mean), cell_number(e.ci95_lo),
                       cell_number(e.ci95_hi));
}

std::optional<std::size_t> column_of(const Comparison& c, std::string_view name) {
    const auto it = std::find(c.kpi_names.begin(), c.kpi_names.end(), name);
    if (it == c.kpi_names.end()) return std::nullopt;
    return static_cast<std::size_t>(it - c.kpi_names.begin());
}

// One point per policy: person-days short avoided against the baseline (the
// baseline's person-days short minus the policy's, paired) and the extra
// holding cost, each with its 95 % interval; the baseline at (0, 0).
Json cost_benefit_values(const Comparison& c, std::size_t short_days) {
    Json values = Json::array();
    values.push_back({{"policy", c.policies.front().name},
                      {"label", c.policies.front().name + " (baseline)"},
                      {"avoided", 0.0},
                      {"avoided_lo", 0.0},
                      {"avoided_hi", 0.0},
                      {"extra", 0.0},
                      {"extra_lo", 0.0},
                      {"extra_hi", 0.0},
                      {"per_day", nullptr}});
    for (std::size_t p = 1; p < c.policies.size(); ++p) {
        const auto& policy = c.policies[p];
        if (short_days >= policy.vs_baseline.size()) continue;
        const experiment::KpiDiff& d = policy.vs_baseline[short_days];
        const experiment::Estimate& e = policy.extra_holding_cost;
        values.push_back({{"policy", policy.name},
                          {"label", policy.name},
                          {"avoided", json_number(-d.mean_diff)},
                          {"avoided_lo", json_number(-d.ci95_hi)},
                          {"avoided_hi", json_number(-d.ci95_lo)},
                          {"extra", json_number(e.mean)},
                          {"extra_lo", json_number(e.ci95_lo)},
                          {"extra_hi", json_number(e.ci95_hi)},
                          {"per_day", json_number(policy.cost_per_person_day_avoided.mean)}});
    }
    return values;
}

}  // namespace

std::optional<Card> cost_benefit_card(const Comparison& c) {
    const auto short_days = column_of(c, "person_days_short");
    if (!short_days || !column_of(c, "holding_cost") || c.policies.size() < 2) return std::nullopt;
    const Json x = {{"field", "avoided"},
                    {"type", "quantitative"},
                    {"title", "person-days short avoided (vs baseline)"},
                    {"scale", {{"zero", true}}}};
    const Json y = {{"field", "extra"},
                    {"type", "quantitative"},
                    {"title", "extra holding cost (cost)"},
                    {"scale", {{"zero", true}}}};
    // Coloured as in the other charts: the policies in their order.
    Json names = Json::array();
    for (const auto& p : c.policies) names.push_back(p.name);
    const Json color = {
        {"field", "policy"}, {"type", "nominal"}, {"sort", names}, {"legend", nullptr}};
    Json zero_x = {{"mark", {{"type", "rule"}, {"color", "#9ca3af"}, {"strokeDash", {3, 3}}}},
                   {"encoding", {{"x", {{"datum", 0}, {"type", "quantitative"}}}}}};
    Json zero_y = {{"mark", {{"type", "rule"}, {"color", "#9ca3af"}, {"strokeDash", {3, 3}}}},
                   {"encoding", {{"y", {{"datum", 0}, {"type", "quantitative"}}}}}};
    Json across = {{"mark", {{"type", "rule"}, {"color", "#6b7280"}}},
                   {"encoding",
                    {{"x", {{"field", "avoided_lo"}, {"type", "quantitative"}}},
                     {"x2", {{"field", "avoided_hi"}}},
                     {"y", y}}}};
    Json up = {{"mark", {{"type", "rule"}, {"color", "#6b7280"}}},
               {"encoding",
                {{"x", x},
                 {"y", {{"field", "extra_lo"}, {"type", "quantitative"}}},
                 {"y2", {{"field", "extra_hi"}}}}}};
    const Json tooltip = {{{"field", "policy"}},
                          {{"field", "avoided"}, {"title", "person-days avoided"}},
                          {{"field", "extra"}, {"title", "extra holding cost"}},
                          {{"field", "per_day"}, {"title", "cost per person-day avoided"}}};
    Json dots = {{"mark", {{"type", "point"}, {"filled", true}, {"size", 80}}},
                 {"encoding", {{"x", x}, {"y", y}, {"color", color}, {"tooltip", tooltip}}}};
    Json labels = {
        {"mark", {{"type", "text"}, {"align", "left"}, {"dx", 7}, {"dy", -7}}},
        {"encoding", {{"x", x}, {"y", y}, {"text", {{"field", "label"}}}, {"color", color}}}};
    Json layers = Json::array({zero_x, zero_y, across, up, dots, labels});
    Json spec = layered(kHalfWidth - 40, 250, std::move(layers));
    spec["data"] = {{"values", cost_benefit_values(c, *short_days)}};
    return Card{"cost-benefit",
                "Extra holding cost against shortage avoided",
                "Per policy, the mean over the replications of its holding cost above the "
                "baseline's (up) and of the person-days short it avoids against the baseline "
                "(right), with their 95 % intervals; the baseline sits at 0, 0. Down and to the "
                "right is better; the slope from the origin is the cost per person-day avoided.",
                false,
                spec,
                ""};
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

}  // namespace shockflow::io::report
