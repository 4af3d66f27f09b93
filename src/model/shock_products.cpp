#include "model/shock_products.hpp"

namespace shockflow::model {

void ShockProducts::build(std::size_t targets, std::size_t shocks,
                          const std::vector<std::pair<std::uint32_t, std::uint32_t>>& touches) {
    // Entries grouped by target by a counting sort; taken in shock order, each
    // target's entries stay in shock order.
    target_begin_.assign(targets + 1, 0);
    for (const auto& [shock, target] : touches) ++target_begin_[target + 1];
    for (std::size_t t = 0; t < targets; ++t) target_begin_[t + 1] += target_begin_[t];
    factor_.assign(touches.size(), 1.0);
    shock_begin_.assign(shocks + 1, 0);
    for (const auto& [shock, target] : touches) ++shock_begin_[shock + 1];
    for (std::size_t s = 0; s < shocks; ++s) shock_begin_[s + 1] += shock_begin_[s];
    shock_entry_.resize(touches.size());
    shock_target_.resize(touches.size());
    std::vector<std::uint32_t> next_of_target(target_begin_.begin(), target_begin_.end() - 1);
    std::vector<std::uint32_t> next_of_shock(shock_begin_.begin(), shock_begin_.end() - 1);
    for (const auto& [shock, target] : touches) {
        const std::uint32_t k = next_of_shock[shock]++;
        shock_entry_[k] = next_of_target[target]++;
        shock_target_[k] = target;
    }
    tree_begin_.assign(targets, 0);
    tree_.clear();
    for (std::size_t t = 0; t < targets; ++t) {
        const std::uint32_t n = target_begin_[t + 1] - target_begin_[t];
        if (n <= kFold) continue;
        tree_begin_[t] = static_cast<std::uint32_t>(tree_.size());
        tree_.resize(tree_.size() + 2 * std::size_t{n}, 1.0);
    }
}

void ShockProducts::set(std::uint32_t shock, double factor) {
    for (std::uint32_t k = shock_begin_[shock]; k < shock_begin_[shock + 1]; ++k) {
        const std::uint32_t entry = shock_entry_[k];
        factor_[entry] = factor;
        const std::uint32_t t = shock_target_[k];
        const std::uint32_t n = target_begin_[t + 1] - target_begin_[t];
        if (n <= kFold) continue;
        double* tree = tree_.data() + tree_begin_[t];
        std::uint32_t i = n + (entry - target_begin_[t]);
        tree[i] = factor;
        for (i /= 2; i >= 1; i /= 2) tree[i] = tree[2 * i] * tree[2 * i + 1];
    }
}

double ShockProducts::product(std::uint32_t target) const {
    const std::uint32_t begin = target_begin_[target], end = target_begin_[target + 1];
    if (end - begin > kFold) return tree_[tree_begin_[target] + 1];
    double p = 1.0;
    for (std::uint32_t e = begin; e < end; ++e) p *= factor_[e];
    return p;
}

}  // namespace shockflow::model
