// The page of a sweep: which assumptions move each headline KPI (a tornado
// of standardized regression coefficients with their intervals, one bar per
// policy), how the KPI follows the most influential one, and how robust each
// policy's rank is across the design (a table).

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>

#include "io/number_format.hpp"
#include "io/report_page.hpp"
#include "shockflow/core/version.hpp"
#include "shockflow/io/sweep_files.hpp"
#include "shockflow/model/kpi.hpp"

namespace shockflow::io::report {
namespace {

using experiment::RobustnessRow;
using experiment::SensitivityRow;
using experiment::Sweep;

/// The rows of `kpi`, with the parameters ordered by their largest |SRC|
/// over the policies (the widest bar on top).
std::vector<const SensitivityRow*> rows_of(const SweepOutput& o, std::size_t kpi,
                                           std::vector<std::size_t>& order) {
    std::vector<const SensitivityRow*> rows;
    std::vector<double> widest(o.sweep.parameter_names.size(), -1.0);
    for (const SensitivityRow& r : o.sensitivity) {
        if (r.kpi != kpi) continue;
        rows.push_back(&r);
        if (!std::isnan(r.value.src.mean))
            widest[r.parameter] = std::max(widest[r.parameter], std::abs(r.value.src.mean));
    }
    order.clear();
    for (std::size_t j = 0; j < widest.size(); ++j)
        if (widest[j] >= 0.0) order.push_back(j);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return widest[a] > widest[b]; });
    return rows;
}

std::optional<Card> tornado_card(const SweepOutput& o, const std::string& kpi_name) {
    const Sweep& s = o.sweep;
    const std::size_t kpi = s.kpi_index(kpi_name);
    if (kpi == s.kpi_names.size()) return std::nullopt;
    std::vector<std::size_t> order;
    const auto rows = rows_of(o, kpi, order);
    if (order.empty()) return std::nullopt;
    Json values = Json::array();
    for (const SensitivityRow* r : rows) {
        const auto rank = std::find(order.begin(), order.end(), r->parameter) - order.begin();
        if (static_cast<std::size_t>(rank) == order.size()) continue;
        values.push_back({{"parameter", s.parameter_names[r->parameter]},
                          {"rank", rank},
                          {"policy", s.policy_names[r->policy]},
                          {"src", json_number(r->value.src.mean)},
                          {"lo", json_number(r->value.src.ci95_lo)},
                          {"hi", json_number(r->value.src.ci95_hi)},
                          {"prcc", json_number(r->value.prcc.mean)}});
    }
    const Json y = {{"field", "parameter"},
                    {"type", "nominal"},
                    {"title", nullptr},
                    {"sort", {{"field", "rank"}, {"op", "min"}}},
                    {"axis", {{"labelLimit", 220}}}};
    const Json y_offset = {{"field", "policy"}, {"type", "nominal"}, {"sort", s.policy_names}};
    const Json color = {{"field", "policy"},
                        {"type", "nominal"},
                        {"sort", s.policy_names},
                        {"legend", {{"orient", "bottom"}}}};
    const Json tooltip = Json::array({{{"field", "parameter"}},
                                      {{"field", "policy"}},
                                      {{"field", "src"}, {"title", "SRC"}, {"format", ".3f"}},
                                      {{"field", "lo"}, {"title", "95 % from"}, {"format", ".3f"}},
                                      {{"field", "hi"}, {"title", "95 % to"}, {"format", ".3f"}},
                                      {{"field", "prcc"}, {"title", "PRCC"}, {"format", ".3f"}}});
    Json bars = {{"mark", {{"type", "bar"}, {"opacity", 0.85}}},
                 {"encoding",
                  {{"x",
                    {{"field", "src"},
                     {"type", "quantitative"},
                     {"title", "standardized regression coefficient (bar) and its 95 % interval"},
                     {"scale", {{"domain", {-1, 1}}, {"clamp", true}}}}},
                   {"y", y},
                   {"yOffset", y_offset},
                   {"color", color},
                   {"tooltip", tooltip}}}};
    Json rules = {{"mark", {{"type", "rule"}, {"color", "#111827"}}},
                  {"encoding",
                   {{"x", {{"field", "lo"}, {"type", "quantitative"}}},
                    {"x2", {{"field", "hi"}}},
                    {"y", y},
                    {"yOffset", y_offset},
                    {"tooltip", tooltip}}}};
    Json zero = {{"data", {{"values", Json::array({{{"x", 0}}})}}},
                 {"mark", {{"type", "rule"}, {"color", "#6b7280"}}},
                 {"encoding", {{"x", {{"field", "x"}, {"type", "quantitative"}}}}}};
    const int height =
        std::max<int>(60, static_cast<int>(order.size() * s.policy_names.size()) * 14 + 20);
    Json spec = {{"width", kHalfWidth - 140},
                 {"height", height},
                 {"config", chart_config()},
                 {"data", {{"values", values}}},
                 {"layer", Json::array({bars, rules, zero})}};
    const KpiInfo& info = kpi_info(kpi_name);
    // How well the linear model behind the bars fits, per policy.
    std::string fit;
    for (std::size_t p = 0; p < s.policy_names.size(); ++p)
        for (const SensitivityRow* r : rows)
            if (r->policy == p) {
                fit += fmt::format("{}{} {}", fit.empty() ? "" : ", ", s.policy_names[p],
                                   cell_number(r->r2));
                break;
            }
    return Card{
        "tornado-" + std::to_string(kpi),
        "What moves " + kpi_name,
        fmt::format("By how many standard deviations {} ({}, {}) moves per standard deviation of "
                    "each parameter, all others held, over every point and replication (SRC). "
                    "An interval across 0: no effect shown. R² of the linear model: {}; where it "
                    "is low the response is not linear, and the PRCC (in the tooltips and "
                    "sensitivity.csv) is the better guide.",
                    kpi_name, info.unit,
                    info.higher_is_better ? "higher is better" : "lower is better", fit),
        false,
        spec,
        ""};
}

