// An industry's inventory of its own product in the ARIO mode (docs/MODEL.md,
// "The ARIO mode"): what it buys from other makers of it and what it uses of
// its own output, in twin pairs and their rows.
// The default engine never orders what a node makes, and has no twins.
#include <algorithm>
#include <string>
#include <vector>

#include "model/compile_tables.hpp"

namespace shockflow::model {
namespace {

// Units of `product` in a node's own recipe (0 if it lists none).
double entry_of(const std::vector<ProductQty>& recipe, const std::string& product) {
    for (const ProductQty& in : recipe)
        if (in.product == product) return in.qty;
    return 0.0;
}

}  // namespace

// A park or plant that buys a product it makes from other makers of it
// (buys_own), or uses some of its own output (self-use, a_jj), holds that
// product as an input like any other, in a twin of its pair, apart from its
// output. In the ARIO mode's gross units: buys_own and a_jj per gross unit.
void compile_own_inputs(const ScenarioSpec& s, const Lookup& names, DenseTables& d) {
    d.n_pairs = d.size();
    if (s.model.preset != ModelPreset::Ario) return;
    for (const NodeSpec& node : s.nodes) {
        if (node.kind == NodeKind::Source) continue;  // sources need no inputs
        const NodeIndex n = names.node.at(node.id);
        for (const auto& c : node.capacity) {
            const ProductIndex p = names.product.at(c.product);
            const DenseIndex at = d.at(n, p);
            if (!d.produces[at] || d.own(at) != nullptr) continue;
            const double self = node.recipe ? entry_of(*node.recipe, c.product) : d.self_use[p];
            if (node.buys_own <= 0.0 && self <= 0.0) continue;
            d.own_input.emplace(at.value,
                                OwnInput{DenseIndex(d.size()), std::max(0.0, node.buys_own), self});
            d.twin_of.push_back(at);
            d.capacity.push_back(0.0);
            d.produces.push_back(false);
            d.initial_stock.push_back(0.0);
            d.target_days.push_back(d.target_days[at]);
            d.replenish_days.push_back(d.replenish_days[at]);
            d.demand.push_back(0.0);
        }
    }
}

// The twins' rows come last, as the twins do in the dense space.
void compact_own_rows(const DenseTables& d, const std::vector<DenseIndex>& dense_of_row,
                      CompiledModel& m) {
    m.n_pair_rows = static_cast<std::size_t>(
        std::count_if(dense_of_row.begin(), dense_of_row.end(),
                      [&](DenseIndex at) { return at.value < d.n_pairs; }));
    if (d.twin_of.empty()) return;
    m.own_row.assign(m.n_rows, RowIndex::none());
    m.self_use.assign(m.n_rows, 0.0);
    for (std::size_t k = 0; k < d.twin_of.size(); ++k) {
        const RowIndex made = m.row_of[d.twin_of[k]];
        m.own_row[made] = m.row_of[DenseIndex(d.n_pairs + k)];
        m.self_use[made] = d.own(d.twin_of[k])->self;
    }
}

}  // namespace shockflow::model
