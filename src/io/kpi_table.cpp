#include <fmt/format.h>

#include "io/number_format.hpp"
#include "io/run_files.hpp"
#include "io/text_table.hpp"
#include "shockflow/io/run_writer.hpp"
#include "shockflow/model/kpi.hpp"

namespace shockflow::io {
namespace {

std::string kpi_section(const Kpis& kpi) {
    std::vector<std::vector<std::string>> rows;
    for (const KpiInfo& info : kpi_registry()) {
        rows.push_back({std::string(info.name), display_number(kpi.*info.field)});
    }
    return render_table({"kpi", "value"}, rows);
}

std::string product_section(const RunResult& r) {
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < r.product_ids.size() && i < r.products.size(); ++i) {
        const ProductTotals& t = r.products[i];
        rows.push_back({r.product_ids[i], display_number(t.produced), display_number(t.demanded),
                        display_number(t.delivered), display_number(t.unmet)});
    }
    return render_table({"product", "produced", "demanded", "delivered", "unmet"}, rows);
}

constexpr std::size_t kWorstRegions = 5;

// A region's time to survive; ">= T" when it never went short (censored at
// the run's end).
std::string survive_cell(const RegionSummary& s) {
    const std::string days = display_number(s.time_to_survive_days);
    return s.time_to_survive_censored ? ">= " + days : days;
}

// The regions that fared worst with their essential goods, or a line saying
// that none went short.
std::string region_section(const RunResult& r) {
    if (r.regions.empty()) return {};
    const std::vector<std::size_t> worst = worst_regions(r, kWorstRegions);
    if (worst.empty()) return "\nregions: none went short of essential goods\n";
    std::vector<std::vector<std::string>> rows;
    for (const std::size_t i : worst) {
        const RegionSummary& s = r.regions[i];
        rows.push_back({r.node_ids.at(s.node), display_number(s.essential_fill_rate),
                        std::to_string(s.days_short), display_number(s.person_days_short),
                        survive_cell(s)});
    }
    std::string out = fmt::format("\nworst regions ({} of {} went short of essential goods)\n",
                                  worst_regions(r, r.regions.size()).size(), r.regions.size());
    out += render_table({"region", "essential_fill_rate", "days_short", "person_days_short",
                         "time_to_survive_days"},
                        rows);
    return out;
}

}  // namespace

std::string format_kpi_table(const RunResult& result) {
    // Days in their exact form: "-14 to 30", not rounded to table precision.
    std::string out = fmt::format(
        "scenario  {}\npolicy    {}\nseed      {}\ndays      {} to {}\n\n", result.scenario,
        result.policy, result.seed, csv_number(result.start_day), csv_number(result.end_day));
    out += kpi_section(result.kpi);
    out += region_section(result);
    out += "\nrun totals (units)\n";
    out += product_section(result);
    return out;
}

}  // namespace shockflow::io
