// Compiling the validated scenario into flat arrays (see compiled.hpp).
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "model/compiled.hpp"
#include "shockflow/core/assert.hpp"
#include "shockflow/core/hash.hpp"

namespace shockflow::model {
namespace {

using IndexMap = std::unordered_map<std::string, std::uint32_t>;

IndexMap index_products(const ScenarioSpec& s) {
    IndexMap m;
    for (std::size_t i = 0; i < s.products.size(); ++i)
        m.emplace(s.products[i].id, static_cast<std::uint32_t>(i));
    return m;
}

bool is_producer_kind(NodeKind k) {
    return k == NodeKind::Park || k == NodeKind::Plant || k == NodeKind::Source;
}

// Value for product p from keyed entries: a product id beats its category.
bool keyed_value(const std::vector<KeyedValue>& entries, const CompiledModel& m, std::uint32_t p,
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

void compile_products(const ScenarioSpec& s, const IndexMap& pidx, CompiledModel& m) {
    m.n_products = s.products.size();
    for (const auto& p : s.products) {
        m.product_ids.push_back(p.id);
        m.category.push_back(p.category);
        m.essential.push_back(p.category == ProductCategory::Essential);
    }
    m.recipe.assign(m.n_products, {});
    for (const auto& r : s.recipes) {
        auto& inputs = m.recipe[pidx.at(r.product)];
        for (const auto& in : r.inputs)
            if (in.qty > 0.0) inputs.push_back({pidx.at(in.product), in.qty});
    }
}

void compile_nodes(const ScenarioSpec& s, const IndexMap& pidx, CompiledModel& m) {
    m.n_nodes = s.nodes.size();
    const std::size_t np = m.n_nodes * m.n_products;
    m.capacity.assign(np, 0.0);
    m.produces.assign(np, false);
    m.initial_stock.assign(np, 0.0);
    m.target_days.assign(np, 0.0);
    m.demand.assign(np, 0.0);
    m.population.assign(m.n_nodes, 0.0);
    for (std::uint32_t n = 0; n < m.n_nodes; ++n) {
        const NodeSpec& node = s.nodes[n];
        m.node_ids.push_back(node.id);
        m.node_index.emplace(node.id, n);
        m.kind.push_back(node.kind);
        m.tags.push_back(node.tags);
        const bool firm_kind = node.kind == NodeKind::Park || node.kind == NodeKind::Plant;
        m.firms.push_back(firm_kind ? node.firms : 0);
        m.population[n] = node.population;
        for (const auto& c : node.capacity) {
            m.capacity[m.dense(n, pidx.at(c.product))] = c.qty;
            m.produces[m.dense(n, pidx.at(c.product))] = is_producer_kind(node.kind);
        }
        for (const auto& st : node.stock) m.initial_stock[m.dense(n, pidx.at(st.product))] = st.qty;
        for (const auto& d : node.demand) m.demand[m.dense(n, pidx.at(d.product))] = d.qty;
        const double days = node.stock_target_days.value_or(2.0);
        for (std::size_t p = 0; p < m.n_products; ++p) m.target_days[m.dense(n, p)] = days;
        if (node.kind == NodeKind::Region) m.regions.push_back(n);
        if (node.kind == NodeKind::Park) m.parks.push_back(n);
        if (firm_kind) m.firm_nodes.push_back(n);
    }
}

void compile_links(const ScenarioSpec& s, const IndexMap& nidx, const IndexMap& pidx,
                   CompiledModel& m) {
    for (const auto& l : s.links) {
        CompiledLink cl;
        cl.from = nidx.at(l.from);
        cl.to = nidx.at(l.to);
        cl.capacity = l.capacity;
        cl.transit = ticks_from_hours(l.transit_hours);
        cl.carries.assign(m.n_products, l.products.empty());
        for (const auto& p : l.products) cl.carries[pidx.at(p)] = true;
        m.link_index.emplace(l.from + "->" + l.to, static_cast<std::uint32_t>(m.links.size()));
        m.links.push_back(std::move(cl));
    }
}

// Which (node, product) pairs can ever want a product: regions want whatever
// some region consumes (demand follows people), producers want their inputs,
// and a depot that can pass a product on to someone who wants it wants it too.
std::vector<bool> compute_wants(const CompiledModel& m) {
    std::vector<bool> wants(m.n_nodes * m.n_products, false);
    for (std::uint32_t r : m.regions)
        for (std::uint32_t p : m.consumed) wants[m.dense(r, p)] = true;
    for (std::uint32_t n = 0; n < m.n_nodes; ++n) {
        if (m.kind[n] == NodeKind::Source) continue;  // sources need no inputs
        for (std::uint32_t j = 0; j < m.n_products; ++j) {
            if (!m.produces[m.dense(n, j)]) continue;
            for (const auto& in : m.recipe[j]) wants[m.dense(n, in.input)] = true;
        }
    }
    for (bool changed = true; changed;) {
        changed = false;
        for (const auto& l : m.links) {
            if (m.kind[l.from] != NodeKind::Depot) continue;  // only depots pass goods on
            for (std::uint32_t p = 0; p < m.n_products; ++p) {
                const std::size_t src = m.dense(l.from, p);
                if (l.carries[p] && wants[m.dense(l.to, p)] && !wants[src] && !m.produces[src]) {
                    wants[src] = true;
                    changed = true;
                }
            }
        }
    }
    return wants;
}

Csr build_csr(std::size_t rows, const std::vector<std::uint32_t>& row_of_item) {
    Csr c;
    c.offset.assign(rows + 1, 0);
    for (std::uint32_t r : row_of_item) ++c.offset[r + 1];
    for (std::size_t r = 0; r < rows; ++r) c.offset[r + 1] += c.offset[r];
    c.list.resize(row_of_item.size());
    std::vector<std::uint32_t> fill(c.offset.begin(), c.offset.end() - 1);
    for (std::uint32_t i = 0; i < row_of_item.size(); ++i) c.list[fill[row_of_item[i]]++] = i;
    return c;
}

void compile_channels(CompiledModel& m) {
    const std::vector<bool> wants = compute_wants(m);
    for (std::uint32_t li = 0; li < m.links.size(); ++li) {
        const auto& l = m.links[li];
        if (m.kind[l.from] == NodeKind::Region) continue;
        for (std::uint32_t p = 0; p < m.n_products; ++p) {
            const std::size_t src = m.dense(l.from, p);
            if (!l.carries[p] || !wants[m.dense(l.to, p)] || m.produces[m.dense(l.to, p)]) continue;
            // Producers supply what they make; depots whatever they hold.
            if (!(m.produces[src] || (wants[src] && m.kind[l.from] == NodeKind::Depot))) continue;
            m.channels.push_back({li, l.from, l.to, p, static_cast<std::uint32_t>(src),
                                  static_cast<std::uint32_t>(m.dense(l.to, p))});
        }
    }
    // Ordered by source row, a supplier's channels sit side by side: the
    // shipping loop then reads its per-channel arrays sequentially.
    std::stable_sort(m.channels.begin(), m.channels.end(),
                     [](const Channel& a, const Channel& b) { return a.src_row < b.src_row; });
    const std::size_t np = m.n_nodes * m.n_products;
    std::vector<std::uint32_t> in_row, out_row, link_row;
    for (const auto& c : m.channels) {
        in_row.push_back(static_cast<std::uint32_t>(m.dense(c.dst, c.product)));
        out_row.push_back(static_cast<std::uint32_t>(m.dense(c.src, c.product)));
        link_row.push_back(c.link);
    }
    m.inbound = build_csr(np, in_row);
    m.outbound = build_csr(np, out_row);
    m.channels_of_link = build_csr(m.links.size(), link_row);
    for (std::uint32_t r = 0; r < np; ++r) {
        if (m.inbound.end(r) > m.inbound.begin(r) ||
            (m.kind[r / m.n_products] == NodeKind::Region && m.demand[r] > 0.0))
            m.holders.push_back(r);
        if (m.outbound.end(r) > m.outbound.begin(r)) m.suppliers.push_back(r);
    }
}

void compile_producers(CompiledModel& m) {
    std::vector<std::uint32_t> row_of_item;
    std::vector<std::uint32_t> items;
    for (std::uint32_t n = 0; n < m.n_nodes; ++n) {
        bool any = false;
        for (std::uint32_t p = 0; p < m.n_products; ++p) {
            if (!m.produces[m.dense(n, p)]) continue;
            row_of_item.push_back(n);
            items.push_back(p);
            any = true;
        }
        if (any) m.producers.push_back(n);
    }
    m.made = build_csr(m.n_nodes, row_of_item);
    for (auto& i : m.made.list) i = items[i];
}

}  // namespace

void compute_baseline_need(CompiledModel& m);  // baseline.cpp

namespace {

template <class T>
std::vector<T> gather(const std::vector<T>& dense, const std::vector<std::uint32_t>& dense_of_row) {
    std::vector<T> out;
    out.reserve(dense_of_row.size());
    for (std::uint32_t d : dense_of_row) out.push_back(dense[d]);
    return out;
}

// Renumbers rows: only (node, product) pairs that can ever be active keep one.
// Channel CSRs keep their lists; offsets are taken at the surviving rows
// (a pair with channels always survives, so no range is lost).
void compact_rows(CompiledModel& m) {
    const std::vector<bool> wants = compute_wants(m);
    const std::size_t dense_rows = m.n_nodes * m.n_products;
    std::vector<std::uint32_t> dense_of_row;
    m.row_of.assign(dense_rows, kNone);
    for (std::uint32_t d = 0; d < dense_rows; ++d) {
        const bool active = wants[d] || m.produces[d] || m.initial_stock[d] != 0.0 ||
                            m.demand[d] != 0.0 || m.inbound.end(d) > m.inbound.begin(d) ||
                            m.outbound.end(d) > m.outbound.begin(d);
        if (!active) continue;
        m.row_of[d] = static_cast<std::uint32_t>(dense_of_row.size());
        dense_of_row.push_back(d);
        m.row_node.push_back(d / static_cast<std::uint32_t>(m.n_products));
        m.row_product.push_back(d % static_cast<std::uint32_t>(m.n_products));
    }
    m.n_rows = dense_of_row.size();
    m.capacity = gather(m.capacity, dense_of_row);
    m.produces = gather(m.produces, dense_of_row);
    m.initial_stock = gather(m.initial_stock, dense_of_row);
    m.target_days = gather(m.target_days, dense_of_row);
    m.demand = gather(m.demand, dense_of_row);
    m.baseline_need = gather(m.baseline_need, dense_of_row);
    m.baseline_output = gather(m.baseline_output, dense_of_row);
    for (Csr* csr : {&m.inbound, &m.outbound}) {
        std::vector<std::uint32_t> offset;
        offset.reserve(m.n_rows + 1);
        for (std::uint32_t d : dense_of_row) offset.push_back(csr->offset[d]);
        offset.push_back(csr->offset[dense_rows]);
        csr->offset = std::move(offset);
    }
    for (Channel& c : m.channels) {
        c.src_row = m.row_of[c.src_row];
        c.dst_row = m.row_of[c.dst_row];
    }
    for (auto* list : {&m.holders, &m.suppliers})
        for (std::uint32_t& r : *list) r = m.row_of[r];
}

// Flat per-channel arrays of the engine's hot loops, and the link slots.
void compile_channel_arrays(CompiledModel& m) {
    const std::size_t nc = m.channels.size();
    for (std::uint32_t k = 0; k < m.outbound.list.size(); ++k)
        SHOCKFLOW_ASSERT(m.outbound.list[k] == k, "channels are sorted by source row");
    m.channel_dst_row.resize(nc);
    m.channel_in_pos.resize(nc);
    m.inbound_src_row.resize(m.inbound.list.size());
    for (std::uint32_t k = 0; k < m.inbound.list.size(); ++k) {
        const std::uint32_t c = m.inbound.list[k];
        m.channel_in_pos[c] = k;
        m.inbound_src_row[k] = m.channels[c].src_row;
    }
    m.link_slot.assign(m.links.size(), kNone);
    std::uint32_t next = 0;
    for (const Channel& c : m.channels)
        if (m.link_slot[c.link] == kNone) m.link_slot[c.link] = next++;
    for (std::uint32_t& slot : m.link_slot)
        if (slot == kNone) slot = next++;
    m.slot_link.resize(m.links.size());
    for (std::uint32_t l = 0; l < m.links.size(); ++l) m.slot_link[m.link_slot[l]] = l;
    m.channel_slot.resize(nc);
    for (std::uint32_t c = 0; c < nc; ++c) {
        m.channel_dst_row[c] = m.channels[c].dst_row;
        m.channel_slot[c] = m.link_slot[m.channels[c].link];
    }
}

// Producers' rows and recipe inputs, resolved once from the final rows.
void compile_made_inputs(CompiledModel& m) {
    m.made_input_offset.assign(1, 0);
    for (std::uint32_t n = 0; n < m.n_nodes; ++n)
        for (auto k = m.made.begin(n); k < m.made.end(n); ++k) {
            const std::uint32_t j = m.made.list[k];
            m.made_row.push_back(m.row(n, j));
            if (m.kind[n] != NodeKind::Source)
                for (const RecipeInput& in : m.recipe[j])
                    m.made_inputs.push_back({m.row(n, in.input), in.input, in.per_unit});
            m.made_input_offset.push_back(static_cast<std::uint32_t>(m.made_inputs.size()));
        }
}

}  // namespace
void compile_policy(CompiledModel& m, const PolicySpec& policy);

CompiledModel compile(const ScenarioSpec& s, const PolicySpec& policy) {
    CompiledModel m;
    m.scenario_name = s.name;
    m.start = ticks_from_days(s.start_day);
    m.end = ticks_from_days(s.end_day);
    m.step = ticks_from_hours(s.step_hours);
    m.step_days = s.step_hours / 24.0;
    m.window = s.disruption_window;
    // The resolved inputs: the scenario's files, then the policy file, if any.
    m.input_hash = policy.input_hash == 0
                       ? s.input_hash
                       : fnv1a(std::string_view(reinterpret_cast<const char*>(&policy.input_hash),
                                                sizeof policy.input_hash),
                               s.input_hash);
    const IndexMap pidx = index_products(s);
    IndexMap nidx;
    for (std::size_t i = 0; i < s.nodes.size(); ++i)
        nidx.emplace(s.nodes[i].id, static_cast<std::uint32_t>(i));
    compile_products(s, pidx, m);
    compile_nodes(s, pidx, m);
    std::vector<bool> consumed(m.n_products, false);
    for (std::uint32_t r : m.regions)
        for (std::uint32_t p = 0; p < m.n_products; ++p)
            if (m.demand[m.dense(r, p)] > 0.0) consumed[p] = true;
    for (std::uint32_t p = 0; p < m.n_products; ++p)
        if (consumed[p]) m.consumed.push_back(p);
    compile_links(s, nidx, pidx, m);
    compile_channels(m);
    compile_producers(m);
    compile_policy(m, policy);
    compute_baseline_need(m);
    compact_rows(m);
    compile_channel_arrays(m);
    compile_made_inputs(m);
    return m;
}

void compile_policy(CompiledModel& m, const PolicySpec& policy) {
    m.policy = policy;
    m.policy_name = policy.name;
    for (std::uint32_t p = 0; p < m.n_products; ++p) {
        double days = 0.0;
        if (!keyed_value(policy.stock_target_days, m, p, days)) continue;
        for (std::size_t n = 0; n < m.n_nodes; ++n) m.target_days[m.dense(n, p)] = days;
    }
    m.holding_cost.assign(m.n_products, 0.0);
    for (std::uint32_t p = 0; p < m.n_products; ++p)
        keyed_value(policy.holding_cost, m, p, m.holding_cost[p]);
    m.prestock_product.assign(m.n_products, false);
    if (policy.prestock) {
        m.prestock_from = ticks_from_days(policy.prestock->from_day);
        m.prestock_until = ticks_from_days(policy.prestock->until_day);
        for (const auto& sel : policy.prestock->products) {
            const auto chosen = select_products(m, sel);
            for (std::size_t p = 0; p < m.n_products; ++p)
                if (chosen[p]) m.prestock_product[p] = true;
        }
    }
    m.priority_rank.assign(m.n_nodes, static_cast<std::uint32_t>(policy.priority.size()));
    // Walk the list backwards so that a node's first matching entry wins.
    for (std::size_t k = policy.priority.size(); k-- > 0;)
        for (std::uint32_t n : select_nodes(m, policy.priority[k]))
            m.priority_rank[n] = static_cast<std::uint32_t>(k);
}

bool has_tag(const CompiledModel& m, std::uint32_t n, const std::string& tag) {
    return std::find(m.tags[n].begin(), m.tags[n].end(), tag) != m.tags[n].end();
}

std::vector<std::uint32_t> select_nodes(const CompiledModel& m, const std::string& selector) {
    if (const auto it = m.node_index.find(selector); it != m.node_index.end()) return {it->second};
    std::vector<std::uint32_t> out;
    for (std::uint32_t n = 0; n < m.n_nodes; ++n) {
        const bool hit = selector == "*" ||
                         (selector.rfind("tag:", 0) == 0 && has_tag(m, n, selector.substr(4))) ||
                         m.node_ids[n] == selector;
        if (hit) out.push_back(n);
    }
    return out;
}

std::vector<bool> select_products(const CompiledModel& m, const std::string& selector) {
    std::vector<bool> out(m.n_products, false);
    for (std::uint32_t p = 0; p < m.n_products; ++p)
        out[p] = selector == "*" || m.product_ids[p] == selector ||
                 selector == category_name(m.category[p]);
    return out;
}

}  // namespace shockflow::model
