// Strikes and repairs, labour and demand shocks, displacement: how each
// disruption changes the state the cycles read. Link cuts are in routes.cpp.
#include <algorithm>
#include <cmath>

#include "model/engine.hpp"
#include "shockflow/scenario/limits.hpp"

namespace shockflow::model {

// ---- the state disruptions set ---------------------------------------------

void DisruptionState::reset(const CompiledModel& m) {
    damage.assign(m.n_nodes, 1.0);
    firms_damaged.assign(m.n_nodes, 0.0);
    labor.assign(m.n_nodes, 1.0);
    population = m.population;
    crews_busy = 0;
    std::vector<std::pair<std::int64_t, std::uint32_t>> room;
    room.reserve(r.jobs.size());  // nothing allocated while the run goes on
    waiting = decltype(waiting)(std::greater<>{}, std::move(room));
    moving.clear();
    moving.reserve(r.moves.size());
    started.clear();
    started.reserve(r.moves.size());
    std::vector<std::pair<std::uint32_t, std::uint32_t>> touches;
    for (std::uint32_t i = 0; i < r.cuts.size(); ++i) touches.emplace_back(i, r.cuts[i].link.value);
    cut_factor.build(m.links.size(), r.cuts.size(), touches);
    touches.clear();
    for (std::uint32_t i = 0; i < r.labor.size(); ++i)
        for (const NodeIndex n : r.labor[i].nodes) touches.emplace_back(i, n.value);
    labor_factor.build(m.n_nodes, r.labor.size(), touches);
    touches.clear();
    // Only consumed products have demand (and so rows) in regions.
    for (std::uint32_t i = 0; i < r.demand.size(); ++i)
        for (const NodeIndex region : r.demand[i].regions)
            for (const ProductIndex p : m.consumed)
                if (r.demand[i].products[p]) touches.emplace_back(i, m.row(region, p).value);
    demand_factor.build(m.n_rows, r.demand.size(), touches);
}

// ---- strikes and repair crews -------------------------------------------

void Engine::start_strike(std::uint32_t job, Tick t) {
    StrikeJob& j = dis_.r.jobs[job];
    j.state = JobState::Waiting;
    j.remaining = j.work_days;
    j.updated = t;
    dis_.waiting.emplace(j.start.value, job);
    assign_crews(t);
}

// Waiting jobs take free crews in order of strike time, then of event order
// (the job index), so the queue is deterministic.
void Engine::assign_crews(Tick t) {
    const CompiledPolicy& pol = m_.policy;
    while (!dis_.waiting.empty()) {
        if (pol.crews_limited && dis_.crews_busy >= pol.crews) return;
        const std::uint32_t index = dis_.waiting.top().second;
        dis_.waiting.pop();
        StrikeJob* next = &dis_.r.jobs[index];
        next->state = JobState::Repairing;
        next->updated = t;
        const bool fast = pol.speedup && t >= pol.speedup_from;
        next->rate = fast ? pol.speedup_factor : 1.0;
        ++dis_.crews_busy;
        queue_.schedule(later(t, next->remaining / next->rate), kPrioDisruption,
                        Event{Ev::RepairDone, index, next->version});
    }
}

void Engine::finish_repair(std::uint32_t job, std::uint32_t version, Tick t) {
    StrikeJob& j = dis_.r.jobs[job];
    if (j.state != JobState::Repairing || j.version != version) return;  // rescheduled
    j.state = JobState::Done;
    j.remaining = 0.0;
    --dis_.crews_busy;
    assign_crews(t);
}

// Support packages: every repair under way continues `factor` times faster.
void Engine::speed_up(Tick t) {
    const double factor = m_.policy.speedup_factor;
    std::vector<StrikeJob>& jobs = dis_.r.jobs;
    for (std::uint32_t i = 0; i < jobs.size(); ++i) {
        StrikeJob& j = jobs[i];
        if (j.state != JobState::Repairing) continue;
        j.remaining = std::max(0.0, j.remaining - j.rate * to_days(t - j.updated));
        j.updated = t;
        j.rate = factor;
        ++j.version;
        queue_.schedule(later(t, j.remaining / j.rate), kPrioDisruption,
                        Event{Ev::RepairDone, i, j.version});
    }
}

double CapacityPath::availability(double day) const {
    if (points.empty() || day < points.front().first) return 1.0;
    // The last point at or before `day`: a jump (two points on one day) has
    // taken effect on that day.
    auto next = std::upper_bound(points.begin(), points.end(), day,
                                 [](double d, const auto& p) { return d < p.first; });
    const auto& [d0, a0] = *(next - 1);
    if (next == points.end()) return a0;
    const auto& [d1, a1] = *next;
    return a0 + (a1 - a0) * (day - d0) / (d1 - d0);
}

// Damage factors at time t from every job: step repairs restore everything at
// the end, linear ones in proportion to the work done; and from every
// capacity path, its availability at t. All of them multiply.
void Engine::refresh_damage(Tick t) {
    for (const StrikeJob& j : dis_.r.jobs) {
        dis_.damage[j.node] = 1.0;
        dis_.firms_damaged[j.node] = 0.0;
    }
    for (const CapacityPath& p : dis_.r.paths)
        for (const NodeIndex n : p.nodes) {
            dis_.damage[n] = 1.0;
            dis_.firms_damaged[n] = 0.0;
        }
    for (const StrikeJob& j : dis_.r.jobs) {
        if (j.state == JobState::Pending || j.state == JobState::Done) continue;
        double left = 1.0;
        if (j.mode == Recovery::Linear && j.work_days > 0.0) {
            double remaining = j.remaining;
            if (j.state == JobState::Repairing) remaining -= j.rate * to_days(t - j.updated);
            left = std::clamp(remaining / j.work_days, 0.0, 1.0);
        }
        dis_.damage[j.node] *= 1.0 - j.loss * left;
        dis_.firms_damaged[j.node] =
            1.0 - (1.0 - dis_.firms_damaged[j.node]) * (1.0 - j.firms_share * left);
    }
    // A path's firms are damaged as its capacity is (a strike's default).
    const double day = to_days(t);
    for (const CapacityPath& p : dis_.r.paths) {
        const double a = p.availability(day);
        if (a >= 1.0) continue;
        for (const NodeIndex n : p.nodes) {
            dis_.damage[n] *= a;
            dis_.firms_damaged[n] = 1.0 - (1.0 - dis_.firms_damaged[n]) * a;
        }
    }
}

// ---- labour, demand, people ----------------------------------------------

// A node's share of workers is the product of (1 - absent share) over the
// labour shocks active on it (ShockProducts), and a row's demand multiplier
// that of the active demand shocks' multipliers.
void Engine::refresh_labor(std::uint32_t shock) {
    for (const std::uint32_t n : dis_.labor_factor.targets_of(shock))
        dis_.labor[NodeIndex(n)] = dis_.labor_factor.product(n);
}

void Engine::refresh_demand(std::uint32_t shock) {
    rows_.plans_stale = true;
    // Overlapping shocks multiply, up to a bound that keeps demand finite.
    for (const std::uint32_t row : dis_.demand_factor.targets_of(shock))
        rows_.multiplier[RowIndex(row)] =
            std::min(dis_.demand_factor.product(row), limits::kMaxFactor);
}

// A displacement takes its share of the origin's people as they are when it
// starts: after the instant moves before it, and after the gradual ones under
// way as they were last moved (each cycle moves them to its middle, in
// move_people; a gradual one that starts during a cycle joins them at the
// next). Starting one costs nothing for those under way: moving them all at
// every start made 10^5 overlapping displacements quadratic.
void Engine::start_displacement(std::uint32_t i) {
    Displacement& d = dis_.r.moves[i];
    d.base = dis_.population[d.from] * d.share;
    if (d.over_days <= 0.0) {  // all at once, now
        move(d.from, d.to, d.base);
        d.moved = d.base;
        return;
    }
    d.active = true;
    dis_.started.push_back(i);
}

// Moves every displacement in progress up to time t (evenly over its days).
void Engine::move_people(Tick t) {
    // Those started since the last cycle join the ones under way, in event
    // order (the order they are moved in).
    if (!dis_.started.empty()) {
        std::vector<std::uint32_t>& moving = dis_.moving;
        std::sort(dis_.started.begin(), dis_.started.end());
        const auto middle = static_cast<std::ptrdiff_t>(moving.size());
        moving.insert(moving.end(), dis_.started.begin(), dis_.started.end());
        std::inplace_merge(moving.begin(), moving.begin() + middle, moving.end());
        dis_.started.clear();
    }
    std::erase_if(dis_.moving, [&](std::uint32_t i) {
        Displacement& d = dis_.r.moves[i];
        const double done =
            d.over_days > 0.0 ? std::clamp(to_days(t - d.start) / d.over_days, 0.0, 1.0) : 1.0;
        const double target = d.base * done;
        if (target > d.moved) move(d.from, d.to, target - d.moved);
        d.moved = target;
        if (done >= 1.0) d.active = false;
        return !d.active;
    });
}

// People carry the same share of the origin's demand with them.
void Engine::move(NodeIndex from, NodeIndex to, double people) {
    IndexVec<NodeIndex, double>& population = dis_.population;
    if (population[from] <= 0.0) return;
    const double share = std::min(1.0, people / population[from]);
    rows_.plans_stale = true;
    for (const ProductIndex p : m_.consumed) {
        const double moved = rows_.demand_rate[m_.row(from, p)] * share;
        rows_.demand_rate[m_.row(from, p)] -= moved;
        rows_.demand_rate[m_.row(to, p)] += moved;
    }
    const double moving = population[from] * share;
    population[from] -= moving;
    population[to] += moving;
}

}  // namespace shockflow::model
