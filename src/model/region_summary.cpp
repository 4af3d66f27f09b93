// How each region fared (docs/MODEL.md, "Per region"): its fill rates, the
// days in the window it went short of essential goods, its person-days
// short and its time to survive.
#include <algorithm>
#include <cmath>

#include "model/engine.hpp"

namespace shockflow::model {
namespace {

// A day's essential unmet demand counts as a shortfall above this share of
// the day's essential demand: below it, it is rounding of equal amounts (as
// for the first shortfall of time-to-survive).
constexpr double kShortShare = 1e-9;

}  // namespace

// The day's totals of every region: all products over the run, and whether it
// went short of essential goods on a day of the window. Called once the day's
// open demand is settled.
void Engine::track_regions(std::int64_t day) {
    const bool window = in_window(day);
    KpiState& k = kpi_;
    for (const NodeIndex r : m_.regions) {
        double ess_demand = 0.0, ess_unmet = 0.0;
        for (const ProductIndex p : m_.consumed) {
            const DayAccum& a = rows_.day[m_.row(r, p)];
            k.region_demand[r] += a.demand;
            k.region_delivered[r] += a.delivered;
            if (m_.essential[p]) {
                ess_demand += a.demand;
                ess_unmet += a.unmet;
            }
        }
        if (window && ess_demand > 0.0 && ess_unmet > kShortShare * ess_demand)
            ++k.region_days_short[r];
    }
}

void Engine::finish_regions(RunResult& out) const {
    const KpiState& k = kpi_;
    const double horizon = to_days(m_.end) - m_.window[0];
    out.regions.clear();
    out.regions.reserve(m_.regions.size());
    for (const NodeIndex r : m_.regions) {
        RegionSummary s;
        s.node = r.value;
        if (k.region_demand[r] > 0.0) s.fill_rate = k.region_delivered[r] / k.region_demand[r];
        if (k.region_window_demand[r] > 0.0)
            s.essential_fill_rate = k.region_window_delivered[r] / k.region_window_demand[r];
        s.days_short = k.region_days_short[r];
        s.person_days_short = k.region_person_days[r];
        // The first of its essential products to run short sets its time; it
        // is censored only when none of them ever did.
        bool any = false, short_once = false;
        double first = horizon;
        for (const ProductIndex p : m_.consumed) {
            const RowIndex row = m_.row(r, p);
            if (!m_.essential[p] || m_.demand[row] <= 0.0) continue;
            any = true;
            if (std::isnan(k.first_short[row])) continue;
            short_once = true;
            first = std::min(first, k.first_short[row]);
        }
        if (any) {
            s.time_to_survive_days = first;
            s.time_to_survive_censored = !short_once;
        }
        out.regions.push_back(s);
    }
}

}  // namespace shockflow::model
