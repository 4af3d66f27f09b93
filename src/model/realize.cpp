// Drawing one replication's disruptions from the compiled event templates:
// every distribution sampled, every `any:TAG` target chosen; nothing is
// looked up by name. Event i draws from its own stream (seed, i), so
// replication k of every policy sees the same disruptions and adding an event
// leaves the draws of the others unchanged.
#include <algorithm>
#include <cmath>

#include "model/engine.hpp"
#include "shockflow/core/random.hpp"
#include "shockflow/scenario/limits.hpp"

namespace shockflow::model {
namespace {

double sample(const Draw& d, RandomStream& rng) {
    using K = Distribution::Kind;
    switch (d.kind) {
        case K::Fixed:
            return d.p[0];
        case K::Uniform:
            return rng.uniform(d.p[0], d.p[1]);
        case K::Triangular:
            return rng.triangular(d.p[0], d.p[1], d.p[2]);
        case K::Beta:
            return rng.beta(d.p[0], d.p[1]);
        case K::Normal:
            // Truncated by rejection; after many misses the bound is the answer.
            for (int i = 0; i < 1000; ++i) {
                const double x = d.p[0] + d.p[1] * rng.normal();
                if (x >= d.min && x <= d.max) return x;
            }
            return std::clamp(d.p[0], d.min, d.max);
    }
    return d.p[0];
}

// Draws are kept within the limits the loader checks (limits.hpp); only a
// normal's far tails (beyond 6 sigma) can reach past them.
double share(const Draw& d, RandomStream& rng) { return std::clamp(sample(d, rng), 0.0, 1.0); }
double day(const Draw& d, RandomStream& rng) {
    return std::clamp(sample(d, rng), -limits::kMaxDay, limits::kMaxDay);
}
double days(const Draw& d, RandomStream& rng) {
    return std::clamp(sample(d, rng), 0.0, limits::kMaxDays);
}
double factor(const Draw& d, RandomStream& rng) {
    return std::clamp(sample(d, rng), 0.0, limits::kMaxFactor);
}

// The event's targets; with `any:` draw_count distinct nodes of the pool
// (partial Fisher–Yates in index order).
std::vector<NodeIndex> targets(const EventTemplate& e, RandomStream& rng) {
    if (e.draw_count == 0) return e.nodes;
    std::vector<NodeIndex> pool = e.nodes;
    for (std::size_t i = 0; i < e.draw_count; ++i) {
        const std::size_t j = i + static_cast<std::size_t>(rng.below(pool.size() - i));
        std::swap(pool[i], pool[j]);
    }
    pool.resize(e.draw_count);
    std::sort(pool.begin(), pool.end());
    return pool;
}

void add_strike(const EventTemplate& e, RandomStream& rng, Realization& r) {
    const Tick start = ticks_from_days(day(e.day, rng));
    const double loss = share(e.loss, rng);
    const double firms = e.firms_drawn ? share(e.firms, rng) : loss;
    const double repair = days(e.repair, rng);
    for (const NodeIndex n : targets(e, rng)) {
        StrikeJob j;
        j.node = n;
        j.start = start;
        j.loss = loss;
        j.firms_share = firms;
        j.work_days = repair;
        j.mode = e.recovery;
        r.jobs.push_back(j);
    }
}

// Each point's day and availability in turn, then the targets. A day drawn
// before the previous point's (distributions that overlap) is taken as that
// day: the path jumps there.
void add_path(const EventTemplate& e, RandomStream& rng, Realization& r) {
    CapacityPath path;
    for (const auto& [day, availability] : e.path) {
        double d = sample(day, rng);
        if (!path.points.empty()) d = std::max(d, path.points.back().first);
        path.points.emplace_back(d, share(availability, rng));
    }
    path.nodes = targets(e, rng);
    r.paths.push_back(std::move(path));
}

// Start and end of an event that lasts a drawn number of days.
std::pair<Tick, Tick> span(const EventTemplate& e, RandomStream& rng) {
    const Tick start = ticks_from_days(day(e.day, rng));
    return {start, start + ticks_from_days(days(e.duration, rng))};
}

void add_event(const EventTemplate& e, RandomStream& rng, Realization& r) {
    switch (e.kind) {
        case EventKind::Strike:
            add_strike(e, rng, r);
            return;
        case EventKind::CapacityPath:
            add_path(e, rng, r);
            return;
        case EventKind::LinkCut: {
            const auto [start, end] = span(e, rng);
            if (e.link.valid()) r.cuts.push_back({e.link, start, end, share(e.loss, rng)});
            return;
        }
        case EventKind::LaborShock: {
            LaborShock s;
            std::tie(s.start, s.end) = span(e, rng);
            s.absent = share(e.absent, rng);
            s.nodes = targets(e, rng);
            r.labor.push_back(std::move(s));
            return;
        }
        case EventKind::DemandShock: {
            DemandShock s;
            std::tie(s.start, s.end) = span(e, rng);
            s.multiplier = factor(e.multiplier, rng);
            s.regions = e.nodes;
            s.products = e.products;
            r.demand.push_back(std::move(s));
            return;
        }
        case EventKind::Displacement: {
            Displacement d;
            d.from = e.from;
            d.to = e.to;
            d.start = ticks_from_days(day(e.day, rng));
            d.share = share(e.share, rng);
            d.over_days = days(e.over, rng);
            if (d.from.valid() && d.to.valid()) r.moves.push_back(d);
            return;
        }
    }
}

}  // namespace

Realization realize(const CompiledModel& m, std::uint64_t seed) {
    Realization r;
    for (std::size_t i = 0; i < m.events.size(); ++i) {
        RandomStream rng(seed, i);
        add_event(m.events[i], rng, r);
    }
    return r;
}

}  // namespace shockflow::model
