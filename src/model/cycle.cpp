// One production/distribution cycle; the order of its steps is documented in
// docs/MODEL.md ("One cycle, in order") and must stay in step with it.
#include <algorithm>
#include <cmath>

#include "model/engine.hpp"

namespace shockflow::model {
void Engine::cycle(Tick t) {
    move_people(t);
    refresh_damage(t);
    for (const NodeIndex n : m_.producers)
        for (auto k = m_.made.begin(n); k < m_.made.end(n); ++k) {
            const RowIndex row = m_.made_row[k];
            rows_.cap_cycle[row] = cycle_capacity(row, t);
        }
    consume(t);
    // What each supplier could provide this cycle, read by every customer's order.
    for (const RowIndex row : m_.suppliers)
        rows_.supply[row] = rows_.stock[row] + rows_.cap_cycle[row];
    place_orders(t);
    clip_to_link_capacity();
    produce();
    ship(t);
    update_expectations();
    observe_cycle();
    const Tick next{t.value + m_.step.value};
    if (next < m_.end) queue_.schedule(next, kPrioCycle, Event{Ev::Cycle});
}

double Engine::capacity_factor(ProductIndex p, Tick t) const {
    const CompiledPolicy& pol = m_.policy;
    double f = 1.0 + pol.surge;
    if (pol.prestock_product[p] && t >= pol.prestock_from && t < pol.prestock_until)
        f += pol.prestock_uplift;
    return f;
}

double Engine::cycle_capacity(RowIndex row, Tick t) const {
    const NodeIndex n = m_.row_node[row];
    return m_.capacity[row] * dis_.damage[n] * dis_.labor[n] *
           capacity_factor(m_.row_product[row], t) * dt_;
}

void Engine::consume(Tick t) {
    const bool window = in_window(day_index(t));
    for (const NodeIndex r : m_.regions) {
        double ess_want = 0.0, ess_unmet = 0.0;
        for (const ProductIndex p : m_.consumed) {
            const RowIndex row = m_.row(r, p);
            rows_.plan_rate[row] = rows_.demand_rate[row] * rows_.multiplier[row];
            const double want = rows_.plan_rate[row] * dt_;
            const double got = std::min(rows_.stock[row], want);
            rows_.stock[row] -= got;
            DayAccum& a = rows_.day[row];
            a.demand += want;
            a.delivered += got;
            a.unmet += want - got;
            ProductTotals& tot = kpi_.out.products[p.value];
            tot.demanded += want;
            tot.delivered += got;
            tot.unmet += want - got;
            if (!m_.essential[p]) continue;
            ess_want += want;
            ess_unmet += want - got;
            kpi_.day_essential_demand += want;
            kpi_.day_essential_delivered += got;
            track_shortfall(t, want, want - got, row);
            if (window) {
                kpi_.window_essential_demand += want;
                kpi_.window_essential_delivered += got;
                kpi_.region_window_demand[r] += want;
                kpi_.region_window_delivered[r] += got;
            }
        }
        if (ess_want > 0.0)
            kpi_.person_days_short += dis_.population[r] * (ess_unmet / ess_want) * dt_;
    }
}

void Engine::place_orders(Tick t) {
    const CompiledPolicy& pol = m_.policy;
    const bool prestock = pol.prestock && t >= pol.prestock_from && t < pol.prestock_until;
    const auto usable = view(routes_.usable_in);
    const auto supply = view(rows_.supply);
    const auto src = view(m_.inbound_src_row);
    const auto channel = view(m_.inbound.list);
    const auto share = view(routes_.share);
    double* scratch = rows_.by_supply.data();
    const auto req = view(rows_.req);
    for (const RowIndex row : m_.holders) {
        const NodeIndex n = m_.row_node[row];
        const ProductIndex p = m_.row_product[row];
        const bool region = m_.kind[n] == NodeKind::Region;
        double days = m_.target_days[row];
        if (prestock && pol.prestock_product[p] && (region || m_.kind[n] == NodeKind::Depot))
            days = std::max(days, pol.prestock_target_days);
        const double need =
            std::max(0.0, days * rows_.plan_rate[row] - rows_.stock[row] - rows_.pipeline[row]);
        // Orders go where goods can come from this cycle; if nothing can come,
        // they follow the open links (share, as the forecasts do). Inbound
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
            for (auto k = b; k < e; ++k) req[channel[k]] = need * share[channel[k]];
        }
    }
}

