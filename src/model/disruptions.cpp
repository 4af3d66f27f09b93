// Strikes and repairs, labour and demand shocks, displacement: how each
// disruption changes the state the cycles read. Link cuts are in routes.cpp.
#include <algorithm>
#include <cmath>

#include "model/engine.hpp"

namespace shockflow::model {

// ---- strikes and repair crews -------------------------------------------

void Engine::start_strike(std::uint32_t job, Tick t) {
    StrikeJob& j = dis_.r.jobs[job];
    j.state = JobState::Waiting;
    j.remaining = j.work_days;
    j.updated = t;
    assign_crews(t);
}

// Waiting jobs take free crews in order of strike time, then of event order
// (the job index), so the queue is deterministic.
void Engine::assign_crews(Tick t) {
    const CompiledPolicy& pol = m_.policy;
    std::vector<StrikeJob>& jobs = dis_.r.jobs;
    for (;;) {
        if (pol.crews_limited && dis_.crews_busy >= pol.crews) return;
        StrikeJob* next = nullptr;
        std::uint32_t index = 0;
        for (std::uint32_t i = 0; i < jobs.size(); ++i) {
            StrikeJob& j = jobs[i];
            if (j.state == JobState::Waiting && (next == nullptr || j.start < next->start)) {
                next = &j;
                index = i;
            }
        }
        if (next == nullptr) return;
        next->state = JobState::Repairing;
        next->updated = t;
        const bool fast = pol.speedup && t >= pol.speedup_from;
        next->rate = fast ? pol.speedup_factor : 1.0;
        ++dis_.crews_busy;
        queue_.schedule(t + ticks_from_days(next->remaining / next->rate), kPrioDisruption,
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
        queue_.schedule(t + ticks_from_days(j.remaining / j.rate), kPrioDisruption,
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

void Engine::refresh_labor(const std::vector<NodeIndex>& nodes) {
    for (const NodeIndex n : nodes) dis_.labor[n] = 1.0;
    for (const LaborShock& s : dis_.r.labor) {
        if (!s.active) continue;
        for (const NodeIndex n : s.nodes)
            if (std::find(nodes.begin(), nodes.end(), n) != nodes.end())
                dis_.labor[n] *= 1.0 - s.absent;
    }
}

void Engine::refresh_demand(const DemandShock& shock) {
    // Only consumed products have demand (and so rows) in regions.
    rows_.plans_stale = true;
    for (const NodeIndex r : shock.regions)
        for (const ProductIndex p : m_.consumed)
            if (shock.products[p]) rows_.multiplier[m_.row(r, p)] = 1.0;
    for (const DemandShock& s : dis_.r.demand) {
        if (!s.active) continue;
        for (const NodeIndex r : s.regions) {
            if (std::find(shock.regions.begin(), shock.regions.end(), r) == shock.regions.end())
                continue;
            for (const ProductIndex p : m_.consumed)
                if (s.products[p] && shock.products[p])
                    rows_.multiplier[m_.row(r, p)] *= s.multiplier;
        }
    }
}

void Engine::start_displacement(std::uint32_t i, Tick t) {
    Displacement& d = dis_.r.moves[i];
    d.base = dis_.population[d.from] * d.share;
    d.active = true;
    move_people(t);
}

// Moves every displacement in progress up to time t (evenly over its days).
void Engine::move_people(Tick t) {
    for (Displacement& d : dis_.r.moves) {
        if (!d.active) continue;
        const double done =
            d.over_days > 0.0 ? std::clamp(to_days(t - d.start) / d.over_days, 0.0, 1.0) : 1.0;
        const double target = d.base * done;
        if (target > d.moved) move(d.from, d.to, target - d.moved);
        d.moved = target;
        if (done >= 1.0) d.active = false;
    }
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
