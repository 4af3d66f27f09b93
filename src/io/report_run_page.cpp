// The page of a run report: header facts, the KPI table and the charts.

#include <fmt/format.h>

#include <iterator>

#include "io/report_page.hpp"
#include "shockflow/core/version.hpp"
#include "shockflow/model/kpi.hpp"

namespace shockflow::io::report {
namespace {

Card kpi_card(const RunResult& r) {
    std::string html =
        "<table>\n<tr><th>KPI</th><th>value</th><th>better</th><th>meaning</th></tr>\n";
    for (const KpiInfo& kpi : kpi_registry()) {
        fmt::format_to(std::back_inserter(html),
                       "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"text\">{}</td></tr>\n",
                       escape_html(kpi.name), cell_number(r.kpi.*kpi.field),
                       kpi.higher_is_better ? "higher" : "lower", escape_html(kpi.definition));
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
                  report::region_fill_card(result, context),
                  daily[2],
                  report::product_stock_card(result, context),
                  report::resilience_card(result, context)};
    if (auto loss = report::loss_card(result)) page.cards.push_back(std::move(*loss));
    page.cards.push_back(report::network_card(result, context));
    return report::render(page, assets);
}

}  // namespace shockflow::io
