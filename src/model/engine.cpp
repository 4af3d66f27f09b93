// The event loop of one replication and its daily bookkeeping.
#include "model/engine.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "model/routing.hpp"
#include "shockflow/model/simulation.hpp"

namespace shockflow::model {

namespace {

// The most items any of `rows` holds in `csr`.
std::size_t widest(const Csr& csr, const std::vector<std::uint32_t>& rows) {
    std::size_t most = 0;
    for (std::uint32_t r : rows) most = std::max<std::size_t>(most, csr.end(r) - csr.begin(r));
    return most;
}

}  // namespace

Engine::Engine(const CompiledModel& m, Realization r, RunOptions options)
    : m_(m), r_(std::move(r)), options_(std::move(options)), dt_(m.step_days) {}

void Engine::init() {
    const std::size_t rows = m_.n_rows;
    stock_ = m_.initial_stock;
    pipeline_.assign(rows, 0.0);
    expected_ = m_.baseline_need;
    demand_rate_ = m_.demand;
    multiplier_.assign(rows, 1.0);
    input_need_.assign(rows, 0.0);
    requested_.assign(rows, 0.0);
    forecast_.assign(rows, 0.0);
    plan_rate_.resize(rows);
    for (std::size_t row = 0; row < rows; ++row) plan_rate_[row] = need_rate(row);
    day_.assign(rows, DayAccum{});
    received_.assign(rows, 0.0);
    holding_rate_.assign(rows, 0.0);
    for (std::size_t row = 0; row < rows; ++row)  // sources' stock is not held
        if (m_.kind[m_.row_node[row]] != NodeKind::Source)
            holding_rate_[row] = m_.holding_cost[m_.row_product[row]];
    population_ = m_.population;
    damage_.assign(m_.n_nodes, 1.0);
    firms_damaged_.assign(m_.n_nodes, 0.0);
    labor_.assign(m_.n_nodes, 1.0);
    input_factor_.assign(m_.n_nodes, 1.0);
    firms_active_sum_.assign(m_.n_nodes, 0.0);
    operational_.assign(m_.n_nodes, true);
    region_window_demand_.assign(m_.n_nodes, 0.0);
    region_window_delivered_.assign(m_.n_nodes, 0.0);
    first_short_.assign(rows, std::numeric_limits<double>::quiet_NaN());
    drop_day_.assign(rows, std::numeric_limits<double>::quiet_NaN());
    recover_days_.assign(rows, std::numeric_limits<double>::quiet_NaN());
    link_factor_.assign(m_.links.size(), 1.0);
    links_.assign(m_.links.size(), LinkState{});
    link_scale_.assign(m_.links.size(), 1.0);
    const std::size_t nc = m_.channels.size();
    usable_in_.assign(nc, 0.0);
    share_.assign(nc, 0.0);
    cap_cycle_.assign(rows, 0.0);
    supply_.assign(rows, 0.0);
    req_.assign(nc, 0.0);
    transit_.assign(nc, Tick{0});
    path_begin_.assign(nc, 0);
    path_end_.assign(nc, 0);
    class_of_channel_.assign(nc, 0);
    scratch_.assign(widest(m_.outbound, m_.suppliers), 0.0);
    in_scratch_.assign(widest(m_.inbound, m_.holders), 0.0);
    input_scratch_.assign(m_.n_products, 0.0);
    made_want_.assign(m_.made.list.size(), 0.0);
    if (m_.policy.reroute) router_ = std::make_unique<Router>(m_);
    for (std::uint32_t l = 0; l < m_.links.size(); ++l) refresh_link(l);
    refresh_routes();

    out_.balance.assign(m_.n_products, ProductBalance{});
    out_.products.assign(m_.n_products, ProductTotals{});
    for (std::size_t row = 0; row < rows; ++row)
        out_.balance[m_.row_product[row]].initial_stock += stock_[row];
    out_.min_stock_seen = 0.0;
    for (double s : stock_) out_.min_stock_seen = std::min(out_.min_stock_seen, s);
}

RunResult Engine::run() {
    init();
    queue_.reset(m_.start);
    queue_.reserve(1024 + 4 * m_.channels.size());
    queue_.schedule(m_.start, kPrioCycle, Event{Ev::Cycle});
    const Tick first_day_end{(day_index(m_.start) + 1) * kTicksPerDay};
    // One DayEnd per calendar day the run touches, the last at m_.end.
    days_total_ =
        static_cast<std::size_t>(day_index(Tick{m_.end.value - 1}) - day_index(m_.start) + 1);
    queue_.schedule(std::min(first_day_end, m_.end), kPrioDay, Event{Ev::DayEnd});
    auto clamp = [&](Tick t) { return std::max(t, m_.start); };
    for (std::uint32_t i = 0; i < r_.jobs.size(); ++i)
        queue_.schedule(clamp(r_.jobs[i].start), kPrioDisruption, Event{Ev::StrikeStart, i});
    for (std::uint32_t i = 0; i < r_.cuts.size(); ++i) {
        queue_.schedule(clamp(r_.cuts[i].start), kPrioDisruption, Event{Ev::CutStart, i});
        queue_.schedule(clamp(r_.cuts[i].end), kPrioDisruption, Event{Ev::CutEnd, i});
    }
    for (std::uint32_t i = 0; i < r_.labor.size(); ++i) {
        queue_.schedule(clamp(r_.labor[i].start), kPrioDisruption, Event{Ev::LaborStart, i});
        queue_.schedule(clamp(r_.labor[i].end), kPrioDisruption, Event{Ev::LaborEnd, i});
    }
    for (std::uint32_t i = 0; i < r_.demand.size(); ++i) {
        queue_.schedule(clamp(r_.demand[i].start), kPrioDisruption, Event{Ev::DemandStart, i});
        queue_.schedule(clamp(r_.demand[i].end), kPrioDisruption, Event{Ev::DemandEnd, i});
    }
    for (std::uint32_t i = 0; i < r_.moves.size(); ++i)
        queue_.schedule(clamp(r_.moves[i].start), kPrioDisruption, Event{Ev::DisplacementStart, i});
    if (m_.policy.repair_speedup)
        queue_.schedule(clamp(ticks_from_days(m_.policy.repair_speedup->from_day)), kPrioDisruption,
                        Event{Ev::Speedup});

    while (!queue_.empty()) {
        const auto entry = queue_.pop();
        ++out_.events_processed;
        if (entry.time > m_.end) break;
        dispatch(entry.payload, entry.time);
        if (entry.payload.kind == Ev::DayEnd && entry.time == m_.end) break;
    }
    finish(out_);
    return std::move(out_);
}

void Engine::dispatch(const Event& e, Tick t) {
    switch (e.kind) {
        case Ev::DayEnd:
            end_day(t);
            break;
        case Ev::Arrival:
            arrive(e.a);
            break;
        case Ev::Cycle:
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
            LinkCut& cut = r_.cuts[e.a];
            cut.active = e.kind == Ev::CutStart && cut.end > cut.start;
            refresh_link(cut.link);
            refresh_routes_after(cut.link);
            break;
        }
        case Ev::LaborStart:
        case Ev::LaborEnd: {
            LaborShock& s = r_.labor[e.a];
            s.active = e.kind == Ev::LaborStart && s.end > s.start;
            refresh_labor(s.nodes);
            break;
        }
        case Ev::DemandStart:
        case Ev::DemandEnd: {
            DemandShock& s = r_.demand[e.a];
            s.active = e.kind == Ev::DemandStart && s.end > s.start;
            refresh_demand(s);
            break;
        }
        case Ev::DisplacementStart:
            start_displacement(e.a, t);
            break;
        case Ev::Speedup:
            speed_up(t);
            break;
    }
}

