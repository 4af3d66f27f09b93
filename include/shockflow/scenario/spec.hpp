#pragma once
/// The scenario as written by the planner, after loading and validation.
/// Plain data: ids are strings here; the model compiles them to indices.
/// Every element remembers where it was written, for diagnostics.

#include <array>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shockflow/core/error.hpp"
#include "shockflow/policy/policy.hpp"

namespace shockflow {

enum class ProductCategory { Essential, Intermediate, Capital };
enum class NodeKind { Park, Plant, Depot, Region, Source };

/// The names used in files: "essential", "intermediate", "capital".
std::string_view category_name(ProductCategory category) noexcept;
/// The names used in files: "park", "plant", "depot", "region", "source".
std::string_view kind_name(NodeKind kind) noexcept;

/// A number, or a distribution sampled once per replication.
struct Distribution {
    enum class Kind { Fixed, Uniform, Triangular, Normal, Beta };
    Kind kind = Kind::Fixed;
    /// Fixed: {value}; Uniform: {a, b}; Triangular: {lo, mode, hi};
    /// Normal: {mu, sigma}; Beta: {alpha, beta} (on 0..1).
    std::array<double, 3> p{0.0, 0.0, 0.0};
    double min = -std::numeric_limits<double>::infinity();  ///< truncation (normal)
    double max = std::numeric_limits<double>::infinity();
    SourceLoc loc;

