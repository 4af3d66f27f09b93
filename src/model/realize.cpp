// Drawing one replication's disruptions from the compiled event templates:
// every distribution sampled, every `any:TAG` target chosen; nothing is
// looked up by name. Event i draws from its own stream (seed, i), so
// replication k of every policy sees the same disruptions and adding an event
// leaves the draws of the others unchanged.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string_view>

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

// One event's draws: its own stream, and the record of every value drawn
// (RunResult::samples). A fixed number takes nothing from the stream and is
// not recorded.
struct Drawer {
    RandomStream rng;
    std::uint32_t event = 0;
    std::vector<Sample>& out;

    // Draws are kept within the limits the loader checks (limits.hpp); only a
    // normal's far tails (beyond 6 sigma) can reach past them.
    double take(const Draw& d, std::string_view key, double lo, double hi) {
        const double v = std::clamp(sample(d, rng), lo, hi);
        record(d, key, v);
        return v;
    }
    void record(const Draw& d, std::string_view key, double v) {
        if (d.kind != Distribution::Kind::Fixed) out.push_back({event, std::string(key), v});
    }
    double share(const Draw& d, std::string_view key) { return take(d, key, 0.0, 1.0); }
    double day(const Draw& d) { return take(d, "day", -limits::kMaxDay, limits::kMaxDay); }
    double days(const Draw& d, std::string_view key) { return take(d, key, 0.0, limits::kMaxDays); }
    double factor(const Draw& d, std::string_view key) {
        return take(d, key, 0.0, limits::kMaxFactor);
    }

    // The event's targets; with `any:` draw_count distinct nodes of the pool
    // (partial Fisher–Yates in index order), each recorded as "target".
    std::vector<NodeIndex> targets(const EventTemplate& e) {
        if (e.draw_count == 0) return e.nodes;
        std::vector<NodeIndex> pool = e.nodes;
        for (std::size_t i = 0; i < e.draw_count; ++i) {
            const std::size_t j = i + static_cast<std::size_t>(rng.below(pool.size() - i));
            std::swap(pool[i], pool[j]);
        }
        pool.resize(e.draw_count);
        std::sort(pool.begin(), pool.end());
        for (const NodeIndex n : pool)
            out.push_back({event, "target", static_cast<double>(n.value)});
        return pool;
    }
};

void add_strike(const EventTemplate& e, Drawer& draw, Realization& r) {
    const Tick start = ticks_from_days(draw.day(e.day));
    const double loss = draw.share(e.loss, "capacity_loss");
    const double firms = e.firms_drawn ? draw.share(e.firms, "firms_damaged") : loss;
    const double repair = draw.days(e.repair, "repair_days");
    for (const NodeIndex n : draw.targets(e)) {
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
void add_path(const EventTemplate& e, Drawer& draw, Realization& r) {
    CapacityPath path;
    for (std::size_t i = 0; i < e.path.size(); ++i) {
        const auto& [day, availability] = e.path[i];
        double d = sample(day, draw.rng);
        if (!path.points.empty()) d = std::max(d, path.points.back().first);
        draw.record(day, fmt::format("path[{}].day", i), d);
        path.points.emplace_back(d,
                                 draw.share(availability, fmt::format("path[{}].availability", i)));
    }
    path.nodes = draw.targets(e);
    r.paths.push_back(std::move(path));
}

// Start and end of an event that lasts a drawn number of days.
std::pair<Tick, Tick> span(const EventTemplate& e, Drawer& draw) {
    const Tick start = ticks_from_days(draw.day(e.day));
    return {start, start + ticks_from_days(draw.days(e.duration, "duration_days"))};
}

void add_event(const EventTemplate& e, Drawer& draw, Realization& r) {
    switch (e.kind) {
        case EventKind::Strike:
            add_strike(e, draw, r);
            return;
        case EventKind::CapacityPath:
            add_path(e, draw, r);
            return;
        case EventKind::LinkCut: {
            const auto [start, end] = span(e, draw);
            const double loss = draw.share(e.loss, "capacity_loss");
            if (e.link.valid()) r.cuts.push_back({e.link, start, end, loss});
            return;
        }
        case EventKind::LaborShock: {
            LaborShock s;
            std::tie(s.start, s.end) = span(e, draw);
            s.absent = draw.share(e.absent, "absent_share");
            s.nodes = draw.targets(e);
            r.labor.push_back(std::move(s));
            return;
        }
        case EventKind::DemandShock: {
            DemandShock s;
            std::tie(s.start, s.end) = span(e, draw);
            s.multiplier = draw.factor(e.multiplier, "multiplier");
            s.regions = e.nodes;
            s.products = e.products;
            r.demand.push_back(std::move(s));
            return;
        }
        case EventKind::Displacement: {
            Displacement d;
            d.from = e.from;
            d.to = e.to;
            d.start = ticks_from_days(draw.day(e.day));
            d.share = draw.share(e.share, "share");
            d.over_days = draw.days(e.over, "over_days");
            if (d.from.valid() && d.to.valid()) r.moves.push_back(d);
            return;
        }
    }
}

}  // namespace

Realization realize(const CompiledModel& m, std::uint64_t seed) {
    Realization r;
    for (std::size_t i = 0; i < m.events.size(); ++i) {
        Drawer draw{RandomStream(seed, i), static_cast<std::uint32_t>(i), r.samples};
        add_event(m.events[i], draw, r);
    }
    return r;
}

}  // namespace shockflow::model
