// Compiled structure for the ordering rule (docs/MODEL.md, "Orders"): which
// channels are lateral (between depots that supply each other), which split
// their orders by link weights, and the order in which plans are propagated
// up the network.
#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <vector>

#include "model/compile_tables.hpp"

namespace shockflow::model {
namespace {

bool depot_to_depot(const CompiledModel& m, const Channel& c) {
    return m.kind[c.src] == NodeKind::Depot && m.kind[c.dst] == NodeKind::Depot;
}

// True if pair `to` can be reached from pair `from` over depot-to-depot channels.
bool reaches(const CompiledModel& m, const DenseTables& d, DenseIndex from, DenseIndex to) {
    std::vector<DenseIndex> todo{from};
    std::vector<DenseIndex> seen{from};
    while (!todo.empty()) {
        const DenseIndex at = todo.back();
        todo.pop_back();
        for (auto c = d.outbound.begin(at); c < d.outbound.end(at); ++c) {
            const Channel& ch = m.channels[c];
            if (!depot_to_depot(m, ch)) continue;
            const DenseIndex next = d.at(ch.dst, ch.product);
            if (next == to) return true;
            if (std::find(seen.begin(), seen.end(), next) != seen.end()) continue;
            seen.push_back(next);
            todo.push_back(next);
        }
    }
    return false;
}

}  // namespace

void mark_lateral(const DenseTables& d, CompiledModel& m) {
    m.lateral.assign(m.channels.size(), false);
    for (const ChannelIndex c : indices(m.channels)) {
        const Channel& ch = m.channels[c];
        if (depot_to_depot(m, ch))
            m.lateral[c] = reaches(m, d, d.at(ch.dst, ch.product), d.at(ch.src, ch.product));
    }
    m.lateral_channels.clear();
    for (const ChannelIndex c : indices(m.channels))
        if (m.lateral[c]) m.lateral_channels.push_back(c);
}

// A pair whose primary (not lateral) inbound channels all run over links
// with a weight splits its orders and plans by those weights: d.weight is
// the link's weight there, 0 for every other channel.
void compile_weights(CompiledModel& m, DenseTables& d) {
    d.weight.assign(m.channels.size(), 0.0);
    for (const DenseIndex r : d.holders) {
        bool all = true, any = false;
        for (auto k = d.inbound.begin(r); k < d.inbound.end(r); ++k) {
            const ChannelIndex c = d.inbound.list[k];
            if (m.lateral[c]) continue;
            any = true;
            all = all && m.links[m.channels[c].link].weight > 0.0;
        }
        if (!any || !all) continue;
        for (auto k = d.inbound.begin(r); k < d.inbound.end(r); ++k) {
            const ChannelIndex c = d.inbound.list[k];
            if (!m.lateral[c]) d.weight[c] = m.links[m.channels[c].link].weight;
        }
    }
}

// Kahn's algorithm over "row a's plan feeds row b": a channel's destination
// feeds its source (lateral channels only with a planned flow), a made product feeds its
// inputs. Ties are broken by row index, so the order is deterministic.
void compile_plan_order(CompiledModel& m) {
    IndexVec<RowIndex, std::vector<RowIndex>> feeds(m.n_rows);
    IndexVec<RowIndex, std::uint32_t> waiting(m.n_rows, 0);
    auto edge = [&](RowIndex from, RowIndex to) {
        feeds[from].push_back(to);
        ++waiting[to];
    };
    for (const ChannelIndex c : indices(m.channels))
        if (!m.lateral[c] || m.lateral_share[c] > 0.0)
            edge(m.channels[c].dst_row, m.channels[c].src_row);
    for (const MadePos k : indices(m.made_row))
        for (auto i = m.made_input.begin(k); i < m.made_input.end(k); ++i)
            edge(m.made_row[k], m.made_inputs[i].row);
    std::deque<RowIndex> ready;
    for (const RowIndex r : indices(waiting))
        if (waiting[r] == 0) ready.push_back(r);
    IndexVec<RowIndex, bool> placed(m.n_rows, false);
    m.plan_order.clear();
    while (!ready.empty()) {
        const RowIndex r = ready.front();
        ready.pop_front();
        m.plan_order.push_back(r);
        placed[r] = true;
        for (const RowIndex next : feeds[r])
            if (--waiting[next] == 0) ready.push_back(next);
    }
    m.loop_begin = m.plan_order.size();
    for (const RowIndex r : indices(placed))  // on or behind a loop
        if (!placed[r]) m.plan_order.push_back(r);
}

// The steady flows over lateral channels (docs/MODEL.md, "Depots that
// supply each other"): at baseline, a depot whose primary suppliers cannot make all
// its customers expect (their capacity is below what is asked of them) gets
// the rest from the nearest depots, over lateral channels, whose own primary
// producers have capacity to spare. Nearest by transit time; lateral links
// shared by all products, within their capacity. Deficits are served pair
// by pair in dense order (node by node); flows both ways between two depots are netted.
void plan_lateral_flows(CompiledModel& m, DenseTables& d) {
    m.lateral_share.assign(m.channels.size(), 0.0);
    d.lateral_flow.assign(m.channels.size(), 0.0);
    if (m.lateral_channels.empty()) return;
    const IndexVec<ChannelIndex, double> share = inbound_shares(m, d);  // primaries only yet
    const std::size_t n = d.size();
    // What a pair's primary suppliers can fill of what is asked of it: a
    // producer its capacity over its need, a holder the weighted fill of its
    // primary suppliers (settled by sweeps; chains of depots are short).
    IndexVec<DenseIndex, double> fill(n, 1.0), spare(n, 0.0);
    for (const DenseIndex r : indices<DenseIndex>(n))
        if (d.produces[r]) {
            const double asked = d.baseline_output[r];  // what its customers order
            fill[r] = asked > d.capacity[r] ? d.capacity[r] / asked : 1.0;
            spare[r] = std::max(0.0, d.capacity[r] - asked);
        }
    for (int sweep = 0; sweep < 64; ++sweep) {
        double change = 0.0;
        for (const DenseIndex r : d.holders) {
            if (d.produces[r]) continue;
            double f = 0.0, w = 0.0;
            for (auto k = d.inbound.begin(r); k < d.inbound.end(r); ++k) {
                const ChannelIndex c = d.inbound.list[k];
                if (m.lateral[c]) continue;
                const Channel& ch = m.channels[c];
                f += share[c] * fill[d.at(ch.src, ch.product)];
                w += share[c];
            }
            const double next = w > 0.0 ? f / w : 0.0;
            change = std::max(change, std::abs(next - fill[r]));
            fill[r] = next;
        }
        if (change < 1e-12) break;
    }
    // Lateral capacity left, units/day, by link (products share a link).
    IndexVec<LinkIndex, double> room(m.links.size(), 0.0);
    for (const ChannelIndex c : m.lateral_channels)
        room[m.channels[c].link] = m.links[m.channels[c].link].capacity;
    // Inbound lateral channels of each pair.
    std::vector<std::vector<ChannelIndex>> into(n);
    for (const ChannelIndex c : m.lateral_channels) {
        const Channel& ch = m.channels[c];
        into[d.at(ch.dst, ch.product).value].push_back(c);
    }
    // Producers' spare capacity reachable by a depot pair through its primaries.
    auto spare_of = [&](DenseIndex a) {
        double s = 0.0;
        for (auto k = d.inbound.begin(a); k < d.inbound.end(a); ++k) {
            const ChannelIndex c = d.inbound.list[k];
            const Channel& ch = m.channels[c];
            const DenseIndex src = d.at(ch.src, ch.product);
            if (!m.lateral[c] && d.produces[src]) s += spare[src];
        }
        return s;
    };
    auto take_spare = [&](DenseIndex a, double units) {
        const double total = spare_of(a);
        for (auto k = d.inbound.begin(a); k < d.inbound.end(a); ++k) {
            const ChannelIndex c = d.inbound.list[k];
            const Channel& ch = m.channels[c];
            const DenseIndex src = d.at(ch.src, ch.product);
            if (!m.lateral[c] && d.produces[src]) spare[src] -= units * (spare[src] / total);
        }
    };
    std::vector<double> dist(n, std::numeric_limits<double>::infinity());
    std::vector<ChannelIndex> via(n);
    std::vector<bool> done(n, false);
    std::vector<DenseIndex> touched, open;
    for (const DenseIndex b : d.holders) {
        if (into[b.value].empty()) continue;
        double deficit = d.baseline_need[b] * (1.0 - fill[b]);
        while (deficit > 1e-9 * std::max(1.0, d.baseline_need[b])) {
            // Fastest lateral paths towards b with room on every link
            // (Dijkstra backwards from b; few depots, so a linear scan).
            for (const DenseIndex t : touched) {
                dist[t.value] = std::numeric_limits<double>::infinity();
                done[t.value] = false;
            }
            touched.assign(1, b);
            open.assign(1, b);
            dist[b.value] = 0.0;
            DenseIndex best = DenseIndex::none();
            while (!open.empty()) {
                auto it =
                    std::min_element(open.begin(), open.end(), [&](DenseIndex x, DenseIndex y) {
                        return dist[x.value] < dist[y.value] ||
                               (dist[x.value] == dist[y.value] && x < y);
                    });
                const DenseIndex at = *it;
                open.erase(it);
                if (done[at.value]) continue;
                done[at.value] = true;
                if (at != b && spare_of(at) > 0.0) {
                    best = at;
                    break;
                }
                for (const ChannelIndex c : into[at.value]) {
                    if (room[m.channels[c].link] <= 0.0) continue;
                    const Channel& ch = m.channels[c];
                    const DenseIndex from = d.at(ch.src, ch.product);
                    const double t =
                        dist[at.value] + static_cast<double>(m.links[ch.link].transit.value);
                    if (done[from.value] || t >= dist[from.value]) continue;
                    dist[from.value] = t;
                    via[from.value] = c;
                    open.push_back(from);
                    touched.push_back(from);
                }
            }
            if (!best.valid()) break;  // nothing more can reach b
            double units = std::min(deficit, spare_of(best));
            for (DenseIndex at = best; at != b;) {
                const ChannelIndex c = via[at.value];
                units = std::min(units, room[m.channels[c].link]);
                const Channel& ch = m.channels[c];
                at = d.at(ch.dst, ch.product);
            }
            take_spare(best, units);
            for (DenseIndex at = best; at != b;) {
                const ChannelIndex c = via[at.value];
                room[m.channels[c].link] -= units;
                d.lateral_flow[c] += units;
                const Channel& ch = m.channels[c];
                at = d.at(ch.dst, ch.product);
            }
            deficit -= units;
        }
    }
    // Net the flows both ways between two depots.
    for (const ChannelIndex c : m.lateral_channels) {
        const Channel& ch = m.channels[c];
        const DenseIndex back = d.at(ch.dst, ch.product);
        for (auto k = d.outbound.begin(back); k < d.outbound.end(back); ++k)
            if (m.lateral[k] && m.channels[k].dst == ch.src) {
                const double both = std::min(d.lateral_flow[c], d.lateral_flow[k]);
                d.lateral_flow[c] -= both;
                d.lateral_flow[k] -= both;
            }
    }
    // As shares of the receiving pair's orders: its need once it forwards
    // what its lateral customers take from it.
    IndexVec<DenseIndex, double> total = d.baseline_need;
    for (const ChannelIndex c : m.lateral_channels) {
        const Channel& ch = m.channels[c];
        total[d.at(ch.src, ch.product)] += d.lateral_flow[c];
    }
    for (const ChannelIndex c : m.lateral_channels) {
        const Channel& ch = m.channels[c];
        const double t = total[d.at(ch.dst, ch.product)];
        m.lateral_share[c] = t > 0.0 ? d.lateral_flow[c] / t : 0.0;
    }
}

}  // namespace shockflow::model