// The KPI's mean at each point against the parameter that moves it most
// under the first policy, one colour per policy.
std::optional<Card> response_card(const SweepOutput& o, const std::string& kpi_name) {
    const Sweep& s = o.sweep;
    const std::size_t kpi = s.kpi_index(kpi_name);
    if (kpi == s.kpi_names.size()) return std::nullopt;
    std::vector<std::size_t> order;
    rows_of(o, kpi, order);
    if (order.empty()) return std::nullopt;
    const std::size_t j = order.front();
    Json values = Json::array();
    for (std::size_t i = 0; i < s.points.size(); ++i)
        for (std::size_t p = 0; p < s.policy_names.size(); ++p)
            values.push_back({{"point", i},
                              {"x", json_number(s.points[i].numbers[j])},
                              {"policy", s.policy_names[p]},
                              {"mean", json_number(s.mean(i, p, kpi))}});
    Json spec = {{"width", kHalfWidth},
                 {"height", 260},
                 {"config", chart_config()},
                 {"data", {{"values", values}}},
                 {"mark", {{"type", "point"}, {"filled", true}, {"opacity", 0.8}}},
                 {"encoding",
                  {{"x",
                    {{"field", "x"},
                     {"type", "quantitative"},
                     {"title", s.parameter_names[j]},
                     {"scale", {{"zero", false}}}}},
                   {"y",
                    {{"field", "mean"},
                     {"type", "quantitative"},
                     {"title", kpi_name + " (mean)"},
                     {"scale", {{"zero", false}}}}},
                   {"color",
                    {{"field", "policy"},
                     {"type", "nominal"},
                     {"sort", s.policy_names},
                     {"legend", {{"orient", "bottom"}}}}},
                   {"tooltip", Json::array({{{"field", "point"}},
                                            {{"field", "policy"}},
                                            {{"field", "x"}, {"title", s.parameter_names[j]}},
                                            {{"field", "mean"}, {"format", ".4~g"}}})}}}};
    return Card{"response-" + std::to_string(kpi),
                kpi_name + " against " + s.parameter_names[j],
                "Each dot is one design point under one policy: the mean over its replications. "
                "The parameter is the one with the largest effect on this KPI.",
                false,
                spec,
                ""};
}

