// Two pieces of compiled structure for the ordering rule (docs/MODEL.md,
// "Orders"): which channels are lateral (between depots that supply each
// other), and the order in which plans are propagated up the network.
#include <algorithm>
#include <deque>

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
    // A depot that can only be supplied over lateral channels orders over them
    // as over any other.
    for (const DenseIndex r : d.holders) {
        bool all = d.inbound.end(r) > d.inbound.begin(r);
        for (auto k = d.inbound.begin(r); k < d.inbound.end(r); ++k)
            all = all && m.lateral[d.inbound.list[k]];
        if (all)
            for (auto k = d.inbound.begin(r); k < d.inbound.end(r); ++k)
                m.lateral[d.inbound.list[k]] = false;
    }
    m.lateral_channels.clear();
    for (const ChannelIndex c : indices(m.channels))
        if (m.lateral[c]) m.lateral_channels.push_back(c);
}

// Kahn's algorithm over "row a's plan feeds row b": a channel's destination
// feeds its source (lateral channels excepted), a made product feeds its
// inputs. Ties are broken by row index, so the order is deterministic.
void compile_plan_order(CompiledModel& m) {
    IndexVec<RowIndex, std::vector<RowIndex>> feeds(m.n_rows);
    IndexVec<RowIndex, std::uint32_t> waiting(m.n_rows, 0);
    auto edge = [&](RowIndex from, RowIndex to) {
        feeds[from].push_back(to);
        ++waiting[to];
    };
    for (const ChannelIndex c : indices(m.channels))
        if (!m.lateral[c]) edge(m.channels[c].dst_row, m.channels[c].src_row);
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

}  // namespace shockflow::model
