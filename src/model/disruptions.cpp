// Strikes and repairs, link cuts and detours, labour and demand shocks,
// displacement: how each disruption changes the state the cycles read.
#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "model/engine.hpp"
#include "model/routing.hpp"

namespace shockflow::model {

// ---- strikes and repair crews -------------------------------------------

void Engine::start_strike(std::uint32_t job, Tick t) {
    StrikeJob& j = r_.jobs[job];
    j.state = JobState::Waiting;
    j.remaining = j.work_days;
    j.updated = t;
    assign_crews(t);
}

// Waiting jobs take free crews in order of strike time, then of event order
// (the job index), so the queue is deterministic.
void Engine::assign_crews(Tick t) {
    const bool limited = m_.policy.repair_crews.has_value();
    for (;;) {
        if (limited && crews_busy_ >= static_cast<std::uint64_t>(*m_.policy.repair_crews)) return;
        StrikeJob* next = nullptr;
        std::uint32_t index = 0;
        for (std::uint32_t i = 0; i < r_.jobs.size(); ++i) {
            StrikeJob& j = r_.jobs[i];
            if (j.state == JobState::Waiting && (next == nullptr || j.start < next->start)) {
                next = &j;
                index = i;
            }
        }
        if (next == nullptr) return;
        next->state = JobState::Repairing;
        next->updated = t;
        const bool fast =
            m_.policy.repair_speedup && t >= ticks_from_days(m_.policy.repair_speedup->from_day);
        next->rate = fast ? m_.policy.repair_speedup->factor : 1.0;
        ++crews_busy_;
        queue_.schedule(t + ticks_from_days(next->remaining / next->rate), kPrioDisruption,
                        Event{Ev::RepairDone, index, next->version});
    }
}

void Engine::finish_repair(std::uint32_t job, std::uint32_t version, Tick t) {
    StrikeJob& j = r_.jobs[job];
    if (j.state != JobState::Repairing || j.version != version) return;  // rescheduled
    j.state = JobState::Done;
    j.remaining = 0.0;
    --crews_busy_;
    assign_crews(t);
}

// Support packages: every repair under way continues `factor` times faster.
void Engine::speed_up(Tick t) {
    const double factor = m_.policy.repair_speedup->factor;
    for (std::uint32_t i = 0; i < r_.jobs.size(); ++i) {
        StrikeJob& j = r_.jobs[i];
        if (j.state != JobState::Repairing) continue;
        j.remaining = std::max(0.0, j.remaining - j.rate * to_days(t - j.updated));
        j.updated = t;
        j.rate = factor;
        ++j.version;
        queue_.schedule(t + ticks_from_days(j.remaining / j.rate), kPrioDisruption,
                        Event{Ev::RepairDone, i, j.version});
    }
}

// Damage factors at time t from every job: step repairs restore everything at
// the end, linear ones in proportion to the work done.
void Engine::refresh_damage(Tick t) {
    for (const StrikeJob& j : r_.jobs) {
        damage_[j.node] = 1.0;
        firms_damaged_[j.node] = 0.0;
    }
    for (const StrikeJob& j : r_.jobs) {
        if (j.state == JobState::Pending || j.state == JobState::Done) continue;
        double left = 1.0;
        if (j.mode == Recovery::Linear && j.work_days > 0.0) {
            double remaining = j.remaining;
            if (j.state == JobState::Repairing) remaining -= j.rate * to_days(t - j.updated);
            left = std::clamp(remaining / j.work_days, 0.0, 1.0);
        }
        damage_[j.node] *= 1.0 - j.loss * left;
        firms_damaged_[j.node] =
            1.0 - (1.0 - firms_damaged_[j.node]) * (1.0 - j.firms_share * left);
    }
}

// ---- links and detours -------------------------------------------------

void Engine::refresh_link(std::uint32_t link) {
    double f = 1.0;
    for (const LinkCut& c : r_.cuts)
        if (c.active && c.link == link) f *= 1.0 - c.loss;
    link_factor_[link] = f;
    LinkState& s = links_[m_.link_slot[link]];
    fold_peak(s);  // what was shipped since counts against the capacity it had
    s.cap = m_.links[link].capacity * f * dt_;
}

// Channels over an open link go direct. Over a closed one they go, with
// rerouting, by the fastest path of open links and otherwise wait (usable
// capacity 0). Trees are computed once per (source node, product) and event.
void Engine::refresh_routes() {
    path_pool_.clear();
    trees_.clear();
    closed_.clear();
    for (std::uint32_t c = 0; c < m_.channels.size(); ++c) route(c);
    refresh_shares();
    count_classes();
}

// After link `link` opened or closed only its own channels and those whose
// link is closed (on a detour, which may have used `link`, or waiting for
// one, which `link` may now offer) change.
void Engine::refresh_routes_after(std::uint32_t link) {
    todo_.assign(closed_.begin(), closed_.end());
    for (auto k = m_.channels_of_link.begin(link); k < m_.channels_of_link.end(link); ++k)
        todo_.push_back(m_.channels_of_link.list[k]);
    std::sort(todo_.begin(), todo_.end());
    todo_.erase(std::unique(todo_.begin(), todo_.end()), todo_.end());
    path_pool_.clear();
    trees_.clear();
    closed_.clear();
    for (std::uint32_t c : todo_) route(c);
    // Only the holders at the end of re-routed channels split their orders anew.
    touched_rows_.clear();
    for (std::uint32_t c : todo_) touched_rows_.push_back(m_.channel_dst_row[c]);
    std::sort(touched_rows_.begin(), touched_rows_.end());
    touched_rows_.erase(std::unique(touched_rows_.begin(), touched_rows_.end()),
                        touched_rows_.end());
    for (std::uint32_t row : touched_rows_) refresh_shares_of(row);
    count_classes();
}

// Each holder's split of its forecast (and of orders nobody can fill this
// cycle) over its inbound channels: by usable capacity, which only changes
// when routes do.
void Engine::refresh_shares() {
    for (std::uint32_t row : m_.holders) refresh_shares_of(row);
}

void Engine::refresh_shares_of(std::uint32_t row) {
    double total = 0.0;
    const auto b = m_.inbound.begin(row), e = m_.inbound.end(row);
    for (auto k = b; k < e; ++k) total += usable_in_[k];
    for (auto k = b; k < e; ++k)
        share_[m_.inbound.list[k]] = total > 0.0 ? usable_in_[k] / total : 0.0;
}

void Engine::route(std::uint32_t c) {
    const Channel& ch = m_.channels[c];
    const CompiledLink& link = m_.links[ch.link];
    path_begin_[c] = path_end_[c] = static_cast<std::uint32_t>(path_pool_.size());
    transit_[c] = link.transit;
    usable_in_[m_.channel_in_pos[c]] = link.capacity * link_factor_[ch.link] * dt_;
    if (link_factor_[ch.link] <= 0.0) {
        closed_.push_back(c);
        if (m_.policy.reroute) {
            const std::uint64_t key = (std::uint64_t{ch.src} << 32) | ch.product;
            auto it = trees_.find(key);
            if (it == trees_.end())
                it = trees_.emplace(key, router_->fastest_tree(ch.src, ch.product, link_factor_))
                         .first;
            route_channel(c, it->second);
        }
    }
    classify_transit(c);
}

// Classes are looked up by transit time and never removed, so batches stay
// valid across refreshes.
void Engine::classify_transit(std::uint32_t c) {
    auto [it, added] = class_index_.try_emplace(
        transit_[c].value, static_cast<std::uint32_t>(transit_classes_.size()));
    if (added) {
        transit_classes_.push_back(transit_[c]);
        cursor_.push_back(nullptr);
        class_count_.push_back(0);
    }
    class_of_channel_[c] = it->second;
}

void Engine::count_classes() {
    std::fill(class_count_.begin(), class_count_.end(), 0);
    for (std::uint32_t cls : class_of_channel_) ++class_count_[cls];
}

// Follows the tree back from the channel's destination to its source.
void Engine::route_channel(std::uint32_t c, const std::vector<std::uint32_t>& via) {
    const Channel& ch = m_.channels[c];
    const auto first = static_cast<std::uint32_t>(path_pool_.size());
    std::uint32_t at = ch.dst;
    while (at != ch.src) {
        const std::uint32_t l = via[at];
        if (l == kNone || path_pool_.size() - first > m_.links.size()) {  // unreachable
            path_pool_.resize(first);
            return;
        }
        path_pool_.push_back(l);
        at = m_.links[l].from;
    }
    std::reverse(path_pool_.begin() + first, path_pool_.end());
    Tick transit{0};
    double usable = std::numeric_limits<double>::infinity();
    for (std::size_t h = first; h < path_pool_.size(); ++h) {
        const CompiledLink& hop = m_.links[path_pool_[h]];
        transit = transit + hop.transit;
        usable = std::min(usable, hop.capacity * link_factor_[path_pool_[h]] * dt_);
    }
    path_begin_[c] = first;
    path_end_[c] = static_cast<std::uint32_t>(path_pool_.size());
    transit_[c] = transit;
    usable_in_[m_.channel_in_pos[c]] = usable;
}

// ---- labour, demand, people ----------------------------------------------

void Engine::refresh_labor(const std::vector<std::uint32_t>& nodes) {
    for (std::uint32_t n : nodes) labor_[n] = 1.0;
    for (const LaborShock& s : r_.labor) {
        if (!s.active) continue;
        for (std::uint32_t n : s.nodes)
            if (std::find(nodes.begin(), nodes.end(), n) != nodes.end())
                labor_[n] *= 1.0 - s.absent;
    }
}

void Engine::refresh_demand(const DemandShock& shock) {
    // Only consumed products have demand (and so rows) in regions.
    for (std::uint32_t r : shock.regions)
        for (std::uint32_t p : m_.consumed)
            if (shock.products[p]) multiplier_[m_.row(r, p)] = 1.0;
    for (const DemandShock& s : r_.demand) {
        if (!s.active) continue;
        for (std::uint32_t r : s.regions) {
            if (std::find(shock.regions.begin(), shock.regions.end(), r) == shock.regions.end())
                continue;
            for (std::uint32_t p : m_.consumed)
                if (s.products[p] && shock.products[p]) multiplier_[m_.row(r, p)] *= s.multiplier;
        }
    }
}

void Engine::start_displacement(std::uint32_t i, Tick t) {
    Displacement& d = r_.moves[i];
    d.base = population_[d.from] * d.share;
    d.active = true;
    move_people(t);
}

// Moves every displacement in progress up to time t (evenly over its days).
void Engine::move_people(Tick t) {
    for (Displacement& d : r_.moves) {
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
void Engine::move(std::uint32_t from, std::uint32_t to, double people) {
    if (population_[from] <= 0.0) return;
    const double share = std::min(1.0, people / population_[from]);
    for (std::uint32_t p : m_.consumed) {
        const double moved = demand_rate_[m_.row(from, p)] * share;
        demand_rate_[m_.row(from, p)] -= moved;
        demand_rate_[m_.row(to, p)] += moved;
    }
    const double moving = population_[from] * share;
    population_[from] -= moving;
    population_[to] += moving;
}

}  // namespace shockflow::model
