// The event loop of one replication, the reset of each part of its state, and
// the daily bookkeeping.
#include "model/engine.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "model/routing.hpp"
#include "shockflow/model/simulation.hpp"

namespace shockflow::model {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The most items any of `rows` holds.
template <class Row, class Ranged>
std::size_t widest(const Ranged& ranges, const std::vector<Row>& rows) {
    std::size_t most = 0;
    for (const Row r : rows) most = std::max<std::size_t>(most, ranges.end(r) - ranges.begin(r));
    return most;
}

// A link cut, labor or demand shock comes into force at its start event, if it
// lasts at all, and out of force at its end event.
template <class Shock>
Shock& switch_shock(Shock& shock, bool starting) {
    shock.active = starting && shock.end > shock.start;
    return shock;
}

}  // namespace

// ---- state resets ---------------------------------------------------------

void RowState::reset(const CompiledModel& m) {
    const std::size_t rows = m.n_rows;
    stock = m.initial_stock;
    pipeline.assign(rows, 0.0);
    demand_rate = m.demand;
    multiplier.assign(rows, 1.0);
    plan_rate.assign(rows, 0.0);
    target_rate.assign(rows, -1.0);
    smoothing.resize(rows);
    const double dt = to_days(m.step);
    for (const RowIndex row : indices(smoothing))
        smoothing[row] =
            m.replenish_days[row] > 0.0 ? 1.0 - std::exp(-dt / m.replenish_days[row]) : 1.0;
    plans_stale = true;
    taken.assign(rows, 0.0);
    open.assign(rows, 0.0);
    wanted.assign(rows, 0.0);
    requested.assign(rows, 0.0);
    cap_cycle.assign(rows, 0.0);
    supply.assign(rows, 0.0);
    day.assign(rows, DayAccum{});
    received.assign(rows, 0.0);
    ordered_today.assign(rows, 0.0);
    requested_today.assign(rows, 0.0);
    closing.resize(rows);
    for (const RowIndex row : indices(closing))
        closing[row] = 1.0 / std::max(1.0, m.replenish_days[row] / to_days(m.step));
    open_rows = 0;
    req.assign(m.channels.size(), 0.0);
    fill.assign(m.channels.size(), 1.0);
    was_short.assign(rows, 0);
    unfilled.assign(m.channels.size(), 0.0);
    owed.assign(rows, 0.0);
    passing.clear();
    planned.assign(m.channels.size(), 0.0);
    grants.assign(widest(m.outbound, m.suppliers), 0.0);
    by_supply.assign(widest(m.inbound, m.holders), 0.0);
    uncapped.assign(by_supply.size(), 0);
    input_want.assign(m.n_products, 0.0);
    made_want.assign(m.made.list.size(), 0.0);
}

void RowState::clear_day() {
    std::fill(day.begin(), day.end(), DayAccum{});
    std::fill(received.begin(), received.end(), 0.0);
    std::fill(ordered_today.begin(), ordered_today.end(), 0.0);
    std::fill(requested_today.begin(), requested_today.end(), 0.0);
}

void RouteState::reset(const CompiledModel& m) {
    const std::size_t nc = m.channels.size();
    link_factor.assign(m.links.size(), 1.0);
    links.assign(m.links.size(), LinkState{});
    link_scale.assign(m.links.size(), 1.0);
    share.assign(nc, 0.0);
    usable_in.assign(m.inbound.list.size(), 0.0);
    lead_days.assign(m.n_rows, 0.0);
    transit.assign(nc, Tick{0});
    path_begin.assign(nc, 0);
    path_end.assign(nc, 0);
    path_pool.clear();
    direct_cap.assign(nc, 0.0);
    detour_cap.assign(nc, 0.0);
    direct_req.assign(nc, 0.0);
    detour_transit.assign(nc, Tick{0});
    trees.clear();
    closed.clear();
    partial.clear();
    rerouted.clear();
    router = m.policy.reroute ? std::make_unique<Router>(m) : nullptr;
}