bool Engine::in_window(std::int64_t day) const {
    const double d = static_cast<double>(day);
    return d + 1.0 > m_.window[0] && d < m_.window[1];
}

void Engine::end_day(Tick t) {
    const std::int64_t day = day_index(Tick{t.value - 1});
    const double cycles = std::max<double>(1.0, static_cast<double>(day_cycles_));
    const auto day32 = static_cast<std::int32_t>(day);
    track_output(day, static_cast<double>(day_cycles_) * dt_);
    out_.essential_by_day.push_back({day32, day_essential_demand_, day_essential_delivered_});
    day_essential_demand_ = day_essential_delivered_ = 0.0;
    double held = holding_cost_, lowest = out_.min_stock_seen;
    for (std::uint32_t row = 0; row < m_.n_rows; ++row) {
        held += stock_[row] * holding_rate_[row];
        lowest = std::min(lowest, stock_[row]);
    }
    holding_cost_ = held;
    out_.min_stock_seen = lowest;
    if (options_.record_timeseries) {
        for (std::uint32_t row = 0; row < m_.n_rows; ++row) {
            const DayAccum& a = day_[row];
            const bool active = a.produced != 0 || a.consumed_inputs != 0 || stock_[row] != 0 ||
                                a.shipped != 0 || received_[row] != 0 || a.demand != 0 ||
                                a.capacity != 0;
            if (!active) continue;
            const DayRow out{day32,       m_.row_node[row],  m_.row_product[row],
                             a.produced,  a.consumed_inputs, stock_[row],
                             a.shipped,   received_[row],    a.demand,
                             a.delivered, a.unmet,           a.capacity / cycles};
            if (options_.on_day_row)
                options_.on_day_row(out);
            else
                out_.timeseries.push_back(out);
        }
    }
    std::fill(day_.begin(), day_.end(), DayAccum{});
    std::fill(received_.begin(), received_.end(), 0.0);
    double firms = 0, active = 0, parks_up = 0;
    for (std::uint32_t n : m_.firm_nodes) {
        const auto f = static_cast<std::int64_t>(std::llround(firms_active_sum_[n] / cycles));
        if (options_.record_timeseries) out_.firms.push_back(FirmRow{day32, n, m_.firms[n], f});
        if (m_.kind[n] == NodeKind::Park) {
            firms += static_cast<double>(m_.firms[n]);
            active += static_cast<double>(f);
            parks_up += operational_[n] ? 1.0 : 0.0;
        }
        firms_active_sum_[n] = 0;
    }
    if (in_window(day) && day_cycles_ > 0) {
        if (firms > 0) min_firm_share_ = std::min(min_firm_share_, active / firms);
        if (!m_.parks.empty())
            min_operational_ =
                std::min(min_operational_, parks_up / static_cast<double>(m_.parks.size()));
    }
    std::fill(operational_.begin(), operational_.end(), true);
    day_cycles_ = 0;
    if (options_.progress) options_.progress(std::min(++days_done_, days_total_), days_total_);
    if (t < m_.end)
        queue_.schedule(std::min(Tick{t.value + kTicksPerDay}, m_.end), kPrioDay,
                        Event{Ev::DayEnd});
}

