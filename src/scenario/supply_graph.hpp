#pragma once
/// Who can send which product to whom in a loaded scenario, by the rules the
/// model moves goods by (docs/MODEL.md, "One cycle, in order", step 3):
/// producers supply only what they make, depots pass on whatever they hold,
/// regions never supply. Read by the scenario warnings; the model keeps its
/// own compiled tables.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "shockflow/scenario/spec.hpp"

namespace shockflow::scenario {

/// Nodes, links and products by their index in the spec.
class SupplyGraph {
public:
    /// `spec` must be valid (every reference resolves) and outlive the graph.
    explicit SupplyGraph(const ScenarioSpec& spec);

    [[nodiscard]] const ScenarioSpec& spec() const noexcept { return *spec_; }
    [[nodiscard]] std::size_t products() const noexcept { return spec_->products.size(); }
    [[nodiscard]] std::size_t nodes() const noexcept { return spec_->nodes.size(); }
    [[nodiscard]] std::size_t from(std::size_t link) const { return from_[link]; }
    [[nodiscard]] std::size_t to(std::size_t link) const { return to_[link]; }
    [[nodiscard]] const std::vector<std::size_t>& links_in(std::size_t node) const {
        return in_[node];
    }
    [[nodiscard]] NodeKind kind(std::size_t node) const { return spec_->nodes[node].kind; }
    /// Index of a product id (the spec is valid, so it exists).
    [[nodiscard]] std::size_t product_index(const std::string& id) const;

    /// The link's `products` lists `product`, or is empty (all products).
    [[nodiscard]] bool carries(std::size_t link, std::size_t product) const;
    /// A park, plant or source with capacity > 0 for `product`.
    [[nodiscard]] bool makes(std::size_t node, std::size_t product) const;
    /// `node` passes `product` on to its customers: a depot, or a node that makes it.
    [[nodiscard]] bool supplies(std::size_t node, std::size_t product) const;
    /// The nodes that make `product`, in spec order.
    [[nodiscard]] std::span<const std::uint32_t> makers(std::size_t product) const {
        return makers_.of(product);
    }
    /// Some node holds initial stock (> 0) of `product`.
    [[nodiscard]] bool stocked(std::size_t product) const { return stocked_[product]; }

    /// Per node: it can receive `product` from a node that makes it, over
    /// links carrying it and passed on by depots only.
    [[nodiscard]] std::vector<bool> reached_from_makers(std::size_t product) const;

    /// Per node: it orders `product`. A region with demand for it; a park or
    /// plant that uses it as an input of something it makes (and does not make
    /// it); a depot from which such a node is reached over links carrying it
    /// (through depots only).
    [[nodiscard]] std::vector<bool> wanting(std::size_t product) const;

private:
    const ScenarioSpec* spec_;
    std::vector<std::size_t> from_, to_;
    std::vector<std::vector<std::size_t>> out_, in_;  ///< link indices per node
    std::vector<std::vector<std::size_t>> carried_;   ///< sorted; empty = all
    /// Lists of numbers per index, all in one array: a table of 100,000
    /// nodes making 40 products each held a vector per node.
    struct Lists {
        std::vector<std::uint32_t> begin{0};  ///< list i is [begin[i], begin[i + 1])
        std::vector<std::uint32_t> items;
        [[nodiscard]] std::span<const std::uint32_t> of(std::size_t i) const {
            return {items.data() + begin[i], items.data() + begin[i + 1]};
        }
    };
    Lists made_;                                            ///< sorted products per node
    Lists makers_;                                          ///< nodes per product, in spec order
    std::vector<std::vector<std::size_t>> direct_wanters_;  ///< regions and producers
    std::vector<bool> stocked_;
    std::map<std::string, std::size_t, std::less<>> product_index_;
};

/// The stock_target_days of a node that does not set it (docs/FORMAT.md).
inline constexpr double kDefaultStockTargetDays = 2.0;

}  // namespace shockflow::scenario
