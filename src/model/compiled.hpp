#pragma once
// The scenario and policy compiled into flat, index-based arrays: what the
// engine reads every cycle. Built once per (scenario, policy); immutable
// during runs, so replications can share it.

#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "shockflow/core/time.hpp"
#include "shockflow/policy/policy.hpp"
#include "shockflow/scenario/spec.hpp"

namespace shockflow::model {

inline constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// A (link, product) pair along which orders and shipments can flow: the link
// carries the product, the destination can want it and the source can supply it.
struct Channel {
    std::uint32_t link = 0;
    std::uint32_t src = 0;
    std::uint32_t dst = 0;
    std::uint32_t product = 0;
    std::uint32_t src_row = 0;  // row (src, product)
    std::uint32_t dst_row = 0;  // row (dst, product)
};

struct CompiledLink {
    std::uint32_t from = 0;
    std::uint32_t to = 0;
    double capacity = 0.0;  // units/day
    Tick transit{0};
    std::vector<bool> carries;  // by product
};

struct RecipeInput {
    std::uint32_t input = 0;
    double per_unit = 0.0;  // a_ij: units of input per unit of output
};

// One input of one product a producer makes, resolved to the producer's row.
struct MadeInput {
    std::uint32_t row = 0;      // row (producer, input)
    std::uint32_t product = 0;  // the input product
    double per_unit = 0.0;
};

// Compressed rows: items of row r are list[offset[r] .. offset[r + 1]).
struct Csr {
    std::vector<std::uint32_t> offset;
    std::vector<std::uint32_t> list;
    [[nodiscard]] std::uint32_t begin(std::size_t r) const { return offset[r]; }
    [[nodiscard]] std::uint32_t end(std::size_t r) const { return offset[r + 1]; }
};

struct CompiledModel {
    // Run frame.
    std::string scenario_name;
    std::string policy_name;
    Tick start{0};
    Tick end{0};
    Tick step{0};
    double step_days = 0.0;
    std::array<double, 2> window{0.0, 0.0};
    std::uint64_t input_hash = 0;

    // Identity.
    std::size_t n_nodes = 0;
    std::size_t n_products = 0;
    std::vector<std::string> node_ids;
    std::unordered_map<std::string, std::uint32_t> node_index;
    std::unordered_map<std::string, std::uint32_t> link_index;  // "FROM->TO"
    std::vector<std::string> product_ids;
    std::vector<NodeKind> kind;
    std::vector<std::vector<std::string>> tags;
    std::vector<std::int64_t> firms;
    std::vector<bool> essential;  // by product
    std::vector<ProductCategory> category;

    // Rows: the (node, product) pairs that can ever hold, want or move goods,
    // numbered densely in (node, product) order; everything per row below is
    // indexed by row. Pairs that can never be active have no row, which keeps
    // the engine's working set small on large sparse networks.
    std::size_t n_rows = 0;
    std::vector<std::uint32_t> row_of;       // n * n_products + p -> row, or kNone
    std::vector<std::uint32_t> row_node;     // row -> node
    std::vector<std::uint32_t> row_product;  // row -> product
    std::vector<double> capacity;            // units/day nominal
    std::vector<bool> produces;              // node makes the product
    std::vector<double> initial_stock;       // units
    std::vector<double> target_days;         // own target, policy overrides applied
    std::vector<double> demand;              // regions: units/day at start
    std::vector<double> baseline_need;       // units/day, static demand propagation
    std::vector<double> baseline_output;     // units/day a producer makes at baseline
    std::vector<double> population;          // by node

    std::vector<std::vector<RecipeInput>> recipe;  // by output product
    std::vector<CompiledLink> links;
    std::vector<Channel> channels;  // sorted by source row: outbound rows are contiguous
    Csr inbound;                    // row (n, p): channels delivering p to n
    Csr outbound;  // row (n, p): channels taking p from n; as channels are sorted by
                   // source row, list[k] == k: a row's channels are begin(r) .. end(r)
    Csr channels_of_link;
    // What the engine reads of channels every cycle, as flat arrays (built
    // last, from the rows' final numbering).
    std::vector<std::uint32_t> channel_dst_row;  // by channel
    std::vector<std::uint32_t> channel_in_pos;   // by channel: its entry in inbound.list
    std::vector<std::uint32_t> inbound_src_row;  // by entry of inbound.list
    // Links get a storage slot in the order the channel-ordered passes first
    // meet them (by source node), so that a supplier's links sit together in
    // the engine's per-link state; link indices themselves keep file order.
    std::vector<std::uint32_t> link_slot;     // by link
    std::vector<std::uint32_t> slot_link;     // by slot: the link stored there
    std::vector<std::uint32_t> channel_slot;  // by channel: link_slot of its link

    std::vector<std::uint32_t> holders;    // rows (n, p) that place orders
    std::vector<std::uint32_t> suppliers;  // rows (n, p) with outbound channels
    std::vector<std::uint32_t> producers;  // nodes that make something
    Csr made;                              // row n: products node n makes
    std::vector<std::uint32_t> made_row;   // by entry k of made.list: row (n, product)
    // By entry k of made.list: its recipe's inputs at made_inputs[made_input_offset[k] ..
    // made_input_offset[k + 1]); none for sources, which need no inputs.
    std::vector<std::uint32_t> made_input_offset;
    std::vector<MadeInput> made_inputs;
    std::vector<std::uint32_t> regions;
    std::vector<std::uint32_t> consumed;  // products demanded by some region
    std::vector<std::uint32_t> parks;
    std::vector<std::uint32_t> firm_nodes;  // parks and plants

    // Policy.
    PolicySpec policy;
    std::vector<bool> prestock_product;
    Tick prestock_from{0};
    Tick prestock_until{0};
    std::vector<std::uint32_t> priority_rank;  // by node; lower is served first
    std::vector<double> holding_cost;          // by product, per unit-day

    // Row of (n, p), or kNone if the pair can never be active. Valid once
    // compile() has finished.
    [[nodiscard]] std::uint32_t row(std::size_t n, std::size_t p) const {
        return row_of[n * n_products + p];
    }
    // Index into the dense node x product space, used while compiling.
    [[nodiscard]] std::size_t dense(std::size_t n, std::size_t p) const {
        return n * n_products + p;
    }
};

// Compiles a validated scenario under a policy. Never fails on validated input.
CompiledModel compile(const ScenarioSpec& scenario, const PolicySpec& policy);

// True if node `n` carries tag `tag`.
bool has_tag(const CompiledModel& m, std::uint32_t n, const std::string& tag);
// Nodes selected by "id", "tag:X" or "*" (in index order).
std::vector<std::uint32_t> select_nodes(const CompiledModel& m, const std::string& selector);
// Products selected by "id", a category name or "*".
std::vector<bool> select_products(const CompiledModel& m, const std::string& selector);

}  // namespace shockflow::model