void Engine::finish(RunResult& out) {
    out.link_peak_utilization.clear();
    for (std::uint32_t l = 0; l < m_.links.size(); ++l) {
        LinkState& s = links_[m_.link_slot[l]];
        fold_peak(s);
        out.link_peak_utilization.push_back(s.peak);
    }
    out.scenario = m_.scenario_name;
    out.policy = m_.policy_name;
    out.start_day = to_days(m_.start);
    out.end_day = to_days(m_.end);
    out.input_hash = m_.input_hash;
    out.node_ids = m_.node_ids;
    out.product_ids = m_.product_ids;
    double demanded = 0, delivered = 0, unmet = 0;
    for (std::size_t p = 0; p < m_.n_products; ++p) {
        demanded += out.products[p].demanded;
        delivered += out.products[p].delivered;
        unmet += out.products[p].unmet;
    }
    for (std::size_t row = 0; row < stock_.size(); ++row) {
        out.balance[m_.row_product[row]].final_stock += stock_[row];
        out.balance[m_.row_product[row]].in_transit += pipeline_[row];
    }
    for (std::size_t p = 0; p < m_.n_products; ++p) {
        out.balance[p].produced = out.products[p].produced;
        out.balance[p].delivered = out.products[p].delivered;
    }
    Kpis& k = out.kpi;
    k.fill_rate = demanded > 0 ? delivered / demanded : 1.0;
    k.essential_fill_rate =
        window_essential_demand_ > 0 ? window_essential_delivered_ / window_essential_demand_ : 1.0;
    k.unmet_units = unmet;
    k.min_active_firm_share = min_firm_share_;
    k.min_operational_park_share = min_operational_;
    k.holding_cost = holding_cost_;
    finish_resilience(out);
}

}  // namespace shockflow::model

namespace shockflow {

struct Simulator::Impl {
    ScenarioSpec scenario;
    model::CompiledModel model;
};

Simulator::Simulator(const ScenarioSpec& scenario, const PolicySpec& policy)
    : impl_(std::make_unique<Impl>(Impl{scenario, model::compile(scenario, policy)})) {}
Simulator::~Simulator() = default;
Simulator::Simulator(Simulator&&) noexcept = default;
Simulator& Simulator::operator=(Simulator&&) noexcept = default;

RunResult Simulator::run(const RunOptions& options) const {
    model::Engine engine(impl_->model, model::realize(impl_->scenario, impl_->model, options.seed),
                         options);
    RunResult result = engine.run();
    result.seed = options.seed;
    return result;
}

RunResult simulate(const ScenarioSpec& scenario, const PolicySpec& policy,
                   const RunOptions& options) {
    return Simulator(scenario, policy).run(options);
}

}  // namespace shockflow
