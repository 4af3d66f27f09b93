/// Warnings about a loaded scenario. Each names what it found and why it is
/// likely a mistake; none changes what a run does. The rules of who supplies
/// whom are those of the model (scenario/supply_graph.hpp).

#include "shockflow/scenario/warnings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <utility>

#include "scenario/context.hpp"
#include "scenario/supply_graph.hpp"
#include "scenario/text.hpp"

namespace shockflow {
namespace scenario {
namespace {

/// Lists in messages name this many ids, then say how many more there are.
constexpr std::size_t kMaxNames = 5;

/// `"a"`, `"a" and "b"`, `"a", "b" and "c"`, `"a", ..., "e" and 3 more`.
std::string quoted_list(const std::vector<std::string>& ids) {
    const std::size_t shown = std::min(ids.size(), kMaxNames);
    std::string out;
    for (std::size_t i = 0; i < shown; ++i) {
        if (i > 0) out += i + 1 == shown && shown == ids.size() ? " and " : ", ";
        out += in_quotes(ids[i]);
    }
    if (shown < ids.size()) out += fmt::format(" and {} more", ids.size() - shown);
    return out;
}

std::vector<std::string> product_ids(const SupplyGraph& g, const std::vector<std::size_t>& ps) {
    std::vector<std::string> ids;
    for (const std::size_t p : ps) ids.push_back(g.spec().products[p].id);
    return ids;
}

template <typename Range>
std::vector<std::string> node_ids(const SupplyGraph& g, const Range& ns) {
    std::vector<std::string> ids;
    for (const auto n : ns) ids.push_back(g.spec().nodes[n].id);
    return ids;
}

std::string link_label(const LinkSpec& l) { return fmt::format("link \"{}->{}\"", l.from, l.to); }

void warn(std::vector<Diagnostic>& out, const SourceLoc& loc, std::string message) {
    out.push_back(Diagnostic{loc, std::move(message), Severity::Warning});
}

constexpr std::string_view kNoMaker = "no park, plant or source has capacity for it";

void unmade_products(const SupplyGraph& g, std::vector<Diagnostic>& out) {
    for (std::size_t p = 0; p < g.products(); ++p) {
        if (!g.makers(p).empty()) continue;
        const ProductSpec& product = g.spec().products[p];
        warn(out, product.loc,
             fmt::format("product {}: no node makes it ({}){}", in_quotes(product.id), kNoMaker,
                         g.stocked(p) ? "; only initial stock supplies it" : ""));
    }
}

void unreachable_demand(const SupplyGraph& g, std::vector<Diagnostic>& out) {
    std::vector<std::vector<bool>> reached(g.products());  // computed when first needed
    for (const NodeSpec& node : g.spec().nodes) {
        for (const ProductQty& q : node.demand) {
            if (q.qty <= 0.0) continue;
            const std::size_t p = g.product_index(q.product);
            if (reached[p].empty()) reached[p] = g.reached_from_makers(p);
            const std::size_t n = static_cast<std::size_t>(&node - g.spec().nodes.data());
            if (reached[p][n]) continue;
            const std::string why =
                g.makers(p).empty()
                    ? fmt::format("no node makes it ({})", kNoMaker)
                    : fmt::format(
                          "it is made by {}, but no path of links carrying it leads "
                          "from them to {} (only depots pass goods on)",
                          quoted_list(node_ids(g, g.makers(p))), in_quotes(node.id));
            warn(out, q.loc,
                 fmt::format("node {}.demand.{}: no producer can supply region {} with {}: {}",
                             in_quotes(node.id), q.product, in_quotes(node.id),
                             in_quotes(q.product), why));
        }
    }
}

/// Days with at most two decimals, for messages.
std::string days_text(double days) { return num(std::round(days * 100.0) / 100.0); }

void slow_links(const SupplyGraph& g, std::vector<Diagnostic>& out) {
    const ScenarioSpec& s = g.spec();
    std::vector<std::vector<std::size_t>> slow(s.links.size());  // products, per link
    for (std::size_t p = 0; p < g.products(); ++p) {
        const std::vector<bool> wants = g.wanting(p);
        for (std::size_t v = 0; v < g.nodes(); ++v) {
            if (!wants[v]) continue;
            const double cover = s.nodes[v].stock_target_days.value_or(kDefaultStockTargetDays);
            for (const std::size_t l : g.links_in(v)) {
                if (s.links[l].transit_hours / 24.0 > cover && g.carries(l, p) &&
                    g.supplies(g.from(l), p))
                    slow[l].push_back(p);
            }
        }
    }
    for (std::size_t l = 0; l < s.links.size(); ++l) {
        if (slow[l].empty()) continue;
        const LinkSpec& link = s.links[l];
        const NodeSpec& to = s.nodes[g.to(l)];
        const double cover = to.stock_target_days.value_or(kDefaultStockTargetDays);
        warn(out, link.loc,
             fmt::format("{}: {} hours ({} days) in transit exceed the stock_target_days = {} of "
                         "{}{} for {}: its safety stock runs out before anything ordered over this "
                         "link after a disruption can reach {}",
                         link_label(link), num(link.transit_hours),
                         days_text(link.transit_hours / 24.0), num(cover), in_quotes(to.id),
                         to.stock_target_days ? "" : " (the default)",
                         quoted_list(product_ids(g, slow[l])), in_quotes(to.id)));
    }
}

using Edge = std::pair<std::size_t, std::size_t>;

/// Strongly connected components of two or more nodes of the directed graph
/// `edges` (Tarjan's algorithm, iterative so that a long chain of depots
/// cannot overflow the stack); each component sorted.
std::vector<std::vector<std::size_t>> loops_of(const std::vector<Edge>& edges) {
    std::map<std::size_t, std::size_t> local;  // node -> 0..n-1
    std::vector<std::size_t> node;
    for (const auto& [a, b] : edges) {
        for (const std::size_t x : {a, b})
            if (local.emplace(x, node.size()).second) node.push_back(x);
    }
    const std::size_t n = node.size();
    std::vector<std::vector<std::size_t>> adj(n);
    for (const auto& [a, b] : edges) adj[local[a]].push_back(local[b]);

    constexpr std::size_t kUnseen = static_cast<std::size_t>(-1);
    std::vector<std::size_t> index(n, kUnseen), low(n, 0), stack;
    std::vector<bool> on_stack(n, false);
    std::vector<std::pair<std::size_t, std::size_t>> calls;  // (node, next edge)
    std::vector<std::vector<std::size_t>> loops;
    std::size_t counter = 0;
    const auto visit = [&](std::size_t v) {
        index[v] = low[v] = counter++;
        stack.push_back(v);
        on_stack[v] = true;
        calls.emplace_back(v, 0);
    };
    for (std::size_t root = 0; root < n; ++root) {
        if (index[root] != kUnseen) continue;
        visit(root);
        while (!calls.empty()) {
            const std::size_t v = calls.back().first;
            if (calls.back().second < adj[v].size()) {
                const std::size_t w = adj[v][calls.back().second++];
                if (index[w] == kUnseen) {
                    visit(w);
                } else if (on_stack[w]) {
                    low[v] = std::min(low[v], index[w]);
                }
                continue;
            }
            calls.pop_back();
            if (!calls.empty()) low[calls.back().first] = std::min(low[calls.back().first], low[v]);
            if (low[v] != index[v]) continue;
            std::vector<std::size_t> component;
            std::size_t w = 0;
            do {
                w = stack.back();
                stack.pop_back();
                on_stack[w] = false;
                component.push_back(node[w]);
            } while (w != v);
            if (component.size() < 2) continue;
            std::sort(component.begin(), component.end());
            loops.push_back(std::move(component));
        }
    }
    return loops;
}

struct Loop {
    std::vector<std::size_t> products;
    std::size_t first_link = 0;
};

void depot_loops(const SupplyGraph& g, std::vector<Diagnostic>& out) {
    const ScenarioSpec& s = g.spec();
    std::vector<std::size_t> between;  // depot -> depot links
    for (std::size_t l = 0; l < s.links.size(); ++l) {
        if (g.kind(g.from(l)) == NodeKind::Depot && g.kind(g.to(l)) == NodeKind::Depot)
            between.push_back(l);
    }
    if (between.empty()) return;
    // Products carried over the same links loop the same way: search once.
    std::map<std::vector<std::size_t>, std::vector<std::vector<std::size_t>>> searched;
    std::map<std::vector<std::size_t>, Loop> loops;  // by the depots in the loop
    for (std::size_t p = 0; p < g.products(); ++p) {
        std::vector<std::size_t> links;
        for (const std::size_t l : between)
            if (g.carries(l, p)) links.push_back(l);
        auto found = searched.find(links);
        if (found == searched.end()) {
            std::vector<Edge> edges;
            for (const std::size_t l : links) edges.emplace_back(g.from(l), g.to(l));
            found = searched.emplace(links, loops_of(edges)).first;
        }
        for (const auto& depots : found->second) {
            const auto inside = [&](std::size_t l) {
                return std::binary_search(depots.begin(), depots.end(), g.from(l)) &&
                       std::binary_search(depots.begin(), depots.end(), g.to(l));
            };
            const std::size_t first = *std::find_if(links.begin(), links.end(), inside);
            auto [it, added] = loops.try_emplace(depots, Loop{{}, first});
            it->second.products.push_back(p);
            it->second.first_link = std::min(it->second.first_link, first);
        }
    }
    for (const auto& [depots, loop] : loops) {
        const LinkSpec& link = s.links[loop.first_link];
        const std::string carried = loop.products.size() == g.products()
                                        ? std::string("every product")
                                        : quoted_list(product_ids(g, loop.products));
        warn(out, link.loc,
             fmt::format("{}: depots {} supply each other in a loop over links carrying {}: these "
                         "links are lateral, used only for flows planned where a depot's own "
                         "suppliers fall short and for help from better-stocked depots in a "
                         "disruption (docs/MODEL.md)",
                         link_label(link), quoted_list(node_ids(g, depots)), carried));
    }
}

/// Order of the files diagnostics are sorted by: the scenario, then its CSV
/// tables as they are first met (nodes before links, as they are read).
std::vector<std::string> file_order(const ScenarioSpec& s) {
    std::vector<std::string> files{s.file.string()};
    const auto add = [&](const SourceLoc& loc) {
        if (std::find(files.begin(), files.end(), loc.file) == files.end())
            files.push_back(loc.file);
    };
    for (const auto& n : s.nodes) add(n.loc);
    for (const auto& l : s.links) add(l.loc);
    return files;
}

}  // namespace
}  // namespace scenario

std::vector<Diagnostic> scenario_warnings(const ScenarioSpec& scenario) {
    using namespace scenario;
    const SupplyGraph graph(scenario);
    std::vector<Diagnostic> all;
    unmade_products(graph, all);
    unreachable_demand(graph, all);
    slow_links(graph, all);
    depot_loops(graph, all);
    sort_in_file_order(all, file_order(scenario));
    return all;
}

}  // namespace shockflow
