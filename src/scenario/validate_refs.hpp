#pragma once
/// The ids a scenario defines, and the checks that references to them resolve.
/// Every check reports `PATH: unknown ... "x"` with a did-you-mean or a list of
/// known ids, and returns whether the reference is good.

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scenario/context.hpp"
#include "shockflow/scenario/spec.hpp"

namespace shockflow::scenario {

/// Ids defined so far, with where each was first defined.
struct Catalog {
    struct NodeEntry {
        NodeKind kind;
        SourceLoc loc;
    };
    std::map<std::string, SourceLoc, std::less<>> products;
    std::map<std::string, NodeEntry, std::less<>> nodes;
    std::map<std::string, std::size_t, std::less<>> tag_counts;      ///< tag -> nodes carrying it
    std::map<std::pair<std::string, std::string>, SourceLoc> links;  ///< (from, to)

    /// The catalog of an already validated scenario (for standalone policy files).
    static Catalog of(const ScenarioSpec& spec);
    /// Registers a node's id, kind and tags (the caller has checked uniqueness).
    void add_node(const NodeSpec& node);

    [[nodiscard]] std::vector<std::string> product_ids() const;
    [[nodiscard]] std::vector<std::string> node_ids() const;
    [[nodiscard]] std::vector<std::string> region_ids() const;
    [[nodiscard]] std::vector<std::string> tags() const;
    [[nodiscard]] std::vector<std::string> link_names() const;
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
