// Drawing one replication's disruptions: every distribution sampled, every
// `any:TAG` target chosen. Event i draws from its own stream (seed, i), so
// replication k of every policy sees the same disruptions and adding an event
// leaves the draws of the others unchanged.
#include <algorithm>
#include <cmath>

#include "model/engine.hpp"
#include "shockflow/core/random.hpp"

namespace shockflow::model {
namespace {

double sample(const Distribution& d, RandomStream& rng) {
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

double share(const Distribution& d, RandomStream& rng) {
    return std::clamp(sample(d, rng), 0.0, 1.0);
}
double nonneg(const Distribution& d, RandomStream& rng) { return std::max(0.0, sample(d, rng)); }

// Nodes an event targets: an id, every node with `tag:X`, or `count` distinct
// nodes drawn among those with `any:TAG` (partial Fisher–Yates in index order).
std::vector<std::uint32_t> targets(const CompiledModel& m, const EventSpec& e, RandomStream& rng) {
    if (e.target.rfind("any:", 0) != 0) return select_nodes(m, e.target);
    std::vector<std::uint32_t> pool = select_nodes(m, "tag:" + e.target.substr(4));
    const auto count = std::min<std::size_t>(pool.size(), static_cast<std::size_t>(e.count));
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t j = i + static_cast<std::size_t>(rng.below(pool.size() - i));
        std::swap(pool[i], pool[j]);
    }
    pool.resize(count);
    std::sort(pool.begin(), pool.end());
    return pool;
}

std::uint32_t link_index(const CompiledModel& m, const std::string& name) {
    const auto it = m.link_index.find(name);
    return it == m.link_index.end() ? kNone : it->second;
}

std::uint32_t node_index(const CompiledModel& m, const std::string& id) {
    const auto it = m.node_index.find(id);
    return it == m.node_index.end() ? kNone : it->second;
}

void add_strike(const CompiledModel& m, const EventSpec& e, RandomStream& rng, Realization& r) {
    const Tick day = ticks_from_days(sample(e.day, rng));
    const double loss = share(e.capacity_loss, rng);
    const double firms = e.firms_damaged ? share(*e.firms_damaged, rng) : loss;
    const double repair = nonneg(e.repair_days, rng);
    for (std::uint32_t n : targets(m, e, rng)) {
        StrikeJob j;
        j.node = n;
        j.start = day;
        j.loss = loss;
        j.firms_share = firms;
        j.work_days = repair;
        j.mode = e.recovery;
        r.jobs.push_back(j);
    }
}

void add_event(const CompiledModel& m, const EventSpec& e, RandomStream& rng, Realization& r) {
    switch (e.kind) {
        case EventKind::Strike:
            add_strike(m, e, rng, r);
            return;
        case EventKind::LinkCut: {
            const Tick day = ticks_from_days(sample(e.day, rng));
            const Tick end = day + ticks_from_days(nonneg(e.duration_days, rng));
            const std::uint32_t link = link_index(m, e.link);
            if (link != kNone) r.cuts.push_back({link, day, end, share(e.capacity_loss, rng)});
            return;
        }
        case EventKind::LaborShock: {
            LaborShock s;
            s.start = ticks_from_days(sample(e.day, rng));
            s.end = s.start + ticks_from_days(nonneg(e.duration_days, rng));
            s.absent = share(e.absent_share, rng);
            s.nodes = targets(m, e, rng);
            r.labor.push_back(std::move(s));
            return;
        }
        case EventKind::DemandShock: {
            DemandShock s;
            s.start = ticks_from_days(sample(e.day, rng));
            s.end = s.start + ticks_from_days(nonneg(e.duration_days, rng));
            s.multiplier = nonneg(e.multiplier, rng);
            for (std::uint32_t n : select_nodes(m, e.region))
                if (m.kind[n] == NodeKind::Region) s.regions.push_back(n);
            s.products = select_products(m, e.product);
            r.demand.push_back(std::move(s));
            return;
        }
        case EventKind::Displacement: {
            Displacement d;
            d.from = node_index(m, e.from);
            d.to = node_index(m, e.to);
            d.start = ticks_from_days(sample(e.day, rng));
            d.share = share(e.share, rng);
            d.over_days = nonneg(e.over_days, rng);
            if (d.from != kNone && d.to != kNone) r.moves.push_back(d);
            return;
        }
    }
}

}  // namespace

Realization realize(const ScenarioSpec& scenario, const CompiledModel& m, std::uint64_t seed) {
    Realization r;
    for (std::size_t i = 0; i < scenario.events.size(); ++i) {
        RandomStream rng(seed, i);
        add_event(m, scenario.events[i], rng, r);
    }
    return r;
}

}  // namespace shockflow::model
