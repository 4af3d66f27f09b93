#pragma once
// A tiny scenario built in code for the tests of compare() and sweep(): one
// source feeding one region with one essential product, struck once at a
// day drawn per replication, so that replications differ while every policy
// of replication k sees the same strike.

#include <string>

#include "shockflow/scenario/spec.hpp"

namespace shockflow::experiment::tiny {

inline ProductQty quantity(const std::string& product, double qty) {
    ProductQty q;
    q.product = product;
    q.qty = qty;
    return q;
}

inline NodeSpec node(const std::string& id, NodeKind kind) {
    NodeSpec n;
    n.id = id;
    n.kind = kind;
    return n;
}

inline Distribution uniform(double a, double b) {
    Distribution d;
    d.kind = Distribution::Kind::Uniform;
    d.p = {a, b, 0.0};
    return d;
}

// One source feeding one region with one essential product, struck once at a
// day drawn per replication, so that replications differ while every policy
// of replication k sees the same strike.
inline ScenarioSpec tiny_scenario() {
    ScenarioSpec s;
    s.name = "tiny";
    s.start_day = -2.0;
    s.end_day = 10.0;
    s.step_hours = 4.0;
    s.disruption_window = {0.0, 6.0};
    ProductSpec food;
    food.id = "food";
    food.category = ProductCategory::Essential;
    s.products = {food};
    NodeSpec source = node("src", NodeKind::Source);
    source.capacity = {quantity("food", 100.0)};
    NodeSpec region = node("town", NodeKind::Region);
    region.population = 1000.0;
    region.demand = {quantity("food", 80.0)};
    region.stock = {quantity("food", 100.0)};
    s.nodes = {source, region};
    LinkSpec road;
    road.from = "src";
    road.to = "town";
    road.capacity = 200.0;
    road.transit_hours = 8.0;
    s.links = {road};
    EventSpec strike;
    strike.kind = EventKind::Strike;
    strike.target = "src";
    strike.day = uniform(0.0, 3.0);
    strike.capacity_loss = uniform(0.5, 1.0);
    strike.repair_days = Distribution::fixed(3.0);
    s.events = {strike};
    return s;
}

}  // namespace shockflow::experiment::tiny
