/// [[node]] and [[link]] inline tables, and the patches of overlays and
/// overrides (overlay.hpp) applied to them; the CSV tables are in
/// load_network.cpp.

#include <fmt/format.h>

#include <array>

#include "scenario/network.hpp"
#include "scenario/overlay.hpp"
#include "scenario/sections.hpp"
#include "scenario/text.hpp"

namespace shockflow::scenario {
namespace {

/// Where each known key of `r` is written, so the shared checks can point at it
/// (unknown keys are reported by the reader).
template <typename Key, std::size_t N>
KeyLocs<Key> locs_of(const TableReader& r, const std::array<Key, N>& keys) {
    KeyLocs<Key> at;
    for (Key key : keys) {
        if (r.has(key_name(key))) at.mark(key, r.loc(key_name(key)));
    }
    return at;
}

constexpr std::array kNodeKeys{NodeKey::Id,
                               NodeKey::Kind,
                               NodeKey::Tags,
                               NodeKey::Firms,
                               NodeKey::Capacity,
                               NodeKey::Stock,
                               NodeKey::StockTargetDays,
                               NodeKey::ReplenishmentDays,
                               NodeKey::Population,
                               NodeKey::Demand,
                               NodeKey::Recipe,
                               NodeKey::BuysOwn,
                               NodeKey::Lat,
                               NodeKey::Lon};
constexpr std::array kLinkKeys{LinkKey::From,         LinkKey::To,       LinkKey::Capacity,
                               LinkKey::TransitHours, LinkKey::Products, LinkKey::Weight};

/// `{ product = number }` entries naming known products (unknown ones are
/// reported at the key; ranges are checked in add_node, the same for CSV rows).
std::vector<ProductQty> quantities(const TableReader& r, std::string_view key, const Catalog& cat) {
    std::vector<ProductQty> out;
    const toml::table* table = r.subtable(key);
    if (table == nullptr) return out;
    for (auto& e : read_number_table(r.ctx(), *table, r.path(key))) {
        const auto path = [&] { return fmt::format("{}.{}", r.path(key), escaped(e.key)); };
        if (check_product(r.ctx(), cat, e.key_loc, path, e.key)) {
            out.push_back(ProductQty{std::move(e.key), e.value, e.loc});
        }
    }
    return out;
}

/// A node's table; a patch (`Need::Optional`) may leave out its kind.
NodeDraft read_node_table(const toml::table& table, const std::string& path, LoadContext& ctx,
                          const Catalog& cat, Need kind_need = Need::Required) {
    const TableReader r(
        table, path, ctx,
        {"id", "kind", "tags", "firms", "capacity", "stock", "stock_target_days",
         "replenishment_days", "population", "demand", "recipe", "buys_own", "lat", "lon"});
    NodeDraft d{NodeSpec{}, path, locs_of(r, kNodeKeys)};
    NodeSpec& n = d.node;
    n.loc = r.loc();
    if (auto id = r.string("id", Need::Required)) {
        n.id = *id;
    } else {
        d.at.erase(NodeKey::Id);  // a non-string id cannot be registered
    }
    if (auto kind = r.string("kind", kind_need)) {
        d.kind_known = parse_node_kind(ctx, r.loc("kind"), r.path("kind"), *kind, n.kind);
    }
    if (auto tags = r.strings("tags")) n.tags = *tags;
    if (auto firms = r.integer("firms")) n.firms = *firms;
    if (auto days = r.number("stock_target_days")) n.stock_target_days = *days;
    if (auto days = r.number("replenishment_days")) n.replenishment_days = *days;
    if (auto people = r.number("population")) {
        n.population = *people;
    } else {
        d.population_known = !r.has("population");
    }
    n.capacity = quantities(r, "capacity", cat);
    n.stock = quantities(r, "stock", cat);
    n.demand = quantities(r, "demand", cat);
    if (r.has("recipe")) n.recipe = quantities(r, "recipe", cat);
    if (auto v = r.number("buys_own")) n.buys_own = *v;
    if (auto v = r.number("lat")) n.lat = *v;
    if (auto v = r.number("lon")) n.lon = *v;
    return d;
}

/// A link's table; a patch (`Need::Optional`) may leave out its transit time.
LinkDraft read_link_table(const toml::table& table, const std::string& path, LoadContext& ctx,
                          Need transit_need = Need::Required) {
    const TableReader r(table, path, ctx,
                        {"from", "to", "capacity", "transit_hours", "products", "weight"});
    LinkDraft d{LinkSpec{}, path, locs_of(r, kLinkKeys)};
    LinkSpec& l = d.link;
    l.loc = r.loc();
    const auto from = r.string("from", Need::Required);
    const auto to = r.string("to", Need::Required);
    if (from && to) {
        l.from = *from;
        l.to = *to;
    } else {
        d.at.erase(LinkKey::From);  // without both ends the link cannot be resolved
    }
    if (auto v = r.number("capacity")) l.capacity = *v;  // absent: unlimited
    if (auto v = r.number("transit_hours", transit_need)) l.transit_hours = *v;
    if (auto products = r.strings("products")) l.products = *products;
    if (auto v = r.number("weight")) l.weight = *v;
    return d;
}

/// Entries of `from` replace those of the same product in `into`; the
/// others are added.
void merge_entries(std::vector<ProductQty>& into, std::vector<ProductQty>&& from) {
    for (ProductQty& e : from) {
        const auto old = std::find_if(into.begin(), into.end(),
                                      [&](const ProductQty& q) { return q.product == e.product; });
        if (old != into.end()) {
            *old = std::move(e);
        } else {
            into.push_back(std::move(e));
        }
    }
}

/// The keys written in `p` replace those of `d`; maps merge by product.
void merge_node(NodeDraft& d, NodeDraft&& p) {
    NodeSpec& n = d.node;
    NodeSpec& q = p.node;
    for (NodeKey key : kNodeKeys) {
        if (key == NodeKey::Id || !p.at.has(key)) continue;
        d.at.set(key, p.at.at(key, q.loc));
        switch (key) {
            case NodeKey::Kind:
                n.kind = q.kind;
                d.kind_known = p.kind_known;
                break;
            case NodeKey::Tags:
                n.tags = std::move(q.tags);
                break;
            case NodeKey::Firms:
                n.firms = q.firms;
                break;
            case NodeKey::StockTargetDays:
                n.stock_target_days = q.stock_target_days;
                break;
            case NodeKey::ReplenishmentDays:
                n.replenishment_days = q.replenishment_days;
                break;
            case NodeKey::Population:
                n.population = q.population;
                d.population_known = p.population_known;
                break;
            case NodeKey::Capacity:
                merge_entries(n.capacity, std::move(q.capacity));
                break;
            case NodeKey::Stock:
                merge_entries(n.stock, std::move(q.stock));
                break;
            case NodeKey::Demand:
                merge_entries(n.demand, std::move(q.demand));
                break;
            case NodeKey::Recipe:
                if (!n.recipe) n.recipe.emplace();
                merge_entries(*n.recipe, std::move(*q.recipe));
                break;
            case NodeKey::BuysOwn:
                n.buys_own = q.buys_own;
                break;
            case NodeKey::Lat:
                n.lat = q.lat;
                break;
            case NodeKey::Lon:
                n.lon = q.lon;
                break;
            default:
                break;
        }
    }
}

void merge_link(LinkDraft& d, LinkDraft&& p) {
    for (LinkKey key : kLinkKeys) {
        if (key == LinkKey::From || key == LinkKey::To || !p.at.has(key)) continue;
        d.at.set(key, p.at.at(key, p.link.loc));
        switch (key) {
            case LinkKey::Capacity:
                d.link.capacity = p.link.capacity;
                break;
            case LinkKey::TransitHours:
                d.link.transit_hours = p.link.transit_hours;
                break;
            case LinkKey::Products:
                d.link.products = std::move(p.link.products);
                break;
            case LinkKey::Weight:
                d.link.weight = p.link.weight;
                break;
            default:
                break;
        }
    }
}

/// A patch that met no node or link: one that says what it is (a node's
/// kind, a link's transit time) adds it; otherwise it names what is not
/// there, which is reported with a hint.
template <typename Add>
void add_unmet(Patches::List& list, std::string_view what, std::string_view needs,
               const std::vector<std::string>& names, LoadContext& ctx, Add add) {
    for (Patch& p : list) {
        if (p.used) continue;
        p.used = true;
        if (!p.must_exist && (p.key.empty() || p.table.contains(needs))) {
            add(p);
            continue;
        }
        ctx.error(
            p.loc,
            fmt::format("{}: no {} {} in the scenario{}{}", p.path, what, in_quotes(p.key),
                        unknown_hint(p.key, names, ctx.may_suggest()),
                        p.must_exist ? "" : fmt::format("; a new {} needs \"{}\"", what, needs)));
    }
}

}  // namespace

void patch_node(NodeDraft& d, Patches& patches, LoadContext& ctx, const Catalog& cat) {
    if (patches.nodes.empty()) return;
    if (Patch* p = patches.take_node(d.node.id)) {
        merge_node(d, read_node_table(p->table, p->path, ctx, cat, Need::Optional));
    }
}

void patch_link(LinkDraft& d, Patches& patches, LoadContext& ctx) {
    if (patches.links.empty()) return;
    if (Patch* p = patches.take_link(d.link.from, d.link.to)) {
        merge_link(d, read_link_table(p->table, p->path, ctx, Need::Optional));
    }
}

void read_nodes(const TableReader& top, const TableReader* network, Catalog& cat,
                ScenarioSpec& spec, Patches& patches) {
    LoadContext& ctx = top.ctx();
    for_each_table(top, "node", [&](const toml::table& table, const std::string& path) {
        NodeDraft d = read_node_table(table, path, ctx, cat);
        patch_node(d, patches, ctx, cat);
        add_node(std::move(d), ctx, cat, spec);
    });
    if (network != nullptr) read_csv_nodes(*network, cat, spec, patches);
    add_unmet(patches.nodes, "node", "kind", cat.node_ids(), ctx, [&](const Patch& p) {
        add_node(read_node_table(p.table, p.path, ctx, cat), ctx, cat, spec);
    });
}

void read_links(const TableReader& top, const TableReader* network, Catalog& cat,
                ScenarioSpec& spec, Patches& patches) {
    LoadContext& ctx = top.ctx();
    for_each_table(top, "link", [&](const toml::table& table, const std::string& path) {
        LinkDraft d = read_link_table(table, path, ctx);
        patch_link(d, patches, ctx);
        add_link(std::move(d), ctx, cat, spec);
    });
    if (network != nullptr) read_csv_links(*network, cat, spec, patches);
    add_unmet(patches.links, "link", "transit_hours", cat.link_names(), ctx, [&](const Patch& p) {
        add_link(read_link_table(p.table, p.path, ctx), ctx, cat, spec);
    });
}

}  // namespace shockflow::scenario
