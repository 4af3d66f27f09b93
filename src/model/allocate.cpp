// How a short supplier splits its stock over the requests it received.
#include <algorithm>
#include <limits>

#include "model/engine.hpp"

namespace shockflow::model {

// Lateral requests (from depots that also supply this one) beyond their
// planned flow are served only from what the depot's other customers leave.
void Engine::allocate_short(RowIndex row, double total) {
    const ChannelIndex b = m_.outbound.begin(row), e = m_.outbound.end(row);
    auto extra = [&](ChannelIndex c) {
        return rows_.req[c] - std::min(rows_.req[c], rows_.planned[c]);
    };
    double side = 0.0;
    if (m_.supplies_laterally[row])
        for (ChannelIndex c = b; c < e; ++c)
            if (m_.lateral[c]) side += extra(c);
    const double* req = rows_.req.data() + b.value;
    if (side <= 0.0) {
        allocate(row, total, req);
        return;
    }
    const double stock = rows_.stock[row];
    const double own = total - side;
    std::vector<double>& grants = rows_.grants;
    if (own <= stock) {
        const double f = (stock - own) / side;
        for (ChannelIndex c = b; c < e; ++c)
            grants[c - b] = m_.lateral[c] ? rows_.req[c] - extra(c) * (1.0 - f) : rows_.req[c];
        return;
    }
    // Hide the lateral requests' extra from the rule, then restore them.
    auto& held = rows_.held;
    held.clear();
    for (ChannelIndex c = b; c < e; ++c)
        if (m_.lateral[c]) {
            held.push_back(rows_.req[c]);
            rows_.req[c] -= extra(c);
        }
    allocate(row, own, req);
    std::size_t i = 0;
    for (ChannelIndex c = b; c < e; ++c)
        if (m_.lateral[c]) rows_.req[c] = held[i++];
}

// `req`: the requests, by the place of their channel among the row's.
void Engine::allocate(RowIndex row, double total, const double* req) {
    const std::size_t n = m_.outbound.end(row) - m_.outbound.begin(row);
    const double stock = rows_.stock[row];
    std::vector<double>& grants = rows_.grants;
    if (total <= stock) {
        for (std::size_t k = 0; k < n; ++k) grants[k] = req[k];
        return;
    }
    switch (m_.policy.allocation) {
        case Allocation::Proportional:
            for (std::size_t k = 0; k < n; ++k) grants[k] = stock * req[k] / total;
            return;
        case Allocation::Priority:
            allocate_priority(row, stock, req);
            return;
        case Allocation::FairShare:
            allocate_fair(row, stock, req);
            return;
    }
}

// Requesters are served by rank of the policy's priority list (unlisted last);
// within a rank, in proportion to their requests.
void Engine::allocate_priority(RowIndex row, double stock, const double* req) {
    const ChannelIndex b = m_.outbound.begin(row);
    const std::size_t n = m_.outbound.end(row) - b;
    auto channel = [&](std::size_t k) { return b + static_cast<std::uint32_t>(k); };
    auto rank = [&](std::size_t k) { return m_.policy.priority_rank[m_.channels[channel(k)].dst]; };
    std::vector<double>& grants = rows_.grants;
    std::fill_n(grants.begin(), n, 0.0);
    double left = stock;
    std::uint32_t current = 0;
    while (left > 0.0) {
        // The lowest rank not yet served.
        std::uint32_t next = std::numeric_limits<std::uint32_t>::max();
        for (std::size_t k = 0; k < n; ++k)
            if (rank(k) >= current) next = std::min(next, rank(k));
        if (next == std::numeric_limits<std::uint32_t>::max()) break;
        double group = 0.0;
        for (std::size_t k = 0; k < n; ++k)
            if (rank(k) == next) group += req[k];
        const double share = group <= left ? 1.0 : left / group;
        for (std::size_t k = 0; k < n; ++k)
            if (rank(k) == next) grants[k] = req[k] * share;
        left -= std::min(group, left);
        current = next + 1;
    }
}

// Max-min fair (water filling): everyone gets an equal share, capped at what
// they asked for; what the small requesters leave is shared by the others.
void Engine::allocate_fair(RowIndex row, double stock, const double* req) {
    const std::size_t n = m_.outbound.end(row) - m_.outbound.begin(row);
    std::vector<double>& grants = rows_.grants;
    std::fill_n(grants.begin(), n, -1.0);  // -1: not yet settled
    double left = stock;
    std::size_t open = n;
    for (bool settled = true; settled && open > 0;) {
        settled = false;
        const double share = left / static_cast<double>(open);
        for (std::size_t k = 0; k < n; ++k) {
            const double r = req[k];
            if (grants[k] < 0.0 && r <= share) {
                grants[k] = r;
                left -= r;
                --open;
                settled = true;
            }
        }
    }
    const double share = open > 0 ? left / static_cast<double>(open) : 0.0;
    for (std::size_t k = 0; k < n; ++k)
        if (grants[k] < 0.0) grants[k] = share;
}

}  // namespace shockflow::model