Card robustness_card(const SweepOutput& o) {
    const Sweep& s = o.sweep;
    std::string html =
        "<table>\n<tr><th>KPI</th><th>policy</th><th>share of points best</th><th>mean "
        "regret</th><th>max regret</th><th>at point (its parameters)</th></tr>\n";
    const std::size_t n_kpis = s.kpi_names.size();
    for (const std::string& kpi : sweep_headline_kpis()) {
        const std::size_t j = s.kpi_index(kpi);
        if (j == n_kpis) continue;
        for (std::size_t p = 0; p < s.policy_names.size(); ++p) {
            const RobustnessRow& r = o.robustness[p * n_kpis + j];
            // Where the policy fell furthest behind, if it ever did.
            std::string where = "-";
            if (r.max_regret > 0.0 && r.worst_point < s.points.size()) {
                const DesignPoint& at = s.points[r.worst_point];
                where = fmt::format("{}:", r.worst_point);
                for (std::size_t q = 0; q < s.parameter_names.size(); ++q)
                    where += fmt::format(
                        "{} {} = {}", q == 0 ? "" : ",", s.parameter_names[q],
                        std::isnan(at.numbers[q]) ? at.labels[q] : cell_number(at.numbers[q]));
            }
            fmt::format_to(std::back_inserter(html),
                           "<tr><td class=\"text\">{}</td><td class=\"text\">{}</td><td>{}</td>"
                           "<td>{}</td><td>{}</td><td class=\"text\">{}</td></tr>\n",
                           escape_html(kpi), escape_html(s.policy_names[p]),
                           cell_number(r.share_best), cell_number(r.mean_regret),
                           cell_number(r.max_regret), escape_html(where));
        }
    }
    html += "</table>\n";
    return {"robustness",
            "Robustness of the ranking",
            "Per point, the policies are ranked by their mean over the replications. Regret: "
            "how far a policy falls short of the best one at the same point, in the KPI's unit. "
            "Every KPI is in robustness.csv.",
            true,
            std::nullopt,
            html};
}

}  // namespace
}  // namespace shockflow::io::report

namespace shockflow::io {

std::string sweep_report_html(const SweepOutput& o, const ReportContext& context,
                              const ReportAssets& assets) {
    const experiment::Sweep& s = o.sweep;
    report::Page page;
    page.title = fmt::format("shockflow sweep: {} over {}", o.scenario, o.design_file);
    page.description = context.description;
    std::string policies;
    for (const auto& name : s.policy_names) policies += (policies.empty() ? "" : ", ") + name;
    std::string parameters;
    for (const auto& name : s.parameter_names)
        parameters += (parameters.empty() ? "" : ", ") + name;
    page.facts = {
        {"scenario", o.scenario},
        {"design",
         fmt::format("{} ({}, {} points)", o.design_file,
                     o.design->method == Design::Method::Grid ? "grid" : "Latin hypercube",
                     s.points.size())},
        {"parameters", parameters},
        {"policies", policies},
        {"replications", fmt::format("{} per point and policy, seed {}", s.replications, s.seed)},
        {"version", fmt::format("{} (git {})", version(), git_revision())},
        {"input hash", fmt::format("{:016x}", o.input_hash)}};
    page.cards.push_back(report::robustness_card(o));
    for (const std::string& kpi : sweep_headline_kpis()) {
        if (auto card = report::tornado_card(o, kpi)) page.cards.push_back(std::move(*card));
        if (auto card = report::response_card(o, kpi)) page.cards.push_back(std::move(*card));
    }
    return report::render(page, assets);
}

}  // namespace shockflow::io
