/// Reference checks: each reports what it expected and the names that exist.

#include "scenario/validate_refs.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "scenario/text.hpp"

namespace shockflow::scenario {
namespace {

template <typename Map>
std::vector<std::string> keys_of(const Map& map) {
    std::vector<std::string> out;
    out.reserve(map.size());
    for (const auto& entry : map) out.push_back(entry.first);
    return out;
}

/// "a park, plant or source"
std::string kinds_phrase(std::initializer_list<NodeKind> kinds) {
    std::string out;
    std::size_t i = 0;
    for (NodeKind k : kinds) {
        if (i > 0) out += (i + 1 == kinds.size()) ? " or " : ", ";
        out += kind_name(k);
        ++i;
    }
    return "a " + out;
}

}  // namespace

Catalog Catalog::of(const ScenarioSpec& spec) {
    Catalog cat;
    for (const auto& p : spec.products) cat.products.emplace(p.id, p.loc);
    for (const auto& n : spec.nodes) cat.add_node(n);
    for (const auto& l : spec.links) cat.links.emplace(std::pair(l.from, l.to), l.loc);
    return cat;
}

void Catalog::add_node(const NodeSpec& node) {
    nodes.emplace(node.id, NodeEntry{node.kind, node.loc});
    std::vector<std::string> distinct = node.tags;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (const auto& t : distinct) ++tag_counts[t];
}

std::vector<std::string> Catalog::product_ids() const { return keys_of(products); }
std::vector<std::string> Catalog::node_ids() const { return keys_of(nodes); }
std::vector<std::string> Catalog::tags() const { return keys_of(tag_counts); }

std::vector<std::string> Catalog::region_ids() const {
    std::vector<std::string> out;
    for (const auto& [id, entry] : nodes) {
        if (entry.kind == NodeKind::Region) out.push_back(id);
    }
    return out;
}

std::vector<std::string> Catalog::link_names() const {
    std::vector<std::string> out;
    for (const auto& entry : links) {
        out.push_back(fmt::format("{}->{}", entry.first.first, entry.first.second));
    }
    return out;
}

const std::vector<std::string>& category_names() {
    static const std::vector<std::string> kNames{"essential", "intermediate", "capital"};
    return kNames;
}

std::string where(const SourceLoc& first, const SourceLoc& here) {
    if (first.file == here.file) return fmt::format("line {}", first.line);
    return fmt::format("{}:{}", first.file, first.line);
}

bool check_id_syntax(LoadContext& ctx, const SourceLoc& loc, KeyPath path, std::string_view id) {
    if (is_valid_id(id)) return true;
    ctx.error(loc, fmt::format("{}: invalid id {} (use letters, digits, '_', '-' and '.')",
                               path.str(), in_quotes(id)));
    return false;
}

bool check_product(LoadContext& ctx, const Catalog& cat, const SourceLoc& loc, KeyPath path,
                   std::string_view id) {
    if (cat.products.contains(id)) return true;
    ctx.error(loc, fmt::format("{}: unknown product {}{}", path.str(), in_quotes(id),
                               unknown_hint(id, cat.product_ids())));
    return false;
}

bool check_product_or_category(LoadContext& ctx, const Catalog& cat, const SourceLoc& loc,
                               KeyPath path, std::string_view name, bool star) {
    const auto& categories = category_names();
    if (cat.products.contains(name) || (star && name == "*")) return true;
    if (std::find(categories.begin(), categories.end(), name) != categories.end()) return true;
    std::vector<std::string> known = categories;
    const auto ids = cat.product_ids();
    known.insert(known.end(), ids.begin(), ids.end());
    ctx.error(loc, fmt::format("{}: unknown product or category {}{}", path.str(), in_quotes(name),
                               unknown_hint(name, known)));
    return false;
}

bool check_node(LoadContext& ctx, const Catalog& cat, const SourceLoc& loc, KeyPath path,
                std::string_view id, std::initializer_list<NodeKind> kinds) {
    const auto it = cat.nodes.find(id);
    if (it == cat.nodes.end()) {
        ctx.error(loc, fmt::format("{}: unknown node {}{}", path.str(), in_quotes(id),
                                   unknown_hint(id, cat.node_ids())));
        return false;
    }
    if (kinds.size() == 0) return true;
    if (std::find(kinds.begin(), kinds.end(), it->second.kind) != kinds.end()) return true;
    ctx.error(loc, fmt::format("{}: node {} is a {} (expected {})", path.str(), in_quotes(id),
                               kind_name(it->second.kind), kinds_phrase(kinds)));
    return false;
}

bool check_tag(LoadContext& ctx, const Catalog& cat, const SourceLoc& loc, KeyPath path,
               std::string_view tag) {
    if (cat.tag_counts.contains(tag)) return true;
    ctx.error(loc, fmt::format("{}: no node carries tag {}{}", path.str(), in_quotes(tag),
                               unknown_hint(tag, cat.tags())));
    return false;
}

bool check_node_or_tag(LoadContext& ctx, const Catalog& cat, const SourceLoc& loc, KeyPath path,
                       std::string_view ref, std::initializer_list<NodeKind> kinds) {
    if (ref.starts_with("tag:")) return check_tag(ctx, cat, loc, path, ref.substr(4));
    return check_node(ctx, cat, loc, path, ref, kinds);
}

bool check_link(LoadContext& ctx, const Catalog& cat, const SourceLoc& loc, KeyPath path,
                std::string_view name) {
    const auto arrow = name.find("->");
    if (arrow == std::string_view::npos) {
        ctx.error(loc, fmt::format("{}: expected a link written \"FROM->TO\" (got {})", path.str(),
                                   in_quotes(name)));
        return false;
    }
    const auto key =
        std::pair(std::string(name.substr(0, arrow)), std::string(name.substr(arrow + 2)));
    if (cat.links.contains(key)) return true;
    ctx.error(loc, fmt::format("{}: unknown link {}{}", path.str(), in_quotes(name),
                               unknown_hint(name, cat.link_names())));
    return false;
}

}  // namespace shockflow::scenario