namespace {
// The batch storage of the last run on this thread: replications that follow
// each other on a thread take it over instead of allocating and clearing
// their own (batch numbers do not order events, so results do not move).
thread_local std::vector<TransitState::Batch> spare_batches;
}  // namespace

void TransitState::reset(const CompiledModel& m) {
    std::vector<Batch> kept = std::exchange(spare_batches, {});
    *this = TransitState{};
    batches = std::move(kept);
    for (Batch& b : batches) b = Batch{std::move(b.items)};
    for (std::size_t i = batches.size(); i-- > 0;)
        free_batches.push_back(static_cast<std::uint32_t>(i));
    class_of_channel.assign(m.channels.size(), 0);
    class_of_detour.assign(m.channels.size(), 0);
}

void KpiState::reset(const CompiledModel& m) {
    out = RunResult{};
    holding_rate.assign(m.n_rows, 0.0);
    for (const RowIndex row : indices(holding_rate))  // sources' stock is not held
        if (m.kind[m.row_node[row]] != NodeKind::Source)
            holding_rate[row] = m.policy.holding_cost[m.row_product[row]];
    firms_able_sum.assign(m.n_nodes, 0.0);
    avail_days.assign(m.n_nodes, 0.0);
    operational.assign(m.n_nodes, true);
    region_window_demand.assign(m.n_nodes, 0.0);
    lost_value.assign(m.n_nodes, 0.0);
    unmet_value.assign(m.n_nodes, 0.0);
    short_weight.assign(m.n_nodes, 0.0);
    region_window_delivered.assign(m.n_nodes, 0.0);
    region_demand.assign(m.n_nodes, 0.0);
    region_delivered.assign(m.n_nodes, 0.0);
    region_person_days.assign(m.n_nodes, 0.0);
    region_days_short.assign(m.n_nodes, 0);
    first_short.assign(m.n_rows, kNaN);
    drop_day.assign(m.n_rows, kNaN);
    recover_days.assign(m.n_rows, kNaN);
    stage = order_stages(m);
    counted.clear();
    for (const RowIndex row : indices(stage))
        if (stage[row] != Stage::None) counted.push_back(row);
    order_days.assign(m.n_rows, Moments{});
    demand_days.assign(m.n_rows, Moments{});
    out.balance.assign(m.n_products, ProductBalance{});
    out.products.assign(m.n_products, ProductTotals{});
    for (const RowIndex row : indices(m.initial_stock))
        out.balance[m.row_product[row].value].initial_stock += m.initial_stock[row];
    out.min_stock_seen = 0.0;
    for (double s : m.initial_stock) out.min_stock_seen = std::min(out.min_stock_seen, s);
}

// ---- the loop -------------------------------------------------------------

Engine::Engine(const CompiledModel& m, Realization r, RunOptions options)
    : m_(m), options_(std::move(options)), dt_(m.step_days) {
    dis_.r = std::move(r);
}

Engine::~Engine() {
    if (transit_.batches.size() >= spare_batches.size())
        spare_batches = std::move(transit_.batches);
}

void Engine::init() {
    rows_.reset(m_);
    routes_.reset(m_);
    transit_.reset(m_);
    dis_.reset(m_);
    kpi_.reset(m_);
    for (const LinkIndex l : indices(m_.links)) refresh_link(l);
    refresh_routes();
    if (m_.model.preset == ModelPreset::Ario) init_ario();
}

RunResult Engine::run() {
    init();
    queue_.reset(m_.start);
    queue_.reserve(1024 + 4 * m_.channels.size());
    queue_.schedule(m_.start, kPrioCycle, Event{Ev::Cycle});
    const Tick first_day_end{(day_index(m_.start) + 1) * kTicksPerDay};
    // One DayEnd per calendar day the run touches, the last at m_.end.
    kpi_.days_total =
        static_cast<std::size_t>(day_index(Tick{m_.end.value - 1}) - day_index(m_.start) + 1);
    queue_.schedule(std::min(first_day_end, m_.end), kPrioDay, Event{Ev::DayEnd});
    schedule_disruptions();
    while (!queue_.empty()) {
        const auto entry = queue_.pop();
        ++kpi_.out.events_processed;
        if (entry.time > m_.end) break;
        dispatch(entry.payload, entry.time);
        if (entry.payload.kind == Ev::DayEnd && entry.time == m_.end) break;
    }
    finish(kpi_.out);
    return std::move(kpi_.out);
}