// Also sums, per supplier row, the requests it received (requested) and
// what its customers expect to draw from it (forecast): one pass over the
// channels in order, where a supplier's channels sit side by side.
void Engine::clip_to_link_capacity() {
    const bool detours = routes_.detours();  // some channel goes a rerouted path
    const auto req = view(rows_.req);
    const auto share = view(routes_.share);
    const auto plan = view(rows_.plan_rate);
    const auto dst = view(m_.channel_dst_row);
    for (const RowIndex row : m_.suppliers) {
        double requested = 0.0, forecast = 0.0;
        for (auto c = m_.outbound.begin(row); c < m_.outbound.end(row); ++c) {
            const double r = req[c];
            requested += r;
            // Each customer's own expected need times the share of it that comes
            // over this channel (forecasts move one step up the chain per cycle).
            forecast += share[c] * plan[dst[c]];
            if (r > 0.0) routes_.add_on_links(m_, c, detours, &LinkState::load, r);
        }
        rows_.requested[row] = requested;
        rows_.forecast[row] = forecast;
    }
    // Links over capacity scale their requests down (link_scale). They are
    // usually a small share of all links (6-14 % in the shipped and generated
    // networks), and only the requests over them change.
    routes_.over.clear();
    for (const SlotIndex s : indices(routes_.links)) {
        LinkState& l = routes_.links[s];
        l.fold_peak();  // shipping this cycle counts afresh
        if (l.load > l.cap) [[unlikely]] {
            routes_.link_scale[s] = l.cap / l.load;
            routes_.over.push_back(s);
        }
        l.load = 0.0;  // ready for the next cycle's requests
    }
    if (routes_.over.empty()) return;
    // Direct channels over a link above capacity take its factor...
    routes_.rescaled.clear();
    for (const SlotIndex s : routes_.over) {
        const LinkIndex link = m_.slot_link[s];
        for (auto k = m_.channels_of_link.begin(link); k < m_.channels_of_link.end(link); ++k) {
            const ChannelIndex c = m_.channels_of_link.list[k];
            if (routes_.path_begin[c] != routes_.path_end[c]) continue;  // goes round its link
            rows_.req[c] = std::max(0.0, rows_.req[c]) * routes_.link_scale[s];
            routes_.rescaled.push_back(m_.channels[c].src_row);
        }
    }
    // ... and a detour that of its tightest hop (detours are channels whose
    // own link is closed).
    if (detours)
        for (const ChannelIndex c : routes_.closed) {
            double f = 1.0;
            for (auto h = routes_.path_begin[c]; h < routes_.path_end[c]; ++h)
                f = std::min(f, routes_.link_scale[m_.link_slot[routes_.path_pool[h]]]);
            if (f >= 1.0) continue;
            rows_.req[c] = std::max(0.0, rows_.req[c]) * f;
            routes_.rescaled.push_back(m_.channels[c].src_row);
        }
    // Their suppliers sum their requests again, in channel order, so the
    // totals are what one pass over all channels would give.
    for (const RowIndex row : routes_.rescaled) sum_requests(row);
    for (const SlotIndex s : routes_.over) routes_.link_scale[s] = 1.0;
}

void Engine::sum_requests(RowIndex row) {
    double requested = 0.0;
    for (auto c = m_.outbound.begin(row); c < m_.outbound.end(row); ++c) requested += rows_.req[c];
    rows_.requested[row] = requested;
}

void Engine::produce() {
    for (const NodeIndex n : m_.producers) produce_at(n);
}

