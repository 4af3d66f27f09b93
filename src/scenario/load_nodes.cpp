/// [[node]] and [[link]] inline tables; the CSV tables are in load_network.cpp.

#include <fmt/format.h>

#include <array>

#include "scenario/network.hpp"
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
                               NodeKey::Recipe};
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

NodeDraft read_node_table(const toml::table& table, const std::string& path, LoadContext& ctx,
                          const Catalog& cat) {
    const TableReader r(table, path, ctx,
                        {"id", "kind", "tags", "firms", "capacity", "stock", "stock_target_days",
                         "replenishment_days", "population", "demand", "recipe"});
    NodeDraft d{NodeSpec{}, path, locs_of(r, kNodeKeys)};
    NodeSpec& n = d.node;
    n.loc = r.loc();
    if (auto id = r.string("id", Need::Required)) {
        n.id = *id;
    } else {
        d.at.erase(NodeKey::Id);  // a non-string id cannot be registered
    }
    if (auto kind = r.string("kind", Need::Required)) {
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
    return d;
}

LinkDraft read_link_table(const toml::table& table, const std::string& path, LoadContext& ctx) {
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
    if (auto v = r.number("transit_hours", Need::Required)) l.transit_hours = *v;
    if (auto products = r.strings("products")) l.products = *products;
    if (auto v = r.number("weight")) l.weight = *v;
    return d;
}

}  // namespace

void read_nodes(const TableReader& top, const TableReader* network, Catalog& cat,
                ScenarioSpec& spec) {
    for_each_table(top, "node", [&](const toml::table& table, const std::string& path) {
        add_node(read_node_table(table, path, top.ctx(), cat), top.ctx(), cat, spec);
    });
    if (network != nullptr) read_csv_nodes(*network, cat, spec);
}

void read_links(const TableReader& top, const TableReader* network, Catalog& cat,
                ScenarioSpec& spec) {
    for_each_table(top, "link", [&](const toml::table& table, const std::string& path) {
        add_link(read_link_table(table, path, top.ctx()), top.ctx(), cat, spec);
    });
    if (network != nullptr) read_csv_links(*network, cat, spec);
}

}  // namespace shockflow::scenario
