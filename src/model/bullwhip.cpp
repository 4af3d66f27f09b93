// The bullwhip ratio (docs/MODEL.md, "order_variance_ratio"): how much more
// the orders a stage of the supply chain places upstream vary from day to day
// than the demand it receives. Each row's orders and demand received are
// summed per day (place_orders and observe_orders, DayAccum), and the days' totals folded into
// running moments (track_orders), in the row's own units.
#include <cmath>

#include "model/engine.hpp"

namespace shockflow::model {
namespace {

// Variance of a row's daily series (over the days counted, divided by their
// number: only ratios of variances over the same days are reported). A spread
// of a billionth of the mean or less is rounding of sums that are equal, not
// variation.
double variance(const Moments& m) {
    if (m.n < 2) return 0.0;
    const double v = m.variance();
    return std::sqrt(v) <= 1e-9 * std::abs(m.mean()) ? 0.0 : v;
}

}  // namespace

// Regions, depots, and the input rows of parks and plants order over their
// inbound channels; a source orders nothing, and its production (make to
// order) stands for its orders. A producer's own products are not counted:
// they are never ordered, only made.
IndexVec<RowIndex, Stage> order_stages(const CompiledModel& m) {
    IndexVec<RowIndex, Stage> stage(m.n_rows, Stage::None);
    for (const RowIndex row : m.holders) {
        switch (m.kind[m.row_node[row]]) {
            case NodeKind::Region:
                stage[row] = Stage::Region;
                break;
            case NodeKind::Depot:
                stage[row] = Stage::Depot;
                break;
            case NodeKind::Park:
            case NodeKind::Plant:
                if (!m.produces[row]) stage[row] = Stage::Producer;
                break;
            case NodeKind::Source:
                break;
        }
    }
    for (const NodeIndex n : m.producers) {
        if (m.kind[n] != NodeKind::Source) continue;
        for (auto k = m.made.begin(n); k < m.made.end(n); ++k) stage[m.made_row[k]] = Stage::Source;
    }
    return stage;
}

// What each supplier row was asked for, after link capacity has scaled the
// requests. (What each row ordered is summed as it orders, place_orders, and
// corrected where link capacity scales a request, clip_to_link_capacity.)
void Engine::observe_orders() {
    for (const RowIndex row : m_.suppliers) rows_.requested_today[row] += rows_.requested[row];
}

// Folds the day's orders and demand received of every counted row into its
// moments. Only whole days of the disruption window count: the run-up before
// it is where initial stocks settle to their targets, and the days after it
// would weigh a long recovery over the shock itself.
void Engine::track_orders(std::int64_t day, Tick day_end) {
    const Tick day_start{day * kTicksPerDay};
    if (!in_window(day) || day_start < m_.start || day_end.value != day_start.value + kTicksPerDay)
        return;
    const auto acc = view(rows_.day);
    const auto ordered_today = view(rows_.ordered_today);
    const auto requested = view(rows_.requested_today);
    for (const RowIndex row : kpi_.counted) {
        double ordered = ordered_today[row], demand = requested[row];
        switch (kpi_.stage[row]) {
            case Stage::None:
                continue;
            case Stage::Region:
                demand = acc[row].demand;
                break;
            case Stage::Depot:
                break;
            case Stage::Producer:
                // In units of the input: what the requests for the outputs
                // it goes into would use of it.
                demand = 0.0;
                for (auto i = m_.input_uses.begin(row); i < m_.input_uses.end(row); ++i) {
                    const auto& use = m_.input_uses.list[i];
                    demand += use.per_unit * requested[use.output];
                }
                break;
            case Stage::Source:
                ordered = acc[row].produced;
                break;
        }
        kpi_.order_days[row].add(ordered);
        kpi_.demand_days[row].add(demand);
    }
}

// Per stage: the sum over its rows of the variance of their daily orders over
// the sum of the variance of their daily demand received (the rows' own
// ratios weighted by their demand's variance).
void Engine::finish_bullwhip(RunResult& out) const {
    double orders[5] = {}, demand[5] = {};
    for (const RowIndex row : indices(kpi_.stage)) {
        const auto s = static_cast<std::size_t>(kpi_.stage[row]);
        orders[s] += variance(kpi_.order_days[row]);
        demand[s] += variance(kpi_.demand_days[row]);
    }
    auto ratio = [&](Stage stage) {
        const auto s = static_cast<std::size_t>(stage);
        return demand[s] > 0.0 ? orders[s] / demand[s] : OrderVarianceRatio::kUndefined;
    };
    OrderVarianceRatio& r = out.order_variance_ratio;
    r.region = ratio(Stage::Region);
    r.depot = ratio(Stage::Depot);
    r.producer = ratio(Stage::Producer);
    r.source = ratio(Stage::Source);
}

}  // namespace shockflow::model
