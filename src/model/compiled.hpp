#pragma once
// The scenario and policy compiled into flat, index-based arrays: everything
// the engine reads, and nothing it would have to look up by name. Built once
// per (scenario, policy); immutable during runs, so replications share it.
// No spec (ScenarioSpec, PolicySpec, EventSpec) is kept: events become
// templates with resolved indices whose numbers are sampled per replication
// (realize.cpp), and the policy's levers become values (CompiledPolicy).

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "model/index.hpp"
#include "shockflow/core/time.hpp"
#include "shockflow/scenario/spec.hpp"

namespace shockflow::model {

// A (link, product) pair along which orders and shipments can flow: the link
// carries the product, the destination can want it and the source can supply it.
struct Channel {
    LinkIndex link;
    NodeIndex src;
    NodeIndex dst;
    ProductIndex product;
    RowIndex src_row = RowIndex::none();  // row (src, product)
    RowIndex dst_row = RowIndex::none();  // row (dst, product)
};

struct CompiledLink {
    NodeIndex from;
    NodeIndex to;
    double capacity = 0.0;  // units/day (kUnlimitedCapacity for an unlimited link)
    double weight = 0.0;    // > 0: its weight in splitting orders (0: none)
    Tick transit{0};
    IndexVec<ProductIndex, bool> carries;
};

struct RecipeInput {
    ProductIndex input;
    double per_unit = 0.0;  // a_ij: units of input per unit of output
};

// One input of one product a producer makes, resolved to the producer's row.
struct MadeInput {
    RowIndex row;          // row (producer, input)
    ProductIndex product;  // the input product
    double per_unit = 0.0;
};

// A number or a distribution, sampled once per replication (realize.cpp).
struct Draw {
    Distribution::Kind kind = Distribution::Kind::Fixed;
    std::array<double, 3> p{0.0, 0.0, 0.0};
    double min = 0.0, max = 0.0;  // truncation (normal)
};

// One event of the scenario with every name resolved to indices; only its
// numbers (and an `any:` event's targets) are drawn per replication.
struct EventTemplate {
    EventKind kind = EventKind::Strike;
    Draw day, duration, loss, firms, repair, multiplier, share, over, absent;
    bool firms_drawn = false;  // strike: firms_damaged given (else = loss)
    Recovery recovery = Recovery::Step;
    // Strike, labour shock, capacity path: the targets, or with `any:` the
    // pool drawn from.
    // Demand shock: the regions.
    std::vector<NodeIndex> nodes;
    std::uint32_t draw_count = 0;           // > 0: `any:` draws this many distinct pool nodes
    LinkIndex link = LinkIndex::none();     // link cut (none: nothing to cut)
    IndexVec<ProductIndex, bool> products;  // demand shock
    NodeIndex from = NodeIndex::none(), to = NodeIndex::none();  // displacement
    std::vector<std::pair<Draw, Draw>> path;  // capacity path: (day, availability) points
};

// The policy's levers as the engine reads them.
struct CompiledPolicy {
    std::string name;
    Allocation allocation = Allocation::Proportional;
    bool reroute = false;
    double surge = 0.0;  // extra share of nominal capacity
    // Pre-stocking ahead of the conflict: on [prestock_from, prestock_until),
    // producers of the chosen products run at 1 + uplift (+ surge), and depots'
    // and regions' targets for them are at least prestock_target_days.
    bool prestock = false;
    double prestock_uplift = 0.0;
    double prestock_target_days = 0.0;
    Tick prestock_from{0}, prestock_until{0};
    IndexVec<ProductIndex, bool> prestock_product;
    bool crews_limited = false;
    std::uint64_t crews = 0;  // with crews_limited
    bool speedup = false;     // recovery support from speedup_from on
    Tick speedup_from{0};
    double speedup_factor = 1.0;
    IndexVec<NodeIndex, std::uint32_t> priority_rank;  // lower is served first
    IndexVec<ProductIndex, double> holding_cost;       // per unit-day
};

// The kind of a channel's destination, as arrivals need it.
enum class Dest : std::uint8_t { Other, Depot, Region };

struct CompiledModel {
    // Run frame.
    std::string scenario_name;
    Tick start{0};
    Tick end{0};
    Tick step{0};
    double step_days = 0.0;
    std::array<double, 2> window{0.0, 0.0};
    std::uint64_t input_hash = 0;

