#include <string_view>

#include "shockflow/model/result.hpp"

namespace shockflow {

std::vector<std::pair<std::string_view, double>> Kpis::list() const {
    return {{"fill_rate", fill_rate},
            {"essential_fill_rate", essential_fill_rate},
            {"unmet_units", unmet_units},
            {"min_active_firm_share", min_active_firm_share},
            {"min_operational_park_share", min_operational_park_share},
            {"holding_cost", holding_cost}};
}

bool Kpis::higher_is_better(std::string_view name) {
    return !(name == "unmet_units" || name == "holding_cost");
}

}  // namespace shockflow
