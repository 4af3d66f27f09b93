/// The supply graph of a loaded scenario: indices, what each node makes and
/// wants, and the two searches the warnings need.

#include "scenario/supply_graph.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace shockflow::scenario {
namespace {

bool is_producer(NodeKind kind) {
    return kind == NodeKind::Park || kind == NodeKind::Plant || kind == NodeKind::Source;
}

void sort_unique(std::vector<std::size_t>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

bool contains(const std::vector<std::size_t>& sorted, std::size_t x) {
    return std::binary_search(sorted.begin(), sorted.end(), x);
}

}  // namespace

SupplyGraph::SupplyGraph(const ScenarioSpec& spec)
    : spec_(&spec),
      out_(spec.nodes.size()),
      in_(spec.nodes.size()),
      direct_wanters_(spec.products.size()),
      stocked_(spec.products.size(), false) {
    for (std::size_t p = 0; p < spec.products.size(); ++p)
        product_index_.emplace(spec.products[p].id, p);
    // Views of the ids: the spec outlives the graph.
    std::unordered_map<std::string_view, std::size_t> node_index;
    node_index.reserve(spec.nodes.size());
    for (std::size_t n = 0; n < spec.nodes.size(); ++n) node_index.emplace(spec.nodes[n].id, n);

    for (std::size_t l = 0; l < spec.links.size(); ++l) {
        const LinkSpec& link = spec.links[l];
        from_.push_back(node_index.at(link.from));
        to_.push_back(node_index.at(link.to));
        out_[from_.back()].push_back(l);
        in_[to_.back()].push_back(l);
        std::vector<std::size_t> carried;
        for (const auto& id : link.products) carried.push_back(product_index(id));
        sort_unique(carried);
        carried_.push_back(std::move(carried));
    }
    std::vector<std::size_t> made;
    std::vector<std::uint32_t> makers_count(spec.products.size() + 1, 0);
    for (std::size_t n = 0; n < spec.nodes.size(); ++n) {
        const NodeSpec& node = spec.nodes[n];
        made.clear();
        for (const auto& q : node.capacity)
            if (is_producer(node.kind) && q.qty > 0.0) made.push_back(product_index(q.product));
        sort_unique(made);
        for (const std::size_t p : made) {
            made_.items.push_back(static_cast<std::uint32_t>(p));
            ++makers_count[p + 1];
        }
        made_.begin.push_back(static_cast<std::uint32_t>(made_.items.size()));
        for (const auto& q : node.stock)
            if (q.qty > 0.0) stocked_[product_index(q.product)] = true;
        for (const auto& q : node.demand)
            if (node.kind == NodeKind::Region && q.qty > 0.0)
                direct_wanters_[product_index(q.product)].push_back(n);
    }
    // The same pairs by product: counted, then filled in node order.
    for (std::size_t p = 0; p < spec.products.size(); ++p) makers_count[p + 1] += makers_count[p];
    makers_.begin = makers_count;
    makers_.items.resize(made_.items.size());
    for (std::size_t n = 0; n < spec.nodes.size(); ++n)
        for (const std::uint32_t p : made_.of(n))
            makers_.items[makers_count[p]++] = static_cast<std::uint32_t>(n);
    // Parks and plants order the inputs of what they make (sources have none),
    // except inputs they make themselves.
    std::vector<const RecipeSpec*> recipe(spec.products.size(), nullptr);
    for (const RecipeSpec& r : spec.recipes) recipe[product_index(r.product)] = &r;
    for (std::size_t n = 0; n < spec.nodes.size(); ++n) {
        if (kind(n) == NodeKind::Source) continue;
        std::vector<std::size_t> inputs;
        auto add = [&](const std::vector<ProductQty>& recipe_inputs) {
            for (const auto& in : recipe_inputs) {
                const std::size_t i = product_index(in.product);
                if (in.qty > 0.0 && !makes(n, i)) inputs.push_back(i);
            }
        };
        const auto& own = spec.nodes[n].recipe;  // replaces the products' recipes
        if (own && !made_.of(n).empty()) add(*own);
        for (const std::size_t j : made_.of(n))
            if (!own && recipe[j] != nullptr) add(recipe[j]->inputs);
        sort_unique(inputs);
        for (const std::size_t i : inputs) direct_wanters_[i].push_back(n);
    }
}

std::size_t SupplyGraph::product_index(const std::string& id) const {
    return product_index_.find(id)->second;
}

bool SupplyGraph::carries(std::size_t link, std::size_t product) const {
    return carried_[link].empty() || contains(carried_[link], product);
}

bool SupplyGraph::makes(std::size_t node, std::size_t product) const {
    const auto made = made_.of(node);
    return std::binary_search(made.begin(), made.end(), product);
}

bool SupplyGraph::supplies(std::size_t node, std::size_t product) const {
    return kind(node) == NodeKind::Depot || makes(node, product);
}

std::vector<bool> SupplyGraph::reached_from_makers(std::size_t product) const {
    std::vector<bool> reached(nodes(), false);
    std::vector<bool> expanded(nodes(), false);
    const auto makers = makers_.of(product);
    std::vector<std::size_t> todo(makers.begin(), makers.end());
    for (const std::size_t m : todo) expanded[m] = true;
    while (!todo.empty()) {
        const std::size_t n = todo.back();
        todo.pop_back();
        for (const std::size_t l : out_[n]) {
            if (!carries(l, product)) continue;
            const std::size_t v = to_[l];
            reached[v] = true;
            if (kind(v) == NodeKind::Depot && !expanded[v]) {
                expanded[v] = true;
                todo.push_back(v);
            }
        }
    }
    return reached;
}

std::vector<bool> SupplyGraph::wanting(std::size_t product) const {
    std::vector<bool> wants(nodes(), false);
    std::vector<std::size_t> todo = direct_wanters_[product];
    for (const std::size_t n : todo) wants[n] = true;
    // Backwards from every node that wants the product, to the depots that
    // would pass it on to them.
    while (!todo.empty()) {
        const std::size_t n = todo.back();
        todo.pop_back();
        for (const std::size_t l : in_[n]) {
            const std::size_t u = from_[l];
            if (!carries(l, product) || kind(u) != NodeKind::Depot || wants[u]) continue;
            wants[u] = true;
            todo.push_back(u);
        }
    }
    return wants;
}

}  // namespace shockflow::scenario
