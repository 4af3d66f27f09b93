// An input-output table as a scenario (`shockflow import-io`; docs/FORMAT.md,
// "Input-output tables"): a plant per industry, a region per final-demand
// category, a link per flow weighted by it, each industry's own recipe and
// what it buys of its own sector from other regions, and initial stocks that
// hold the default engine's undisturbed state from day 0.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "shockflow/scenario/io_table.hpp"

namespace shockflow {
namespace {

// Defaults of the nodes' keys (docs/FORMAT.md) that the initial stocks assume.
constexpr double kTargetDays = 2.0;  // stock_target_days
constexpr double kStepDays = 1.0;    // the scenario's cycle: one day

using Flows = std::vector<std::pair<std::uint32_t, double>>;

// Flows below `share` of their column's sum are left out.
Flows kept(const Flows& column, double share, ImportReport& rep) {
    double total = 0.0;
    for (const auto& [i, v] : column) total += v;
    rep.total_value += total;
    Flows out;
    for (const auto& [i, v] : column) {
        if (v < share * total) {
            ++rep.dropped;
            rep.dropped_value += v;
        } else {
            out.emplace_back(i, v);
        }
    }
    return out;
}

// The flows the default engine carries: Z's without other regions' sales of
// the buyer's own sector (a producer never orders what it makes; the ARIO
// mode orders those too, by the buyer's buys_own).
bool carried(const IoTable& t, std::uint32_t i, std::uint32_t j) {
    return i == j || t.sector[i] != t.sector[j];
}

// The undisturbed gross output g = A* g + y*, where A* holds the flows kept
// over the buyer's output: in the default engine the carried ones, in the
// ARIO mode (`own_sector`) all of them (Jacobi from 0: rises to the fixed
// point, which is at most x).
std::vector<double> settled_output(const IoTable& t, const std::vector<Flows>& z,
                                   const std::vector<double>& y, bool own_sector) {
    const std::size_t n = t.x.size();
    std::vector<double> g(n, 0.0), next(n);
    for (int sweep = 0; sweep < 100000; ++sweep) {
        next = y;
        for (std::uint32_t j = 0; j < n; ++j) {
            if (t.x[j] <= 0.0 || g[j] == 0.0) continue;
            for (const auto& [i, v] : z[j])
                if (own_sector || carried(t, i, j)) next[i] += v / t.x[j] * g[j];
        }
        double change = 0.0, scale = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            change = std::max(change, std::abs(next[i] - g[i]));
            scale = std::max(scale, std::abs(next[i]));
        }
        g.swap(next);
        if (change <= 1e-15 * scale) break;
    }
    return g;
}

std::string node_id(const IoTable& t, std::uint32_t i) {
    return fmt::format("{}.{}", t.region[i], t.sector[i]);
}

// `region:R` for a category named `R_...` after a region of the table (the
// longest such R), else no tag.
std::vector<std::string> category_tags(const std::string& c, const std::set<std::string>& regions) {
    std::string best;
    for (const std::string& r : regions)
        if (c.size() > r.size() && c.compare(0, r.size(), r) == 0 && c[r.size()] == '_' &&
            r.size() > best.size())
            best = r;
    if (best.empty()) return {};
    return {"region:" + best};
}

void check_ids(const IoTable& t, const std::vector<bool>& has_node) {
    std::map<std::string, std::uint32_t> seen;
    DiagnosticSink sink;
    for (std::uint32_t i = 0; i < t.x.size(); ++i) {
        if (!has_node[i]) continue;
        const auto [it, fresh] = seen.emplace(node_id(t, i), i);
        if (!fresh)
            sink.error(SourceLoc{t.source, 0, 0},
                       fmt::format("industries {}_{} and {}_{} would both be node \"{}\"",
                                   t.region[it->second], t.sector[it->second], t.region[i],
                                   t.sector[i], it->first));
    }
    for (const std::string& c : t.final_demand)
        if (seen.contains(c))
            sink.error(
                SourceLoc{t.source, 0, 0},
                fmt::format("final-demand category \"{}\" is also an industry's node id", c));
    sink.throw_if_any();
}

struct Built {
    std::vector<Flows> z, y;        // kept flows
    std::vector<double> y_sums, g;  // kept final demand by industry, settled output
    std::vector<bool> has_node;
};

Built keep_flows(const IoTable& t, const ImportOptions& o, ImportReport& rep) {
    Built b;
    const std::size_t n = t.x.size();
    b.has_node.assign(n, false);
    for (std::size_t i = 0; i < n; ++i) b.has_node[i] = t.x[i] > 0.0;
    for (std::uint32_t j = 0; j < n; ++j) {
        b.z.push_back(kept(t.z[j], o.min_share, rep));
        if (b.has_node[j]) continue;
        // No output: no node, and its purchases (if any) go with it.
        for (const auto& [i, v] : b.z[j]) ++rep.dropped, rep.dropped_value += v;
        b.z[j].clear();
    }
    b.y_sums.assign(n, 0.0);
    for (const Flows& column : t.y) {
        b.y.push_back(kept(column, o.min_share, rep));
        for (const auto& [i, v] : b.y.back()) b.y_sums[i] += v;
    }
    for (std::uint32_t j = 0; j < n; ++j)
        for (const auto& [i, v] : b.z[j])
            if (!carried(t, i, j)) ++rep.same_sector, rep.same_sector_value += v;
    b.g = settled_output(t, b.z, b.y_sums, false);
    const std::vector<double> ario = settled_output(t, b.z, b.y_sums, true);
    for (std::size_t i = 0; i < n; ++i) {
        if (!b.has_node[i]) continue;
        rep.max_output_gap = std::max(rep.max_output_gap, std::abs(t.x[i] - b.g[i]) / t.x[i]);
        rep.max_output_gap_ario =
            std::max(rep.max_output_gap_ario, std::abs(t.x[i] - ario[i]) / t.x[i]);
    }
    return b;
}

void add_frame(const IoTable& t, const ImportOptions& o, ScenarioSpec& s) {
    s.name = o.name;
    s.description = fmt::format(
        "Imported from an input-output table: {} industries, {} final-demand categories; flows "
        "in {} per day ({} days a year)",
        t.x.size(), t.final_demand.size(), o.unit, o.days_per_year);
    s.start_day = 0.0;
    s.end_day = o.days;
    s.step_hours = 24.0 * kStepDays;
    s.disruption_window = {0.0, o.days};
    for (const std::string& sector : t.sector) {
        const bool known = std::any_of(s.products.begin(), s.products.end(),
                                       [&](const ProductSpec& p) { return p.id == sector; });
        if (known) continue;
        ProductSpec p;
        p.id = sector;
        p.unit = o.unit;
        p.price = 1.0;  // quantities are money already
        s.products.push_back(std::move(p));
    }
}

// Industry j: a plant making its sector, with the inputs of its column of Z
// by sector (its own sector from itself: self-use; from other regions:
// buys_own) and one cover of cycle + transit + safety days of each input at
// its settled use (a region's cover has no cycle in it).
NodeSpec industry(const IoTable& t, const Built& b, std::uint32_t j,
                  const std::vector<std::string>& sectors, double cover, const ImportOptions& o) {
    NodeSpec n;
    n.id = node_id(t, j);
    n.kind = NodeKind::Plant;
    n.tags = {"region:" + t.region[j], "sector:" + t.sector[j]};
    n.capacity = {{t.sector[j], t.x[j] / o.days_per_year, {}}};
    std::map<std::string, double> inputs;  // by sector
    double bought_own = 0.0;               // own sector, from other regions
    for (const auto& [i, v] : b.z[j]) {
        if (carried(t, i, j)) {
            inputs[t.sector[i]] += v;
        } else {
            bought_own += v;
        }
    }
    n.buys_own = bought_own / t.x[j];
    n.recipe.emplace();
    for (const std::string& p : sectors) {
        const auto it = inputs.find(p);
        if (it == inputs.end()) continue;
        const double a = it->second / t.x[j];
        n.recipe->push_back({p, a, {}});
        if (p != t.sector[j]) n.stock.push_back({p, a * b.g[j] / o.days_per_year * cover, {}});
    }
    return n;
}

NodeSpec final_demand(const IoTable& t, const Built& b, std::size_t c,
                      const std::vector<std::string>& sectors, double cover,
                      const std::set<std::string>& regions, const ImportOptions& o) {
    NodeSpec n;
    n.id = t.final_demand[c];
    n.kind = NodeKind::Region;
    n.tags = category_tags(n.id, regions);
    n.population = 1.0;
    std::map<std::string, double> demand;
    for (const auto& [i, v] : b.y[c]) demand[t.sector[i]] += v / o.days_per_year;
    for (const std::string& p : sectors) {
        const auto it = demand.find(p);
        if (it == demand.end()) continue;
        n.demand.push_back({p, it->second, {}});
        n.stock.push_back({p, it->second * cover, {}});
    }
    return n;
}

LinkSpec link(std::string from, std::string to, double per_day, const ImportOptions& o) {
    LinkSpec l;
    l.from = std::move(from);
    l.to = std::move(to);
    l.transit_hours = o.transit_hours;  // capacity: unlimited
    l.weight = per_day;
    return l;
}

}  // namespace