    // Identity.
    std::size_t n_nodes = 0;
    std::size_t n_products = 0;
    IndexVec<NodeIndex, std::string> node_ids;
    IndexVec<ProductIndex, std::string> product_ids;
    IndexVec<NodeIndex, NodeKind> kind;
    IndexVec<NodeIndex, std::int64_t> firms;
    IndexVec<NodeIndex, double> population;
    IndexVec<ProductIndex, bool> essential;
    IndexVec<ProductIndex, ProductCategory> category;
    IndexVec<ProductIndex, double> price;  // value per unit, >= 0 (0: not priced)

    // Rows: the (node, product) pairs that can ever hold, want or move goods,
    // numbered densely in (node, product) order. Pairs that can never be
    // active have no row, which keeps the engine's working set small on large
    // sparse networks.
    std::size_t n_rows = 0;
    IndexVec<DenseIndex, RowIndex> row_of;  // every (node, product) -> row, or none
    IndexVec<RowIndex, NodeIndex> row_node;
    IndexVec<RowIndex, ProductIndex> row_product;
    IndexVec<RowIndex, double> capacity;         // units/day nominal
    IndexVec<RowIndex, bool> produces;           // node makes the product
    IndexVec<RowIndex, double> initial_stock;    // units
    IndexVec<RowIndex, double> target_days;      // safety stock, days; policy overrides applied
    IndexVec<RowIndex, double> replenish_days;   // days to close a gap; policy overrides applied
    IndexVec<RowIndex, double> demand;           // regions: units/day at start
    IndexVec<RowIndex, double> baseline_need;    // units/day, static demand propagation
    IndexVec<RowIndex, double> baseline_output;  // units/day a producer makes at baseline
    // The ARIO mode: an industry that buys a product it makes from other
    // makers of it, or uses some of its own output, holds that in a row of
    // its own, apart from its output. Those rows come last, from n_pair_rows on (n_pair_rows ==
    // n_rows without them); own_row[output row] is that row, or none
    // (own_row is empty without them). Outputs report the two rows as the
    // one (node, product) they are.
    // An industry's self-use in the ARIO mode, a_jj per gross unit, by its
    // output row (empty where own_row is): it orders that much of its own
    // output into its own row, as from any other supplier.
    std::size_t n_pair_rows = 0;
    IndexVec<RowIndex, RowIndex> own_row;
    IndexVec<RowIndex, double> self_use;

    IndexVec<LinkIndex, CompiledLink> links;
    IndexVec<ChannelIndex, Channel> channels;  // sorted by source row
    // Channels between depots that supply each other (directly or round a
    // loop of depots): used only for what a holder's other suppliers cannot
    // provide, and left out of the plans, so goods do not circulate.
    IndexVec<ChannelIndex, bool> lateral;
    std::vector<ChannelIndex> lateral_channels;  // the lateral ones, in order
    // Share of the receiving row's orders a lateral channel carries at
    // baseline (its planned flow, compile_lateral.cpp); 0 for most.
    IndexVec<ChannelIndex, double> lateral_share;
    IndexVec<RowIndex, bool> supplies_laterally;
    Csr<RowIndex, InboundPos, ChannelIndex> inbound;  // channels delivering to a row
    Ranges<RowIndex, ChannelIndex> outbound;          // channels taking from a row (contiguous)
    Csr<LinkIndex, LinkChannelPos, ChannelIndex> channels_of_link;
    // What the engine reads of channels every cycle, as flat arrays.
    IndexVec<ChannelIndex, RowIndex> channel_dst_row;
    IndexVec<ChannelIndex, InboundPos> channel_in_pos;  // its place in inbound.list
    IndexVec<InboundPos, RowIndex> inbound_src_row;
    IndexVec<InboundPos, std::uint8_t>
        inbound_lateral;  // m.lateral by position (bytes: read in hot loops)
    // Channels from a producer to a depot or region: their goods leave in
    // the middle of the cycle, when on average what the producer made over
    // the cycle is ready (their transit class counts the half cycle,
    // Engine::route).
    IndexVec<ChannelIndex, std::uint8_t> dispatch_late;
    // What a channel delivers to, as far as arrivals care: only a depot can
    // owe and pass on what reaches it, only a region can have demand open
    // (Engine::arrive looks at those by this mark, carried by shipments).
    IndexVec<ChannelIndex, Dest> channel_dest;
    // By position: the link's weight where the row splits its orders by
    // weights (all its primary channels' links have one), else 0.
    IndexVec<InboundPos, double> inbound_weight;
    IndexVec<RowIndex, std::uint8_t> weighted;  // the row splits by weights
    // Links get a storage slot in the order the channel-ordered passes first
    // meet them (by source node), so that a supplier's links sit together in
    // the engine's per-link state; link indices themselves keep file order.
    IndexVec<LinkIndex, SlotIndex> link_slot;
    IndexVec<SlotIndex, LinkIndex> slot_link;
    IndexVec<ChannelIndex, SlotIndex> channel_slot;

