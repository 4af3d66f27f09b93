#pragma once
// The combined factor of the shocks that act on each target: the capacity
// share a link keeps under its cuts, the share of workers a node keeps under
// labour shocks, the multiplier of a region's demand for a product. A
// shock's start or end updates only its own entries, so a run costs what its
// shocks touch, not (shocks switched) x (shocks drawn): recomputing every
// target's product from every shock made 100,000 events take minutes.

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace shockflow::model {

class ShockProducts {
public:
    // A target with up to this many entries is folded in shock order, as the
    // factors of the active shocks used to be multiplied one by one (so the
    // result is bit for bit the same); above it, a tree of products keeps
    // each update to a logarithm.
    static constexpr std::uint32_t kFold = 32;

    // `touches`: (shock, target) pairs, in shock order; a shock may touch a
    // target more than once (its factor then counts each time). Every
    // factor starts at 1 (no shock active).
    void build(std::size_t targets, std::size_t shocks,
               const std::vector<std::pair<std::uint32_t, std::uint32_t>>& touches);

    // Sets every entry of `shock` to `factor` (1 when it is not active).
    void set(std::uint32_t shock, double factor);

    // The product of the factors of `target`'s entries.
    [[nodiscard]] double product(std::uint32_t target) const;

    // The targets `shock` touches, in the order given (with repeats).
    [[nodiscard]] std::span<const std::uint32_t> targets_of(std::uint32_t shock) const {
        return {shock_target_.data() + shock_begin_[shock],
                shock_target_.data() + shock_begin_[shock + 1]};
    }

private:
    std::vector<std::uint32_t> target_begin_;  // entries of target t: [begin[t], begin[t+1])
    std::vector<double> factor_;               // by entry, grouped by target, in shock order
    std::vector<std::uint32_t> shock_begin_;   // a shock's entries in shock_entry_
    std::vector<std::uint32_t> shock_entry_;   // entry index of each (shock, target) pair
    std::vector<std::uint32_t> shock_target_;  // its target
    // Targets above kFold: a tree of 2n products over their n entries
    // (leaves at [n, 2n), node i = node 2i x node 2i+1, the whole at 1).
    std::vector<std::uint32_t> tree_begin_;  // by target; unused below kFold
    std::vector<double> tree_;
};

}  // namespace shockflow::model
