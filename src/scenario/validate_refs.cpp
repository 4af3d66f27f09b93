/// Reference checks: each reports what it expected and the names that exist.

#include "scenario/validate_refs.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "scenario/enum_names.hpp"
#include "scenario/text.hpp"

namespace shockflow::scenario {
namespace {

/// The keys of a map, in its order.
template <typename Map>
std::vector<std::string> keys_of(const Map& map) {
    std::vector<std::string> out;
    out.reserve(map.size());
    for (const auto& entry : map) out.push_back(entry.first);
    return out;
}

/// Reports `PATH: WHAT ID` at `loc`, with the closest of `known` as a hint; returns false.
bool report_unknown(LoadContext& ctx, const SourceLoc& loc, KeyPath path, std::string_view what,
                    std::string_view id, const std::vector<std::string>& known) {
    ctx.error(loc, fmt::format("{}: {} {}{}", path.str(), what, in_quotes(id),
                               unknown_hint(id, known, ctx.may_suggest())));
    return false;
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
    cat.reserve_links(spec.links.size());
    for (const auto& l : spec.links) {
        const std::size_t from = cat.find_node(l.from);
        const std::size_t to = cat.find_node(l.to);
        if (from != kNone && to != kNone) cat.add_link(from, to);  // always, once validated
    }
    return cat;
}

void Catalog::add_node(const NodeSpec& node) {
    node_index_.insert(hash_id(node.id), nodes_.size(),
                       [&](std::size_t i) { return hash_id(nodes_[i].id); });
    nodes_.push_back(Node{node.id, node.kind});
    sorted_node_ids_.clear();
    // Each node counts once per distinct tag; most carry one or two.
    const auto first = node.tags.begin();
    for (auto t = first; t != node.tags.end(); ++t) {
        if (std::find(first, t, *t) != t) continue;
        if (const auto it = tag_counts.find(*t); it != tag_counts.end()) {
            ++it->second;
        } else {
            tag_counts.emplace(*t, 1);
        }
    }
}

std::size_t Catalog::find_node(std::string_view id) const {
    return node_index_.find(hash_id(id), [&](std::size_t i) { return nodes_[i].id == id; });
}

std::uint64_t Catalog::link_hash(std::size_t from, std::size_t to) noexcept {
    return mix_bits((static_cast<std::uint64_t>(from) << 32U) ^ static_cast<std::uint64_t>(to));
}

void Catalog::add_link(std::size_t from, std::size_t to) {
    link_index_.insert(link_hash(from, to), links_.size(),
                       [&](std::size_t i) { return link_hash(links_[i].from, links_[i].to); });
    links_.push_back(Link{static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(to)});
}

std::size_t Catalog::find_link(std::size_t from, std::size_t to) const {
    return link_index_.find(link_hash(from, to), [&](std::size_t i) {
        return links_[i].from == from && links_[i].to == to;
    });
}

void Catalog::reserve_links(std::size_t n) {
    links_.reserve(links_.size() + n);
    link_index_.reserve(link_index_.size() + n,
                        [&](std::size_t i) { return link_hash(links_[i].from, links_[i].to); });
}

// Ids are only ever added: a list as long as its source is up to date.
const std::vector<std::string>& Catalog::product_ids() const {
    if (product_ids_.size() != products.size()) product_ids_ = keys_of(products);
    return product_ids_;
}

const std::vector<std::string>& Catalog::tags() const {
    if (tags_.size() != tag_counts.size()) tags_ = keys_of(tag_counts);
    return tags_;
}

const std::vector<std::string>& Catalog::node_ids() const {
    if (sorted_node_ids_.size() != nodes_.size()) {
        sorted_node_ids_.clear();
        for (const Node& n : nodes_) sorted_node_ids_.push_back(n.id);
        std::sort(sorted_node_ids_.begin(), sorted_node_ids_.end());
    }
    return sorted_node_ids_;
}

const std::vector<std::string>& Catalog::link_names() const {
    if (link_names_.size() == links_.size()) return link_names_;
    std::vector<std::pair<std::string_view, std::string_view>> ends;
    ends.reserve(links_.size());
    for (const Link& l : links_) ends.emplace_back(nodes_[l.from].id, nodes_[l.to].id);
    std::sort(ends.begin(), ends.end());
    link_names_.clear();
    link_names_.reserve(ends.size());
    for (const auto& [from, to] : ends) link_names_.push_back(fmt::format("{}->{}", from, to));
    return link_names_;
}

const std::vector<std::string>& category_names() {
    static const std::vector<std::string> kNames = names_in(kCategoryNames);
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
    return cat.products.contains(id) ||
           report_unknown(ctx, loc, path, "unknown product", id, cat.product_ids());
}

bool check_product_or_category(LoadContext& ctx, const Catalog& cat, const SourceLoc& loc,
                               KeyPath path, std::string_view name, bool star) {
    const auto& categories = category_names();
    if (cat.products.contains(name) || (star && name == "*")) return true;
    if (std::find(categories.begin(), categories.end(), name) != categories.end()) return true;
    std::vector<std::string> known = categories;
    const auto ids = cat.product_ids();
    known.insert(known.end(), ids.begin(), ids.end());
    return report_unknown(ctx, loc, path, "unknown product or category", name, known);
}

std::size_t resolve_node(LoadContext& ctx, const Catalog& cat, const SourceLoc& loc, KeyPath path,
                         std::string_view id, std::initializer_list<NodeKind> kinds) {
    const std::size_t node = cat.find_node(id);
    if (node == Catalog::kNone) {
        report_unknown(ctx, loc, path, "unknown node", id, cat.node_ids());
        return Catalog::kNone;
    }
    const NodeKind kind = cat.node_kind(node);
    if (kinds.size() == 0) return node;
    if (std::find(kinds.begin(), kinds.end(), kind) != kinds.end()) return node;
    ctx.error(loc, fmt::format("{}: node {} is a {} (expected {})", path.str(), in_quotes(id),
                               kind_name(kind), kinds_phrase(kinds)));
    return Catalog::kNone;
}

bool check_node(LoadContext& ctx, const Catalog& cat, const SourceLoc& loc, KeyPath path,
                std::string_view id, std::initializer_list<NodeKind> kinds) {
    return resolve_node(ctx, cat, loc, path, id, kinds) != Catalog::kNone;
}

bool check_tag(LoadContext& ctx, const Catalog& cat, const SourceLoc& loc, KeyPath path,
               std::string_view tag) {
    return cat.tag_counts.contains(tag) ||
           report_unknown(ctx, loc, path, "no node carries tag", tag, cat.tags());
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
    const std::size_t from = cat.find_node(name.substr(0, arrow));
    const std::size_t to = cat.find_node(name.substr(arrow + 2));
    if (from != Catalog::kNone && to != Catalog::kNone &&
        cat.find_link(from, to) != Catalog::kNone) {
        return true;
    }
    return report_unknown(ctx, loc, path, "unknown link", name, cat.link_names());
}

}  // namespace shockflow::scenario
