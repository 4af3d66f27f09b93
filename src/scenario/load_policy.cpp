/// [policy] tables, in a scenario or in a standalone policy file.

#include <fmt/format.h>

#include <set>
#include <string>

#include "scenario/overlay.hpp"
#include "scenario/sections.hpp"
#include "scenario/text.hpp"
#include "shockflow/core/error.hpp"
#include "shockflow/scenario/limits.hpp"
#include "shockflow/scenario/loader.hpp"  // load_policy

namespace shockflow {
namespace scenario {
namespace {

using Check = bool (*)(LoadContext&, const SourceLoc&, KeyPath, double);

/// `{ essential = 7, food = 10 }`: keys are product ids or categories, values
/// passing `check` (days or quantities).
std::vector<KeyedValue> keyed_values(const TableReader& r, std::string_view key, const Catalog& cat,
                                     Check check) {
    std::vector<KeyedValue> out;
    const toml::table* table = r.subtable(key);
    if (table == nullptr) return out;
    for (auto& e : read_number_table(r.ctx(), *table, r.path(key))) {
        const std::string path = fmt::format("{}.{}", r.path(key), escaped(e.key));
        const bool known = check_product_or_category(r.ctx(), cat, e.key_loc, path, e.key, false);
        if (known && check(r.ctx(), e.loc, path, e.value)) {
            out.push_back(KeyedValue{std::move(e.key), e.value, e.loc});
        }
    }
    return out;
}

/// from_day, until_day, uplift and target_days of `prestock`.
void read_prestock_numbers(const TableReader& r, PrestockSpec& s) {
    bool read = true;  // a day reported already would only add a knock-on error
    for (const char* key : {"from_day", "until_day"}) {
        const auto v = r.number(key);
        if (!v || !check_day(r.ctx(), r.loc(key), r.path(key), *v)) {
            read = read && !r.has(key);
            continue;
        }
        (std::string_view(key) == "from_day" ? s.from_day : s.until_day) = *v;
    }
    // The measure acts on [from_day, until_day): an empty interval does nothing.
    if (read && s.from_day >= s.until_day) {
        if (r.has("until_day")) {
            r.error("until_day",
                    fmt::format("must be > from_day (got {} <= {})", s.until_day, s.from_day));
        } else {
            r.error("from_day",
                    fmt::format("must be < until_day (got {} >= {})", s.from_day, s.until_day));
        }
    }
    if (auto v = r.number("uplift")) {
        if (check_factor(r.ctx(), r.loc("uplift"), r.path("uplift"), *v)) s.uplift = *v;
    }
    if (auto v = r.number("target_days")) {
        if (check_days(r.ctx(), r.loc("target_days"), r.path("target_days"), *v)) {
            s.target_days = *v;
        }
    }
}

void read_prestock(const TableReader& policy, const Catalog& cat, PolicySpec& p) {
    const toml::table* table = policy.subtable("prestock");
    if (table == nullptr) return;
    const TableReader r(*table, policy.path("prestock"), policy.ctx(),
                        {"products", "from_day", "until_day", "uplift", "target_days"});
    PrestockSpec s;
    s.loc = r.loc();
    if (auto products = r.strings("products", Need::Required)) {
        if (products->empty()) r.error("products", "must name at least one product or category");
        for (std::size_t i = 0; i < products->size(); ++i) {
            const auto& name = (*products)[i];
            const std::string path = fmt::format("{}[{}]", r.path("products"), i);
            if (check_product_or_category(r.ctx(), cat, r.loc("products"), path, name, false)) {
                s.products.push_back(name);
            }
        }
    }
    read_prestock_numbers(r, s);
    p.prestock = s;
}

void read_allocation(const TableReader& r, const Catalog& cat, PolicySpec& p) {
    if (auto name = r.string("allocation")) {
        if (*name == "proportional") {
            p.allocation = Allocation::Proportional;
        } else if (*name == "priority") {
            p.allocation = Allocation::Priority;
        } else if (*name == "fair_share") {
            p.allocation = Allocation::FairShare;
        } else {
            r.error("allocation",
                    fmt::format("unknown allocation {}{}", in_quotes(*name),
                                expected_hint(*name, {"proportional", "priority", "fair_share"})));
        }
    }
    if (auto entries = r.strings("priority")) {
        for (std::size_t i = 0; i < entries->size(); ++i) {
            const std::string path = fmt::format("{}[{}]", r.path("priority"), i);
            check_node_or_tag(r.ctx(), cat, r.loc("priority"), path, (*entries)[i], {});
        }
        p.priority = *entries;
    }
    if (p.allocation == Allocation::Priority && !r.has("priority")) {
        r.error("allocation",
                "allocation = \"priority\" needs a `priority` list of node ids or "
                "tags to serve first");
    }
}

void read_repairs(const TableReader& r, PolicySpec& p) {
    if (auto crews = r.integer("repair_crews")) {
        if (*crews < 1) r.error("repair_crews", fmt::format("must be >= 1 (got {})", *crews));
        p.repair_crews = *crews;
    }
    const toml::table* table = r.subtable("repair_speedup");
    if (table == nullptr) return;
    const TableReader s(*table, r.path("repair_speedup"), r.ctx(), {"from_day", "factor"});
    RepairSpeedupSpec speedup;
    speedup.loc = s.loc();
    if (auto v = s.number("from_day")) {
        check_day(s.ctx(), s.loc("from_day"), s.path("from_day"), *v);
        speedup.from_day = *v;
    }
    if (auto v = s.number("factor")) {
        if (check_above(s.ctx(), s.loc("factor"), s.path("factor"), *v, 0.0) &&
            *v < limits::kMinSpeedupFactor) {
            s.error("factor", fmt::format("must be at least {} (got {})",
                                          limit_text(limits::kMinSpeedupFactor), *v));
        }
        check_at_most(s.ctx(), s.loc("factor"), s.path("factor"), *v, limits::kMaxFactor);
        speedup.factor = *v;
    }
    p.repair_speedup = speedup;
}

}  // namespace

PolicySpec read_policy(const toml::table& table, const std::string& path, LoadContext& ctx,
                       const Catalog& cat, const std::string& default_name) {
    const TableReader r(
        table, path, ctx,
        {"name", "prestock", "stock_target_days", "replenishment_days", "allocation", "priority",
         "reroute", "surge_capacity", "repair_crews", "repair_speedup", "holding_cost"});
    PolicySpec p;
    p.loc = r.loc();
    p.name = r.string("name").value_or(default_name);
    if (p.name.empty()) r.error("name", "must not be empty");
    read_prestock(r, cat, p);
    p.stock_target_days = keyed_values(r, "stock_target_days", cat, check_days);
    p.replenishment_days = keyed_values(r, "replenishment_days", cat, check_days);
    read_allocation(r, cat, p);
    if (auto v = r.boolean("reroute")) p.reroute = *v;
    if (auto v = r.number("surge_capacity")) {
        check_factor(ctx, r.loc("surge_capacity"), r.path("surge_capacity"), *v);
        p.surge_capacity = *v;
    }
    read_repairs(r, p);
    p.holding_cost = keyed_values(r, "holding_cost", cat, check_quantity);
    return p;
}

}  // namespace scenario

PolicySpec load_policy(const std::filesystem::path& file, const ScenarioSpec& scenario,
                       std::span<const Override> overrides) {
    using namespace scenario;
    LoadContext ctx(file);
    const auto text = ctx.read(file);
    if (!text) throw ConfigError(SourceLoc{ctx.file()}, "cannot open file: " + ctx.read_error());
    Layers layers{parse_toml(*text, ctx), {}};
    apply_overrides(layers, overrides, true, ctx);  // `policy.` keys only
    const toml::table& root = layers.root;
    const TableReader top(root, "", ctx, {"policy"});
    PolicySpec policy;
    if (const toml::table* table = top.subtable("policy", Need::Required)) {
        policy = read_policy(*table, "policy", ctx, Catalog::of(scenario), file.stem().string());
    }
    policy.file = ctx.file();
    policy.input_hash = ctx.input_hash();
    ctx.throw_if_any();
    return policy;
}

void check_distinct_policy_names(const std::vector<PolicySpec>& policies) {
    DiagnosticSink sink;
    std::set<std::string> seen;
    for (const PolicySpec& p : policies) {
        if (seen.insert(p.name).second) continue;
        SourceLoc where = p.loc.file.empty() ? SourceLoc{p.file, 0, 0} : p.loc;
        sink.error(std::move(where), fmt::format("policy.name: \"{}\" is already the name of an "
                                                 "earlier policy (compared policies need "
                                                 "distinct names)",
                                                 p.name));
    }
    sink.throw_if_any();
}

}  // namespace shockflow
