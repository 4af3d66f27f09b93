// The ARIO mode (docs/MODEL.md, "The ARIO mode"): the adaptive regional
// input-output rules, stepped once a day on the same network, events and
// outputs. Industries are producers making one product; final demand is the
// regions' demand. Per day t:
//   demand   D_f   = orders placed on f last step + final demand on f
//   optimal  x*_f  = min(D_f, alpha_f x capacity_f x availability_f)
//   actual   x_f   = x*_f x min(1, min over inputs p of S_pf / (psi x s x x*_f x a_pf))
//   each order and final demand on f gets x_f / D_f of itself;
//   inputs:  S_pf  <- S_pf - x_f a_pf (now) + what arrives (next step)
//   orders   O_pf  = x_f a_pf + max(0, s x*_f a_pf - S_pf) / tau, over the
//                    suppliers of p in proportion to baseline flow x availability
//   alpha_f <- max(1, alpha_f + (alpha_max - alpha_f) z / alpha_tau)  if z != 0
//              alpha_f + (1 - alpha_f) / alpha_tau                   if z = 0
//              at the start of day t >= 2, z = (D_f(t) - x_f(t-1)) / D_f(t)
//              (as BoARIO's code does; its documentation has z of day t
//              applied on day t+1)
// Regions hold no stock: what industries do not deliver is lost.
// where s = inventory_days, tau = restoration_days. An industry that buys
// its own product from other makers of it (buys_own) holds that as an input
// p like the others, in a row of its own apart from its output (compile.cpp,
// compile_own_inputs). Units are gross: an industry that uses a_ff of its
// own output per unit made orders that on itself like on any supplier (its
// own baseline flow a_ff x0_f), and what it is granted fills the same row.
#include <algorithm>

#include "model/engine.hpp"

