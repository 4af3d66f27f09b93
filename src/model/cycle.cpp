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
    const double* usable = usable_in_.data();
    const double* supply = supply_.data();
    const std::uint32_t* src = m_.inbound_src_row.data();
    const std::uint32_t* channel = m_.inbound.list.data();
    double* scratch = in_scratch_.data();
    double* req = req_.data();
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
            const double x = std::min(usable[k], supply[src[k]]);
            scratch[k - b] = x;
            by_supply += x;
        }
        if (by_supply > 0.0) {
            for (auto k = b; k < e; ++k) req[channel[k]] = need * (scratch[k - b] / by_supply);
        } else {
            for (auto k = b; k < e; ++k) req[channel[k]] = need * share_[channel[k]];
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
    const double* req = req_.data();
    const double* share = share_.data();
    const double* plan = plan_rate_.data();
    const std::uint32_t* dst = m_.channel_dst_row.data();
    const std::uint32_t* offset = m_.outbound.offset.data();
    LinkState* links = links_.data();
    for (std::uint32_t row : m_.suppliers) {
        double requested = 0.0, forecast = 0.0;
        for (auto c = offset[row]; c < offset[row + 1]; ++c) {
            const double r = req[c];
            requested += r;
            // Each customer's own expected need times the share of it that comes
            // over this channel (forecasts move one step up the chain per cycle).
            forecast += share[c] * plan[dst[c]];
            if (r > 0.0) add_on_links(links, c, detours, &LinkState::load, r);
        }
        requested_[row] = requested;
        forecast_[row] = forecast;
    }
    // Links over capacity scale their requests down (link_scale_). They are
    // usually a small share of all links (6-14 % in the shipped and generated
    // networks), and only the requests over them change.
    over_.clear();
    for (std::uint32_t s = 0; s < links_.size(); ++s) {
        LinkState& l = links_[s];
        fold_peak(l);  // shipping this cycle counts afresh
        if (l.load > l.cap) [[unlikely]] {
            link_scale_[s] = l.cap / l.load;
            over_.push_back(s);
        }
        l.load = 0.0;  // ready for the next cycle's requests
    }
    if (over_.empty()) return;
    // Direct channels over a link above capacity take its factor...
    rescaled_.clear();
    for (std::uint32_t s : over_) {
        const std::uint32_t link = m_.slot_link[s];
        for (auto k = m_.channels_of_link.begin(link); k < m_.channels_of_link.end(link); ++k) {
            const std::uint32_t c = m_.channels_of_link.list[k];
            if (path_begin_[c] != path_end_[c]) continue;  // goes round its link
            req_[c] = std::max(0.0, req_[c]) * link_scale_[s];
            rescaled_.push_back(m_.channels[c].src_row);
        }
    }
    // ... and a detour that of its tightest hop (detours are channels whose
    // own link is closed).
    if (detours)
        for (std::uint32_t c : closed_) {
            double f = 1.0;
            for (auto h = path_begin_[c]; h < path_end_[c]; ++h)
                f = std::min(f, link_scale_[m_.link_slot[path_pool_[h]]]);
            if (f >= 1.0) continue;
            req_[c] = std::max(0.0, req_[c]) * f;
            rescaled_.push_back(m_.channels[c].src_row);
        }
    // Their suppliers sum their requests again, in channel order, so the
    // totals are what one pass over all channels would give.
    for (std::uint32_t row : rescaled_) sum_requests(row);
    for (std::uint32_t s : over_) link_scale_[s] = 1.0;
}

void Engine::sum_requests(std::uint32_t row) {
    double requested = 0.0;
    for (auto c = m_.outbound.begin(row); c < m_.outbound.end(row); ++c) requested += req_[c];
    requested_[row] = requested;
}

// The invariant witness: the highest share of a link's cycle capacity ever
// used (<= 1 by construction). What was shipped is folded in, and cleared,
// before the next cycle's shipping, before `cap` changes and at the end.
void Engine::fold_peak(LinkState& l) {
    // Divides only when the peak may have risen: after the first cycles, rarely.
    if (l.used > l.peak * l.cap) [[unlikely]]
        l.peak = std::max(l.peak,
                          l.cap > 0.0 ? l.used / l.cap : std::numeric_limits<double>::infinity());
    l.used = 0.0;
}

void Engine::produce() {
    for (std::uint32_t n : m_.producers) produce_at(n);
}

