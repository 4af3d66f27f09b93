// The page of a comparison report: header facts, the ranking table, the
// fill-rate bands and the KPI charts.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>

#include "io/number_format.hpp"
#include "io/report_page.hpp"
#include "shockflow/core/version.hpp"
#include "shockflow/experiment/statistics.hpp"
#include "shockflow/model/kpi.hpp"

namespace shockflow::io::report {
namespace {

using experiment::Comparison;

// Rank (1 = best) of each policy's mean for KPI j; equal means share the
// better rank, and a NaN mean gets 0 (no rank).
std::vector<std::size_t> ranks(const Comparison& c, std::size_t j) {
    const bool higher = kpi_info(c.kpi_names[j]).higher_is_better;
    std::vector<std::size_t> out(c.policies.size(), 0);
    for (std::size_t p = 0; p < c.policies.size(); ++p) {
        const double mine = c.policies[p].stats.at(j).mean;
        if (std::isnan(mine)) continue;
        std::size_t better = 0;
        for (const auto& other : c.policies) {
            const double theirs = other.stats.at(j).mean;
            if (!std::isnan(theirs) && (higher ? theirs > mine : theirs < mine)) ++better;
        }
        out[p] = better + 1;
    }
    return out;
}

void append_row(std::string& html, const Comparison& c, std::size_t j,
                std::vector<double>& rank_sums) {
    const auto r = ranks(c, j);
    fmt::format_to(std::back_inserter(html), "<tr><td>{} {}</td>", escape_html(c.kpi_names[j]),
                   kpi_info(c.kpi_names[j]).higher_is_better ? "↑" : "↓");
    for (std::size_t p = 0; p < c.policies.size(); ++p) {
        rank_sums[p] += static_cast<double>(r[p]);
        const std::string rank = r[p] == 0 ? "–" : "#" + std::to_string(r[p]);
        // A mean over censored replications is a lower bound: "≥", and how many.
        const auto& policy = c.policies[p];
        const std::size_t censored = j < policy.censored_runs.size() ? policy.censored_runs[j] : 0;
        const std::string value = censored == 0 ? cell_number(policy.stats.at(j).mean)
                                                : fmt::format("≥{} <small>({}/{} censored)</small>",
                                                              cell_number(policy.stats.at(j).mean),
                                                              censored, c.replications);
        fmt::format_to(std::back_inserter(html), "<td{}>{} ({})</td>",
                       r[p] == 1 ? " class=\"best\"" : "", value, rank);
    }
    html += "</tr>\n";
}

}  // namespace

Card ranking_card(const Comparison& c) {
    std::string html = "<table>\n<tr><th>KPI (↑ higher, ↓ lower is better)</th>";
    for (const auto& p : c.policies) html += "<th>" + escape_html(p.name) + "</th>";
    html += "</tr>\n";
    std::vector<double> rank_sums(c.policies.size(), 0.0);
    for (std::size_t j = 0; j < c.kpi_names.size(); ++j) append_row(html, c, j, rank_sums);
    html += "<tr><th>mean rank</th>";
    const auto n = static_cast<double>(std::max<std::size_t>(c.kpi_names.size(), 1));
    for (const double sum : rank_sums) html += fmt::format("<th>{:.2f}</th>", sum / n);
    html += "</tr>\n</table>\n";
    return {"ranking",
            "Ranking of the policies",
            "Mean of each KPI over the replications and the policy's rank (#1 = best, in bold); "
            "≥: some replications are censored at the run's end (the event timed had not "
            "happened), so the mean is a lower bound.",
            true,
            std::nullopt,
            html};
}

namespace {

// Per policy and day: the 5th, 50th and 95th percentile of the essential fill
// rate over the replications (days without essential demand left out): the
// numbers of daily.csv.
Json band_values(const Comparison& c) {
    Json values = Json::array();
    const auto bands = experiment::daily_fill_bands(c);
    for (std::size_t p = 0; p < bands.size() && p < c.policies.size(); ++p) {
        for (const experiment::DailyFillBand& b : bands[p]) {
            values.push_back({{"policy", c.policies[p].name},
                              {"day", b.day},
                              {"t", b.day + 0.5},
                              {"p5", b.p5},
                              {"p50", b.p50},
                              {"p95", b.p95}});
        }
    }
    return values;
}

Json policy_color(const Comparison& c) {
    Json names = Json::array();
    for (const auto& p : c.policies) names.push_back(p.name);
    return {{"field", "policy"},
            {"type", "nominal"},
            {"sort", names},
            {"legend",
             {{"orient", "right"},
              {"title", "policy"},
              {"symbolType", "stroke"},
              {"symbolStrokeWidth", 3},
              {"symbolOpacity", 1}}}};
}

}  // namespace

Card bands_card(const Comparison& c, const ReportContext& context) {
    const Json values = band_values(c);
    double lowest = 1.0;
    for (const auto& v : values) lowest = std::min(lowest, v["p5"].get<double>());
    const Json x = {{"field", "t"}, {"type", "quantitative"}, {"title", "day"}};
    const Json scale = {{"domain", {fill_floor(lowest), 1}}};
    const Json color = policy_color(c);
    Json band = {{"data", {{"values", values}}},
                 {"mark", {{"type", "area"}, {"opacity", 0.18}}},
                 {"encoding",
                  {{"x", x},
                   {"y", {{"field", "p5"}, {"type", "quantitative"}, {"scale", scale}}},
                   {"y2", {{"field", "p95"}}},
                   {"color", color}}}};
    const Json tooltip = {{{"field", "policy"}},
                          {{"field", "day"}},
                          {{"field", "p5"}, {"format", ".1%"}},
                          {{"field", "p50"}, {"format", ".1%"}},
                          {{"field", "p95"}, {"format", ".1%"}}};
    Json median = {{"data", {{"values", values}}},
                   {"mark", {{"type", "line"}, {"strokeWidth", 2}}},
                   {"encoding",
                    {{"x", x},
                     {"y",
                      {{"field", "p50"},
                       {"type", "quantitative"},
                       {"title", "essential fill rate"},
                       {"axis", {{"format", "%"}}},
                       {"scale", scale}}},
                     {"color", color},
                     {"tooltip", tooltip}}}};
    return {
        "bands",
        "Essential fill rate per day: p5–p95 band per policy",
        "Delivered ÷ demanded over regions and essential products per day; line: median over "
        "the replications, band: 5th to 95th percentile; shaded: the disruption window.",
        true,
        layered(kWideWidth - 140, 260, with_window(context.window, Json::array({band, median}))),
        ""};
}

}  // namespace shockflow::io::report

namespace shockflow::io {

std::string comparison_report_html(const experiment::Comparison& comparison,
                                   const ReportContext& context, const ReportAssets& assets) {
    report::Page page;
    page.title = fmt::format("shockflow compare: {}", comparison.scenario);
    page.description = context.description;
    std::string policies;
    for (const auto& p : comparison.policies) policies += (policies.empty() ? "" : ", ") + p.name;
    page.facts = {{"scenario", comparison.scenario},
                  {"policies (baseline first)", policies},
                  {"replications", std::to_string(comparison.replications)},
                  {"seeds", fmt::format("{} + replication", comparison.seed)},
                  {"version", fmt::format("{} (git {})", version(), git_revision())},
                  {"input hash", fmt::format("{:016x}", comparison.input_hash)}};
    page.cards = report::comparison_cards(comparison, context);
    return report::render(page, assets);
}

}  // namespace shockflow::io