// Every drawn disruption's start (and end), and the policy's speed-up; what
// falls before the run starts takes effect at its start.
void Engine::schedule_disruptions() {
    auto at = [&](Tick t, Ev kind, std::uint32_t i) {
        queue_.schedule(std::max(t, m_.start), kPrioDisruption, Event{kind, i});
    };
    const Realization& r = dis_.r;
    for (std::uint32_t i = 0; i < r.jobs.size(); ++i) at(r.jobs[i].start, Ev::StrikeStart, i);
    for (std::uint32_t i = 0; i < r.cuts.size(); ++i) {
        at(r.cuts[i].start, Ev::CutStart, i);
        at(r.cuts[i].end, Ev::CutEnd, i);
    }
    for (std::uint32_t i = 0; i < r.labor.size(); ++i) {
        at(r.labor[i].start, Ev::LaborStart, i);
        at(r.labor[i].end, Ev::LaborEnd, i);
    }
    for (std::uint32_t i = 0; i < r.demand.size(); ++i) {
        at(r.demand[i].start, Ev::DemandStart, i);
        at(r.demand[i].end, Ev::DemandEnd, i);
    }
    for (std::uint32_t i = 0; i < r.moves.size(); ++i)
        at(r.moves[i].start, Ev::DisplacementStart, i);
    if (m_.policy.speedup) at(m_.policy.speedup_from, Ev::Speedup, 0);
}

void Engine::dispatch(const Event& e, Tick t) {
    switch (e.kind) {
        case Ev::DayEnd:
            end_day(t);
            break;
        case Ev::Arrival:
            arrive(e.a, t);
            break;
        case Ev::Cycle:
            if (m_.model.preset == ModelPreset::Ario)
                cycle_ario(t);
            else
                cycle(t);
            break;
        case Ev::StrikeStart:
            start_strike(e.a, t);
            break;
        case Ev::RepairDone:
            finish_repair(e.a, e.b, t);
            break;
        case Ev::CutStart:
        case Ev::CutEnd: {
            const LinkCut& cut = switch_shock(dis_.r.cuts[e.a], e.kind == Ev::CutStart);
            dis_.cut_factor.set(e.a, cut.active ? 1.0 - cut.loss : 1.0);
            refresh_link(cut.link);
            refresh_routes_after(cut.link);
            break;
        }
        case Ev::LaborStart:
        case Ev::LaborEnd: {
            const LaborShock& s = switch_shock(dis_.r.labor[e.a], e.kind == Ev::LaborStart);
            dis_.labor_factor.set(e.a, s.active ? 1.0 - s.absent : 1.0);
            refresh_labor(e.a);
            break;
        }
        case Ev::DemandStart:
        case Ev::DemandEnd: {
            const DemandShock& s = switch_shock(dis_.r.demand[e.a], e.kind == Ev::DemandStart);
            dis_.demand_factor.set(e.a, s.active ? s.multiplier : 1.0);
            refresh_demand(e.a);
            break;
        }
        case Ev::DisplacementStart:
            start_displacement(e.a);
            break;
        case Ev::Speedup:
            speed_up(t);
            break;
        case Ev::CycleEnd:
            close_demand();
            close_owed();
            break;
    }
}

bool Engine::in_window(std::int64_t day) const {
    const double d = static_cast<double>(day);
    return d + 1.0 > m_.window[0] && d < m_.window[1];
}

Tick Engine::later(Tick t, double days) const {
    const Tick never{m_.end.value + 1};
    if (!(days < to_days(never - t))) return never;  // NaN too
    return std::min(t + ticks_from_days(days), never);
}

// ---- the day's end --------------------------------------------------------

