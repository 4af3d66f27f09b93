// Link cuts and detours: each link's capacity, the route and transit time of
// every channel, the holders' split of orders over their channels, and the
// transit classes of the shipments in flight.
#include <algorithm>
#include <cmath>
#include <limits>

#include "model/engine.hpp"
#include "model/routing.hpp"

namespace shockflow::model {

// The invariant witness: the highest share of a link's cycle capacity ever
// used (<= 1 by construction). What was shipped is folded in, and cleared,
// before the next cycle's shipping, before `cap` changes and at the end.
void LinkState::fold_peak() {
    // Divides only when the peak may have risen: after the first cycles, rarely.
    if (used > peak * cap) [[unlikely]]
        peak = std::max(peak, cap > 0.0 ? used / cap : std::numeric_limits<double>::infinity());
    used = 0.0;
}

void Engine::refresh_link(LinkIndex link) {
    double f = 1.0;
    for (const LinkCut& c : dis_.r.cuts)
        if (c.active && c.link == link) f *= 1.0 - c.loss;
    routes_.link_factor[link] = f;
    LinkState& s = routes_.links[m_.link_slot[link]];
    s.fold_peak();  // what was shipped since counts against the capacity it had
    s.cap = m_.links[link].capacity * f * dt_;
}

// Channels over an open link go direct. Over a closed one they go, with
// rerouting, by the fastest path of open links and otherwise wait (usable
// capacity 0). Trees are computed once per (source node, product) and event.
void Engine::refresh_routes() {
    routes_.path_pool.clear();
    routes_.trees.clear();
    routes_.closed.clear();
    for (const ChannelIndex c : indices(m_.channels)) route(c);
    refresh_shares();
    transit_.count_classes();
}

// After link `link` opened or closed only its own channels and those whose
// link is closed (on a detour, which may have used `link`, or waiting for
// one, which `link` may now offer) change.
void Engine::refresh_routes_after(LinkIndex link) {
    RouteState& r = routes_;
    r.todo.assign(r.closed.begin(), r.closed.end());
    for (auto k = m_.channels_of_link.begin(link); k < m_.channels_of_link.end(link); ++k)
        r.todo.push_back(m_.channels_of_link.list[k]);
    std::sort(r.todo.begin(), r.todo.end());
    r.todo.erase(std::unique(r.todo.begin(), r.todo.end()), r.todo.end());
    r.path_pool.clear();
    r.trees.clear();
    r.closed.clear();
    for (const ChannelIndex c : r.todo) route(c);
    // Only the holders at the end of re-routed channels split their orders anew.
    r.touched_rows.clear();
    for (const ChannelIndex c : r.todo) r.touched_rows.push_back(m_.channel_dst_row[c]);
    std::sort(r.touched_rows.begin(), r.touched_rows.end());
    r.touched_rows.erase(std::unique(r.touched_rows.begin(), r.touched_rows.end()),
                         r.touched_rows.end());
    for (const RowIndex row : r.touched_rows) refresh_shares_of(row);
    transit_.count_classes();
}

// Each holder's split of its forecast (and of orders nobody can fill this
// cycle) over its inbound channels: by usable capacity, which only changes
// when routes do.
void Engine::refresh_shares() {
    for (const RowIndex row : m_.holders) refresh_shares_of(row);
}

// Also the holder's lead time: the transit of its channels, weighted by
// their shares. Lateral channels get their planned share while open
// (compile_lateral.cpp), the primary ones the rest.
void Engine::refresh_shares_of(RowIndex row) {
    RouteState& r = routes_;
    // A primary channel's weight: what it can carry, up to what a producer
    // at its source can make (as orders are split in a cycle, Engine::place_orders).
    auto weight = [&](InboundPos k) {
        const RowIndex src = m_.inbound_src_row[k];
        const double cap = m_.capacity[src] > 0.0 ? m_.capacity[src] * dt_ : r.usable_in[k];
        return std::min(r.usable_in[k], cap);
    };
    double total = 0.0, planned = 0.0;
    const auto b = m_.inbound.begin(row), e = m_.inbound.end(row);
    for (auto k = b; k < e; ++k) {
        if (!m_.inbound_lateral[k])
            total += weight(k);
        else if (r.usable_in[k] > 0.0)
            planned += m_.lateral_share[m_.inbound.list[k]];
    }
    double lead = 0.0;
    for (auto k = b; k < e; ++k) {
        const ChannelIndex c = m_.inbound.list[k];
        double share = 0.0;
        if (m_.inbound_lateral[k])
            share = r.usable_in[k] > 0.0 ? m_.lateral_share[c] : 0.0;
        else if (total > 0.0)
            share = (1.0 - planned) * weight(k) / total;
        r.share[c] = share;
        lead += share * to_days(r.transit[c]);
    }
    r.lead_days[row] = lead;
    rows_.plans_stale = true;
}

void Engine::route(ChannelIndex c) {
    RouteState& r = routes_;
    const Channel& ch = m_.channels[c];
    const CompiledLink& link = m_.links[ch.link];
    r.path_begin[c] = r.path_end[c] = static_cast<std::uint32_t>(r.path_pool.size());
    r.transit[c] = link.transit;
    r.usable_in[m_.channel_in_pos[c]] = link.capacity * r.link_factor[ch.link] * dt_;
    if (r.link_factor[ch.link] <= 0.0) {
        r.closed.push_back(c);
        if (m_.policy.reroute) {
            const std::uint64_t key = (std::uint64_t{ch.src.value} << 32) | ch.product.value;
            auto it = r.trees.find(key);
            if (it == r.trees.end())
                it = r.trees.emplace(key, r.router->fastest_tree(ch.src, ch.product, r.link_factor))
                         .first;
            route_channel(c, it->second);
        }
    }
    transit_.classify(c, r.transit[c]);
}

// Follows the tree back from the channel's destination to its source.
void Engine::route_channel(ChannelIndex c, const IndexVec<NodeIndex, LinkIndex>& via) {
    RouteState& r = routes_;
    const Channel& ch = m_.channels[c];
    const auto first = static_cast<std::uint32_t>(r.path_pool.size());
    NodeIndex at = ch.dst;
    while (at != ch.src) {
        const LinkIndex l = via[at];
        if (!l.valid() || r.path_pool.size() - first > m_.links.size()) {  // unreachable
            r.path_pool.resize(first);
            return;
        }
        r.path_pool.push_back(l);
        at = m_.links[l].from;
    }
    std::reverse(r.path_pool.begin() + first, r.path_pool.end());
    Tick transit{0};
    double usable = std::numeric_limits<double>::infinity();
    for (std::size_t h = first; h < r.path_pool.size(); ++h) {
        const LinkIndex hop = r.path_pool[h];
        transit = transit + m_.links[hop].transit;
        usable = std::min(usable, m_.links[hop].capacity * r.link_factor[hop] * dt_);
    }
    r.path_begin[c] = first;
    r.path_end[c] = static_cast<std::uint32_t>(r.path_pool.size());
    r.transit[c] = transit;
    r.usable_in[m_.channel_in_pos[c]] = usable;
}

// ---- transit classes and batches -------------------------------------------

// Classes are looked up by transit time and never removed, so batches stay
// valid across refreshes.
void TransitState::classify(ChannelIndex c, Tick transit) {
    auto [it, added] =
        class_index.try_emplace(transit.value, static_cast<std::uint32_t>(classes.size()));
    if (added) {
        classes.push_back(transit);
        cursor.push_back(nullptr);
        class_count.push_back(0);
    }
    class_of_channel[c] = it->second;
}

void TransitState::count_classes() {
    std::fill(class_count.begin(), class_count.end(), 0);
    for (const std::uint32_t cls : class_of_channel) ++class_count[cls];
}

// A batch with room for one shipment per channel of the class, opened for
// this cycle.
std::uint32_t TransitState::take_batch(std::uint32_t cls) {
    std::uint32_t b = 0;
    if (free_batches.empty()) {
        b = static_cast<std::uint32_t>(batches.size());
        batches.emplace_back();
    } else {
        b = free_batches.back();
        free_batches.pop_back();
    }
    Batch& batch = batches[b];
    if (batch.items.size() < class_count[cls]) batch.items.resize(class_count[cls]);
    opened.emplace_back(cls, b);
    return b;
}

void TransitState::close_batches() {
    for (const auto& [cls, b] : opened) {
        batches[b].size = static_cast<std::size_t>(cursor[cls] - batches[b].items.data());
        cursor[cls] = nullptr;
    }
    opened.clear();
}

}  // namespace shockflow::model