ScenarioSpec import_io_table(const IoTable& t, const ImportOptions& o, ImportReport* report) {
    ImportReport rep;
    const Built b = keep_flows(t, o, rep);
    check_ids(t, b.has_node);
    ScenarioSpec s;
    add_frame(t, o, s);
    std::vector<std::string> sectors;  // the products, in order
    for (const ProductSpec& p : s.products) sectors.push_back(p.id);
    // Holders order up to review period + lead time + safety days of their
    // use (docs/MODEL.md, "Orders"): the review period is the cycle for a
    // producer's inputs and none for a region. Starting there, they order
    // exactly their use.
    const double cover = kStepDays + o.transit_hours / 24.0 + kTargetDays;
    const double region_cover = o.transit_hours / 24.0 + kTargetDays;
    for (std::uint32_t j = 0; j < t.x.size(); ++j) {
        if (!b.has_node[j]) {
            ++rep.left_out;
            continue;
        }
        s.nodes.push_back(industry(t, b, j, sectors, cover, o));
    }
    const std::set<std::string> regions(t.region.begin(), t.region.end());
    for (std::size_t c = 0; c < t.final_demand.size(); ++c)
        s.nodes.push_back(final_demand(t, b, c, sectors, region_cover, regions, o));
    rep.industries = s.nodes.size() - t.final_demand.size();
    std::vector<std::string> ids;
    for (std::uint32_t i = 0; i < t.x.size(); ++i) ids.push_back(node_id(t, i));
    std::size_t flows = 0;
    for (const Flows& column : b.z) flows += column.size();
    for (const Flows& column : b.y) flows += column.size();
    s.links.reserve(flows);
    for (std::uint32_t j = 0; j < t.x.size(); ++j)
        for (const auto& [i, v] : b.z[j])
            if (i != j) s.links.push_back(link(ids[i], ids[j], v / o.days_per_year, o));
    for (std::size_t c = 0; c < t.final_demand.size(); ++c)
        for (const auto& [i, v] : b.y[c])
            s.links.push_back(link(ids[i], t.final_demand[c], v / o.days_per_year, o));
    rep.links = s.links.size();
    if (report != nullptr) *report = rep;
    return s;
}

}  // namespace shockflow