    static Distribution fixed(double v) {
        Distribution d;
        d.p[0] = v;
        return d;
    }
    [[nodiscard]] bool is_fixed() const noexcept { return kind == Kind::Fixed; }
    /// The interval every draw falls in (normal draws are truncated to
    /// [min, max], beta draws lie in [0, 1]).
    [[nodiscard]] std::pair<double, double> range() const noexcept {
        switch (kind) {
            case Kind::Fixed:
                return {p[0], p[0]};
            case Kind::Uniform:
                return {p[0], p[1]};
            case Kind::Triangular:
                return {p[0], p[2]};
            case Kind::Normal:
                return {min, max};
            case Kind::Beta:
                return {0.0, 1.0};
        }
        return {p[0], p[0]};
    }
};

/// One entry of a `{ product = quantity }` table. A large network table holds
/// millions: the product's id is interned, and an entry is 32 bytes.
struct ProductQty {
    Interned product;
    double qty = 0.0;
    SourceLoc loc;
};

struct ProductSpec {
    std::string id;
    ProductCategory category = ProductCategory::Intermediate;
    std::string unit;
    SourceLoc loc;
    /// Value of one unit, >= 0, in the scenario's money unit; 0 when not given.
    /// Prices the value KPIs (lost_output_value, unmet_value); nothing else.
    double price = 0.0;
};

/// One column of the technical-coefficient matrix A: inputs per unit of `product`.
struct RecipeSpec {
    std::string product;
    std::vector<ProductQty> inputs;  ///< units of input per unit of output, >= 0
    SourceLoc loc;
};

struct NodeSpec {
    std::string id;
    NodeKind kind = NodeKind::Park;
    std::vector<std::string> tags;
    std::int64_t firms = 1;                   ///< parks and plants, >= 0
    std::vector<ProductQty> capacity;         ///< units/day, >= 0
    std::vector<ProductQty> stock;            ///< units, >= 0
    std::vector<ProductQty> demand;           ///< regions: units/day at starting population
    std::optional<double> stock_target_days;  ///< safety stock, days >= 0; default 2
    /// Days over which a gap to the target position is closed, >= 0 (0: in one
    /// cycle); default 2.
    std::optional<double> replenishment_days;
    double population = 0.0;  ///< regions: people, >= 0
    /// Parks and plants: the node's own inputs per unit of each product it
    /// makes (entries >= 0; an entry for a product it makes is self-use, < 1).
    /// Replaces the [[recipe]] of those products for this node; nullopt: the
    /// products' own recipes apply.
    std::optional<std::vector<ProductQty>> recipe;
    /// Parks and plants: units of each product it makes that it buys from
    /// other makers of that product per unit made, >= 0 (an input-output
    /// table's purchases of the own sector from other regions); with the
    /// product's self-use, < 1. Read by the ARIO mode only.
    double buys_own = 0.0;
    /// Where the node is drawn on a map, degrees: latitude in [-90, 90] and
    /// longitude in [-180, 180]; both or neither. Not used by the model.
    std::optional<double> lat;
    std::optional<double> lon;
    SourceLoc loc;
};

struct LinkSpec {
    std::string from;
    std::string to;
    /// Units/day, all products together, >= 0; +infinity: unlimited (the
    /// key not written).
    double capacity = std::numeric_limits<double>::infinity();
    double transit_hours = 0.0;         ///< >= 0
    std::vector<std::string> products;  ///< empty = all products
    /// > 0: the link's weight among the links that bring a product to its
    /// destination: where every such link has one, orders and plans are
    /// split in proportion to the weights (docs/MODEL.md); nullopt: none.
    std::optional<double> weight;
    SourceLoc loc;
};

enum class EventKind { Strike, LinkCut, DemandShock, Displacement, LaborShock, CapacityPath };
enum class Recovery { Step, Linear };

/// One point of a capacity path: from `day` on, `availability` (0..1) of the
/// target's capacity; linear between points, held after the last.
struct PathPoint {
    Distribution day;           ///< days
    Distribution availability;  ///< 0..1
};

/// A disruption. Which keys matter depends on `kind` (see the format spec).
struct EventSpec {
    EventKind kind = EventKind::Strike;
    /// Optional, unique among the events: how overlays (replace, remove) and
    /// `--set event.NAME.KEY=VALUE` refer to the event; "" = unnamed.
    std::string name;
    /// strike, labor_shock, capacity_path: node id, `tag:X` or `any:TAG`
    std::string target;
    std::int64_t count = 1;      ///< with `any:TAG`: distinct nodes drawn per replication
    std::string link;            ///< link_cut: "FROM->TO"
    std::string region = "*";    ///< demand_shock: id, `tag:X` or "*"
    std::string product = "*";   ///< demand_shock: id, category or "*"
    std::string from, to;        ///< displacement: region ids
    Distribution day;            ///< days
    Distribution duration_days;  ///< link_cut, demand_shock, labor_shock
    Distribution capacity_loss = Distribution::fixed(1.0);  ///< strike, link_cut: 0..1
    std::optional<Distribution> firms_damaged;  ///< strike: 0..1, default = capacity_loss
    Distribution repair_days;                   ///< strike: >= 0
    Recovery recovery = Recovery::Step;
    std::vector<PathPoint> path;                         ///< capacity_path: days not decreasing
    Distribution multiplier = Distribution::fixed(1.0);  ///< demand_shock: >= 0
    Distribution share;                                  ///< displacement: 0..1
    Distribution over_days;                              ///< displacement: >= 0
    Distribution absent_share;                           ///< labor_shock: 0..1
    SourceLoc loc;
};

/// Which rules the engine follows (docs/MODEL.md): the default supply-network
/// model, or the ARIO mode (adaptive regional input-output, daily steps).
enum class ModelPreset { Default, Ario };

/// `[model]`: the preset and the ARIO mode's parameters.
struct ModelSpec {
    ModelPreset preset = ModelPreset::Default;
    double inventory_days = 90.0;    ///< days of inputs each industry aims to hold
    double restoration_days = 60.0;  ///< days over which an inventory gap is ordered
    double psi = 0.8;                ///< inventory share below which production falls
    double alpha_max = 1.25;         ///< overproduction ceiling
    double alpha_tau = 365.0;        ///< overproduction time constant, days
    SourceLoc loc;                   ///< of `preset`
};

struct ScenarioSpec {
    std::filesystem::path file;  ///< the scenario TOML
    std::string name;
    std::string description;
    double start_day = -14.0;
    double end_day = 30.0;    ///< exclusive
    double step_hours = 4.0;  ///< divides 24
    std::uint64_t seed = 1;
    std::int64_t replications = 1;
    std::array<double, 2> disruption_window{0.0, 12.0};

    std::vector<ProductSpec> products;
    std::vector<RecipeSpec> recipes;
    std::vector<NodeSpec> nodes;
    std::vector<LinkSpec> links;
    std::vector<EventSpec> events;
    PolicySpec policy;  ///< the scenario's own [policy]; all levers off if absent
    ModelSpec model;    ///< `[model]`; the default rules if absent

    /// FNV-1a 64 over the bytes of every file read (scenario, CSV tables),
    /// in reading order: identifies the resolved inputs in outputs.
    std::uint64_t input_hash = 0;
};

}  // namespace shockflow