void Engine::end_day(Tick t) {
    const std::int64_t day = day_index(Tick{t.value - 1});
    const double cycles = std::max<double>(1.0, static_cast<double>(kpi_.day_cycles));
    const auto day32 = static_cast<std::int32_t>(day);
    close_demand();  // a day's demand is settled within the day
    track_output(day, static_cast<double>(kpi_.day_cycles) * dt_);
    track_regions(day);
    kpi_.out.essential_by_day.push_back(
        {day32, kpi_.day_essential_demand, kpi_.day_essential_delivered});
    kpi_.day_essential_demand = kpi_.day_essential_delivered = 0.0;
    account_stocks();
    if (options_.record_timeseries) record_rows(day32, cycles);
    record_firms(day, cycles);
    track_orders(day, t);
    rows_.clear_day();
    kpi_.day_cycles = 0;
    if (options_.progress)
        options_.progress(std::min(++kpi_.days_done, kpi_.days_total), kpi_.days_total);
    if (t < m_.end)
        queue_.schedule(std::min(Tick{t.value + kTicksPerDay}, m_.end), kPrioDay,
                        Event{Ev::DayEnd});
}

// The day's holding cost, and the lowest stock seen (invariant witness).
void Engine::account_stocks() {
    double held = kpi_.holding_cost, lowest = kpi_.out.min_stock_seen;
    for (const RowIndex row : indices(rows_.stock)) {
        held += rows_.stock[row] * kpi_.holding_rate[row];
        lowest = std::min(lowest, rows_.stock[row]);
    }
    kpi_.holding_cost = held;
    kpi_.out.min_stock_seen = lowest;
}

// The day's time-series rows of every row with any activity. An industry's
// row of its own product also reports what it bought of it from other
// makers (its own row, compiled.hpp): one row per (node, product).
void Engine::record_rows(std::int32_t day, double cycles) {
    for (const RowIndex row : indices<RowIndex>(m_.n_pair_rows)) {
        DayAccum a = rows_.day[row];
        double stock = rows_.stock[row], received = rows_.received[row];
        if (!m_.own_row.empty() && m_.own_row[row].valid()) {
            const RowIndex own = m_.own_row[row];
            a.consumed_inputs += rows_.day[own].consumed_inputs;
            stock += rows_.stock[own];
            received += rows_.received[own];
        }
        const bool active = a.produced != 0 || a.consumed_inputs != 0 || stock != 0 ||
                            a.shipped != 0 || received != 0 || a.demand != 0 || a.capacity != 0;
        if (!active) continue;
        const DayRow out{day,
                         m_.row_node[row].value,
                         m_.row_product[row].value,
                         a.produced,
                         a.consumed_inputs,
                         stock,
                         a.shipped,
                         received,
                         a.demand,
                         a.delivered,
                         a.unmet,
                         a.capacity / cycles,
                         static_cast<double>(kpi_.day_cycles) * dt_};
        if (options_.on_day_row)
            options_.on_day_row(out);
        else
            kpi_.out.timeseries.push_back(out);
    }
}

// Firms active over the day, and the window's lowest shares of active firms
// and operational parks.
void Engine::record_firms(std::int64_t day, double cycles) {
    double firms = 0, active = 0, parks_up = 0;
    for (const NodeIndex n : m_.firm_nodes) {
        const std::int64_t firms_n = m_.firms[n];
        const double able = kpi_.firms_able_sum[n] / cycles, share = work_share(n);
        const std::int64_t f =
            std::min(firms_n, static_cast<std::int64_t>(std::llround(able * share)));
        const std::int64_t idle =
            std::min(firms_n - f, static_cast<std::int64_t>(std::llround(able * (1.0 - share))));
        if (options_.record_timeseries)
            kpi_.out.firms.push_back(
                FirmRow{static_cast<std::int32_t>(day), n.value, firms_n, f, idle});
        if (m_.kind[n] == NodeKind::Park) {
            firms += static_cast<double>(m_.firms[n]);
            active += static_cast<double>(f);
            parks_up += kpi_.operational[n] ? 1.0 : 0.0;
        }
        kpi_.firms_able_sum[n] = 0;
        kpi_.avail_days[n] = 0;
    }
    if (in_window(day) && kpi_.day_cycles > 0) {
        if (firms > 0) kpi_.min_firm_share = std::min(kpi_.min_firm_share, active / firms);
        if (!m_.parks.empty())
            kpi_.min_operational =
                std::min(kpi_.min_operational, parks_up / static_cast<double>(m_.parks.size()));
    }
    std::fill(kpi_.operational.begin(), kpi_.operational.end(), true);
}

