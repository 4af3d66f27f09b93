// Compiling what the engine used to read from the specs while running: the
// policy's levers become values, and each scenario event becomes a template
// with its targets, link, regions and products resolved to indices.
#include <algorithm>

#include "model/compile_tables.hpp"
#include "shockflow/scenario/event_label.hpp"

namespace shockflow::model {
namespace {

// Value for product p from keyed entries: a product id beats its category.
bool keyed_value(const std::vector<KeyedValue>& entries, const CompiledModel& m, ProductIndex p,
                 double& out) {
    bool found = false;
    for (const auto& e : entries) {
        if (e.key == m.product_ids[p]) {
            out = e.value;
            return true;
        }
        if (e.key == category_name(m.category[p])) {
            out = e.value;
            found = true;
        }
    }
    return found;
}

Draw draw_of(const Distribution& d) { return Draw{d.kind, d.p, d.min, d.max}; }

// Strike and labour-shock targets: an id, every node with `tag:X`, or with
// `any:TAG` the pool of nodes tagged TAG from which `count` are drawn.
void compile_targets(const CompiledModel& m, const Lookup& names, const EventSpec& e,
                     EventTemplate& t) {
    if (e.target.rfind("any:", 0) != 0) {
        t.nodes = select_nodes(m, names, e.target);
        return;
    }
    t.nodes = select_nodes(m, names, "tag:" + e.target.substr(4));
    t.draw_count = static_cast<std::uint32_t>(
        std::min<std::size_t>(t.nodes.size(), static_cast<std::size_t>(e.count)));
}

NodeIndex node_named(const Lookup& names, const std::string& id) {
    const auto it = names.node.find(id);
    return it == names.node.end() ? NodeIndex::none() : it->second;
}

EventTemplate compile_event(const CompiledModel& m, const Lookup& names, const EventSpec& e) {
    EventTemplate t;
    t.kind = e.kind;
    t.day = draw_of(e.day);
    t.duration = draw_of(e.duration_days);
    t.loss = draw_of(e.capacity_loss);
    t.firms_drawn = e.firms_damaged.has_value();
    if (e.firms_damaged) t.firms = draw_of(*e.firms_damaged);
    t.repair = draw_of(e.repair_days);
    t.recovery = e.recovery;
    t.multiplier = draw_of(e.multiplier);
    t.share = draw_of(e.share);
    t.over = draw_of(e.over_days);
    t.absent = draw_of(e.absent_share);
    switch (e.kind) {
        case EventKind::Strike:
        case EventKind::LaborShock:
            compile_targets(m, names, e, t);
            break;
        case EventKind::CapacityPath:
            compile_targets(m, names, e, t);
            for (const PathPoint& point : e.path)
                t.path.emplace_back(draw_of(point.day), draw_of(point.availability));
            break;
        case EventKind::LinkCut:
            if (const auto it = names.link.find(e.link); it != names.link.end())
                t.link = it->second;
            break;
        case EventKind::DemandShock:
            for (const NodeIndex n : select_nodes(m, names, e.region))
                if (m.kind[n] == NodeKind::Region) t.nodes.push_back(n);
            t.products = select_products(m, e.product);
            break;
        case EventKind::Displacement:
            t.from = node_named(names, e.from);
            t.to = node_named(names, e.to);
            break;
    }
    return t;
}

}  // namespace

void compile_policy(const PolicySpec& policy, const Lookup& names, DenseTables& dense,
                    CompiledModel& m) {
    CompiledPolicy& c = m.policy;
    c.name = policy.name;
    c.allocation = policy.allocation;
    c.reroute = policy.reroute;
    c.surge = policy.surge_capacity;
    for (const ProductIndex p : indices<ProductIndex>(m.n_products)) {
        double days = 0.0;
        if (keyed_value(policy.stock_target_days, m, p, days))
            for (const NodeIndex n : indices<NodeIndex>(m.n_nodes))
                dense.target_days[dense.at(n, p)] = days;
        if (keyed_value(policy.replenishment_days, m, p, days))
            for (const NodeIndex n : indices<NodeIndex>(m.n_nodes))
                dense.replenish_days[dense.at(n, p)] = days;
    }
    c.holding_cost.assign(m.n_products, 0.0);
    for (const ProductIndex p : indices<ProductIndex>(m.n_products))
        keyed_value(policy.holding_cost, m, p, c.holding_cost[p]);
    c.prestock_product.assign(m.n_products, false);
    if (policy.prestock) {
        c.prestock = true;
        c.prestock_uplift = policy.prestock->uplift;
        c.prestock_target_days = policy.prestock->target_days;
        c.prestock_from = ticks_from_days(policy.prestock->from_day);
        c.prestock_until = ticks_from_days(policy.prestock->until_day);
        for (const auto& sel : policy.prestock->products) {
            const auto chosen = select_products(m, sel);
            for (const ProductIndex p : indices(chosen))
                if (chosen[p]) c.prestock_product[p] = true;
        }
    }
    c.crews_limited = policy.repair_crews.has_value();
    if (policy.repair_crews) c.crews = static_cast<std::uint64_t>(*policy.repair_crews);
    if (policy.repair_speedup) {
        c.speedup = true;
        c.speedup_from = ticks_from_days(policy.repair_speedup->from_day);
        c.speedup_factor = policy.repair_speedup->factor;
    }
    c.priority_rank.assign(m.n_nodes, static_cast<std::uint32_t>(policy.priority.size()));
    // Walk the list backwards so that a node's first matching entry wins.
    for (std::size_t k = policy.priority.size(); k-- > 0;)
        for (const NodeIndex n : select_nodes(m, names, policy.priority[k]))
            c.priority_rank[n] = static_cast<std::uint32_t>(k);
}

void compile_events(const ScenarioSpec& s, const Lookup& names, CompiledModel& m) {
    m.events.reserve(s.events.size());
    for (const EventSpec& e : s.events) m.events.push_back(compile_event(m, names, e));
    m.event_labels.reserve(s.events.size());
    for (std::size_t i = 0; i < s.events.size(); ++i) m.event_labels.push_back(event_label(s, i));
}

}  // namespace shockflow::model