void Engine::produce_at(std::uint32_t n) {
    const auto mb = m_.made.begin(n), me = m_.made.end(n);
    const std::uint32_t* first = m_.made_input_offset.data();
    const MadeInput* inputs = m_.made_inputs.data();
    double* stock = stock_.data();
    double* scratch = input_scratch_.data();  // by input product: what the wanted output needs
    double* want = made_want_.data();
    for (auto k = mb; k < me; ++k)
        for (auto i = first[k]; i < first[k + 1]; ++i) {
            scratch[inputs[i].product] = 0.0;
            input_need_[inputs[i].row] = 0.0;
        }
    // Wanted output (make to order, within capacity) and the inputs it needs.
    for (auto k = mb; k < me; ++k) {
        const std::uint32_t row = m_.made_row[k];
        want[k] = std::min(std::max(0.0, requested_[row] - stock[row]), cap_cycle_[row]);
        for (auto i = first[k]; i < first[k + 1]; ++i) {
            scratch[inputs[i].product] += inputs[i].per_unit * want[k];
            input_need_[inputs[i].row] += inputs[i].per_unit * forecast_[row];
        }
    }
    // Leontief: each product is scaled by its scarcest input; products that
    // share an input are scaled by the same factor for it.
    double weight = 0.0, feasible = 0.0;
    for (auto k = mb; k < me; ++k) {
        double scale = 1.0;
        for (auto i = first[k]; i < first[k + 1]; ++i) {
            const double need = scratch[inputs[i].product];
            if (need > 0.0) scale = std::min(scale, stock[inputs[i].row] / need);
        }
        if (want[k] > 0.0) {
            const double cap = m_.capacity[m_.made_row[k]];
            weight += cap;
            feasible += cap * scale;
        }
        want[k] *= scale;
    }
    input_factor_[n] = weight > 0.0 ? feasible / weight : 1.0;
    for (auto k = mb; k < me; ++k) {
        const double q = want[k];
        if (q <= 0.0) continue;
        const std::uint32_t row = m_.made_row[k];
        stock[row] += q;
        day_[row].produced += q;
        out_.products[m_.made.list[k]].produced += q;
        for (auto i = first[k]; i < first[k + 1]; ++i) {
            const std::uint32_t ri = inputs[i].row;
            const double use = std::min(inputs[i].per_unit * q, stock[ri]);
            stock[ri] -= use;
            day_[ri].consumed_inputs += use;
            out_.balance[inputs[i].product].consumed_inputs += use;
        }
    }
}

void Engine::ship(Tick t) {
    const bool detours = !path_pool_.empty();
    // Raw views of the arrays the loop reads and writes, so that nothing is
    // reloaded per shipment.
    const double* req = req_.data();
    const double* granted = scratch_.data();
    const std::uint32_t* dst = m_.channel_dst_row.data();
    const std::uint32_t* cls = class_of_channel_.data();
    double* pipeline = pipeline_.data();
    LinkState* links = links_.data();
    Shipment** cursor = cursor_.data();
    for (std::uint32_t row : m_.suppliers) {
        const auto b = m_.outbound.begin(row), e = m_.outbound.end(row);
        const double total = requested_[row];
        if (total <= 0.0) continue;
        // Only a short supplier needs the allocation rule.
        const bool short_of_stock = total > stock_[row];
        if (short_of_stock) allocate(row, total);
        double left = stock_[row], shipped = day_[row].shipped;
        for (auto c = b; c < e; ++c) {
            const double g = short_of_stock ? granted[c - b] : req[c];
            if (g <= 0.0) continue;
            left -= g;
            shipped += g;
            pipeline[dst[c]] += g;
            // Counted onto the link(s) for the capacity witness (fold_peak).
            add_on_links(links, c, detours, &LinkState::used, g);
            Shipment*& at = cursor[cls[c]];
            if (at == nullptr) [[unlikely]]
                at = open_batch(cls[c], t);
            *at++ = Shipment{dst[c], g};
        }
        stock_[row] = std::max(0.0, left);  // proportional shares may overshoot by an ulp
        day_[row].shipped = shipped;
    }
    close_batches();
}

// Opens the batch of goods dispatched this cycle that arrive together after
// the class's transit time; it has room for one shipment per channel of the
// class.
Shipment* Engine::open_batch(std::uint32_t cls, Tick t) {
    std::uint32_t b = 0;
    if (free_batches_.empty()) {
        b = static_cast<std::uint32_t>(batches_.size());
        batches_.emplace_back();
    } else {
        b = free_batches_.back();
        free_batches_.pop_back();
    }
    Batch& batch = batches_[b];
    if (batch.items.size() < class_count_[cls]) batch.items.resize(class_count_[cls]);
    opened_.emplace_back(cls, b);
    queue_.schedule(t + transit_classes_[cls], kPrioArrival, Event{Ev::Arrival, b});
    return batch.items.data();
}

void Engine::close_batches() {
    for (const auto& [cls, b] : opened_) {
        batches_[b].size = static_cast<std::size_t>(cursor_[cls] - batches_[b].items.data());
        cursor_[cls] = nullptr;
    }
    opened_.clear();
}

void Engine::arrive(std::uint32_t b) {
    Batch& batch = batches_[b];
    double* stock = stock_.data();
    double* pipeline = pipeline_.data();
    double* received = received_.data();
    for (std::size_t i = 0; i < batch.size; ++i) {
        const Shipment& s = batch.items[i];
        stock[s.row] += s.units;
        pipeline[s.row] -= s.units;
        received[s.row] += s.units;
    }
    batch.size = 0;  // keeps its storage for reuse
    free_batches_.push_back(b);
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
