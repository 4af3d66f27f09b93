#pragma once
/// The KPIs of a run and their registry. Every place that names KPIs reads
/// the registry: summary.json, the run and comparison tables, the comparison
/// files, the HTML reports and the KPI table of docs/MODEL.md (checked by a
/// test). Adding a KPI is a field of Kpis, its entry in kpi_registry()
/// (src/model/kpi.cpp) and its computation.

#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace shockflow {

/// Headline results of one run; what each one means is in kpi_registry().
struct Kpis {
    double fill_rate = 1.0;                         ///< share
    double essential_fill_rate = 1.0;               ///< share
    double unmet_units = 0.0;                       ///< units, >= 0
    double min_active_firm_share = 1.0;             ///< share
    double min_operational_park_share = 1.0;        ///< share
    double holding_cost = 0.0;                      ///< cost, >= 0
    double person_days_short = 0.0;                 ///< person-days, >= 0
    double worst_region_essential_fill_rate = 1.0;  ///< share
    double essential_output_vs_baseline = 1.0;      ///< ratio, >= 0
    double lost_output_units = 0.0;                 ///< units, >= 0
    double time_to_survive_min_days = 0.0;          ///< days, censored at the run's end
    double time_to_survive_median_days = 0.0;       ///< days, censored at the run's end
    double time_to_recover_median_days = 0.0;       ///< days; 0 if no producer dropped
    double time_to_recover_max_days = 0.0;          ///< days; 0 if no producer dropped
    double lost_output_value = 0.0;                 ///< value (units x price), >= 0
    double unmet_value = 0.0;                       ///< value (units x price), >= 0

    /// (name, value) of every KPI, in registry order.
    [[nodiscard]] std::vector<std::pair<std::string_view, double>> list() const;
};

/// Which time KPIs of a run are censored: the event they time had not
/// happened (for every pair the statistic depends on) when the run ended, so
/// the value is a time to the run's end, a lower bound of the true time
/// (docs/MODEL.md, "KPIs").
struct KpiCensoring {
    bool time_to_survive_min_days = false;     ///< no region went short of an essential good
    bool time_to_survive_median_days = false;  ///< the median pair never went short
    bool time_to_recover_median_days = false;  ///< the median pair had not recovered
    bool time_to_recover_max_days = false;     ///< some producer that dropped had not recovered
};

/// What a KPI is.
struct KpiInfo {
    std::string_view name;  ///< key in summary.json, row and column name in comparisons
    std::string_view unit;  ///< "share", "ratio", "units", "cost", "value", "person-days" or "days"
    std::string_view definition;  ///< one line, as run reports and docs/MODEL.md show it
    bool higher_is_better;        ///< which way "better" points in tables and reports
    double Kpis::*field;          ///< the KPI's value in a Kpis
    /// Its flag in KpiCensoring for a time that can be censored at the run's
    /// end; nullptr for every other KPI.
    bool KpiCensoring::*censored = nullptr;
    /// What a censored value means, in a few words ("no region went short");
    /// empty for a KPI that cannot be censored.
    std::string_view censored_when = {};
};

/// Every KPI, once, in a fixed order: the order of summary.json's "kpi", of
/// the KPI tables and of the rows and columns of comparisons.
[[nodiscard]] std::span<const KpiInfo> kpi_registry();

/// The entry of KPI `name`. Throws std::invalid_argument when no KPI has that
/// name (names come from the registry, so that is a programming error).
[[nodiscard]] const KpiInfo& kpi_info(std::string_view name);

}  // namespace shockflow
