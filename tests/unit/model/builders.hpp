#pragma once
// Small scenarios built in code, so that engine tests do not depend on the
// loader and every number in them is visible next to its derivation.

#include <string>
#include <utility>
#include <vector>

#include "shockflow/scenario/spec.hpp"

namespace shockflow::testing {

inline ProductQty qty(std::string product, double q) {
    return ProductQty{std::move(product), q, {}};
}

struct ScenarioBuilder {
    ScenarioSpec s;

    explicit ScenarioBuilder(double start_day, double end_day, double step_hours = 24.0) {
        s.name = "test";
        s.file = "test.toml";
        s.start_day = start_day;
        s.end_day = end_day;
        s.step_hours = step_hours;
        s.disruption_window = {start_day, end_day};
    }
    ScenarioBuilder& product(std::string id, ProductCategory c = ProductCategory::Essential) {
        s.products.push_back(ProductSpec{std::move(id), c, "", {}});
        return *this;
    }
    ScenarioBuilder& recipe(std::string product, std::vector<ProductQty> inputs) {
        s.recipes.push_back(RecipeSpec{std::move(product), std::move(inputs), {}});
        return *this;
    }
    NodeSpec& node(std::string id, NodeKind kind) {
        NodeSpec n;
        n.id = std::move(id);
        n.kind = kind;
        s.nodes.push_back(std::move(n));
        return s.nodes.back();
    }
    NodeSpec& producer(std::string id, std::vector<ProductQty> capacity, std::int64_t firms = 10,
                       NodeKind kind = NodeKind::Park) {
        NodeSpec& n = node(std::move(id), kind);
        n.capacity = std::move(capacity);
        n.firms = firms;
        return n;
    }
    NodeSpec& region(std::string id, double population, std::vector<ProductQty> demand,
                     std::vector<ProductQty> stock = {}) {
        NodeSpec& n = node(std::move(id), NodeKind::Region);
        n.population = population;
        n.demand = std::move(demand);
        n.stock = std::move(stock);
        return n;
    }
    ScenarioBuilder& link(std::string from, std::string to, double capacity, double hours,
                          std::vector<std::string> products = {}) {
        s.links.push_back(
            LinkSpec{std::move(from), std::move(to), capacity, hours, std::move(products), {}, {}});
        return *this;
    }
    EventSpec& event(EventKind kind, double day) {
        EventSpec e;
        e.kind = kind;
        e.day = Distribution::fixed(day);
        s.events.push_back(e);
        return s.events.back();
    }
    EventSpec& strike(std::string target, double day, double loss, double repair_days,
                      Recovery recovery = Recovery::Step) {
        EventSpec& e = event(EventKind::Strike, day);
        e.target = std::move(target);
        e.capacity_loss = Distribution::fixed(loss);
        e.repair_days = Distribution::fixed(repair_days);
        e.recovery = recovery;
        return e;
    }
    EventSpec& cut(std::string link, double day, double duration, double loss = 1.0) {
        EventSpec& e = event(EventKind::LinkCut, day);
        e.link = std::move(link);
        e.duration_days = Distribution::fixed(duration);
        e.capacity_loss = Distribution::fixed(loss);
        return e;
    }
    EventSpec& labor(std::string target, double day, double duration, double absent) {
        EventSpec& e = event(EventKind::LaborShock, day);
        e.target = std::move(target);
        e.duration_days = Distribution::fixed(duration);
        e.absent_share = Distribution::fixed(absent);
        return e;
    }
    EventSpec& displacement(std::string from, std::string to, double day, double share,
                            double over_days) {
        EventSpec& e = event(EventKind::Displacement, day);
        e.from = std::move(from);
        e.to = std::move(to);
        e.share = Distribution::fixed(share);
        e.over_days = Distribution::fixed(over_days);
        return e;
    }
    EventSpec& demand_shock(std::string region, std::string product, double day, double duration,
                            double multiplier) {
        EventSpec& e = event(EventKind::DemandShock, day);
        e.region = std::move(region);
        e.product = std::move(product);
        e.duration_days = Distribution::fixed(duration);
        e.multiplier = Distribution::fixed(multiplier);
        return e;
    }
};

// One park P (10 firms) makes `food` (no inputs) at up to 100/day and sends it
// over a link with no transit time to region R, which eats 80/day. One cycle
// per day (step 24 h), days [0, end_day).
// R keeps one day of safety stock (stock_target_days = 1) and closes any gap
// to its target in one cycle (replenishment_days = 1, so max(1, R / dt) = 1),
// which keeps every number of the cases built on it derivable by hand; lead
// time L = 0, and a region has no review period. Its target position is then
// plan x (0 + L + S) = 80 x (0 + 0 + 1) = 80, and it orders
// 80 + (80 - (stock + in transit + taken)). It starts with one day's use (80)
// on hand. Undisturbed day: R eats its 80 -> 0 (taken 80), position
// 0 + 0 + 80 = 80, orders 80 + (80 - 80) = 80; P makes 80 and ships it in
// the middle of the cycle (a producer's dispatch to a region), where it
// arrives at once: still within the cycle, so it serves whatever demand of
// the cycle is still open -> 80 again.
inline ScenarioBuilder one_park_chain(double end_day = 20) {
    ScenarioBuilder b(0, end_day);
    b.product("food");
    b.producer("P", {qty("food", 100)});
    NodeSpec& r = b.region("R", 1000, {qty("food", 80)}, {qty("food", 80)});
    r.stock_target_days = 1;
    r.replenishment_days = 1;
    b.link("P", "R", 1000, 0);
    return b;
}

}  // namespace shockflow::testing
