// Static baseline: the daily need of every (node, product) when the network is
// undisturbed, found by propagating the regions' demand up the supply links
// (orders split over inbound links by nominal capacity, producers turning
// orders into input needs through the recipes). It starts the smoothed
// expected need that sets stock targets, and is the yardstick for "production
// against baseline".
#include <algorithm>
#include <cmath>

#include "model/compiled.hpp"

namespace shockflow::model {
namespace {

// Share of row r's orders sent over each inbound channel (by nominal capacity).
std::vector<double> inbound_shares(const CompiledModel& m) {
    std::vector<double> share(m.channels.size(), 0.0);
    const std::size_t rows = m.n_nodes * m.n_products;
    for (std::size_t r = 0; r < rows; ++r) {
        const auto b = m.inbound.begin(r), e = m.inbound.end(r);
        if (b == e) continue;
        double total = 0.0;
        for (auto k = b; k < e; ++k) total += m.links[m.channels[m.inbound.list[k]].link].capacity;
        for (auto k = b; k < e; ++k) {
            const std::uint32_t c = m.inbound.list[k];
            share[c] = total > 0.0 ? m.links[m.channels[c].link].capacity / total
                                   : 1.0 / static_cast<double>(e - b);
        }
    }
    return share;
}

// One Jacobi sweep: need -> requests received -> production -> input needs.
double sweep(const CompiledModel& m, const std::vector<double>& share, std::vector<double>& need,
             std::vector<double>& received) {
    const std::size_t rows = m.n_nodes * m.n_products;
    received.assign(rows, 0.0);
    for (std::uint32_t c = 0; c < m.channels.size(); ++c) {
        const Channel& ch = m.channels[c];
        received[m.dense(ch.src, ch.product)] += share[c] * need[m.dense(ch.dst, ch.product)];
    }
    std::vector<double> next(rows, 0.0);
    for (std::uint32_t n = 0; n < m.n_nodes; ++n) {
        for (std::uint32_t p = 0; p < m.n_products; ++p) {
            const std::size_t r = m.dense(n, p);
            if (m.kind[n] == NodeKind::Region) next[r] += m.demand[r];
            if (!m.produces[r]) {
                next[r] += received[r];
                continue;
            }
            if (m.kind[n] == NodeKind::Source) continue;
            for (const auto& in : m.recipe[p])
                next[m.dense(n, in.input)] += in.per_unit * received[r];
        }
    }
    double change = 0.0;
    for (std::size_t r = 0; r < rows; ++r) change = std::max(change, std::abs(next[r] - need[r]));
    need.swap(next);
    return change;
}

}  // namespace

void compute_baseline_need(CompiledModel& m) {
    const std::vector<double> share = inbound_shares(m);
    m.baseline_need.assign(m.n_nodes * m.n_products, 0.0);
    double scale = 1e-12;
    for (double d : m.demand) scale += d;
    // Converges in (longest supply chain) sweeps on acyclic networks; the cap
    // keeps cyclic ones (depots supplying each other) finite.
    std::vector<double> received;
    for (int i = 0; i < 1000; ++i)
        if (sweep(m, share, m.baseline_need, received) <= 1e-12 * scale) break;
    m.baseline_output.assign(received.size(), 0.0);
    for (std::size_t r = 0; r < received.size(); ++r)
        if (m.produces[r]) m.baseline_output[r] = received[r];
}

}  // namespace shockflow::model
