// Resilience measures after Simchi-Levi et al.: time-to-survive (how long
// stocks cover a region once supply falters) and time-to-recover (how long a
// producer's output stays below 95 % of its baseline), plus the KPIs built
// from them.
#include <algorithm>
#include <cmath>
#include <limits>

#include "model/engine.hpp"

namespace shockflow::model {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kRecovered = 0.95;  // share of baseline output that counts as recovered

double median(std::vector<double> v) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    const std::size_t h = v.size() / 2;
    return v.size() % 2 == 1 ? v[h] : 0.5 * (v[h - 1] + v[h]);
}

// Times of (node, product) pairs, each exact or censored at the run's end (a
// lower bound of the true time).
struct Times {
    std::vector<double> values;
    std::vector<bool> censored;

    void add(double value, bool is_censored) {
        values.push_back(value);
        censored.push_back(is_censored);
    }
    // Position, in ascending order of value (exact before censored at equal
    // values), of the lowest censored time; size() when none is censored.
    // A statistic of the order statistics up to position i is exact when the
    // first censored one comes after i: whatever the censored times really
    // are, they are above it and leave it unchanged.
    [[nodiscard]] std::size_t first_censored() const {
        std::size_t below = 0;
        double lowest = 0.0;
        bool found = false;
        for (std::size_t i = 0; i < values.size(); ++i)
            if (censored[i] && (!found || values[i] < lowest)) lowest = values[i], found = true;
        if (!found) return values.size();
        for (std::size_t i = 0; i < values.size(); ++i)
            if (values[i] < lowest || (values[i] == lowest && !censored[i])) ++below;
        return below;
    }
};

}  // namespace

// Records the first cycle (at or after the window start) in which a region
// went short of an essential product.
// With RunOptions::record_shortfalls, every such cycle is kept.
void Engine::track_shortfall(Tick t, double want, double unmet, RowIndex row) {
    if (t < ticks_from_days(m_.window[0]) || !(want > 0.0 && unmet > 1e-9 * want)) return;
    if (std::isnan(kpi_.first_short[row])) kpi_.first_short[row] = to_days(t) - m_.window[0];
    if (options_.record_shortfalls)
        kpi_.out.shortfalls.push_back(
            {to_days(t), m_.row_node[row].value, m_.row_product[row].value});
}

// Daily check of every producer's output against its baseline, from the
// window start on; also the window's lost output.
void Engine::track_output(std::int64_t day, double day_length) {
    const bool window = in_window(day);
    if (static_cast<double>(day) + 1.0 <= m_.window[0]) return;
    KpiState& k = kpi_;
    for (const NodeIndex n : m_.producers) {
        for (auto at = m_.made.begin(n); at < m_.made.end(n); ++at) {
            const ProductIndex p = m_.made.list[at];
            const RowIndex row = m_.made_row[at];
            const double base = m_.baseline_output[row] * day_length;
            if (base <= 0.0) continue;
            const double made = rows_.day[row].produced;
            if (window) {
                const double lost = std::max(0.0, base - made);
                k.lost_output += lost;
                k.lost_output_value += lost * m_.price[p];
                k.lost_value[n] += lost * m_.price[p];
                if (m_.essential[p]) {
                    k.window_output += made;
                    k.window_baseline += base;
                }
            }
            if (std::isnan(k.drop_day[row])) {
                if (made < kRecovered * base) k.drop_day[row] = static_cast<double>(day);
            } else if (std::isnan(k.recover_days[row]) && made >= kRecovered * base) {
                k.recover_days[row] = static_cast<double>(day) - k.drop_day[row];
            }
        }
    }
}

void Engine::finish_resilience(RunResult& out) const {
    const double horizon = to_days(m_.end) - m_.window[0];
    Times tts, ttr;
    const KpiState& acc = kpi_;
    for (const RowIndex row : indices<RowIndex>(m_.n_rows)) {
        const NodeIndex n = m_.row_node[row];
        const ProductIndex p = m_.row_product[row];
        Resilience r{n.value, p.value, kNaN, kNaN, false};
        if (m_.kind[n] == NodeKind::Region && m_.essential[p] && m_.demand[row] > 0.0) {
            r.censored = std::isnan(acc.first_short[row]);
            r.time_to_survive_days = r.censored ? horizon : acc.first_short[row];
            tts.add(r.time_to_survive_days, r.censored);
        } else if (m_.produces[row] && !std::isnan(acc.drop_day[row])) {
            r.censored = std::isnan(acc.recover_days[row]);
            r.time_to_recover_days =
                r.censored ? to_days(m_.end) - acc.drop_day[row] : acc.recover_days[row];
            ttr.add(r.time_to_recover_days, r.censored);
        } else {
            continue;
        }
        out.resilience.push_back(r);
    }
    Kpis& k = out.kpi;
    k.person_days_short = acc.person_days_short;
    k.worst_region_essential_fill_rate = 1.0;
    for (const NodeIndex r : m_.regions)
        if (acc.region_window_demand[r] > 0.0)
            k.worst_region_essential_fill_rate =
                std::min(k.worst_region_essential_fill_rate,
                         acc.region_window_delivered[r] / acc.region_window_demand[r]);
    k.essential_output_vs_baseline =
        acc.window_baseline > 0.0 ? acc.window_output / acc.window_baseline : 1.0;
    k.lost_output_units = acc.lost_output;
    k.lost_output_value = acc.lost_output_value;
    const std::vector<double>& s = tts.values;
    const std::vector<double>& t = ttr.values;
    k.time_to_survive_min_days = s.empty() ? horizon : *std::min_element(s.begin(), s.end());
    k.time_to_survive_median_days = s.empty() ? horizon : median(s);
    k.time_to_recover_median_days = median(t);
    k.time_to_recover_max_days = t.empty() ? 0.0 : *std::max_element(t.begin(), t.end());
    // Censored when an order statistic they are taken from is a censored
    // time: the minimum (position 0), the median (up to position n / 2) and
    // the maximum (any). With no region demanding an essential good there is
    // no shortfall before the end either.
    KpiCensoring& c = out.kpi_censored;
    const std::size_t sc = tts.first_censored(), rc = ttr.first_censored();
    c.time_to_survive_min_days = sc == 0;
    c.time_to_survive_median_days = sc <= s.size() / 2;
    c.time_to_recover_median_days = !t.empty() && rc <= t.size() / 2;
    c.time_to_recover_max_days = rc < t.size();
}

}  // namespace shockflow::model
