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

}  // namespace

// Records the first cycle (at or after the window start) in which a region
// went short of an essential product.
void Engine::track_shortfall(Tick t, double want, double unmet, std::size_t row) {
    if (!std::isnan(first_short_[row]) || t < ticks_from_days(m_.window[0])) return;
    if (want > 0.0 && unmet > 1e-9 * want) first_short_[row] = to_days(t) - m_.window[0];
}

// Daily check of every producer's output against its baseline, from the
// window start on; also the window's lost output.
void Engine::track_output(std::int64_t day, double day_length) {
    const bool window = in_window(day);
    if (static_cast<double>(day) + 1.0 <= m_.window[0]) return;
    for (std::uint32_t n : m_.producers) {
        for (auto k = m_.made.begin(n); k < m_.made.end(n); ++k) {
            const std::uint32_t p = m_.made.list[k];
            const std::size_t row = m_.row(n, p);
            const double base = m_.baseline_output[row] * day_length;
            if (base <= 0.0) continue;
            const double made = day_[row].produced;
            if (window) {
                lost_output_ += std::max(0.0, base - made);
                if (m_.essential[p]) {
                    window_output_ += made;
                    window_baseline_ += base;
                }
            }
            if (std::isnan(drop_day_[row])) {
                if (made < kRecovered * base) drop_day_[row] = static_cast<double>(day);
            } else if (std::isnan(recover_days_[row]) && made >= kRecovered * base) {
                recover_days_[row] = static_cast<double>(day) - drop_day_[row];
            }
        }
    }
}

void Engine::finish_resilience(RunResult& out) const {
    const double horizon = to_days(m_.end) - m_.window[0];
    std::vector<double> tts, ttr;
    for (std::uint32_t row = 0; row < m_.n_rows; ++row) {
        const std::uint32_t n = m_.row_node[row], p = m_.row_product[row];
        Resilience r{n, p, kNaN, kNaN, false};
        if (m_.kind[n] == NodeKind::Region && m_.essential[p] && m_.demand[row] > 0.0) {
            r.censored = std::isnan(first_short_[row]);
            r.time_to_survive_days = r.censored ? horizon : first_short_[row];
            tts.push_back(r.time_to_survive_days);
        } else if (m_.produces[row] && !std::isnan(drop_day_[row])) {
            r.censored = std::isnan(recover_days_[row]);
            r.time_to_recover_days =
                r.censored ? to_days(m_.end) - drop_day_[row] : recover_days_[row];
            ttr.push_back(r.time_to_recover_days);
        } else {
            continue;
        }
        out.resilience.push_back(r);
    }
    Kpis& k = out.kpi;
    k.person_days_short = person_days_short_;
    k.worst_region_essential_fill_rate = 1.0;
    for (std::uint32_t r : m_.regions)
        if (region_window_demand_[r] > 0.0)
            k.worst_region_essential_fill_rate =
                std::min(k.worst_region_essential_fill_rate,
                         region_window_delivered_[r] / region_window_demand_[r]);
    k.essential_output_vs_baseline =
        window_baseline_ > 0.0 ? window_output_ / window_baseline_ : 1.0;
    k.lost_output_units = lost_output_;
    k.time_to_survive_min_days = tts.empty() ? horizon : *std::min_element(tts.begin(), tts.end());
    k.time_to_survive_median_days = tts.empty() ? horizon : median(tts);
    k.time_to_recover_median_days = median(ttr);
    k.time_to_recover_max_days = ttr.empty() ? 0.0 : *std::max_element(ttr.begin(), ttr.end());
}

}  // namespace shockflow::model
