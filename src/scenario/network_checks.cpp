/// Checks shared by nodes and links from TOML tables and from CSV rows.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "scenario/enum_names.hpp"
#include "scenario/network.hpp"
#include "scenario/text.hpp"
#include "shockflow/scenario/limits.hpp"

namespace shockflow::scenario {
namespace {

/// Keys that only some node kinds may carry (format spec, [[node]] table).
struct KindRule {
    NodeKey key;
    std::vector<NodeKind> kinds;
    std::string_view kinds_text;
};

const std::array<KindRule, 8>& kind_rules() {
    using K = NodeKind;
    static const std::array<KindRule, 8> kRules{{
        {NodeKey::Firms, {K::Park, K::Plant}, "park and plant"},
        {NodeKey::Capacity, {K::Park, K::Plant, K::Source}, "park, plant and source"},
        {NodeKey::Population, {K::Region}, "region"},
        {NodeKey::Demand, {K::Region}, "region"},
        {NodeKey::StockTargetDays,
         {K::Depot, K::Region, K::Park, K::Plant},
         "depot, region, park and plant"},
        {NodeKey::ReplenishmentDays,
         {K::Depot, K::Region, K::Park, K::Plant},
         "depot, region, park and plant"},
        {NodeKey::Recipe, {K::Park, K::Plant}, "park and plant"},
        {NodeKey::BuysOwn, {K::Park, K::Plant}, "park and plant"},
    }};
    return kRules;
}

void check_kind_keys(const NodeDraft& d, LoadContext& ctx) {
    for (const auto& rule : kind_rules()) {
        if (!d.at.has(rule.key)) continue;
        if (std::find(rule.kinds.begin(), rule.kinds.end(), d.node.kind) != rule.kinds.end()) {
            continue;
        }
        ctx.error(d.at.at(rule.key, d.node.loc),
                  fmt::format("{}.{}: not allowed on a {} node (only on {} nodes)", d.label(),
                              key_name(rule.key), kind_name(d.node.kind), rule.kinds_text));
    }
    const bool needs_people = d.node.kind == NodeKind::Region && !d.node.demand.empty();
    // An unreadable population is reported already; do not report it twice.
    if (needs_people && d.population_known && d.node.population <= 0.0) {
        const SourceLoc& demand = d.at.at(NodeKey::Demand, d.node.loc);
        ctx.error(d.at.at(NodeKey::Population, demand),
                  fmt::format("{}.population: a region with demand needs population > 0 (got {})",
                              d.label(), num(d.node.population)));
    }
}

/// Keeps the entries with a quantity >= 0 (the readers kept known products only).
void check_quantities(std::vector<ProductQty>& entries, NodeKey key, const NodeDraft& d,
                      LoadContext& ctx) {
    std::erase_if(entries, [&](const ProductQty& q) {
        const auto path = [&] {
            return fmt::format("{}.{}.{}", d.label(), key_name(key), q.product);
        };
        return !check_quantity(ctx, q.loc, path, q.qty);
    });
}

/// A node's own recipe: inputs >= 0, and less than one unit of a product it
/// makes per unit made (self-use, as in [[recipe]]).
void check_recipe(NodeDraft& d, LoadContext& ctx) {
    std::vector<ProductQty>& inputs = *d.node.recipe;
    check_quantities(inputs, NodeKey::Recipe, d, ctx);
    for (const ProductQty& in : inputs) {
        const auto& made = d.node.capacity;
        const bool makes = std::any_of(made.begin(), made.end(), [&](const ProductQty& c) {
            return c.product == in.product && c.qty > 0.0;
        });
        if (makes && in.qty >= 1.0) {
            ctx.error(in.loc, fmt::format("{}.recipe.{}: a node that uses {} unit(s) of what it "
                                          "makes per unit made can never produce it (must be < 1)",
                                          d.label(), in.product, num(in.qty)));
        }
    }
}

/// Units of `product` a node uses of its own output per unit made: its own
/// recipe's entry if it has a recipe of its own, else the product's recipe's.
double self_use(const NodeSpec& n, const ScenarioSpec& spec, const std::string& product) {
    const auto entry = [&](const std::vector<ProductQty>& inputs) {
        for (const ProductQty& in : inputs)
            if (in.product == product) return in.qty;
        return 0.0;
    };
    if (n.recipe) return entry(*n.recipe);
    for (const RecipeSpec& r : spec.recipes)
        if (r.product == product) return entry(r.inputs);
    return 0.0;
}

/// What a node buys of its own products from other makers: >= 0 and < 1,
/// and with the self-use of each product it makes, less than one unit per
/// unit made (as self-use alone, check_recipe).
void check_buys_own(NodeDraft& d, const ScenarioSpec& spec, LoadContext& ctx) {
    NodeSpec& n = d.node;
    if (!d.at.has(NodeKey::BuysOwn)) return;
    const SourceLoc& at = d.at.at(NodeKey::BuysOwn, n.loc);
    const auto path = [&] { return fmt::format("{}.buys_own", d.label()); };
    if (!check_at_least(ctx, at, path, n.buys_own, 0.0)) {
        n.buys_own = 0.0;
        return;
    }
    if (n.buys_own >= 1.0) {
        ctx.error(at, fmt::format("{}: must be < 1 (got {})", path(), num(n.buys_own)));
        return;
    }
    for (const ProductQty& made : n.capacity) {
        const double self = made.qty > 0.0 ? self_use(n, spec, made.product) : 0.0;
        if (self + n.buys_own < 1.0) continue;
        ctx.error(at, fmt::format("{}: a node that uses {} unit(s) of {} per unit made ({} of its "
                                  "own and {} bought) can never produce it (must be < 1)",
                                  path(), num(self + n.buys_own), in_quotes(made.product),
                                  num(self), num(n.buys_own)));
    }
}

/// Where a node is drawn: `lat` and `lon` both or neither, in degrees within
/// their ranges (the readers took finite numbers only).
void check_position(const NodeDraft& d, LoadContext& ctx) {
    const NodeSpec& n = d.node;
    const bool lat = d.at.has(NodeKey::Lat), lon = d.at.has(NodeKey::Lon);
    if (lat != lon) {
        const NodeKey given = lat ? NodeKey::Lat : NodeKey::Lon;
        ctx.error(d.at.at(given, n.loc),
                  fmt::format("{}.{}: needs \"{}\" as well (a node's position is both lat and "
                              "lon, or neither)",
                              d.label(), key_name(given), lat ? "lon" : "lat"));
    }
    const auto check = [&](NodeKey key, const std::optional<double>& v, double bound) {
        if (!v || std::abs(*v) <= bound) return;
        ctx.error(d.at.at(key, n.loc),
                  fmt::format("{}.{}: must be between -{} and {} degrees (got {})", d.label(),
                              key_name(key), num(bound), num(bound), num(*v)));
    };
    check(NodeKey::Lat, n.lat, 90.0);
    check(NodeKey::Lon, n.lon, 180.0);
}

void check_node_values(NodeDraft& d, LoadContext& ctx) {
    NodeSpec& n = d.node;
    const auto at = [&](NodeKey key) -> const SourceLoc& { return d.at.at(key, n.loc); };
    const auto path = [&](NodeKey key) { return fmt::format("{}.{}", d.label(), key_name(key)); };
    if (n.firms < 0 || n.firms > limits::kMaxFirms) {
        ctx.error(at(NodeKey::Firms),
                  fmt::format("{}: must be {} (got {})", path(NodeKey::Firms),
                              n.firms < 0 ? std::string(">= 0")
                                          : fmt::format("at most {}", limits::kMaxFirms),
                              n.firms));
    }
    check_quantity(
        ctx, at(NodeKey::Population), [&] { return path(NodeKey::Population); }, n.population);
    if (n.stock_target_days) {
        check_days(
            ctx, at(NodeKey::StockTargetDays), [&] { return path(NodeKey::StockTargetDays); },
            *n.stock_target_days);
    }
    if (n.replenishment_days) {
        check_days(
            ctx, at(NodeKey::ReplenishmentDays), [&] { return path(NodeKey::ReplenishmentDays); },
            *n.replenishment_days);
    }
    // Tags are free text ("province:tehran" is fine: targets write it "tag:province:tehran"),
    // but an empty one could never be targeted and is most likely a stray separator.
    for (std::size_t i = 0; i < n.tags.size(); ++i) {
        if (n.tags[i].empty()) {
            ctx.error(at(NodeKey::Tags),
                      fmt::format("{}[{}]: must not be empty", path(NodeKey::Tags), i));
        }
    }
    check_quantities(n.capacity, NodeKey::Capacity, d, ctx);
    check_quantities(n.stock, NodeKey::Stock, d, ctx);
    check_quantities(n.demand, NodeKey::Demand, d, ctx);
    if (n.recipe) check_recipe(d, ctx);
    check_position(d, ctx);
}

constexpr std::array<Named<NodeKey>, 14> kNodeKeyNames{{
    {NodeKey::Id, "id"},
    {NodeKey::Kind, "kind"},
    {NodeKey::Tags, "tags"},
    {NodeKey::Firms, "firms"},
    {NodeKey::Capacity, "capacity"},
    {NodeKey::Stock, "stock"},
    {NodeKey::StockTargetDays, "stock_target_days"},
    {NodeKey::ReplenishmentDays, "replenishment_days"},
    {NodeKey::Population, "population"},
    {NodeKey::Demand, "demand"},
    {NodeKey::Recipe, "recipe"},
    {NodeKey::BuysOwn, "buys_own"},
    {NodeKey::Lat, "lat"},
    {NodeKey::Lon, "lon"},
}};

constexpr std::array<Named<LinkKey>, 6> kLinkKeyNames{{
    {LinkKey::From, "from"},
    {LinkKey::To, "to"},
    {LinkKey::Capacity, "capacity"},
    {LinkKey::TransitHours, "transit_hours"},
    {LinkKey::Products, "products"},
    {LinkKey::Weight, "weight"},
}};

}  // namespace

std::string_view key_name(NodeKey key) noexcept { return name_in(kNodeKeyNames, key); }

std::string_view key_name(LinkKey key) noexcept { return name_in(kLinkKeyNames, key); }

std::string NodeDraft::label() const {
    if (!table_path.empty()) return table_path;
    return node.id.empty() ? std::string("node (no id)")
                           : fmt::format("node {}", in_quotes(node.id));
}

std::string LinkDraft::label() const {
    if (!table_path.empty()) return table_path;
    return fmt::format("link \"{}->{}\"", escaped(link.from), escaped(link.to));
}

bool parse_node_kind(LoadContext& ctx, const SourceLoc& loc, KeyPath path, std::string_view name,
                     NodeKind& out) {
    if (const auto kind = value_named(kNodeKindNames, name)) {
        out = *kind;
        return true;
    }
    ctx.error(loc, fmt::format("{}: unknown node kind {}{}", path.str(), in_quotes(name),
                               expected_hint(name, names_in(kNodeKindNames))));
    return false;
}

void add_node(NodeDraft draft, LoadContext& ctx, Catalog& cat, ScenarioSpec& spec) {
    check_node_values(draft, ctx);
    check_buys_own(draft, spec, ctx);
    if (draft.kind_known) check_kind_keys(draft, ctx);
    if (!draft.at.has(NodeKey::Id)) return;  // missing id reported by the reader
    const SourceLoc& id_at = draft.at.at(NodeKey::Id, draft.node.loc);
    const auto path = [&] { return draft.label() + ".id"; };
    if (!check_id_syntax(ctx, id_at, path, draft.node.id)) return;
    if (const std::size_t first = cat.find_node(draft.node.id); first != Catalog::kNone) {
        ctx.error(id_at,
                  fmt::format("{}: duplicate node id {} (first defined at {})", path(),
                              in_quotes(draft.node.id), where(spec.nodes[first].loc, id_at)));
        return;
    }
    cat.add_node(draft.node);
    spec.nodes.push_back(std::move(draft.node));
}

void add_link(LinkDraft draft, LoadContext& ctx, Catalog& cat, ScenarioSpec& spec) {
    LinkSpec& l = draft.link;
    const auto at = [&](LinkKey key) -> const SourceLoc& { return draft.at.at(key, l.loc); };
    const auto path = [&](LinkKey key) {
        return [&draft, key] { return fmt::format("{}.{}", draft.label(), key_name(key)); };
    };
    // Without `capacity` a link is unlimited (infinity): nothing to check.
    if (draft.at.has(LinkKey::Capacity))
        check_quantity(ctx, at(LinkKey::Capacity), path(LinkKey::Capacity), l.capacity);
    if (check_at_least(ctx, at(LinkKey::TransitHours), path(LinkKey::TransitHours), l.transit_hours,
                       0.0)) {
        check_at_most(ctx, at(LinkKey::TransitHours), path(LinkKey::TransitHours), l.transit_hours,
                      limits::kMaxHours, "hours");
    }
    if (l.weight) check_above(ctx, at(LinkKey::Weight), path(LinkKey::Weight), *l.weight, 0.0);
    std::erase_if(l.products, [&](const std::string& p) {
        return !check_product(ctx, cat, at(LinkKey::Products), path(LinkKey::Products), p);
    });
    if (!draft.at.has(LinkKey::From) || !draft.at.has(LinkKey::To)) return;
    const std::size_t from =
        resolve_node(ctx, cat, at(LinkKey::From), path(LinkKey::From), l.from, {});
    const std::size_t to = resolve_node(ctx, cat, at(LinkKey::To), path(LinkKey::To), l.to, {});
    if (from == Catalog::kNone || to == Catalog::kNone) return;
    if (l.from == l.to) {
        ctx.error(at(LinkKey::To), fmt::format("{}: a link cannot end where it starts ({})",
                                               path(LinkKey::To)(), in_quotes(l.to)));
        return;
    }
    if (const std::size_t first = cat.find_link(from, to); first != Catalog::kNone) {
        ctx.error(l.loc,
                  fmt::format("{}: duplicate link \"{}->{}\" (first defined at {})", draft.label(),
                              l.from, l.to, where(spec.links[first].loc, l.loc)));
        return;
    }
    cat.add_link(from, to);
    spec.links.push_back(std::move(draft.link));
}

}  // namespace shockflow::scenario
