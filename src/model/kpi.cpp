#include "shockflow/model/kpi.hpp"

#include <array>
#include <stdexcept>
#include <string>

namespace shockflow {
namespace {

// The registry. Its order is the order of every output that lists KPIs, so an
// entry is added at the end. Definitions are shown as written here in run
// reports, `shockflow kpis` and docs/MODEL.md, where the longer explanation of
// each computation is.
constexpr std::array kRegistry{
    KpiInfo{"fill_rate", "share", "delivered ÷ demanded, all products, whole run", true,
            &Kpis::fill_rate},
    KpiInfo{"essential_fill_rate", "share", "the same, essential products, in the window", true,
            &Kpis::essential_fill_rate},
    KpiInfo{"unmet_units", "units", "demand not met, all products, whole run (units)", false,
            &Kpis::unmet_units},
    KpiInfo{"min_active_firm_share", "share",
            "lowest daily share of park firms active, in the window", true,
            &Kpis::min_active_firm_share},
    KpiInfo{"min_operational_park_share", "share",
            "lowest daily share of parks operational, in the window", true,
            &Kpis::min_operational_park_share},
    KpiInfo{"holding_cost", "cost", "cost of the stock held, whole run", false,
            &Kpis::holding_cost},
    KpiInfo{"person_days_short", "person-days", "people × days without their essential goods",
            false, &Kpis::person_days_short},
    KpiInfo{"worst_region_essential_fill_rate", "share",
            "lowest essential fill rate of a region, window", true,
            &Kpis::worst_region_essential_fill_rate},
    KpiInfo{"essential_output_vs_baseline", "ratio",
            "essential production ÷ baseline, in the window", true,
            &Kpis::essential_output_vs_baseline},
    KpiInfo{"lost_output_units", "units", "output below baseline, in the window (units)", false,
            &Kpis::lost_output_units},
    KpiInfo{"time_to_survive_min_days", "days", "shortest time until a region went short (days)",
            true, &Kpis::time_to_survive_min_days, &KpiCensoring::time_to_survive_min_days,
            "no region went short"},
    KpiInfo{"time_to_survive_median_days", "days", "median of those times (days)", true,
            &Kpis::time_to_survive_median_days, &KpiCensoring::time_to_survive_median_days,
            "the median region and product never went short"},
    KpiInfo{"time_to_recover_median_days", "days", "median time for a producer to recover (days)",
            false, &Kpis::time_to_recover_median_days, &KpiCensoring::time_to_recover_median_days,
            "the median producer and product had not recovered"},
    KpiInfo{"time_to_recover_max_days", "days", "longest time for a producer to recover (days)",
            false, &Kpis::time_to_recover_max_days, &KpiCensoring::time_to_recover_max_days,
            "a producer that dropped had not recovered"},
    KpiInfo{"lost_output_value", "value", "output below baseline × price, in the window", false,
            &Kpis::lost_output_value},
    KpiInfo{"unmet_value", "value", "demand not met × price, all products, whole run", false,
            &Kpis::unmet_value},
};

// Kpis holds nothing but its KPIs: a field without an entry would be computed
// and never written anywhere.
static_assert(kRegistry.size() * sizeof(double) == sizeof(Kpis),
              "every field of Kpis needs its entry in kRegistry");

consteval bool names_and_fields_distinct() {
    for (std::size_t i = 0; i < kRegistry.size(); ++i) {
        for (std::size_t j = i + 1; j < kRegistry.size(); ++j) {
            if (kRegistry[i].name == kRegistry[j].name) return false;
            if (kRegistry[i].field == kRegistry[j].field) return false;
        }
    }
    return true;
}
static_assert(names_and_fields_distinct(), "a KPI is listed twice in kRegistry");

}  // namespace

std::span<const KpiInfo> kpi_registry() { return kRegistry; }

const KpiInfo& kpi_info(std::string_view name) {
    for (const KpiInfo& kpi : kRegistry) {
        if (kpi.name == name) return kpi;
    }
    throw std::invalid_argument("no KPI is named \"" + std::string(name) + "\"");
}

std::vector<std::pair<std::string_view, double>> Kpis::list() const {
    std::vector<std::pair<std::string_view, double>> out;
    out.reserve(kRegistry.size());
    for (const KpiInfo& kpi : kRegistry) out.emplace_back(kpi.name, this->*kpi.field);
    return out;
}

}  // namespace shockflow