void Engine::produce_at(NodeIndex n) {
    const auto mb = m_.made.begin(n), me = m_.made.end(n);
    const auto first = view(m_.made_input.offset);
    const auto inputs = view(m_.made_inputs);
    const auto stock = view(rows_.stock);
    const auto scratch = view(rows_.input_want);  // by input product: what the wanted output needs
    const auto want = view(rows_.made_want);
    const auto input_need = view(rows_.input_need);
    for (auto k = mb; k < me; ++k)
        for (auto i = first[k]; i < first[k + 1]; ++i) {
            scratch[inputs[i].product] = 0.0;
            input_need[inputs[i].row] = 0.0;
        }
    // Wanted output (make to order, within capacity) and the inputs it needs.
    for (auto k = mb; k < me; ++k) {
        const RowIndex row = m_.made_row[k];
        want[k] = std::min(std::max(0.0, rows_.requested[row] - stock[row]), rows_.cap_cycle[row]);
        for (auto i = first[k]; i < first[k + 1]; ++i) {
            scratch[inputs[i].product] += inputs[i].per_unit * want[k];
            input_need[inputs[i].row] += inputs[i].per_unit * rows_.forecast[row];
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
    rows_.input_factor[n] = weight > 0.0 ? feasible / weight : 1.0;
    for (auto k = mb; k < me; ++k) {
        const double q = want[k];
        if (q <= 0.0) continue;
        const RowIndex row = m_.made_row[k];
        stock[row] += q;
        rows_.day[row].produced += q;
        kpi_.out.products[m_.made.list[k].value].produced += q;
        for (auto i = first[k]; i < first[k + 1]; ++i) {
            const RowIndex ri = inputs[i].row;
            const double use = std::min(inputs[i].per_unit * q, stock[ri]);
            stock[ri] -= use;
            rows_.day[ri].consumed_inputs += use;
            kpi_.out.balance[inputs[i].product.value].consumed_inputs += use;
        }
    }
}

void Engine::ship(Tick t) {
    const bool detours = routes_.detours();
    // Raw views of the arrays the loop reads and writes, so that nothing is
    // reloaded per shipment.
    const auto req = view(rows_.req);
    const double* granted = rows_.grants.data();
    const auto dst = view(m_.channel_dst_row);
    const auto cls = view(transit_.class_of_channel);
    const auto pipeline = view(rows_.pipeline);
    Shipment** cursor = transit_.cursor.data();
    for (const RowIndex row : m_.suppliers) {
        const auto b = m_.outbound.begin(row), e = m_.outbound.end(row);
        const double total = rows_.requested[row];
        if (total <= 0.0) continue;
        // Only a short supplier needs the allocation rule.
        const bool short_of_stock = total > rows_.stock[row];
        if (short_of_stock) allocate(row, total);
        double left = rows_.stock[row], shipped = rows_.day[row].shipped;
        for (auto c = b; c < e; ++c) {
            const double g = short_of_stock ? granted[c - b] : req[c];
            if (g <= 0.0) continue;
            left -= g;
            shipped += g;
            pipeline[dst[c]] += g;
            // Counted onto the link(s) for the capacity witness (fold_peak).
            routes_.add_on_links(m_, c, detours, &LinkState::used, g);
            Shipment*& at = cursor[cls[c]];
            if (at == nullptr) [[unlikely]]
                at = open_batch(cls[c], t);
            *at++ = Shipment{dst[c], g};
        }
        rows_.stock[row] = std::max(0.0, left);  // proportional shares may overshoot by an ulp
        rows_.day[row].shipped = shipped;
    }
    transit_.close_batches();
}

// Opens the batch of goods dispatched this cycle that arrive together after
// the class's transit time.
Shipment* Engine::open_batch(std::uint32_t cls, Tick t) {
    const std::uint32_t b = transit_.take_batch(cls);
    queue_.schedule(t + transit_.classes[cls], kPrioArrival, Event{Ev::Arrival, b});
    return transit_.batches[b].items.data();
}

void Engine::arrive(std::uint32_t b) {
    TransitState::Batch& batch = transit_.batches[b];
    const auto stock = view(rows_.stock);
    const auto pipeline = view(rows_.pipeline);
    const auto received = view(rows_.received);
    for (std::size_t i = 0; i < batch.size; ++i) {
        const Shipment& s = batch.items[i];
        stock[s.row] += s.units;
        pipeline[s.row] -= s.units;
        received[s.row] += s.units;
    }
    batch.size = 0;  // keeps its storage for reuse
    transit_.free_batches.push_back(b);
}

// Forecasts move one step up the supply chain per cycle (like an MRP
// explosion): a depot expects what its customers expect from it, a producer
// needs the inputs of what its customers expect. forecast was computed from
// the previous values for every row at once (clip_to_link_capacity), so the
// order of rows does not matter.
void Engine::update_expectations() {
    for (const RowIndex row : m_.holders) {
        if (m_.kind[m_.row_node[row]] == NodeKind::Region) continue;
        rows_.expected[row] = rows_.forecast[row] + rows_.input_need[row];
        rows_.plan_rate[row] = rows_.expected[row];
    }
}

void Engine::observe_cycle() {
    ++kpi_.day_cycles;
    for (const NodeIndex n : m_.producers) {
        const double avail = dis_.damage[n] * dis_.labor[n];
        for (auto k = m_.made.begin(n); k < m_.made.end(n); ++k) {
            const RowIndex row = m_.made_row[k];
            rows_.day[row].capacity += m_.capacity[row] * avail;
        }
    }
    for (const NodeIndex n : m_.firm_nodes) {
        kpi_.firms_active_sum[n] += static_cast<double>(m_.firms[n]) *
                                    (1.0 - dis_.firms_damaged[n]) * dis_.labor[n] *
                                    rows_.input_factor[n];
        if (dis_.damage[n] * dis_.labor[n] <= 0.0) kpi_.operational[n] = false;
    }
}

}  // namespace shockflow::model
