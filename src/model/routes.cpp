// Link cuts and detours: each link's capacity, the route and transit time of
// every channel, the holders' split of orders over their channels, and the
// transit classes of the shipments in flight.
#include <algorithm>
#include <cmath>
#include <limits>

#include "model/engine.hpp"
#include "model/routing.hpp"

namespace shockflow::model {

void Engine::refresh_link(LinkIndex link) {
    const double f = dis_.cut_factor.product(link.value);
    routes_.link_factor[link] = f;
    LinkState& s = routes_.links[m_.link_slot[link]];
    s.fold_peak();  // what was shipped since counts against the capacity it had
    s.cap = m_.links[link].capacity * f * dt_;
}

// Channels over an open link go direct. Over a closed one they go, with
// rerouting, by the fastest path of open links and otherwise wait (usable
// capacity 0); over a partly cut one, with rerouting, they are split (see
// split()). Trees are computed once per (source node, product) and event.
void Engine::refresh_routes() {
    RouteState& r = routes_;
    r.path_pool.clear();
    r.trees.clear();
    r.closed.clear();
    r.partial.clear();
    r.rerouted.clear();
    for (const ChannelIndex c : indices(m_.channels)) route(c);
    refresh_shares();
    transit_.count_classes(r);
}

// After link `link` opened, closed or changed its capacity only its own
// channels and those whose link is cut (on a detour, which may have used
// `link`, or waiting for one, which `link` may now offer) change.
void Engine::refresh_routes_after(LinkIndex link) {
    RouteState& r = routes_;
    r.todo.assign(r.closed.begin(), r.closed.end());
    r.todo.insert(r.todo.end(), r.partial.begin(), r.partial.end());
    for (auto k = m_.channels_of_link.begin(link); k < m_.channels_of_link.end(link); ++k)
        r.todo.push_back(m_.channels_of_link.list[k]);
    std::sort(r.todo.begin(), r.todo.end());
    r.todo.erase(std::unique(r.todo.begin(), r.todo.end()), r.todo.end());
    r.path_pool.clear();
    r.trees.clear();
    r.closed.clear();
    r.partial.clear();
    r.rerouted.clear();
    for (const ChannelIndex c : r.todo) route(c);
    // Only the holders at the end of re-routed channels split their orders anew.
    r.touched_rows.clear();
    for (const ChannelIndex c : r.todo) r.touched_rows.push_back(m_.channel_dst_row[c]);
    std::sort(r.touched_rows.begin(), r.touched_rows.end());
    r.touched_rows.erase(std::unique(r.touched_rows.begin(), r.touched_rows.end()),
                         r.touched_rows.end());
    for (const RowIndex row : r.touched_rows) refresh_shares_of(row);
    transit_.count_classes(r);
}

// Each holder's split of its forecast (and of orders nobody can fill this
// cycle) over its inbound channels: by usable capacity, which only changes
// when routes do.
void Engine::refresh_shares() {
    for (const RowIndex row : m_.holders) refresh_shares_of(row);
}

// Lateral channels get their planned share while open
// (compile_lateral.cpp), the primary ones the rest; then the lead time.
void Engine::refresh_shares_of(RowIndex row) {
    RouteState& r = routes_;
    // A primary channel's weight: its link's weight while it can carry
    // anything, where the row splits by weights; else what it can carry, up
    // to what a producer at its source can make (as orders are split in a
    // cycle, Engine::place_orders).
    auto weight = [&](InboundPos k) {
        if (m_.inbound_weight[k] > 0.0) return r.usable_in[k] > 0.0 ? m_.inbound_weight[k] : 0.0;
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
    for (auto k = b; k < e; ++k) {
        const ChannelIndex c = m_.inbound.list[k];
        double share = 0.0;
        if (m_.inbound_lateral[k])
            share = r.usable_in[k] > 0.0 ? m_.lateral_share[c] : 0.0;
        else if (total > 0.0)
            share = (1.0 - planned) * weight(k) / total;
        r.share[c] = share;
    }
    refresh_lead_of(row);
    rows_.plans_stale = true;
}

// The primary channels' parts of an order of `rest` split by their links'
// weights, each up to what it can bring this cycle (in the scratch, where
// that is on entry), what one cannot bring going to the others by weight
// (water filling); returns their sum. With nothing to order the weights
// alone split what the channels can bring (`primary`), so that the parts stay
// positive where goods can come.
double Engine::weighted_parts(InboundPos b, InboundPos e, double rest, double primary) {
    double* part = rows_.by_supply.data();
    std::uint8_t* open = rows_.uncapped.data();
    double left = rest > 0.0 ? rest : primary, weights = 0.0;
    for (auto k = b; k < e; ++k) {
        const bool can = !m_.inbound_lateral[k] && part[k - b] > 0.0;
        open[k - b] = can ? 1 : 0;
        if (can) weights += m_.inbound_weight[k];
    }
    // A channel whose weighted part reaches what it can bring is capped
    // there; the others' parts only grow as channels are capped, so a pass
    // that caps none is the last (one pass in an undisturbed cycle).
    for (bool capped = true; capped && weights > 0.0;) {
        capped = false;
        for (auto k = b; k < e; ++k) {
            if (!open[k - b] || left * m_.inbound_weight[k] < part[k - b] * weights) continue;
            open[k - b] = 0;
            left -= part[k - b];
            weights -= m_.inbound_weight[k];
            capped = true;
        }
    }
    double sum = 0.0;
    for (auto k = b; k < e; ++k) {
        if (m_.inbound_lateral[k]) continue;
        if (open[k - b]) part[k - b] = left * m_.inbound_weight[k] / weights;
        sum += part[k - b];
    }
    return sum;
}

// The holder's lead time: the transit of its channels, weighted by their shares.
void Engine::refresh_lead_of(RowIndex row) {
    double lead = 0.0;
    for (auto k = m_.inbound.begin(row); k < m_.inbound.end(row); ++k) {
        const ChannelIndex c = m_.inbound.list[k];
        lead += routes_.share[c] * transit_days(c);
    }
    routes_.lead_days[row] = lead;
}

// A split channel's lead time depends on its holder's plan, so it is
// refreshed whenever plans are (propagate_plans).
void Engine::refresh_split_leads() {
    for (const ChannelIndex c : routes_.rerouted)
        if (routes_.direct_cap[c] > 0.0) refresh_lead_of(m_.channel_dst_row[c]);
}

// Days orders over channel c take. A split channel's are weighted by what of
// its holder's expected use (plan x share) each part would carry: its own
// link up to what that can carry, the rest its detour.
double Engine::transit_days(ChannelIndex c) const {
    const RouteState& r = routes_;
    const double direct = to_days(r.transit[c]);
    const double cap = r.direct_cap[c];
    if (cap <= 0.0) return direct;
    const double flow = r.share[c] * rows_.plan_rate[m_.channel_dst_row[c]] * dt_;
    if (flow <= cap) return direct;
    return (cap * direct + (flow - cap) * to_days(r.detour_transit[c])) / flow;
}

void Engine::route(ChannelIndex c) {
    RouteState& r = routes_;
    const Channel& ch = m_.channels[c];
    const CompiledLink& link = m_.links[ch.link];
    const double factor = r.link_factor[ch.link];
    const InboundPos pos = m_.channel_in_pos[c];
    r.path_begin[c] = r.path_end[c] = static_cast<std::uint32_t>(r.path_pool.size());
    r.transit[c] = link.transit;
    r.direct_cap[c] = 0.0;
    r.usable_in[pos] = link.capacity * factor * dt_;
    if (factor <= 0.0) {
        r.closed.push_back(c);
        if (m_.policy.reroute) {
            const std::uint64_t key = (std::uint64_t{ch.src.value} << 32) | ch.product.value;
            auto it = r.trees.find(key);
            if (it == r.trees.end())
                it = r.trees.emplace(key, r.router->fastest_tree(ch.src, ch.product, r.link_factor))
                         .first;
            if (follow(c, it->second, r.transit[c], r.usable_in[pos])) {
                // The detour carries at most what the link lost: all of it.
                r.detour_cap[c] = link.capacity * dt_;
                r.usable_in[pos] = std::min(r.usable_in[pos], r.detour_cap[c]);
                r.rerouted.push_back(c);
            }
        }
    } else if (factor < 1.0 && m_.policy.reroute) {
        r.partial.push_back(c);
        split(c);
    }
    // What a producer sends to a depot or region leaves in the middle of the
    // cycle (docs/MODEL.md, "Shipping"): it arrives half a cycle later than
    // its transit alone would say.
    const Tick wait{m_.dispatch_late[c] ? m_.step.value / 2 : 0};
    transit_.classify(c, r.transit[c] + wait);
    transit_.class_of_detour[c] = r.direct_cap[c] > 0.0
                                      ? transit_.class_of(r.detour_transit[c] + wait)
                                      : transit_.class_of_channel[c];
}

// A channel whose own link is partly cut keeps that link for what it can
// carry and sends the rest (its overflow) by the fastest path of open links
// that avoids it. No tree is shared: each channel avoids its own link.
void Engine::split(ChannelIndex c) {
    RouteState& r = routes_;
    const Channel& ch = m_.channels[c];
    Tick transit{0};
    double usable = 0.0;
    if (!follow(c, r.router->fastest_tree(ch.src, ch.product, r.link_factor, ch.link), transit,
                usable))
        return;  // no detour: its own link only, as without rerouting
    const InboundPos pos = m_.channel_in_pos[c];
    // The detour carries at most what the link lost, so more damage never
    // brings more.
    r.detour_cap[c] = m_.links[ch.link].capacity * (1.0 - r.link_factor[ch.link]) * dt_;
    r.direct_cap[c] = r.usable_in[pos];
    r.usable_in[pos] += std::min(usable, r.detour_cap[c]);
    r.detour_transit[c] = transit;
    r.rerouted.push_back(c);
}

// Follows the tree back from the channel's destination to its source and
// keeps the path as the channel's detour: its transit (the sum of its hops')
// and its usable capacity (its tightest hop's). False if there is none.
bool Engine::follow(ChannelIndex c, const IndexVec<NodeIndex, LinkIndex>& via, Tick& transit,
                    double& usable) {
    RouteState& r = routes_;
    const Channel& ch = m_.channels[c];
    const auto first = static_cast<std::uint32_t>(r.path_pool.size());
    NodeIndex at = ch.dst;
    while (at != ch.src) {
        const LinkIndex l = via[at];
        if (!l.valid() || r.path_pool.size() - first > m_.links.size()) {  // unreachable
            r.path_pool.resize(first);
            return false;
        }
        r.path_pool.push_back(l);
        at = m_.links[l].from;
    }
    std::reverse(r.path_pool.begin() + first, r.path_pool.end());
    transit = Tick{0};
    usable = std::numeric_limits<double>::infinity();
    for (std::size_t h = first; h < r.path_pool.size(); ++h) {
        const LinkIndex hop = r.path_pool[h];
        transit = transit + m_.links[hop].transit;
        usable = std::min(usable, m_.links[hop].capacity * r.link_factor[hop] * dt_);
    }
    r.path_begin[c] = first;
    r.path_end[c] = static_cast<std::uint32_t>(r.path_pool.size());
    return true;
}

// A rerouted channel's request, once every link's load is known: up to
// direct_cap of it goes over its own link and takes that link's factor, the
// rest goes round and takes the factor of the detour's tightest hop (a
// closed link's channel sends all of it round). True if it was scaled down.
bool Engine::clip_rerouted(ChannelIndex c) {
    RouteState& r = routes_;
    const double want = std::max(0.0, rows_.req[c]);
    const double direct = std::min(want, r.direct_cap[c]);
    const double round = std::min(want - direct, r.detour_cap[c]);
    double f = 1.0;
    for (auto h = r.path_begin[c]; h < r.path_end[c]; ++h)
        f = std::min(f, r.link_scale[m_.link_slot[r.path_pool[h]]]);
    const double fd = direct > 0.0 ? r.link_scale[m_.channel_slot[c]] : 1.0;
    r.direct_req[c] = direct * fd;
    if (f >= 1.0 && fd >= 1.0 && round >= want - direct) return false;
    rows_.ordered_today[m_.channel_dst_row[c]] += direct * fd + round * f - rows_.req[c];
    rows_.req[c] = direct * fd + round * f;
    return true;
}

// Ships `units` granted over a rerouted channel: over its own link first, up
// to the part of its request that goes there, the rest by the detour. Each
// part travels in the class of its own transit time and counts on its links.
void Engine::ship_rerouted(ChannelIndex c, double units, Tick t) {
    RouteState& r = routes_;
    const RowIndex dst = m_.channel_dst_row[c];
    const double direct = std::min(units, r.direct_req[c]);
    if (direct > 0.0) {
        r.links[m_.channel_slot[c]].used += direct;
        put(transit_.class_of_channel[c], Shipment{dst, m_.channel_dest[c], direct}, t);
    }
    const double round = units - direct;
    if (round <= 0.0) return;
    for (auto h = r.path_begin[c]; h < r.path_end[c]; ++h)
        r.links[m_.link_slot[r.path_pool[h]]].used += round;
    put(transit_.class_of_detour[c], Shipment{dst, m_.channel_dest[c], round}, t);
}

// A batch has room for one shipment per channel of its class; what depots
// pass on at one instant shares a batch (Engine::pass_on), where a channel
// may come more than once, so a full batch grows.
void Engine::put(std::uint32_t cls, Shipment s, Tick t, bool passed) {
    Shipment*& at = transit_.cursor[cls];
    if (at == nullptr) at = open_batch(cls, t, passed);
    std::vector<Shipment>& items = transit_.batches[transit_.open_of[cls]].items;
    const auto used = static_cast<std::size_t>(at - items.data());
    if (used == items.size()) [[unlikely]] {
        items.resize(2 * used + 1);
        at = items.data() + used;
    }
    *at++ = s;
}

// ---- transit classes and batches -------------------------------------------

// Classes are looked up by transit time and never removed, so batches stay
// valid across refreshes.
std::uint32_t TransitState::class_of(Tick transit) {
    auto [it, added] =
        class_index.try_emplace(transit.value, static_cast<std::uint32_t>(classes.size()));
    if (added) {
        classes.push_back(transit);
        cursor.push_back(nullptr);
        open_of.push_back(0);
        class_count.push_back(0);
    }
    return it->second;
}

// Each channel ships once per cycle, a split one twice (its detour's part in
// its own class).
void TransitState::count_classes(const RouteState& routes) {
    std::fill(class_count.begin(), class_count.end(), 0);
    for (const std::uint32_t cls : class_of_channel) ++class_count[cls];
    for (const ChannelIndex c : routes.rerouted)
        if (routes.direct_cap[c] > 0.0) ++class_count[class_of_detour[c]];
}

// A batch with room for one shipment per channel of the class, opened for
// this cycle.
std::uint32_t TransitState::take_batch(std::uint32_t cls, bool passed) {
    std::vector<std::uint32_t>& pool = passed ? free_passed : free_batches;
    std::uint32_t b = 0;
    if (pool.empty()) {
        b = static_cast<std::uint32_t>(batches.size());
        batches.emplace_back();
    } else {
        b = pool.back();
        pool.pop_back();
    }
    Batch& batch = batches[b];
    // What is passed on starts with room for a few shipments (put grows it).
    const std::size_t room = passed ? std::min<std::size_t>(class_count[cls], 8) : class_count[cls];
    if (batch.items.size() < room) batch.items.resize(room);
    batch.passed = passed;
    batch.open = true;
    open_of[cls] = b;
    opened.emplace_back(cls, b);
    return b;
}

void TransitState::close_batches() {
    for (const auto& [cls, b] : opened) {
        batches[b].size = static_cast<std::size_t>(cursor[cls] - batches[b].items.data());
        batches[b].open = false;
        cursor[cls] = nullptr;
    }
    opened.clear();
}

}  // namespace shockflow::model
