/// Checks shared by nodes and links from TOML tables and from CSV rows.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <vector>

#include "scenario/network.hpp"
#include "scenario/text.hpp"

namespace shockflow::scenario {
namespace {

/// Keys that only some node kinds may carry (format spec, [[node]] table).
struct KindRule {
    std::string_view key;
    std::vector<NodeKind> kinds;
    std::string_view kinds_text;
};

const std::array<KindRule, 6>& kind_rules() {
    using K = NodeKind;
    static const std::array<KindRule, 6> kRules{{
        {"firms", {K::Park, K::Plant}, "park and plant"},
        {"capacity", {K::Park, K::Plant, K::Source}, "park, plant and source"},
        {"population", {K::Region}, "region"},
        {"demand", {K::Region}, "region"},
        {"stock_target_days",
         {K::Depot, K::Region, K::Park, K::Plant},
         "depot, region, park and plant"},
        {"replenishment_days",
         {K::Depot, K::Region, K::Park, K::Plant},
         "depot, region, park and plant"},
    }};
    return kRules;
}

SourceLoc loc_or(const KeyLocs& at, std::string_view key, const SourceLoc& fallback) {
    const auto it = at.find(key);
    return it != at.end() ? it->second : fallback;
}

void check_kind_keys(const NodeDraft& d, LoadContext& ctx) {
    for (const auto& rule : kind_rules()) {
        const auto it = d.at.find(rule.key);
        if (it == d.at.end()) continue;
        if (std::find(rule.kinds.begin(), rule.kinds.end(), d.node.kind) != rule.kinds.end()) {
            continue;
        }
        ctx.error(it->second,
                  fmt::format("{}.{}: not allowed on a {} node (only on {} nodes)", d.label,
                              rule.key, kind_name(d.node.kind), rule.kinds_text));
    }
    const bool needs_people = d.node.kind == NodeKind::Region && !d.node.demand.empty();
    // An unreadable population is reported already; do not report it twice.
    if (needs_people && d.population_known && d.node.population <= 0.0) {
        ctx.error(loc_or(d.at, "population", loc_or(d.at, "demand", d.node.loc)),
                  fmt::format("{}.population: a region with demand needs population > 0 (got {})",
                              d.label, num(d.node.population)));
    }
}

/// Keeps the entries with a quantity >= 0 (the readers kept known products only).
void check_quantities(std::vector<ProductQty>& entries, std::string_view key,
                      const std::string& label, LoadContext& ctx) {
    std::erase_if(entries, [&](const ProductQty& q) {
        const std::string path = fmt::format("{}.{}.{}", label, key, q.product);
        return !check_at_least(ctx, q.loc, path, q.qty, 0.0);
    });
}

void check_node_values(NodeDraft& d, LoadContext& ctx) {
    NodeSpec& n = d.node;
    const auto at = [&](std::string_view key) { return loc_or(d.at, key, n.loc); };
    const auto path = [&](std::string_view key) { return fmt::format("{}.{}", d.label, key); };
    if (n.firms < 0)
        ctx.error(at("firms"), fmt::format("{}: must be >= 0 (got {})", path("firms"), n.firms));
    check_at_least(ctx, at("population"), path("population"), n.population, 0.0);
    if (n.stock_target_days) {
        check_at_least(ctx, at("stock_target_days"), path("stock_target_days"),
                       *n.stock_target_days, 0.0);
    }
    if (n.replenishment_days) {
        check_at_least(ctx, at("replenishment_days"), path("replenishment_days"),
                       *n.replenishment_days, 0.0);
    }
    // Tags are free text ("province:tehran" is fine: targets write it "tag:province:tehran"),
    // but an empty one could never be targeted and is most likely a stray separator.
    for (std::size_t i = 0; i < n.tags.size(); ++i) {
        if (n.tags[i].empty()) {
            ctx.error(at("tags"), fmt::format("{}[{}]: must not be empty", path("tags"), i));
        }
    }
    check_quantities(n.capacity, "capacity", d.label, ctx);
    check_quantities(n.stock, "stock", d.label, ctx);
    check_quantities(n.demand, "demand", d.label, ctx);
}

}  // namespace

bool parse_node_kind(LoadContext& ctx, const SourceLoc& loc, const std::string& path,
                     const std::string& name, NodeKind& out) {
    for (NodeKind k :
         {NodeKind::Park, NodeKind::Plant, NodeKind::Depot, NodeKind::Region, NodeKind::Source}) {
        if (kind_name(k) == name) {
            out = k;
            return true;
        }
    }
    ctx.error(loc,
              fmt::format("{}: unknown node kind {}{}", path, in_quotes(name),
                          expected_hint(name, {"park", "plant", "depot", "region", "source"})));
    return false;
}

void add_node(NodeDraft draft, LoadContext& ctx, Catalog& cat, ScenarioSpec& spec) {
    check_node_values(draft, ctx);
    if (draft.kind_known) check_kind_keys(draft, ctx);
    const auto id_at = draft.at.find("id");
    if (id_at == draft.at.end()) return;  // missing id reported by the reader
    const std::string path = draft.label + ".id";
    if (!check_id_syntax(ctx, id_at->second, path, draft.node.id)) return;
    if (const auto first = cat.nodes.find(draft.node.id); first != cat.nodes.end()) {
        ctx.error(id_at->second,
                  fmt::format("{}: duplicate node id {} (first defined at {})", path,
                              in_quotes(draft.node.id), where(first->second.loc, id_at->second)));
        return;
    }
    cat.add_node(draft.node);
    spec.nodes.push_back(std::move(draft.node));
}

void add_link(LinkDraft draft, LoadContext& ctx, Catalog& cat, ScenarioSpec& spec) {
    LinkSpec& l = draft.link;
    const auto at = [&](std::string_view key) { return loc_or(draft.at, key, l.loc); };
    const auto path = [&](std::string_view key) { return fmt::format("{}.{}", draft.label, key); };
    check_at_least(ctx, at("capacity"), path("capacity"), l.capacity, 0.0);
    check_at_least(ctx, at("transit_hours"), path("transit_hours"), l.transit_hours, 0.0);
    std::erase_if(l.products, [&](const std::string& p) {
        return !check_product(ctx, cat, at("products"), path("products"), p);
    });
    if (!draft.at.contains("from") || !draft.at.contains("to")) return;
    const bool from_ok = check_node(ctx, cat, at("from"), path("from"), l.from, {});
    const bool to_ok = check_node(ctx, cat, at("to"), path("to"), l.to, {});
    if (!from_ok || !to_ok) return;
    if (l.from == l.to) {
        ctx.error(at("to"), fmt::format("{}: a link cannot end where it starts ({})", path("to"),
                                        in_quotes(l.to)));
        return;
    }
    const auto key = std::pair(l.from, l.to);
    if (const auto first = cat.links.find(key); first != cat.links.end()) {
        ctx.error(l.loc, fmt::format("{}: duplicate link \"{}->{}\" (first defined at {})",
                                     draft.label, l.from, l.to, where(first->second, l.loc)));
        return;
    }
    cat.links.emplace(key, l.loc);
    spec.links.push_back(std::move(draft.link));
}

}  // namespace shockflow::scenario
