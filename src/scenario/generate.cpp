// Synthetic networks. Products are layered: raw goods (from sources) feed
// intermediates, which feed essential goods, so the recipe matrix is strictly
// triangular and productive. Capacities follow the Leontief requirement
// x = (I - A)^-1 d with a margin, split over the producers of each product.
#include "shockflow/scenario/generate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "shockflow/core/random.hpp"

namespace shockflow {
namespace {

constexpr double kCapacityMargin = 1.3;  // capacity over baseline requirement

struct Layout {
    std::size_t raw = 0, intermediate = 0, essential = 0;
    [[nodiscard]] std::size_t total() const { return raw + intermediate + essential; }
};

Layout layout(std::int64_t products) {
    const auto p = static_cast<std::size_t>(std::max<std::int64_t>(products, 2));
    Layout l;
    l.essential = std::max<std::size_t>(1, p / 4);
    l.raw = std::max<std::size_t>(1, p / 4);
    l.intermediate = p - l.essential - l.raw;
    return l;
}

void add_products(const Layout& l, ScenarioSpec& s) {
    for (std::size_t i = 0; i < l.total(); ++i) {
        const bool essential = i >= l.raw + l.intermediate;
        std::string id = i < l.raw   ? fmt::format("raw{}", i)
                         : essential ? fmt::format("good{}", i - l.raw - l.intermediate)
                                     : fmt::format("part{}", i - l.raw);
        s.products.push_back(ProductSpec{
            std::move(id), essential ? ProductCategory::Essential : ProductCategory::Intermediate,
            std::string(1, 't'), SourceLoc{}});
    }
}

// Each non-raw product uses one to three products of lower layers; the
// coefficients of a recipe add up to less than 0.9.
void add_recipes(const Layout& l, RandomStream& rng, ScenarioSpec& s) {
    for (std::size_t j = l.raw; j < l.total(); ++j) {
        RecipeSpec r;
        r.product = s.products[j].id;
        const std::size_t below = std::min(j, l.raw + l.intermediate);
        const std::size_t inputs = std::min<std::size_t>(below, 1 + rng.below(3));
        std::vector<std::size_t> chosen;
        while (chosen.size() < inputs) {
            const std::size_t i = rng.below(below);
            if (std::find(chosen.begin(), chosen.end(), i) == chosen.end()) chosen.push_back(i);
        }
        std::sort(chosen.begin(), chosen.end());
        for (std::size_t i : chosen)
            r.inputs.push_back(
                {s.products[i].id, 0.8 / static_cast<double>(inputs) * rng.uniform(0.3, 1.0), {}});
        s.recipes.push_back(r);
    }
}

// Total requirement per product for final demand d: x = (I - A)^-1 d, by
// back-substitution (inputs always have lower indices than outputs).
std::vector<double> requirement(const ScenarioSpec& s, const std::vector<double>& final_demand) {
    std::vector<double> x = final_demand;
    auto index = [&](const std::string& id) {
        for (std::size_t i = 0; i < s.products.size(); ++i)
            if (s.products[i].id == id) return i;
        return std::size_t{0};
    };
    for (std::size_t k = s.recipes.size(); k-- > 0;) {
        const std::size_t j = index(s.recipes[k].product);
        for (const auto& in : s.recipes[k].inputs) x[index(in.product)] += in.qty * x[j];
    }
    return x;
}

void add_regions(const GenerateOptions& o, const Layout& l, RandomStream& rng, ScenarioSpec& s,
                 std::vector<double>& final_demand) {
    final_demand.assign(l.total(), 0.0);
    for (std::int64_t r = 0; r < o.regions; ++r) {
        NodeSpec region;
        region.id = fmt::format("region{}", r);
        region.kind = NodeKind::Region;
        region.tags = {fmt::format("province:{}", r)};
        region.population = std::round(rng.uniform(2e5, 5e6));
        for (std::size_t e = l.raw + l.intermediate; e < l.total(); ++e) {
            // Per person and day: between 0.5 and 2 kg of each good, in tonnes.
            const double per_day = std::round(region.population * rng.uniform(0.5, 2.0) / 1000.0);
            region.demand.push_back({s.products[e].id, per_day, {}});
            region.stock.push_back({s.products[e].id, 2.0 * per_day, {}});
            final_demand[e] += per_day;
        }
        NodeSpec depot;
        depot.id = fmt::format("depot{}", r);
        depot.kind = NodeKind::Depot;
        depot.tags = region.tags;
        depot.stock_target_days = 3.0;
        for (const auto& d : region.demand) depot.stock.push_back({d.product, 3.0 * d.qty, {}});
        s.nodes.push_back(std::move(region));
        s.nodes.push_back(std::move(depot));
    }
}

// Sources make every raw product; parks one non-raw product each (every such
// product has at least one park). Capacities add up to kCapacityMargin times
// the requirement of their product.
void add_producers(const GenerateOptions& o, const Layout& l, RandomStream& rng,
                   const std::vector<double>& x, ScenarioSpec& s,
                   std::vector<std::vector<std::size_t>>& makers) {
    makers.assign(l.total(), {});
    const std::int64_t sources = std::max<std::int64_t>(2, o.parks / 50);
    for (std::int64_t k = 0; k < sources; ++k) {
        NodeSpec src;
        src.id = fmt::format("source{}", k);
        src.kind = NodeKind::Source;
        src.tags = {fmt::format("province:{}", k % o.regions)};
        for (std::size_t i = 0; i < l.raw; ++i) {
            src.capacity.push_back(
                {s.products[i].id, kCapacityMargin * x[i] / static_cast<double>(sources), {}});
            makers[i].push_back(s.nodes.size());
        }
        s.nodes.push_back(std::move(src));
    }
    const std::size_t made = l.total() - l.raw;
    std::vector<double> weight(static_cast<std::size_t>(o.parks));
    std::vector<std::size_t> product(static_cast<std::size_t>(o.parks));
    std::vector<double> weight_sum(l.total(), 0.0);
    for (std::size_t k = 0; k < product.size(); ++k) {
        product[k] = l.raw + (k < made ? k : rng.below(made));
        weight[k] = rng.uniform(0.5, 1.5);
        weight_sum[product[k]] += weight[k];
    }
    for (std::size_t k = 0; k < product.size(); ++k) {
        NodeSpec park;
        park.id = fmt::format("park{}", k);
        park.kind = NodeKind::Park;
        park.firms = 20 + static_cast<std::int64_t>(rng.below(61));
        park.tags = {fmt::format("province:{}", rng.below(static_cast<std::uint64_t>(o.regions))),
                     "park"};
        const std::size_t j = product[k];
        const double cap = kCapacityMargin * x[j] * weight[k] / weight_sum[j];
        park.capacity.push_back({s.products[j].id, cap, {}});
        for (const auto& r : s.recipes)
            if (r.product == s.products[j].id)
                for (const auto& in : r.inputs)
                    park.stock.push_back({in.product, 2.0 * in.qty * cap / kCapacityMargin, {}});
        makers[j].push_back(s.nodes.size());
        s.nodes.push_back(std::move(park));
    }
}

double total_capacity(const NodeSpec& n) {
    double c = 0.0;
    for (const auto& q : n.capacity) c += q.qty;
    return c;
}

// Adds from->to unless it exists (`seen` holds the pairs already linked).
void link(ScenarioSpec& s, std::unordered_set<std::uint64_t>& seen, std::size_t from,
          std::size_t to, double capacity, double hours) {
    if (!seen.insert((std::uint64_t{from} << 32) | to).second) return;
    s.links.push_back({s.nodes[from].id, s.nodes[to].id, std::ceil(capacity), hours, {}, {}, {}});
}

// Each park gets up to four suppliers per input; essential goods go to two
// depots; depots serve their region and back up their neighbours over a ring.
void add_links(const GenerateOptions& o, RandomStream& rng,
               const std::vector<std::vector<std::size_t>>& makers, ScenarioSpec& s) {
    auto hours = [&] { return std::round(rng.uniform(2.0, 24.0)); };
    std::unordered_set<std::uint64_t> seen;
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t n = 0; n < s.nodes.size(); ++n) index.emplace(s.nodes[n].id, n);
    const auto depot = [&](std::int64_t r) { return index.at(fmt::format("depot{}", r)); };
    const auto region = [&](std::int64_t r) { return index.at(fmt::format("region{}", r)); };
    for (std::size_t n = 0; n < s.nodes.size(); ++n) {
        const NodeSpec& park = s.nodes[n];
        if (park.kind != NodeKind::Park) continue;
        const std::string& made = park.capacity.front().product;
        for (const auto& r : s.recipes) {
            if (r.product != made) continue;
            for (const auto& in : r.inputs) {
                std::size_t p = 0;
                while (s.products[p].id != in.product) ++p;
                const auto& pool = makers[p];
                for (int k = 0; k < 4; ++k) {
                    const std::size_t from = pool[rng.below(pool.size())];
                    link(s, seen, from, n, total_capacity(s.nodes[from]), hours());
                }
            }
        }
        const bool essential = made.rfind("good", 0) == 0;
        if (!essential) continue;
        for (int k = 0; k < 2; ++k)
            link(s, seen, n,
                 depot(static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(o.regions)))),
                 total_capacity(park), hours());
    }
    for (std::int64_t r = 0; r < o.regions; ++r) {
        const std::int64_t next = (r + 1) % o.regions;
        double need = 0.0;
        for (const auto& d : s.nodes[region(r)].demand) need += d.qty;
        link(s, seen, depot(r), region(r), 3.0 * need, hours());
        if (next == r) continue;
        link(s, seen, depot(r), depot(next), 2.0 * need, hours());
        link(s, seen, depot(next), depot(r), 2.0 * need, hours());
        link(s, seen, region(r), region(next), 2.0 * need, hours());  // a road, for detours
        link(s, seen, region(next), region(r), 2.0 * need, hours());
    }
}

