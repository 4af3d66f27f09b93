#pragma once
// What compiling needs and the engine does not: name lookups, and the tables
// over every (node, product) pair (the dense space) from which the active
// rows are chosen. Kept apart from CompiledModel, whose arrays are all by row.

#include <string>
#include <unordered_map>
#include <vector>

#include "model/compiled.hpp"

namespace shockflow::model {

// Names to indices, and the node tags selectors read.
struct Lookup {
    std::unordered_map<std::string, NodeIndex> node;
    std::unordered_map<std::string, ProductIndex> product;
    std::unordered_map<std::string, LinkIndex> link;  // "FROM->TO"
    IndexVec<NodeIndex, std::vector<std::string>> tags;
};

// The ARIO mode's inventory of an industry's own product (NodeSpec::buys_own
// and self-use, a_jj): held in a pair of its own, the twin of the pair that
// makes it, so that it is never sold as output. It is filled from other
// makers over links and from the industry's own output (self-use).
struct OwnInput {
    DenseIndex twin;
    double per_unit = 0.0;  // units bought from other makers per gross unit: buys_own
    double self = 0.0;      // units of its own output per gross unit: a_jj
};

// Every (node, product) pair, numbered node-major, then the twins.
struct DenseTables {
    std::size_t n_products = 0;
    IndexVec<DenseIndex, double> capacity;         // units/day nominal
    IndexVec<DenseIndex, bool> produces;           // node makes the product
    IndexVec<DenseIndex, double> initial_stock;    // units
    IndexVec<DenseIndex, double> target_days;      // policy overrides applied
    IndexVec<DenseIndex, double> replenish_days;   // policy overrides applied
    IndexVec<DenseIndex, double> demand;           // regions: units/day
    IndexVec<DenseIndex, double> baseline_need;    // baseline.cpp
    IndexVec<DenseIndex, double> baseline_output;  // baseline.cpp
    IndexVec<ChannelIndex, double> lateral_flow;   // units/day (compile_lateral.cpp)
    IndexVec<ChannelIndex, double> weight;         // > 0: split by link weights (compile_weights)
    // Inputs per unit of net output (self-use taken out, see compile_products),
    // per gross unit in the ARIO mode (which keeps self-use, compile_own.cpp).
    IndexVec<ProductIndex, std::vector<RecipeInput>> recipe;  // by output product
    IndexVec<ProductIndex, double> self_use;                  // a_jj, < 1
    // Nodes with a recipe of their own: the inputs per net (ARIO: gross)
    // unit of each product they make, by pair (compile_nodes).
    std::unordered_map<std::uint32_t, std::vector<RecipeInput>> own_recipe;
    // The (node, product) pairs come first; twin k is pair n_pairs + k, of
    // the made pair twin_of[k] (compile_own_inputs). None outside the ARIO mode.
    std::size_t n_pairs = 0;
    std::vector<DenseIndex> twin_of;
    std::unordered_map<std::uint32_t, OwnInput> own_input;  // by made pair
    // Each channel's destination pair: (dst, product), or its twin where
    // the destination makes the product (compile_channels).
    IndexVec<ChannelIndex, DenseIndex> channel_dst;
    Csr<DenseIndex, InboundPos, ChannelIndex> inbound;
    Ranges<DenseIndex, ChannelIndex> outbound;
    std::vector<DenseIndex> holders, suppliers;

    [[nodiscard]] std::size_t size() const { return capacity.size(); }
    // Inputs per net unit of what pair `at` makes: the node's own recipe if
    // it has one, else the product's.
    [[nodiscard]] const std::vector<RecipeInput>& inputs(DenseIndex at) const {
        if (!own_recipe.empty())
            if (const auto it = own_recipe.find(at.value); it != own_recipe.end())
                return it->second;
        return recipe[product(at)];
    }
    [[nodiscard]] DenseIndex at(NodeIndex n, ProductIndex p) const {
        return DenseIndex(n.value * n_products + p.value);
    }
    // The (node, product) pair of `d`: itself, or the made pair of a twin.
    [[nodiscard]] DenseIndex pair(DenseIndex d) const {
        return d.value < n_pairs ? d : twin_of[d.value - n_pairs];
    }
    [[nodiscard]] NodeIndex node(DenseIndex d) const {
        return NodeIndex(pair(d).value / static_cast<std::uint32_t>(n_products));
    }
    [[nodiscard]] ProductIndex product(DenseIndex d) const {
        return ProductIndex(pair(d).value % static_cast<std::uint32_t>(n_products));
    }
    // What the made pair `at` buys of its product from other makers, or null.
    [[nodiscard]] const OwnInput* own(DenseIndex at) const {
        if (own_input.empty()) return nullptr;
        const auto it = own_input.find(at.value);
        return it == own_input.end() ? nullptr : &it->second;
    }
};

// Nodes selected by "id", "tag:X" or "*" (in index order).
std::vector<NodeIndex> select_nodes(const CompiledModel& m, const Lookup& names,
                                    const std::string& selector);
// Products selected by "id", a category name or "*".
IndexVec<ProductIndex, bool> select_products(const CompiledModel& m, const std::string& selector);

// Marks the channels between depots that supply each other (compile_lateral.cpp).
void mark_lateral(const DenseTables& d, CompiledModel& m);
// The baseline's steady flows over lateral channels (compile_lateral.cpp).
void plan_lateral_flows(CompiledModel& m, DenseTables& d);
// The order in which plans are propagated (compile_lateral.cpp).
void compile_plan_order(CompiledModel& m);
// The link weights of the channels of pairs that split by weights (d.weight;
// compile_lateral.cpp).
void compile_weights(CompiledModel& m, DenseTables& d);

// The ARIO mode's twins (compile_own.cpp): one per pair whose node buys the
// product it makes from other makers or uses some of its own output; sets
// d.n_pairs in every mode.
void compile_own_inputs(const ScenarioSpec& s, const Lookup& names, DenseTables& d);
// n_pair_rows and own_row, once the rows are numbered (compile_own.cpp).
void compact_own_rows(const DenseTables& d, const std::vector<DenseIndex>& dense_of_row,
                      CompiledModel& m);

// The levers (compile_levers.cpp): target overrides into `dense`, the rest
// into m.policy.
void compile_policy(const PolicySpec& policy, const Lookup& names, DenseTables& dense,
                    CompiledModel& m);
// One template per scenario event, in order (compile_levers.cpp).
void compile_events(const ScenarioSpec& s, const Lookup& names, CompiledModel& m);
// The undisturbed daily need of every pair (baseline.cpp), and the share of
// a pair's orders each inbound channel gets in it.
IndexVec<ChannelIndex, double> inbound_shares(const CompiledModel& m, const DenseTables& d);
void compute_baseline_need(const CompiledModel& m, DenseTables& dense);

}  // namespace shockflow::model
