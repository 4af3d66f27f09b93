#include <string_view>

#include "shockflow/model/result.hpp"

namespace shockflow {

std::vector<std::pair<std::string_view, double>> Kpis::list() const {
    return {{"fill_rate", fill_rate},
            {"essential_fill_rate", essential_fill_rate},
            {"unmet_units", unmet_units},
            {"min_active_firm_share", min_active_firm_share},
            {"min_operational_park_share", min_operational_park_share},
            {"holding_cost", holding_cost},
            {"person_days_short", person_days_short},
            {"worst_region_essential_fill_rate", worst_region_essential_fill_rate},
            {"essential_output_vs_baseline", essential_output_vs_baseline},
            {"lost_output_units", lost_output_units},
            {"time_to_survive_min_days", time_to_survive_min_days},
            {"time_to_survive_median_days", time_to_survive_median_days},
            {"time_to_recover_median_days", time_to_recover_median_days},
            {"time_to_recover_max_days", time_to_recover_max_days}};
}

bool Kpis::higher_is_better(std::string_view name) {
    return !(name == "unmet_units" || name == "holding_cost" || name == "person_days_short" ||
             name == "lost_output_units" || name == "time_to_recover_median_days" ||
             name == "time_to_recover_max_days");
}

}  // namespace shockflow
