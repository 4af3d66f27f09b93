// The page of a run report: header facts, the KPI table and the charts.

#include <fmt/format.h>

#include <iterator>

#include "io/report_page.hpp"
#include "shockflow/core/version.hpp"

namespace shockflow::io::report {
namespace {

// One line per KPI; the definitions are in docs/MODEL.md.
std::string_view kpi_meaning(std::string_view name) {
    static const std::array<std::pair<std::string_view, std::string_view>, 14> meanings{{
        {"fill_rate", "delivered ÷ demanded, all products, whole run"},
        {"essential_fill_rate", "the same, essential products, in the window"},
        {"unmet_units", "demand not met, all products, whole run (units)"},
        {"min_active_firm_share", "lowest daily share of park firms active, in the window"},
        {"min_operational_park_share", "lowest daily share of parks operational, in the window"},
        {"holding_cost", "cost of the stock held, whole run"},
        {"person_days_short", "people × days without their essential goods"},
        {"worst_region_essential_fill_rate", "lowest essential fill rate of a region, window"},
        {"essential_output_vs_baseline", "essential production ÷ baseline, in the window"},
        {"lost_output_units", "output below baseline, in the window (units)"},
        {"time_to_survive_min_days", "shortest time until a region went short (days)"},
        {"time_to_survive_median_days", "median of those times (days)"},
        {"time_to_recover_median_days", "median time for a producer to recover (days)"},
        {"time_to_recover_max_days", "longest time for a producer to recover (days)"},
    }};
    for (const auto& [kpi, meaning] : meanings) {
        if (kpi == name) return meaning;
    }
    return "";
}

Card kpi_card(const RunResult& r) {
    std::string html =
        "<table>\n<tr><th>KPI</th><th>value</th><th>better</th><th>meaning</th></tr>\n";
    for (const auto& [name, value] : r.kpi.list()) {
        fmt::format_to(std::back_inserter(html),
                       "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"text\">{}</td></tr>\n",
                       escape_html(name), cell_number(value),
                       Kpis::higher_is_better(name) ? "higher" : "lower",
                       escape_html(kpi_meaning(name)));
    }
    html += "</table>\n";
    return {"kpis", "KPIs",       "The headline results of this run (summary.json, \"kpi\").",
            false,  std::nullopt, html};
}

std::vector<std::pair<std::string, std::string>> run_facts(const RunResult& r,
                                                           const ReportContext& c) {
    return {{"scenario", r.scenario},
            {"policy", r.policy},
            {"seed", std::to_string(r.seed)},
            {"days", fmt::format("{} to {}", r.start_day, r.end_day)},
            {"disruption window", fmt::format("days {} to {}", c.window[0], c.window[1])},
            {"version", fmt::format("{} (git {})", version(), git_revision())},
            {"input hash", fmt::format("{:016x}", r.input_hash)}};
}

}  // namespace

}  // namespace shockflow::io::report

namespace shockflow::io {

std::string run_report_html(const RunResult& result, const ReportContext& context,
                            const ReportAssets& assets) {
    report::Page page;
    page.title = fmt::format("shockflow run: {} under policy {}", result.scenario, result.policy);
    page.description = context.description;
    page.facts = report::run_facts(result, context);
    const auto daily = report::daily_cards(result, context);
    // Half-width cards in pairs, then the wide ones.
    page.cards = {report::kpi_card(result),
                  daily[0],
                  daily[1],
                  daily[3],
                  daily[2],
                  report::resilience_card(result, context),
                  report::network_card(result, context)};
    return report::render(page, assets);
}

}  // namespace shockflow::io