    std::vector<RowIndex> holders;               // rows that place orders
    std::vector<RowIndex> suppliers;             // rows with outbound channels
    std::vector<NodeIndex> producers;            // nodes that make something
    Csr<NodeIndex, MadePos, ProductIndex> made;  // products a node makes
    IndexVec<MadePos, RowIndex> made_row;        // row (node, product) of each
    // Recipe inputs of each made product: made_inputs[input_begin[k] ..
    // input_begin[k + 1]); none for sources, which need no inputs.
    Ranges<MadePos, MadeInputPos> made_input;
    IndexVec<MadeInputPos, MadeInput> made_inputs;
    // A producer's input row is needed for its outputs: (output row, units
    // of the input per unit of output) for each.
    struct InputUse {
        RowIndex output;
        double per_unit = 0.0;
    };
    Csr<RowIndex, MadeInputPos, InputUse> input_uses;
    // Rows in the order plans are propagated: every row after the rows whose
    // plans feed it (customers before suppliers, outputs before inputs). The
    // rows from loop_begin on lie on (or behind) a loop, such as two plants
    // using each other's products, and are iterated to a fixed point.
    std::vector<RowIndex> plan_order;
    std::size_t loop_begin = 0;
    std::vector<NodeIndex> regions;
    std::vector<ProductIndex> consumed;  // products demanded by some region
    std::vector<NodeIndex> parks;
    std::vector<NodeIndex> firm_nodes;  // parks and plants

    // Nodes by tag written KEY:VALUE, sorted by (key, value): the groups
    // value lost is summed over (RunResult::by_tag).
    struct TagGroup {
        std::string key, value;
        std::vector<NodeIndex> nodes;
    };
    std::vector<TagGroup> tag_groups;
    bool priced = false;  // some product has a price

    CompiledPolicy policy;
    std::vector<EventTemplate> events;      // in scenario order (event i draws from stream i)
    std::vector<std::string> event_labels;  // by event: how outputs name it (event_label.hpp)

    // The rules the engine follows ([model]); with the ARIO mode, each
    // channel's flow at baseline (units/day), which splits orders.
    ModelSpec model;
    IndexVec<ChannelIndex, double> baseline_flow;

    // Row of (n, p), or none if the pair can never be active.
    [[nodiscard]] RowIndex row(NodeIndex n, ProductIndex p) const {
        return row_of[DenseIndex(n.value * n_products + p.value)];
    }
};

/// Units/day an unlimited link (no `capacity`) is given: finite, so that a
/// cut of it carries 0 and sums and shares over links stay defined, and far
/// above any flow.
inline constexpr double kUnlimitedCapacity = 1e30;

/// Defaults of the nodes' `stock_target_days` and `replenishment_days`.
inline constexpr double kDefaultTargetDays = 2.0;
inline constexpr double kDefaultReplenishmentDays = 2.0;

// Compiles a validated scenario under a policy. Never fails on validated input.
CompiledModel compile(const ScenarioSpec& scenario, const PolicySpec& policy);

}  // namespace shockflow::model
