// One production/distribution cycle; the order of its steps is documented in
// docs/MODEL.md ("One cycle, in order") and must stay in step with it.
#include <algorithm>
#include <cmath>
#include <limits>

#include "model/engine.hpp"

namespace shockflow::model {
void Engine::cycle(Tick t) {
    // The cycle's demand follows the people of its middle: where people
    // are moving, that is their average over the cycle.
    move_people(Tick{t.value + m_.step.value / 2});
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
    observe_orders();
    produce();
    ship(t);
    observe_cycle();
    const Tick next{t.value + m_.step.value};
    if (next < m_.end) {
        // Before anything else at that instant: goods arriving just as the
        // cycle ends come too late for its demand, wherever the day ends.
        queue_.schedule(next, kPrioDay, Event{Ev::CycleEnd});
        queue_.schedule(next, kPrioCycle, Event{Ev::Cycle});
    }
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

// Each region wants its demand of the cycle. What its stock covers is
// consumed now; the rest stays open until the cycle ends, served by goods
// that arrive meanwhile (arrive()), and what is still open then is lost
// (close_demand()). So the answer does not depend on how long a cycle is.
void Engine::consume(Tick t, bool stock_first) {
    close_demand();
    KpiState& k = kpi_;
    k.cycle_start = t;
    k.cycle_in_window = in_window(day_index(t));
    for (const NodeIndex r : m_.regions) {
        double ess_want = 0.0;
        for (const ProductIndex p : m_.consumed) {
            const RowIndex row = m_.row(r, p);
            rows_.plan_rate[row] = rows_.demand_rate[row] * rows_.multiplier[row];
            const double want = rows_.plan_rate[row] * dt_;
            const double got = stock_first ? std::min(rows_.stock[row], want) : 0.0;
            rows_.stock[row] -= got;
            rows_.taken[row] = got;
            rows_.open[row] = want - got;
            if (want > got) ++rows_.open_rows;
            rows_.wanted[row] = want;
            rows_.day[row].demand += want;
            k.out.products[p.value].demanded += want;
            if (m_.essential[p]) {
                ess_want += want;
                k.day_essential_demand += want;
                if (k.cycle_in_window) {
                    k.window_essential_demand += want;
                    k.region_window_demand[r] += want;
                }
            }
            deliver(row, got);
        }
        // People short of their essential goods, per unit of unmet demand.
        k.short_weight[r] = ess_want > 0.0 ? dis_.population[r] * dt_ / ess_want : 0.0;
    }
}

// `units` of a region row's demand of this cycle served.
void Engine::deliver(RowIndex row, double units) {
    KpiState& k = kpi_;
    const ProductIndex p = m_.row_product[row];
    rows_.day[row].delivered += units;
    k.out.products[p.value].delivered += units;
    if (!m_.essential[p]) return;
    k.day_essential_delivered += units;
    if (k.cycle_in_window) {
        k.window_essential_delivered += units;
        k.region_window_delivered[m_.row_node[row]] += units;
    }
}

// The cycle's demand still open is lost.
void Engine::close_demand() {
    KpiState& k = kpi_;
    rows_.open_rows = 0;
    for (const NodeIndex r : m_.regions)
        for (const ProductIndex p : m_.consumed) {
            const RowIndex row = m_.row(r, p);
            const double unmet = rows_.open[row];
            if (m_.essential[p]) {
                track_shortfall(k.cycle_start, rows_.wanted[row], unmet, row);
                const double person_days = k.short_weight[r] * unmet;
                k.person_days_short += person_days;
                k.region_person_days[r] += person_days;
            }
            rows_.wanted[row] = 0.0;
            if (unmet <= 0.0) continue;
            rows_.open[row] = 0.0;
            rows_.day[row].unmet += unmet;
            k.out.products[p.value].unmet += unmet;
            k.unmet_value[r] += unmet * m_.price[p];
        }
}

// The ordering rule (docs/MODEL.md, "Orders"): each holder orders its
// expected use of the cycle plus a share of the gap between its target
// inventory position and its position (stock and what is on its way to it,
// counted before the cycle's own use), closed over replenishment_days:
//   target = plan x (review + lead time + safety days)
//   order  = max(0, plan x cycle + (target - position) / max(1, replenish / cycle))
// where the review period is the cycle for a producer's inputs (it makes
// once a cycle, with what it holds then) and none for regions and depots
// (goods that reach them during a cycle are used or passed on at once).
void Engine::place_orders(Tick t) {
    if (rows_.plans_stale) propagate_plans();
    const CompiledPolicy& pol = m_.policy;
    const bool prestock = pol.prestock && t >= pol.prestock_from && t < pol.prestock_until;
    const auto usable = view(routes_.usable_in);
    const auto supply = view(rows_.supply);
    const auto src = view(m_.inbound_src_row);
    const auto channel = view(m_.inbound.list);
    const auto lateral = view(m_.inbound_lateral);
    const auto share = view(routes_.share);
    const auto fill = view(rows_.fill);
    const auto was_short = view(rows_.was_short);
    double* scratch = rows_.by_supply.data();
    const auto req = view(rows_.req);
    for (const RowIndex row : m_.holders) {
        const NodeIndex n = m_.row_node[row];
        const ProductIndex p = m_.row_product[row];
        const bool region = m_.kind[n] == NodeKind::Region;
        double days = m_.target_days[row];
        if (prestock && pol.prestock_product[p] && (region || m_.kind[n] == NodeKind::Depot))
            days = std::max(days, pol.prestock_target_days);
        const double rate = rows_.plan_rate[row];
        // The target follows the expected use smoothed over the replenishment
        // time, so that a change of use is not ordered twice (as use, and
        // again as a jump of the target).
        double& level = rows_.target_rate[row];
        level = level < 0.0 ? rate : level + rows_.smoothing[row] * (rate - level);
        const double review = region || m_.kind[n] == NodeKind::Depot ? 0.0 : dt_;
        const double target = level * (review + routes_.lead_days[row] + days);
        const double position = rows_.stock[row] + rows_.pipeline[row] + rows_.taken[row];
        const double need = std::max(0.0, rate * dt_ + (target - position) * rows_.closing[row]);
        // Orders go where goods can come from this cycle. Lateral channels
        // (depots that supply each other) carry their planned share, the
        // primary ones the rest of the order; then the lateral ones also get
        // what the primary ones are not expected to fill: beyond what they
        // can provide, or what their suppliers could not grant last cycle.
        // For that a depot asks only neighbours whose stock covers more days
        // of their use than its own does, so goods flow down that gradient
        // and never round a loop. If nothing can come, orders follow the
        // open links (share, as the plans do).
        const auto b = m_.inbound.begin(row), e = m_.inbound.end(row);
        double cover = -1.0;  // days the row's stock covers, once a lateral channel needs it
        double primary = 0.0, spare = 0.0, expected = 0.0, planned_all = 0.0;
        for (auto k = b; k < e; ++k) {
            const ChannelIndex c = channel[k];
            const double x = std::min(usable[k], supply[src[k]]);
            if (!lateral[k]) {
                primary += x;
                scratch[k - b] = x;
                continue;
            }
            // The planned share of expected use only: gaps go to the primaries.
            const double planned = std::min({x, need, rate * dt_ * share[c]});
            req[c] = planned;
            planned_all += planned;
            rows_.planned[c] = planned;
            expected += planned * (was_short[src[k]] ? fill[c] : 1.0);
            const RowIndex from = src[k];
            if (cover < 0.0) cover = cover_days(row, rate);
            const double extra =
                cover_days(from, rows_.plan_rate[from]) > cover ? x - planned : 0.0;
            scratch[k - b] = extra;
            spare += extra;
        }
        // Links with weights: each primary gets its weighted part of the
        // order, up to what it can bring; what one cannot bring goes to the
        // others, again by weight (through `per` below).
        if (primary > 0.0 && m_.weighted[row])
            primary = weighted_parts(b, e, std::max(0.0, need - planned_all), primary);
        double placed = planned_all;  // what the row orders in all (bullwhip.cpp)
        if (primary <= 0.0 && spare <= 0.0 && expected <= 0.0) {
            placed = 0.0;
            for (auto k = b; k < e; ++k) {
                req[channel[k]] = need * share[channel[k]];
                placed += req[channel[k]];
                if (lateral[k]) rows_.planned[channel[k]] = req[channel[k]];
            }
            rows_.ordered_today[row] += placed;
            continue;
        }
        const double per = primary > 0.0 ? std::max(0.0, need - planned_all) / primary : 0.0;
        if (spare <= 0.0) {  // no lateral help to ask: the primaries share the order
            for (auto k = b; k < e; ++k) {
                if (lateral[k]) continue;
                const double r = per * scratch[k - b];
                req[channel[k]] = r;
                placed += r;
            }
            rows_.ordered_today[row] += placed;
            continue;
        }
        for (auto k = b; k < e; ++k) {
            if (lateral[k]) continue;
            const double x = scratch[k - b];
            // Beyond what a primary can provide goes to the lateral ones.
            const double r = std::min(per * x, x);
            req[channel[k]] = r;
            placed += r;
            expected += r * (was_short[src[k]] ? fill[channel[k]] : 1.0);
        }
        // Each lateral channel's part of the rest, by what it can spare
        // (divided last: `spare` may be tiny where stocks are).
        const double rest = std::max(0.0, need - expected);
        if (rest > 0.0) {
            for (auto k = b; k < e; ++k)
                if (lateral[k]) req[channel[k]] += rest * (scratch[k - b] / spare);
            placed += rest;
        }
        rows_.ordered_today[row] += placed;
    }
}

// Days of use a row's stock covers (infinite when it expects no use).
double Engine::cover_days(RowIndex row, double rate) const {
    return rate > 0.0 ? rows_.stock[row] / rate : std::numeric_limits<double>::infinity();
}

// Expected use of every row, from the regions' demand up the network in
// plan order: a supplier expects what its customers plan to draw from it
// (their plans times the share of their orders its channel gets), a producer
// needs the inputs of what is expected of its outputs. Rows on a loop are
// swept until their plans settle (as the static baseline is).
void Engine::propagate_plans() {
    const auto plan = view(rows_.plan_rate);
    const std::vector<RowIndex>& order = m_.plan_order;
    for (std::size_t i = 0; i < m_.loop_begin; ++i) plan[order[i]] = plan_of(order[i]);
    if (m_.loop_begin < order.size()) {
        for (std::size_t i = m_.loop_begin; i < order.size(); ++i) plan[order[i]] = 0.0;
        for (int sweep = 0; sweep < 1000; ++sweep) {
            double change = 0.0, scale = 1e-300;
            for (std::size_t i = m_.loop_begin; i < order.size(); ++i) {
                const double next = plan_of(order[i]);
                change = std::max(change, std::abs(next - plan[order[i]]));
                scale = std::max(scale, std::abs(next));
                plan[order[i]] = next;
            }
            if (change <= 1e-13 * scale) break;
        }
    }
    rows_.plans_stale = false;
    if (!routes_.rerouted.empty()) refresh_split_leads();
}

double Engine::plan_of(RowIndex row) const {
    const auto plan = view(rows_.plan_rate);
    const auto share = view(routes_.share);
    const auto dst = view(m_.channel_dst_row);
    double rate = 0.0;
    if (m_.kind[m_.row_node[row]] == NodeKind::Region)
        rate += rows_.demand_rate[row] * rows_.multiplier[row];
    for (auto c = m_.outbound.begin(row); c < m_.outbound.end(row); ++c)
        rate += share[c] * plan[dst[c]];
    for (auto i = m_.input_uses.begin(row); i < m_.input_uses.end(row); ++i)
        rate += m_.input_uses.list[i].per_unit * plan[m_.input_uses.list[i].output];
    return rate;
}

// Also sums, per supplier row, the requests it received (requested): one
// pass over the channels in order, where a supplier's channels sit side by
// side.
void Engine::clip_to_link_capacity() {
    const bool detours = routes_.detours();  // some channel goes a rerouted path
    const auto req = view(rows_.req);
    const auto links = view(routes_.links);
    const auto slot = view(m_.channel_slot);
    for (const RowIndex row : m_.suppliers) {
        double requested = 0.0;
        for (auto c = m_.outbound.begin(row); c < m_.outbound.end(row); ++c) {
            const double r = req[c];
            requested += r;
            if (r <= 0.0) continue;
            // add_load's direct case, on the arrays in locals (0.5 % of the
            // twelve-day compare's instructions against calling it always).
            if (detours) [[unlikely]]
                routes_.add_load(m_, c, detours, r);
            else
                links[slot[c]].load += r;
        }
        rows_.requested[row] = requested;
    }
    // Links over capacity scale their requests down (link_scale). They are
    // usually a small share of all links (6-14 % in the shipped and generated
    // networks), and only the requests over them change.
    routes_.over.clear();
    const auto scale = view(routes_.link_scale);
    for (const SlotIndex s : indices(routes_.links)) {
        LinkState& l = links[s];
        l.fold_peak();  // shipping this cycle counts afresh
        if (l.load > l.cap) [[unlikely]] {
            scale[s] = l.cap / l.load;
            routes_.over.push_back(s);
        }
        l.load = 0.0;  // ready for the next cycle's requests
    }
    // Rerouted channels split their requests between their own link and their
    // detour, and take the factors of both (routes.cpp).
    routes_.rescaled.clear();
    if (detours)
        for (const ChannelIndex c : routes_.rerouted)
            if (clip_rerouted(c)) routes_.rescaled.push_back(m_.channels[c].src_row);
    if (routes_.over.empty()) return;
    // Direct channels over a link above capacity take its factor.
    for (const SlotIndex s : routes_.over) {
        const LinkIndex link = m_.slot_link[s];
        for (auto k = m_.channels_of_link.begin(link); k < m_.channels_of_link.end(link); ++k) {
            const ChannelIndex c = m_.channels_of_link.list[k];
            if (routes_.has_detour(c)) continue;  // clipped above
            const double before = rows_.req[c];
            rows_.req[c] = std::max(0.0, before) * routes_.link_scale[s];
            rows_.ordered_today[m_.channel_dst_row[c]] += rows_.req[c] - before;
            routes_.rescaled.push_back(m_.channels[c].src_row);
        }
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
    for (auto k = mb; k < me; ++k)
        for (auto i = first[k]; i < first[k + 1]; ++i) scratch[inputs[i].product] = 0.0;
    // Wanted output (make to order, within capacity) and the inputs it needs.
    for (auto k = mb; k < me; ++k) {
        const RowIndex row = m_.made_row[k];
        want[k] = std::min(std::max(0.0, rows_.requested[row] - stock[row]), rows_.cap_cycle[row]);
        for (auto i = first[k]; i < first[k + 1]; ++i)
            scratch[inputs[i].product] += inputs[i].per_unit * want[k];
    }
    // Leontief: each product is scaled by its scarcest input; products that
    // share an input are scaled by the same factor for it.
    for (auto k = mb; k < me; ++k) {
        double scale = 1.0;
        for (auto i = first[k]; i < first[k + 1]; ++i) {
            const double need = scratch[inputs[i].product];
            if (need > 0.0) scale = std::min(scale, stock[inputs[i].row] / need);
        }
        want[k] *= scale;
    }
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
    const auto fill = view(rows_.fill);
    const auto dst = view(m_.channel_dst_row);
    const auto cls = view(transit_.class_of_channel);
    const auto dest = view(m_.channel_dest);
    const auto pipeline = view(rows_.pipeline);
    const auto links = view(routes_.links);
    const auto slot = view(m_.channel_slot);
    Shipment** cursor = transit_.cursor.data();
    transit_.close_batches();  // what depots passed on before this cycle
    for (const RowIndex row : m_.suppliers) {
        const auto b = m_.outbound.begin(row), e = m_.outbound.end(row);
        const double total = rows_.requested[row];
        if (total <= 0.0) {
            rows_.was_short[row] = 0;
            continue;
        }
        // Only a short supplier needs the allocation rule.
        const bool short_of_stock = total > rows_.stock[row];
        if (short_of_stock) allocate_short(row, total);
        double left = rows_.stock[row], shipped = rows_.day[row].shipped;
        rows_.was_short[row] = short_of_stock ? 1 : 0;
        if (short_of_stock) {
            const double ratio = rows_.stock[row] / total;
            for (auto c = b; c < e; ++c) fill[c] = req[c] > 0.0 ? granted[c - b] / req[c] : ratio;
        }
        // What each channel gets, by its place among the row's channels.
        const double* amount = short_of_stock ? granted : rows_.req.data() + b.value;
        for (auto c = b; c < e; ++c) {
            const double g = amount[c - b];
            if (g <= 0.0) continue;
            left -= g;
            shipped += g;
            pipeline[dst[c]] += g;
            if (detours && routes_.has_detour(c)) [[unlikely]] {
                ship_rerouted(c, g, t);  // routes.cpp
                continue;
            }
            // Counted onto the link for the capacity witness (fold_peak).
            links[slot[c]].used += g;
            // A channel's class includes the half cycle a producer's goods
            // for a depot or region wait to leave (routes.cpp).
            Shipment*& at = cursor[cls[c]];
            if (at == nullptr) [[unlikely]]
                at = open_batch(cls[c], t);
            *at++ = Shipment{dst[c], dest[c], g};
        }
        rows_.stock[row] = std::max(0.0, left);  // proportional shares may overshoot by an ulp
        rows_.day[row].shipped = shipped;
        if (short_of_stock && m_.kind[m_.row_node[row]] == NodeKind::Depot)
            owe(row, total, detours);
    }
    transit_.close_batches();
}

// A depot that could not fill its requests owes the rest until the cycle
// ends, and passes on what arrives for it meanwhile (pass_on), so that goods
// do not wait at a depot for the next cycle, however long cycles are. Not
// over a lateral channel (to a depot that also supplies it: help between
// depots follows their cover when they order, and passing on would turn it
// round), nor over a rerouted one (its split between link and detour is set
// by the cycle's first shipment).
void Engine::owe(RowIndex row, double requested, bool detours) {
    const double* granted = rows_.grants.data();
    const auto b = m_.outbound.begin(row), e = m_.outbound.end(row);
    double owed = 0.0;
    for (auto c = b; c < e; ++c) {
        const bool can = !m_.lateral[c] && !(detours && routes_.has_detour(c));
        const double u = can ? std::max(0.0, rows_.req[c] - granted[c - b]) : 0.0;
        rows_.unfilled[c] = u;
        owed += u;
    }
    // Not for rounding: a depot that granted all but a billionth owes nothing.
    if (owed <= 1e-9 * requested) return;
    if (rows_.owed[row] <= 0.0) rows_.passing.push_back(row);
    rows_.owed[row] = owed;
}

// Goods that reached a depot that owes some of this cycle's requests go on
// at once, split over what each request lacks by the allocation rule.
void Engine::pass_on(RowIndex row, Tick t) {
    const double owed = rows_.owed[row];
    const double held = rows_.stock[row];
    if (owed <= 0.0 || held <= 0.0) return;
    const auto b = m_.outbound.begin(row), e = m_.outbound.end(row);
    // The rule splits `held` over what the requests lack. Lateral channels
    // lack nothing here (owe()), so allocate_short()'s step for them has
    // nothing to do: the rule itself, on what is lacking.
    allocate(row, owed, rows_.unfilled.data() + b.value);
    const double* granted = rows_.grants.data();
    const bool detours = routes_.detours();
    // What is passed on at one instant shares a batch per class: batches
    // opened at another time are closed first.
    if (transit_.opened_at != t) {
        transit_.close_batches();
        transit_.opened_at = t;
    }
    double sent = 0.0;
    for (auto c = b; c < e; ++c) {
        // Within what its link has left of this cycle's capacity (a link
        // cut since the cycle began carries less, or nothing); not over a
        // channel rerouted since.
        if (detours && routes_.has_detour(c)) continue;
        LinkState& link = routes_.links[m_.channel_slot[c]];
        const double g =
            std::min({granted[c - b], rows_.unfilled[c], std::max(0.0, link.cap - link.used)});
        if (g <= 0.0) continue;
        rows_.unfilled[c] -= g;
        sent += g;
        const RowIndex to = m_.channel_dst_row[c];
        rows_.pipeline[to] += g;
        link.used += g;
        put(transit_.class_of_channel[c], Shipment{to, m_.channel_dest[c], g}, t, true);
    }
    // All it held when it sent all it had (no rounding residue).
    rows_.stock[row] = sent >= held * (1.0 - 1e-12) ? 0.0 : held - sent;
    rows_.owed[row] = std::max(0.0, owed - sent);
    rows_.day[row].shipped += sent;
}

// What depots still owe when the cycle ends is not sent: their customers
// order again.
void Engine::close_owed() {
    for (const RowIndex row : rows_.passing) rows_.owed[row] = 0.0;
    rows_.passing.clear();
}

// Opens the batch of goods dispatched this cycle that arrive together after
// the class's transit time.
Shipment* Engine::open_batch(std::uint32_t cls, Tick t, bool passed) {
    const std::uint32_t b = transit_.take_batch(cls, passed);
    queue_.schedule(t + transit_.classes[cls], kPrioArrival, Event{Ev::Arrival, b});
    return transit_.batches[b].items.data();
}

void Engine::arrive(std::uint32_t b, Tick t) {
    // A batch passed on with no transit time arrives at once: closed first.
    if (transit_.batches[b].open) transit_.close_batches();
    TransitState::Batch& batch = transit_.batches[b];
    const auto stock = view(rows_.stock);
    const auto pipeline = view(rows_.pipeline);
    const auto received = view(rows_.received);
    const auto open = view(rows_.open);
    const auto owed = view(rows_.owed);
    std::vector<RowIndex>& owing = rows_.owing;  // depots owed some that got goods
    owing.clear();
    // In locals: the stores below could otherwise be taken to change them.
    const Shipment* items = batch.items.data();
    const std::size_t n = batch.size;
    for (std::size_t i = 0; i < n; ++i) {
        const Shipment s = items[i];
        stock[s.row] += s.units;
        pipeline[s.row] -= s.units;
        received[s.row] += s.units;
        if (s.dest == Dest::Other) continue;
        if (s.dest == Dest::Depot) {
            if (owed[s.row] > 0.0) owing.push_back(s.row);
        } else if (rows_.open_rows > 0 && open[s.row] > 0.0) {
            // A region's demand still open this cycle (none open: no look).
            const double take = std::min(open[s.row], stock[s.row]);
            stock[s.row] -= take;
            open[s.row] -= take;
            if (open[s.row] <= 0.0) --rows_.open_rows;
            rows_.taken[s.row] += take;
            deliver(s.row, take);
        }
    }
    batch.size = 0;  // keeps its storage for reuse
    (batch.passed ? transit_.free_passed : transit_.free_batches).push_back(b);
    // Depots owed some of this cycle's requests pass on what came (this
    // opens batches, so only once the batch above is done with).
    for (const RowIndex row : owing) pass_on(row, t);
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
    // Firms not damaged and with their workers are able to work (how many of
    // them had work is settled at the day's end, Engine::record_firms).
    for (const NodeIndex n : m_.firm_nodes) {
        kpi_.firms_able_sum[n] +=
            static_cast<double>(m_.firms[n]) * (1.0 - dis_.firms_damaged[n]) * dis_.labor[n];
        kpi_.avail_days[n] += dis_.damage[n] * dis_.labor[n] * dt_;
        if (dis_.damage[n] * dis_.labor[n] <= 0.0) kpi_.operational[n] = false;
    }
}

}  // namespace shockflow::model
