// How a short supplier splits its stock over the requests it received.
#include <algorithm>
#include <limits>

#include "model/engine.hpp"

namespace shockflow::model {

void Engine::allocate(std::uint32_t row, double total) {
    const auto b = m_.outbound.begin(row), e = m_.outbound.end(row);
    const std::size_t n = e - b;
    const double stock = stock_[row];
    auto req = [&](std::size_t k) { return req_[m_.outbound.list[b + k]]; };
    if (total <= stock) {
        for (std::size_t k = 0; k < n; ++k) scratch_[k] = req(k);
        return;
    }
    switch (m_.policy.allocation) {
        case Allocation::Proportional:
            for (std::size_t k = 0; k < n; ++k) scratch_[k] = stock * req(k) / total;
            return;
        case Allocation::Priority:
            allocate_priority(row, stock);
            return;
        case Allocation::FairShare:
            allocate_fair(row, stock);
            return;
    }
}

// Requesters are served by rank of the policy's priority list (unlisted last);
// within a rank, in proportion to their requests.
void Engine::allocate_priority(std::uint32_t row, double stock) {
    const auto b = m_.outbound.begin(row), e = m_.outbound.end(row);
    const std::size_t n = e - b;
    auto rank = [&](std::size_t k) {
        return m_.priority_rank[m_.channels[m_.outbound.list[b + k]].dst];
    };
    std::fill_n(scratch_.begin(), n, 0.0);
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
            if (rank(k) == next) group += req_[m_.outbound.list[b + k]];
        const double share = group <= left ? 1.0 : left / group;
        for (std::size_t k = 0; k < n; ++k)
            if (rank(k) == next) scratch_[k] = req_[m_.outbound.list[b + k]] * share;
        left -= std::min(group, left);
        current = next + 1;
    }
}

// Max-min fair (water filling): everyone gets an equal share, capped at what
// they asked for; what the small requesters leave is shared by the others.
void Engine::allocate_fair(std::uint32_t row, double stock) {
    const auto b = m_.outbound.begin(row), e = m_.outbound.end(row);
    const std::size_t n = e - b;
    std::fill_n(scratch_.begin(), n, -1.0);  // -1: not yet settled
    double left = stock;
    std::size_t open = n;
    for (bool settled = true; settled && open > 0;) {
        settled = false;
        const double share = left / static_cast<double>(open);
        for (std::size_t k = 0; k < n; ++k) {
            const double r = req_[m_.outbound.list[b + k]];
            if (scratch_[k] < 0.0 && r <= share) {
                scratch_[k] = r;
                left -= r;
                --open;
                settled = true;
            }
        }
    }
    const double share = open > 0 ? left / static_cast<double>(open) : 0.0;
    for (std::size_t k = 0; k < n; ++k)
        if (scratch_[k] < 0.0) scratch_[k] = share;
}

}  // namespace shockflow::model