// The share of its normal work a node had today: per product it makes, its
// output up to its baseline output at today's availability, over that
// baseline; a node with no baseline works whenever it makes anything.
double Engine::work_share(NodeIndex n) const {
    double normal = 0.0, made = 0.0, any = 0.0;
    for (auto k = m_.made.begin(n); k < m_.made.end(n); ++k) {
        const RowIndex row = m_.made_row[k];
        // Normal work: its baseline output, as far as its capacity allows.
        const double base =
            std::min(m_.baseline_output[row], m_.capacity[row]) * kpi_.avail_days[n];
        const double q = rows_.day[row].produced;
        normal += base;
        made += std::min(q, base);
        any += q;
    }
    return normal > 0.0 ? made / normal : (any > 0.0 ? 1.0 : 0.0);
}

void Engine::finish(RunResult& out) {
    out.link_peak_utilization.clear();
    for (const LinkIndex l : indices(m_.links)) {
        LinkState& s = routes_.links[m_.link_slot[l]];
        s.fold_peak();
        out.link_peak_utilization.push_back(s.peak);
    }
    out.scenario = m_.scenario_name;
    out.policy = m_.policy.name;
    out.start_day = to_days(m_.start);
    out.end_day = to_days(m_.end);
    out.input_hash = m_.input_hash;
    out.node_ids = m_.node_ids.raw();
    out.product_ids = m_.product_ids.raw();
    out.product_categories.clear();
    for (const ProductCategory c : m_.category)
        out.product_categories.emplace_back(category_name(c));
    double demanded = 0, delivered = 0, unmet = 0, unmet_value = 0;
    for (const ProductIndex p : indices(m_.price)) {
        const ProductTotals& t = out.products[p.value];
        demanded += t.demanded;
        delivered += t.delivered;
        unmet += t.unmet;
        unmet_value += t.unmet * m_.price[p];
    }
    for (const RowIndex row : indices(rows_.stock)) {
        ProductBalance& b = out.balance[m_.row_product[row].value];
        b.final_stock += rows_.stock[row];
        b.in_transit += rows_.pipeline[row];
    }
    for (std::size_t p = 0; p < m_.n_products; ++p) {
        out.balance[p].produced = out.products[p].produced;
        out.balance[p].delivered = out.products[p].delivered;
    }
    Kpis& k = out.kpi;
    k.fill_rate = demanded > 0 ? delivered / demanded : 1.0;
    k.essential_fill_rate = kpi_.window_essential_demand > 0
                                ? kpi_.window_essential_delivered / kpi_.window_essential_demand
                                : 1.0;
    k.unmet_units = unmet;
    k.unmet_value = unmet_value;
    k.min_active_firm_share = kpi_.min_firm_share;
    k.min_operational_park_share = kpi_.min_operational;
    k.holding_cost = kpi_.holding_cost;
    finish_resilience(out);
    finish_regions(out);
    finish_bullwhip(out);
    out.priced = m_.priced;
    if (m_.priced)
        for (const CompiledModel::TagGroup& g : m_.tag_groups) {
            TagValue v;
            v.key = g.key;
            v.value = g.value;
            for (const NodeIndex n : g.nodes) {
                v.production_loss += kpi_.lost_value[n];
                v.unmet_final_demand += kpi_.unmet_value[n];
            }
            out.by_tag.push_back(std::move(v));
        }
}

}  // namespace shockflow::model
