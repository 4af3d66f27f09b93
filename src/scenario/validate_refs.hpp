#pragma once
/// The ids a scenario defines, and the checks that references to them resolve.
/// Every check reports `PATH: unknown ... "x"` with a did-you-mean or a list of
/// known ids, and returns whether the reference is good.

#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scenario/context.hpp"
#include "scenario/position_index.hpp"
#include "shockflow/scenario/spec.hpp"

namespace shockflow::scenario {

/// Ids defined so far, with where each was first defined. Nodes and links are
/// registered in the order the scenario lists them, so that their positions
/// here are their positions there; the sorted lists of names that hints show
/// are built only when a problem asks for them.
class Catalog {
public:
    static constexpr std::size_t kNone = PositionIndex::kNone;

    std::map<std::string, SourceLoc, std::less<>> products;
    std::map<std::string, std::size_t, std::less<>> tag_counts;  ///< tag -> nodes carrying it

    /// The catalog of an already validated scenario (for standalone policy files).
    static Catalog of(const ScenarioSpec& spec);

    /// Registers the next node's id, kind and tags (the caller has checked
    /// that the id is new).
    void add_node(const NodeSpec& node);
    /// Position of the node `id`, or kNone.
    [[nodiscard]] std::size_t find_node(std::string_view id) const;
    [[nodiscard]] NodeKind node_kind(std::size_t node) const { return nodes_[node].kind; }

    /// Registers the next link, between the nodes at positions `from` and `to`
    /// (the caller has checked that the pair is new).
    void add_link(std::size_t from, std::size_t to);
    /// Position of the link between two nodes, or kNone.
    [[nodiscard]] std::size_t find_link(std::size_t from, std::size_t to) const;
    /// Room for `n` more links.
    void reserve_links(std::size_t n);

    /// Sorted, as hints list them; made once and kept until an id is added
    /// (every unknown reference asks for them).
    [[nodiscard]] const std::vector<std::string>& product_ids() const;
    [[nodiscard]] const std::vector<std::string>& node_ids() const;
    [[nodiscard]] const std::vector<std::string>& tags() const;
    [[nodiscard]] const std::vector<std::string>& link_names() const;

private:
    struct Node {
        std::string id;
        NodeKind kind;
    };
    struct Link {
        std::uint32_t from, to;
    };
    static std::uint64_t link_hash(std::size_t from, std::size_t to) noexcept;

    std::vector<Node> nodes_;
    PositionIndex node_index_;
    std::vector<Link> links_;
    PositionIndex link_index_;
    mutable std::vector<std::string> sorted_node_ids_;  ///< node_ids(), until a node is added
    mutable std::vector<std::string> product_ids_, tags_, link_names_;
};

/// The names a product reference may use besides ids.
const std::vector<std::string>& category_names();

/// "line 12" for a place in the same file as `here`, else "FILE:12".
std::string where(const SourceLoc& first, const SourceLoc& here);

/// Checks an id's syntax ([A-Za-z0-9_.-]+).
bool check_id_syntax(LoadContext& ctx, const SourceLoc& loc, KeyPath path, std::string_view id);

/// A product id.
bool check_product(LoadContext& ctx, const Catalog& cat, const SourceLoc& loc, KeyPath path,
                   std::string_view id);

/// A product id or category; `"*"` too if `star` (demand shocks).
bool check_product_or_category(LoadContext& ctx, const Catalog& cat, const SourceLoc& loc,
                               KeyPath path, std::string_view name, bool star);

/// A node id whose kind is one of `kinds` (any kind if `kinds` is empty).
bool check_node(LoadContext& ctx, const Catalog& cat, const SourceLoc& loc, KeyPath path,
                std::string_view id, std::initializer_list<NodeKind> kinds);
/// check_node, returning the node's position (Catalog::kNone if reported).
std::size_t resolve_node(LoadContext& ctx, const Catalog& cat, const SourceLoc& loc, KeyPath path,
                         std::string_view id, std::initializer_list<NodeKind> kinds);

/// A tag carried by at least one node (the part after `tag:` or `any:`).
bool check_tag(LoadContext& ctx, const Catalog& cat, const SourceLoc& loc, KeyPath path,
               std::string_view tag);

/// A node id (of one of `kinds`) or `tag:X`.
bool check_node_or_tag(LoadContext& ctx, const Catalog& cat, const SourceLoc& loc, KeyPath path,
                       std::string_view ref, std::initializer_list<NodeKind> kinds);

/// A link written `FROM->TO`.
bool check_link(LoadContext& ctx, const Catalog& cat, const SourceLoc& loc, KeyPath path,
                std::string_view name);

}  // namespace shockflow::scenario