namespace shockflow::model {

void ArioState::reset(const CompiledModel& m) {
    alpha.assign(m.n_rows, 1.0);
    demand.assign(m.n_rows, 0.0);
    optimal.assign(m.n_rows, 0.0);
    actual.assign(m.n_rows, 0.0);
    incoming.assign(m.n_rows, 0.0);
    self.assign(m.n_rows, 0.0);
}

// Every industry starts with inventory_days of each input at its baseline
// output, and with last step's orders equal to the baseline flows.
void Engine::init_ario() {
    ario_.reset(m_);
    const double s = m_.model.inventory_days;
    for (const NodeIndex n : m_.producers)
        for (auto k = m_.made.begin(n); k < m_.made.end(n); ++k) {
            const double base = m_.baseline_output[m_.made_row[k]];
            for (auto i = m_.made_input.begin(k); i < m_.made_input.end(k); ++i) {
                const MadeInput& in = m_.made_inputs[i];
                rows_.stock[in.row] = s * base * in.per_unit;
            }
        }
    for (const ChannelIndex c : indices(m_.channels)) rows_.req[c] = m_.baseline_flow[c] * dt_;
    for (const RowIndex row : indices(m_.self_use))
        ario_.self[row] = m_.self_use[row] * m_.baseline_output[row] * dt_;
    // Final demand holds no stock (as in BoARIO): what industries do not
    // deliver is lost, whatever stock the scenario gives a region.
    for (const NodeIndex r : m_.regions)
        for (const ProductIndex p : m_.consumed)
            if (const RowIndex row = m_.row(r, p); row.valid()) rows_.stock[row] = 0.0;
}

void Engine::cycle_ario(Tick t) {
    move_people(t);
    refresh_damage(t);
    consume(t, false);  // the regions' whole final demand is open
    ario_final_demand();
    ario_produce(t);
    ario_distribute();
    ario_order();
    observe_cycle();
    const Tick next{t.value + m_.step.value};
    if (next < m_.end) {
        queue_.schedule(next, kPrioDay, Event{Ev::CycleEnd});
        queue_.schedule(next, kPrioCycle, Event{Ev::Cycle});
    }
}

// A region's open demand goes to its suppliers in proportion to their
// baseline flows (final demand does not move between suppliers).
void Engine::ario_final_demand() {
    for (const NodeIndex r : m_.regions)
        for (const ProductIndex p : m_.consumed) {
            const RowIndex row = m_.row(r, p);
            if (!row.valid()) continue;
            double total = 0.0;
            for (auto k = m_.inbound.begin(row); k < m_.inbound.end(row); ++k)
                total += m_.baseline_flow[m_.inbound.list[k]];
            for (auto k = m_.inbound.begin(row); k < m_.inbound.end(row); ++k) {
                const ChannelIndex c = m_.inbound.list[k];
                rows_.req[c] = total > 0.0 ? rows_.open[row] * m_.baseline_flow[c] / total : 0.0;
            }
        }
}

// Overproduction, at the start of a day as BoARIO's code does it: by the
// share of the day's demand that yesterday's output would not have served
// (negative when demand fell), from the third day on, never below 1:
//   z = (D_f(t) - x_f(t-1)) / D_f(t)
//   alpha_f <- max(1, alpha_f + (alpha_max - alpha_f) z / alpha_tau)   if z != 0
//              alpha_f + (1 - alpha_f) / alpha_tau                      if z = 0
void Engine::overproduce(RowIndex row, double demand) {
    const ModelSpec& par = m_.model;
    const double z = demand > 0.0 ? (demand - ario_.actual[row]) / demand : 0.0;
    double& alpha = ario_.alpha[row];
    if (z != 0.0)
        alpha = std::max(1.0, alpha + (par.alpha_max - alpha) * z * dt_ / par.alpha_tau);
    else
        alpha += (1.0 - alpha) * dt_ / par.alpha_tau;
}

void Engine::ario_produce(Tick t) {
    const ModelSpec& par = m_.model;
    const bool adapt = t.value >= m_.start.value + 2 * m_.step.value;
    for (const NodeIndex n : m_.producers)
        for (auto k = m_.made.begin(n); k < m_.made.end(n); ++k) {
            const RowIndex row = m_.made_row[k];
            double demand = ario_.self[row];
            for (auto c = m_.outbound.begin(row); c < m_.outbound.end(row); ++c)
                demand += rows_.req[c];
            if (adapt) overproduce(row, demand);
            const double capacity = ario_.alpha[row] * cycle_capacity(row, t);
            const double optimal = std::min(demand, capacity);
            // Inventory constraint: the worst input below psi of its goal.
            double f = 1.0;
            for (auto i = m_.made_input.begin(k); i < m_.made_input.end(k); ++i) {
                const MadeInput& in = m_.made_inputs[i];
                const double floor = par.psi * par.inventory_days * optimal * in.per_unit;
                if (floor > 0.0 && rows_.stock[in.row] < floor)
                    f = std::min(f, rows_.stock[in.row] / floor);
            }
            double made = optimal * f;
            for (auto i = m_.made_input.begin(k); i < m_.made_input.end(k); ++i) {
                const MadeInput& in = m_.made_inputs[i];  // never more than is held
                if (in.per_unit > 0.0) made = std::min(made, rows_.stock[in.row] / in.per_unit);
            }
            for (auto i = m_.made_input.begin(k); i < m_.made_input.end(k); ++i) {
                const MadeInput& in = m_.made_inputs[i];
                const double used = made * in.per_unit;
                rows_.stock[in.row] = std::max(0.0, rows_.stock[in.row] - used);
                rows_.day[in.row].consumed_inputs += used;
            }
            rows_.day[row].produced += made;
            ario_.demand[row] = demand;
            ario_.optimal[row] = optimal;
            ario_.actual[row] = made;
        }
}

// Proportional rationing: every order and final demand on an industry gets
// the same share of it. Final demand is served at once, inputs arrive for
// the next step; a cut link carries nothing.
void Engine::ario_distribute() {
    for (const NodeIndex n : m_.producers)
        for (auto k = m_.made.begin(n); k < m_.made.end(n); ++k) {
            const RowIndex row = m_.made_row[k];
            const double demand = ario_.demand[row];
            const double share = demand > 0.0 ? ario_.actual[row] / demand : 0.0;
            // Its order on itself fills its own row like any input received
            // (for the next step; nothing reads that row before then).
            double shipped = ario_.self[row] * share;
            if (shipped > 0.0) {
                const RowIndex own = m_.own_row[row];
                rows_.stock[own] += shipped;
                rows_.received[own] += shipped;
            }
            for (auto c = m_.outbound.begin(row); c < m_.outbound.end(row); ++c) {
                const double g = rows_.req[c] * share * routes_.link_factor[m_.channels[c].link];
                if (g <= 0.0) continue;
                shipped += g;
                const RowIndex dst = m_.channel_dst_row[c];
                rows_.received[dst] += g;
                if (m_.kind[m_.channels[c].dst] == NodeKind::Region) {
                    const double take = std::min(g, rows_.open[dst]);
                    rows_.open[dst] -= take;
                    rows_.taken[dst] += take;
                    deliver(dst, take);
                    rows_.stock[dst] += g - take;  // never more than was asked
                } else {
                    ario_.incoming[dst] += g;
                }
            }
            rows_.day[row].shipped += shipped;
            // What a cut link could not carry stays with the industry.
            rows_.stock[row] += ario_.actual[row] - shipped;
        }
    for (const RowIndex row : m_.holders) {
        if (ario_.incoming[row] <= 0.0) continue;
        rows_.stock[row] += ario_.incoming[row];
        ario_.incoming[row] = 0.0;
    }
}

// Orders for the next step.
void Engine::ario_order() {
    const ModelSpec& par = m_.model;
    for (const NodeIndex n : m_.producers)
        for (auto k = m_.made.begin(n); k < m_.made.end(n); ++k) {
            const RowIndex row = m_.made_row[k];
            for (auto i = m_.made_input.begin(k); i < m_.made_input.end(k); ++i) {
                const MadeInput& in = m_.made_inputs[i];
                const double goal = par.inventory_days * ario_.optimal[row] * in.per_unit;
                const double gap = std::max(0.0, goal - rows_.stock[in.row]);
                const double order =
                    ario_.actual[row] * in.per_unit + gap * dt_ / par.restoration_days;
                // Each supplier by its baseline flow times its production
                // capacity relative to baseline: availability times its
                // overproduction of this step.
                const auto weight = [&](ChannelIndex c) {
                    const Channel& ch = m_.channels[c];
                    return m_.baseline_flow[c] * dis_.damage[ch.src] * dis_.labor[ch.src] *
                           ario_.alpha[ch.src_row] * routes_.link_factor[ch.link];
                };
                // Its own output is one of the suppliers of its own row.
                const bool own = !m_.own_row.empty() && in.row == m_.own_row[row];
                const double self = own ? m_.self_use[row] * m_.baseline_output[row] *
                                              dis_.damage[n] * dis_.labor[n] * ario_.alpha[row]
                                        : 0.0;
                double total = self;
                for (auto j = m_.inbound.begin(in.row); j < m_.inbound.end(in.row); ++j)
                    total += weight(m_.inbound.list[j]);
                for (auto j = m_.inbound.begin(in.row); j < m_.inbound.end(in.row); ++j) {
                    const ChannelIndex c = m_.inbound.list[j];
                    rows_.req[c] = total > 0.0 ? order * weight(c) / total : 0.0;
                }
                if (own) ario_.self[row] = total > 0.0 ? order * self / total : 0.0;
            }
        }
}

}  // namespace shockflow::model