EventSpec fixed_event(EventKind kind, double day) {
    EventSpec e;
    e.kind = kind;
    e.day = Distribution::fixed(day);
    return e;
}

// About one park in a hundred struck, one link in five hundred cut, a labour
// shock, a national surge in demand and a displacement out of region 0.
void add_events(const GenerateOptions& o, RandomStream& rng, ScenarioSpec& s) {
    const std::int64_t strikes = std::max<std::int64_t>(1, o.parks / 100);
    for (std::int64_t k = 0; k < strikes; ++k) {
        EventSpec e = fixed_event(EventKind::Strike, std::round(rng.uniform(0, 12) * 4) / 4);
        e.target = fmt::format("park{}", rng.below(static_cast<std::uint64_t>(o.parks)));
        e.capacity_loss = Distribution::fixed(std::round(rng.uniform(0.2, 0.8) * 100) / 100);
        e.repair_days = Distribution::fixed(std::round(rng.uniform(5, 30)));
        e.recovery = Recovery::Linear;
        s.events.push_back(e);
    }
    const std::size_t cuts = std::max<std::size_t>(1, s.links.size() / 500);
    for (std::size_t k = 0; k < cuts; ++k) {
        EventSpec e = fixed_event(EventKind::LinkCut, std::round(rng.uniform(0, 10)));
        const LinkSpec& l = s.links[rng.below(s.links.size())];
        e.link = l.from + "->" + l.to;
        e.duration_days = Distribution::fixed(std::round(rng.uniform(1, 5)));
        s.events.push_back(e);
    }
    EventSpec labor = fixed_event(EventKind::LaborShock, 0);
    labor.target = "tag:province:0";
    labor.duration_days = Distribution::fixed(5);
    labor.absent_share = Distribution::fixed(0.15);
    s.events.push_back(labor);
    EventSpec surge = fixed_event(EventKind::DemandShock, 0);
    surge.product = "essential";
    surge.duration_days = Distribution::fixed(4);
    surge.multiplier = Distribution::fixed(1.3);
    s.events.push_back(surge);
    if (o.regions < 2) return;
    EventSpec move = fixed_event(EventKind::Displacement, 1);
    move.from = "region0";
    move.to = "region1";
    move.share = Distribution::fixed(0.1);
    move.over_days = Distribution::fixed(3);
    s.events.push_back(move);
}

}  // namespace

ScenarioSpec generate_network(const GenerateOptions& o) {
    ScenarioSpec s;
    s.name = fmt::format("generated-{}p-{}r-{}g-s{}", o.parks, o.regions, o.products, o.seed);
    s.description = "synthetic national network (shockflow generate)";
    s.start_day = o.start_day;
    s.end_day = o.end_day;
    s.step_hours = o.step_hours;
    s.seed = o.seed;
    s.file = "scenario.toml";
    RandomStream rng(o.seed, 0x67656e);
    const Layout l = layout(o.products);
    add_products(l, s);
    add_recipes(l, rng, s);
    std::vector<double> final_demand;
    add_regions(o, l, rng, s, final_demand);
    std::vector<std::vector<std::size_t>> makers;
    add_producers(o, l, rng, requirement(s, final_demand), s, makers);
    add_links(o, rng, makers, s);
    if (o.disruptions) add_events(o, rng, s);
    // The events fall on days 0 to 12; a shorter run leaves out those outside
    // it (the loader rejects an event outside [start_day, end_day)).
    std::erase_if(s.events, [&](const EventSpec& e) {
        return e.day.p[0] < s.start_day || e.day.p[0] >= s.end_day;
    });
    return s;
}

}  // namespace shockflow
