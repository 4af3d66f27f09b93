// Simulator: a scenario compiled once under a policy, and one replication of
// it per call: the events drawn for the seed (realize.cpp), a stress test's
// outages added to them, and the engine run on that draw.
#include <algorithm>
#include <stdexcept>

#include "model/engine.hpp"
#include "model/routing.hpp"  // the engine's Router, destroyed here
#include "shockflow/model/simulation.hpp"

namespace shockflow {
namespace {

// An outage as a capacity path: nothing from its first day until its last,
// whole again from then on (a jump: two points on one day).
model::CapacityPath outage_path(const model::CompiledModel& m, const Outage& o) {
    if (o.node >= m.n_nodes) throw std::invalid_argument("outage: no such node");
    if (!(o.days >= 0.0)) throw std::invalid_argument("outage: days must be >= 0");
    model::CapacityPath path;
    path.nodes.push_back(model::NodeIndex(o.node));
    const double end = o.from_day + o.days;
    path.points = {{o.from_day, 0.0}, {end, 0.0}, {end, 1.0}};
    return path;
}

// The nodes struck in this draw: by a strike or a capacity path.
std::vector<std::uint32_t> struck_nodes(const model::Realization& r) {
    std::vector<std::uint32_t> nodes;
    for (const model::StrikeJob& j : r.jobs) nodes.push_back(j.node.value);
    for (const model::CapacityPath& p : r.paths)
        for (const model::NodeIndex n : p.nodes) nodes.push_back(n.value);
    std::sort(nodes.begin(), nodes.end());
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
    return nodes;
}

}  // namespace

struct Simulator::Impl {
    model::CompiledModel model;
};

Simulator::Simulator(const ScenarioSpec& scenario, const PolicySpec& policy)
    : impl_(std::make_unique<Impl>(Impl{model::compile(scenario, policy)})) {}
Simulator::~Simulator() = default;
Simulator::Simulator(Simulator&&) noexcept = default;
Simulator& Simulator::operator=(Simulator&&) noexcept = default;

RunResult Simulator::run(const RunOptions& options) const {
    const model::CompiledModel& m = impl_->model;
    model::Realization draw = model::realize(m, options.seed);
    // After the scenario's own events, which keep their draws.
    for (const Outage& o : options.outages) draw.paths.push_back(outage_path(m, o));
    std::vector<Sample> samples = std::move(draw.samples);
    std::vector<std::uint32_t> struck = struck_nodes(draw);
    model::Engine engine(m, std::move(draw), options);
    RunResult result = engine.run();
    result.seed = options.seed;
    result.event_labels = m.event_labels;
    result.samples = std::move(samples);
    result.struck_nodes = std::move(struck);
    return result;
}

std::vector<Sample> Simulator::draws(std::uint64_t seed) const {
    return model::realize(impl_->model, seed).samples;
}

RunResult simulate(const ScenarioSpec& scenario, const PolicySpec& policy,
                   const RunOptions& options) {
    return Simulator(scenario, policy).run(options);
}

}  // namespace shockflow
