// Static baseline: the daily need of every (node, product) when the network is
// undisturbed, found by propagating the regions' demand up the supply links
// (orders split over inbound links by nominal capacity, producers turning
// orders into input needs through the recipes). It starts the smoothed
// expected need that sets stock targets, and is the yardstick for "production
// against baseline".
#include <algorithm>
#include <cmath>

#include "model/compile_tables.hpp"

namespace shockflow::model {
namespace {

using DenseVec = IndexVec<DenseIndex, double>;

// What pair `r` makes to deliver `delivered` to others: in the ARIO mode
// gross of what it uses of its own output, delivered / (1 - a_jj); net (the
// same) in the default model.
double gross_output(const DenseTables& d, DenseIndex r, double delivered) {
    const OwnInput* own = d.own(r);
    return own != nullptr ? delivered / (1.0 - own->self) : delivered;
}

// One Jacobi sweep: need -> requests received -> production -> input needs
// (a twin's: what its industry buys of its own product, compile.cpp).
double sweep(const CompiledModel& m, const DenseTables& d,
             const IndexVec<ChannelIndex, double>& share, DenseVec& need, DenseVec& received) {
    received.assign(d.size(), 0.0);
    for (const ChannelIndex c : indices(m.channels)) {
        const Channel& ch = m.channels[c];
        received[d.at(ch.src, ch.product)] += share[c] * need[d.channel_dst[c]];
    }
    DenseVec next(d.size(), 0.0);
    for (const NodeIndex n : indices<NodeIndex>(m.n_nodes)) {
        for (const ProductIndex p : indices<ProductIndex>(m.n_products)) {
            const DenseIndex r = d.at(n, p);
            if (m.kind[n] == NodeKind::Region) next[r] += d.demand[r];
            if (!d.produces[r]) {
                next[r] += received[r];
                continue;
            }
            if (m.kind[n] == NodeKind::Source) continue;
            const double made = gross_output(d, r, received[r]);
            for (const auto& in : d.inputs(r)) next[d.at(n, in.input)] += in.per_unit * made;
            if (const OwnInput* own = d.own(r)) next[own->twin] += own->per_unit * made;
        }
    }
    double change = 0.0;
    for (const DenseIndex r : indices<DenseIndex>(d.size()))
        change = std::max(change, std::abs(next[r] - need[r]));
    need.raw().swap(next.raw());
    return change;
}

}  // namespace

// Share of each pair's orders sent over each inbound channel: lateral
// channels their planned share (none until compile_lateral.cpp plans them),
// primary ones the rest, by their links' weights where they all have one,
// else by nominal link capacity up to what a producer at their source can
// make (as the engine splits orders).
IndexVec<ChannelIndex, double> inbound_shares(const CompiledModel& m, const DenseTables& d) {
    IndexVec<ChannelIndex, double> share(m.channels.size(), 0.0);
    auto planned_share = [&](ChannelIndex c) {
        return m.lateral_share.empty() ? 0.0 : m.lateral_share[c];
    };
    auto weight = [&](ChannelIndex c) {
        if (d.weight[c] > 0.0) return d.weight[c];  // the row's links all have weights
        const Channel& ch = m.channels[c];
        const double link = m.links[ch.link].capacity;
        const double made = d.capacity[d.at(ch.src, ch.product)];
        return made > 0.0 ? std::min(link, made) : link;
    };
    for (const DenseIndex r : indices<DenseIndex>(d.size())) {
        const auto b = d.inbound.begin(r), e = d.inbound.end(r);
        double total = 0.0, primaries = 0.0, planned = 0.0;
        for (auto k = b; k < e; ++k) {
            const ChannelIndex c = d.inbound.list[k];
            if (m.lateral[c]) {
                planned += planned_share(c);
            } else {
                total += weight(c);
                primaries += 1.0;
            }
        }
        for (auto k = b; k < e; ++k) {
            const ChannelIndex c = d.inbound.list[k];
            share[c] = m.lateral[c]
                           ? planned_share(c)
                           : (1.0 - planned) * (total > 0.0 ? weight(c) / total : 1.0 / primaries);
        }
    }
    return share;
}

void compute_baseline_need(const CompiledModel& m, DenseTables& d) {
    const IndexVec<ChannelIndex, double> share = inbound_shares(m, d);
    d.baseline_need.assign(d.size(), 0.0);
    double scale = 1e-12;
    for (double q : d.demand) scale += q;
    // Converges in (longest supply chain) sweeps on acyclic networks; the cap
    // keeps cyclic ones (depots supplying each other) finite.
    DenseVec received;
    for (int i = 0; i < 1000; ++i)
        if (sweep(m, d, share, d.baseline_need, received) <= 1e-12 * scale) break;
    d.baseline_output.assign(received.size(), 0.0);
    for (const DenseIndex r : indices(received))
        if (d.produces[r]) d.baseline_output[r] = gross_output(d, r, received[r]);
}

}  // namespace shockflow::model
