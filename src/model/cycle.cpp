// One production/distribution cycle; the order of its steps is documented in
// docs/MODEL.md ("One cycle, in order") and must stay in step with it.
#include <algorithm>
#include <cmath>
#include <limits>

#include "model/engine.hpp"

namespace shockflow::model {
void Engine::cycle(Tick t) {
    move_people(t);
    refresh_damage(t);
    for (std::uint32_t n : m_.producers)
        for (auto k = m_.made.begin(n); k < m_.made.end(n); ++k) {
            const std::size_t row = m_.row(n, m_.made.list[k]);
            cap_cycle_[row] = cycle_capacity(row, t);
        }
    consume(t);
    // What each supplier could provide this cycle, read by every customer's order.
    for (std::uint32_t row : m_.suppliers) supply_[row] = stock_[row] + cap_cycle_[row];
    place_orders(t);
    clip_to_link_capacity();
    produce();
    ship(t);
    update_expectations();
    observe_cycle();
    const Tick next{t.value + m_.step.value};
    if (next < m_.end) queue_.schedule(next, kPrioCycle, Event{Ev::Cycle});
}

double Engine::capacity_factor(std::uint32_t p, Tick t) const {
    double f = 1.0 + m_.policy.surge_capacity;
    if (m_.prestock_product[p] && t >= m_.prestock_from && t < m_.prestock_until)
        f += m_.policy.prestock->uplift;
    return f;
}

double Engine::cycle_capacity(std::size_t row, Tick t) const {
    const std::uint32_t n = m_.row_node[row];
    const std::uint32_t p = m_.row_product[row];
    return m_.capacity[row] * damage_[n] * labor_[n] * capacity_factor(p, t) * dt_;
}

void Engine::consume(Tick t) {
    const bool window = in_window(day_index(t));
    for (std::uint32_t r : m_.regions) {
        double ess_want = 0.0, ess_unmet = 0.0;
        for (std::uint32_t p : m_.consumed) {
            const std::size_t row = m_.row(r, p);
            plan_rate_[row] = demand_rate_[row] * multiplier_[row];
            const double want = plan_rate_[row] * dt_;
            const double got = std::min(stock_[row], want);
            stock_[row] -= got;
            DayAccum& a = day_[row];
            a.demand += want;
            a.delivered += got;
            a.unmet += want - got;
            ProductTotals& tot = out_.products[p];
            tot.demanded += want;
            tot.delivered += got;
            tot.unmet += want - got;
            if (!m_.essential[p]) continue;
            ess_want += want;
            ess_unmet += want - got;
            day_essential_demand_ += want;
            day_essential_delivered_ += got;
            track_shortfall(t, want, want - got, row);
            if (window) {
                window_essential_demand_ += want;
                window_essential_delivered_ += got;
                region_window_demand_[r] += want;
                region_window_delivered_[r] += got;
            }
        }
        if (ess_want > 0.0) person_days_short_ += population_[r] * (ess_unmet / ess_want) * dt_;
    }
}

void Engine::place_orders(Tick t) {
    const bool prestock = m_.policy.prestock && t >= m_.prestock_from && t < m_.prestock_until;
    for (std::uint32_t row : m_.holders) {
        const std::uint32_t n = m_.row_node[row];
        const std::uint32_t p = m_.row_product[row];
        const bool region = m_.kind[n] == NodeKind::Region;
        double days = m_.target_days[row];
        if (prestock && m_.prestock_product[p] && (region || m_.kind[n] == NodeKind::Depot))
            days = std::max(days, m_.policy.prestock->target_days);
        const double need = std::max(0.0, days * plan_rate_[row] - stock_[row] - pipeline_[row]);
        // Orders go where goods can come from this cycle; if nothing can come,
        // they follow the open links (share_, as the forecasts do). Inbound
        // entries are read in list order; only the requests land by channel.
        double by_supply = 0.0;
        const auto b = m_.inbound.begin(row), e = m_.inbound.end(row);
        for (auto k = b; k < e; ++k) {
            const double x = std::min(usable_in_[k], supply_[m_.inbound_src_row[k]]);
            in_scratch_[k - b] = x;
            by_supply += x;
        }
        for (auto k = b; k < e; ++k) {
            const std::uint32_t c = m_.inbound.list[k];
            req_[c] = need * (by_supply > 0.0 ? in_scratch_[k - b] / by_supply : share_[c]);
        }
    }
}

double Engine::need_rate(std::size_t row) const {
    return m_.kind[m_.row_node[row]] == NodeKind::Region ? demand_rate_[row] * multiplier_[row]
                                                         : expected_[row];
}

// Also sums, per supplier row, the requests it received (requested_) and
// what its customers expect to draw from it (forecast_): one pass over the
// channels in order, where a supplier's channels sit side by side.
void Engine::clip_to_link_capacity() {
    const bool detours = !path_pool_.empty();  // some channel goes a rerouted path
    for (LinkState& l : links_) l.load = 0.0;
    for (std::uint32_t row : m_.suppliers) {
        double requested = 0.0, forecast = 0.0;
        for (auto c = m_.outbound.begin(row); c < m_.outbound.end(row); ++c) {
            const double r = req_[c];
            requested += r;
            // Each customer's own expected need times the share of it that comes
            // over this channel (forecasts move one step up the chain per cycle).
            forecast += share_[c] * plan_rate_[m_.channel_dst_row[c]];
            if (r <= 0.0) continue;
            if (!detours || path_begin_[c] == path_end_[c]) {
                links_[m_.channel_slot[c]].load += r;
            } else {
                for (auto h = path_begin_[c]; h < path_end_[c]; ++h)
                    links_[m_.link_slot[path_pool_[h]]].load += r;
            }
        }
        requested_[row] = requested;
        forecast_[row] = forecast;
    }
    // Turn loads into scale factors; most cycles no link is over capacity and
    // the requests pass unchanged.
    bool any_over = false;
    for (LinkState& l : links_) {
        fold_peak(l);  // shipping this cycle counts afresh
        const bool over = l.load > l.cap;
        l.load = over ? l.cap / l.load : 1.0;
        any_over |= over;
    }
    if (!any_over) return;
    for (std::uint32_t row : m_.suppliers) {
        double requested = 0.0;
        for (auto c = m_.outbound.begin(row); c < m_.outbound.end(row); ++c) {
            double f = 1.0;
            if (!detours || path_begin_[c] == path_end_[c]) {
                f = links_[m_.channel_slot[c]].load;
            } else {
                for (auto h = path_begin_[c]; h < path_end_[c]; ++h)
                    f = std::min(f, links_[m_.link_slot[path_pool_[h]]].load);
            }
            req_[c] = std::max(0.0, req_[c]) * f;
            requested += req_[c];
        }
        requested_[row] = requested;
    }
}

// The invariant witness: the highest share of a link's cycle capacity ever
// used (<= 1 by construction). What was shipped is folded in, and cleared,
// before the next cycle's shipping, before `cap` changes and at the end.
void Engine::fold_peak(LinkState& l) {
    if (l.used <= 0.0) return;
    const double u = l.cap > 0.0 ? l.used / l.cap : std::numeric_limits<double>::infinity();
    l.peak = std::max(l.peak, u);
    l.used = 0.0;
}

void Engine::produce() {
    for (std::uint32_t n : m_.producers) produce_at(n);
}

void Engine::produce_at(std::uint32_t n) {
    const bool source = m_.kind[n] == NodeKind::Source;  // sources need no inputs
    const auto mb = m_.made.begin(n), me = m_.made.end(n);
    for (auto k = mb; k < me; ++k)
        for (const auto& in : m_.recipe[m_.made.list[k]]) {
            input_scratch_[in.input] = 0.0;
            input_need_[m_.row(n, in.input)] = 0.0;
        }
    // Wanted output (make to order, within capacity) and the inputs it needs.
    for (auto k = mb; k < me; ++k) {
        const std::uint32_t j = m_.made.list[k];
        const std::size_t row = m_.row(n, j);
        const double want = std::min(std::max(0.0, requested_[row] - stock_[row]), cap_cycle_[row]);
        made_want_[k] = want;
        if (source) continue;
        for (const auto& in : m_.recipe[j]) {
            input_scratch_[in.input] += in.per_unit * want;
            input_need_[m_.row(n, in.input)] += in.per_unit * forecast_[row];
        }
    }
    // Leontief: each product is scaled by its scarcest input; products that
    // share an input are scaled by the same factor for it.
    double weight = 0.0, feasible = 0.0;
    for (auto k = mb; k < me; ++k) {
        const std::uint32_t j = m_.made.list[k];
        double scale = 1.0;
        if (!source)
            for (const auto& in : m_.recipe[j]) {
                const double need = input_scratch_[in.input];
                if (need > 0.0) scale = std::min(scale, stock_[m_.row(n, in.input)] / need);
            }
        if (made_want_[k] > 0.0) {
            weight += m_.capacity[m_.row(n, j)];
            feasible += m_.capacity[m_.row(n, j)] * scale;
        }
        made_want_[k] *= scale;
    }
    input_factor_[n] = weight > 0.0 ? feasible / weight : 1.0;
    for (auto k = mb; k < me; ++k) {
        const double q = made_want_[k];
        if (q <= 0.0) continue;
        const std::uint32_t j = m_.made.list[k];
        stock_[m_.row(n, j)] += q;
        day_[m_.row(n, j)].produced += q;
        out_.products[j].produced += q;
        if (source) continue;
        for (const auto& in : m_.recipe[j]) {
            const std::size_t ri = m_.row(n, in.input);
            const double use = std::min(in.per_unit * q, stock_[ri]);
            stock_[ri] -= use;
            day_[ri].consumed_inputs += use;
            out_.balance[in.input].consumed_inputs += use;
        }
    }
}

void Engine::ship(Tick t) {
    std::fill(batch_of_class_.begin(), batch_of_class_.end(), -1);
    const bool detours = !path_pool_.empty();
    for (std::uint32_t row : m_.suppliers) {
        const auto b = m_.outbound.begin(row), e = m_.outbound.end(row);
        const double total = requested_[row];
        if (total <= 0.0) continue;
        // Only a short supplier needs the allocation rule.
        const bool short_of_stock = total > stock_[row];
        if (short_of_stock) allocate(row, total);
        double left = stock_[row];
        for (auto c = b; c < e; ++c) {
            const double g = short_of_stock ? scratch_[c - b] : req_[c];
            if (g <= 0.0) continue;
            left -= g;
            pipeline_[m_.channel_dst_row[c]] += g;
            day_[row].shipped += g;
            // Counted onto the link(s) for the capacity witness (fold_peak).
            if (!detours || path_begin_[c] == path_end_[c]) {
                links_[m_.channel_slot[c]].used += g;
            } else {
                for (auto h = path_begin_[c]; h < path_end_[c]; ++h)
                    links_[m_.link_slot[path_pool_[h]]].used += g;
            }
            dispatch_shipment(c, g, t);
        }
        stock_[row] = std::max(0.0, left);  // proportional shares may overshoot by an ulp
    }
}

void Engine::dispatch_shipment(std::uint32_t c, double units, Tick t) {
    const std::uint32_t cls = class_of_channel_[c];
    if (batch_of_class_[cls] < 0) {
        std::uint32_t b = 0;
        if (free_batches_.empty()) {
            b = static_cast<std::uint32_t>(batches_.size());
            batches_.emplace_back();
        } else {
            b = free_batches_.back();
            free_batches_.pop_back();
        }
        batch_of_class_[cls] = b;
        queue_.schedule(t + transit_classes_[cls], kPrioArrival, Event{Ev::Arrival, b});
    }
    batches_[static_cast<std::size_t>(batch_of_class_[cls])].push_back(
        {m_.channel_dst_row[c], units});
}

void Engine::arrive(std::uint32_t batch) {
    for (const Shipment& s : batches_[batch]) {
        stock_[s.row] += s.units;
        pipeline_[s.row] -= s.units;
        day_[s.row].received += s.units;
    }
    batches_[batch].clear();  // keeps its storage for reuse
    free_batches_.push_back(batch);
}

// Forecasts move one step up the supply chain per cycle (like an MRP
// explosion): a depot expects what its customers expect from it, a producer
// needs the inputs of what its customers expect. forecast_ was computed from
// the previous values for every row at once (clip_to_link_capacity), so the
// order of rows does not matter.
void Engine::update_expectations() {
    for (std::uint32_t row : m_.holders) {
        if (m_.kind[m_.row_node[row]] == NodeKind::Region) continue;
        expected_[row] = forecast_[row] + input_need_[row];
        plan_rate_[row] = expected_[row];
    }
}

void Engine::observe_cycle() {
    ++day_cycles_;
    for (std::uint32_t n : m_.producers) {
        const double avail = damage_[n] * labor_[n];
        for (auto k = m_.made.begin(n); k < m_.made.end(n); ++k) {
            const std::size_t row = m_.row(n, m_.made.list[k]);
            day_[row].capacity += m_.capacity[row] * avail;
        }
    }
    for (std::uint32_t n : m_.firm_nodes) {
        firms_active_sum_[n] += static_cast<double>(m_.firms[n]) * (1.0 - firms_damaged_[n]) *
                                labor_[n] * input_factor_[n];
        if (damage_[n] * labor_[n] <= 0.0) operational_[n] = false;
    }
}

}  // namespace shockflow::model
