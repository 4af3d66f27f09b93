// Compiling the validated scenario into flat arrays (see compiled.hpp). The
// network is first laid out over every (node, product) pair (DenseTables);
// only the pairs that can ever be active then get a row.
#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "model/compile_tables.hpp"
#include "shockflow/core/assert.hpp"
#include "shockflow/core/hash.hpp"

namespace shockflow::model {
namespace {

bool is_producer_kind(NodeKind k) {
    return k == NodeKind::Park || k == NodeKind::Plant || k == NodeKind::Source;
}

void compile_products(const ScenarioSpec& s, Lookup& names, DenseTables& d, CompiledModel& m) {
    m.n_products = s.products.size();
    d.n_products = m.n_products;
    for (const auto& p : s.products) {
        names.product.emplace(p.id, m.product_ids.end_index());
        m.product_ids.push_back(p.id);
        m.category.push_back(p.category);
        m.essential.push_back(p.category == ProductCategory::Essential);
        m.price.push_back(p.price);
    }
    d.recipe.assign(m.n_products, {});
    d.self_use.assign(m.n_products, 0.0);
    for (const auto& r : s.recipes) {
        const ProductIndex j = names.product.at(r.product);
        for (const auto& in : r.inputs) {
            const ProductIndex i = names.product.at(in.product);
            if (i == j) {
                d.self_use[j] = in.qty;
            } else if (in.qty > 0.0) {
                d.recipe[j].push_back({i, in.qty});
            }
        }
    }
    // Self-use (a_jj < 1, validated): making g units gross uses a_jj g of the
    // product itself, so the net output is (1 - a_jj) g. The model works in
    // net units: capacity is scaled by (1 - a_jj) (compile_nodes) and the
    // other inputs per net unit are a_ij / (1 - a_jj). The ARIO mode keeps
    // gross units, and self-use as an order on the industry itself.
    if (s.model.preset == ModelPreset::Ario) return;
    for (const ProductIndex j : indices(d.recipe))
        for (RecipeInput& in : d.recipe[j]) in.per_unit /= 1.0 - d.self_use[j];
}

// A node's own recipe for product p it makes, as inputs per net unit (ARIO:
// gross) into d.own_recipe (as compile_products does for the products'
// recipes); returns its self-use of p.
double own_recipe(const NodeSpec& node, const Lookup& names, ProductIndex p, bool gross,
                  DenseTables& d) {
    double self = 0.0;
    std::vector<RecipeInput> inputs;
    for (const auto& in : *node.recipe) {
        const ProductIndex i = names.product.at(in.product);
        if (i == p) {
            self = in.qty;
        } else if (in.qty > 0.0) {
            inputs.push_back({i, in.qty});
        }
    }
    if (!gross)
        for (RecipeInput& in : inputs) in.per_unit /= 1.0 - self;
    d.own_recipe[d.at(names.node.at(node.id), p).value] = std::move(inputs);
    return self;
}

void compile_nodes(const ScenarioSpec& s, Lookup& names, DenseTables& d, CompiledModel& m) {
    m.n_nodes = s.nodes.size();
    const std::size_t np = m.n_nodes * m.n_products;
    d.capacity.assign(np, 0.0);
    d.produces.assign(np, false);
    d.initial_stock.assign(np, 0.0);
    d.target_days.assign(np, 0.0);
    d.replenish_days.assign(np, 0.0);
    d.demand.assign(np, 0.0);
    m.population.assign(m.n_nodes, 0.0);
    names.node.reserve(m.n_nodes);
    const bool gross = s.model.preset == ModelPreset::Ario;  // compile_products
    for (const NodeIndex n : indices<NodeIndex>(m.n_nodes)) {
        const NodeSpec& node = s.nodes[n.value];
        m.node_ids.push_back(node.id);
        names.node.emplace(node.id, n);
        m.kind.push_back(node.kind);
        names.tags.push_back(node.tags);
        const bool firm_kind = node.kind == NodeKind::Park || node.kind == NodeKind::Plant;
        m.firms.push_back(firm_kind ? node.firms : 0);
        m.population[n] = node.population;
        for (const auto& c : node.capacity) {
            const ProductIndex p = names.product.at(c.product);
            const DenseIndex at = d.at(n, p);
            const double self = node.recipe ? own_recipe(node, names, p, gross, d) : d.self_use[p];
            // Sources need no inputs, their own product included.
            d.capacity[at] = node.kind == NodeKind::Source || gross ? c.qty : c.qty * (1.0 - self);
            d.produces[at] = is_producer_kind(node.kind);
        }
        for (const auto& st : node.stock)
            d.initial_stock[d.at(n, names.product.at(st.product))] = st.qty;
        for (const auto& q : node.demand) d.demand[d.at(n, names.product.at(q.product))] = q.qty;
        const double days = node.stock_target_days.value_or(kDefaultTargetDays);
        const double replenish = node.replenishment_days.value_or(kDefaultReplenishmentDays);
        for (const ProductIndex p : indices<ProductIndex>(m.n_products)) {
            d.target_days[d.at(n, p)] = days;
            d.replenish_days[d.at(n, p)] = replenish;
        }
        if (node.kind == NodeKind::Region) m.regions.push_back(n);
        if (node.kind == NodeKind::Park) m.parks.push_back(n);
        if (firm_kind) m.firm_nodes.push_back(n);
    }
}

// Tags written KEY:VALUE group nodes for the value lost (by_tag).
void compile_tag_groups(const Lookup& names, CompiledModel& m) {
    std::map<std::pair<std::string, std::string>, std::vector<NodeIndex>> groups;
    for (const NodeIndex n : indices(names.tags))
        for (const std::string& tag : names.tags[n]) {
            const auto colon = tag.find(':');
            if (colon == std::string::npos) continue;
            auto& nodes = groups[{tag.substr(0, colon), tag.substr(colon + 1)}];
            if (nodes.empty() || nodes.back() != n) nodes.push_back(n);  // a tag written twice
        }
    for (auto& [kv, nodes] : groups)
        m.tag_groups.push_back({kv.first, kv.second, std::move(nodes)});
    for (const double price : m.price) m.priced = m.priced || price > 0.0;
}

void compile_consumed(const DenseTables& d, CompiledModel& m) {
    IndexVec<ProductIndex, bool> consumed(m.n_products, false);
    for (const NodeIndex r : m.regions)
        for (const ProductIndex p : indices<ProductIndex>(m.n_products))
            if (d.demand[d.at(r, p)] > 0.0) consumed[p] = true;
    for (const ProductIndex p : indices(consumed))
        if (consumed[p]) m.consumed.push_back(p);
}

void compile_links(const ScenarioSpec& s, Lookup& names, CompiledModel& m) {
    for (const auto& l : s.links) {
        CompiledLink cl;
        cl.from = names.node.at(l.from);
        cl.to = names.node.at(l.to);
        cl.capacity = std::isinf(l.capacity) ? kUnlimitedCapacity : l.capacity;
        cl.weight = l.weight.value_or(0.0);
        cl.transit = ticks_from_hours(l.transit_hours);
        cl.carries.assign(m.n_products, l.products.empty());
        for (const auto& p : l.products) cl.carries[names.product.at(p)] = true;
        names.link.emplace(l.from + "->" + l.to, m.links.end_index());
        m.links.push_back(std::move(cl));
    }
}

// Which (node, product) pairs can ever want a product: regions want whatever
// some region consumes (demand follows people), producers want their inputs
// (their twins what they buy of their own products), and a depot that can
// pass a product on to someone who wants it wants it too.
IndexVec<DenseIndex, bool> compute_wants(const CompiledModel& m, const DenseTables& d) {
    IndexVec<DenseIndex, bool> wants(d.size(), false);
    for (const NodeIndex r : m.regions)
        for (const ProductIndex p : m.consumed) wants[d.at(r, p)] = true;
    for (const NodeIndex n : indices(m.kind)) {
        if (m.kind[n] == NodeKind::Source) continue;  // sources need no inputs
        for (const ProductIndex j : indices<ProductIndex>(m.n_products)) {
            if (!d.produces[d.at(n, j)]) continue;
            for (const auto& in : d.inputs(d.at(n, j))) wants[d.at(n, in.input)] = true;
        }
    }
    for (std::size_t twin = d.n_pairs; twin < d.size(); ++twin) wants[DenseIndex(twin)] = true;
    for (bool changed = true; changed;) {
        changed = false;
        for (const auto& l : m.links) {
            if (m.kind[l.from] != NodeKind::Depot) continue;  // only depots pass goods on
            for (const ProductIndex p : indices<ProductIndex>(m.n_products)) {
                const DenseIndex src = d.at(l.from, p);
                if (l.carries[p] && wants[d.at(l.to, p)] && !wants[src] && !d.produces[src]) {
                    wants[src] = true;
                    changed = true;
                }
            }
        }
    }
    return wants;
}

// Item i of the list belongs to row row_of_item[i].
template <class Row, class Pos, class Item>
Csr<Row, Pos, Item> build_csr(std::size_t rows, const std::vector<Row>& row_of_item) {
    Csr<Row, Pos, Item> c;
    std::vector<std::uint32_t> offset(rows + 1, 0);
    for (const Row r : row_of_item) ++offset[r.value + 1];
    for (std::size_t r = 0; r < rows; ++r) offset[r + 1] += offset[r];
    c.list.resize(row_of_item.size());
    std::vector<std::uint32_t> fill(offset.begin(), offset.end() - 1);
    for (std::uint32_t i = 0; i < row_of_item.size(); ++i)
        c.list[Pos(fill[row_of_item[i].value]++)] = Item(i);
    for (const std::uint32_t o : offset) c.offset.push_back(Pos(o));
    return c;
}

void compile_channels(const IndexVec<DenseIndex, bool>& wants, CompiledModel& m, DenseTables& d) {
    for (const LinkIndex li : indices(m.links)) {
        const auto& l = m.links[li];
        if (m.kind[l.from] == NodeKind::Region) continue;
        for (const ProductIndex p : indices<ProductIndex>(m.n_products)) {
            const DenseIndex src = d.at(l.from, p), dst = d.at(l.to, p);
            if (!l.carries[p]) continue;
            if (d.produces[dst]) {
                // A maker orders what it makes only into its twin: from
                // other makers, what it buys of its own product (ARIO).
                if (d.produces[src] && d.own(dst) != nullptr && d.own(dst)->per_unit > 0.0)
                    m.channels.push_back({li, l.from, l.to, p});
                continue;
            }
            if (!wants[dst]) continue;
            // Producers supply what they make; depots whatever they hold.
            if (!(d.produces[src] || (wants[src] && m.kind[l.from] == NodeKind::Depot))) continue;
            m.channels.push_back({li, l.from, l.to, p});
        }
    }
    // Ordered by source pair, a supplier's channels sit side by side: the
    // shipping loop then reads its per-channel arrays sequentially.
    std::stable_sort(m.channels.begin(), m.channels.end(), [&](const Channel& a, const Channel& b) {
        return d.at(a.src, a.product) < d.at(b.src, b.product);
    });
    std::vector<DenseIndex> in_row, out_row;
    std::vector<LinkIndex> link_row;
    d.channel_dst.resize(m.channels.size());
    for (const ChannelIndex k : indices(m.channels)) {
        const Channel& c = m.channels[k];
        const DenseIndex dst = d.at(c.dst, c.product);
        d.channel_dst[k] = d.produces[dst] ? d.own(dst)->twin : dst;
        in_row.push_back(d.channel_dst[k]);
        out_row.push_back(d.at(c.src, c.product));
        link_row.push_back(c.link);
    }
    d.inbound = build_csr<DenseIndex, InboundPos, ChannelIndex>(d.size(), in_row);
    const auto out = build_csr<DenseIndex, ChannelIndex, ChannelIndex>(d.size(), out_row);
    // As channels are sorted by source pair, out.list[k] == k: a pair's
    // outbound channels are the range begin .. end.
    SHOCKFLOW_ASSERT(
        [&] {
            for (const ChannelIndex k : indices(out.list))
                if (out.list[k] != k) return false;
            return true;
        }(),
        "channels are sorted by source pair");
    d.outbound.offset = out.offset;
    m.channels_of_link =
        build_csr<LinkIndex, LinkChannelPos, ChannelIndex>(m.links.size(), link_row);
    for (const DenseIndex r : indices<DenseIndex>(d.size())) {
        if (d.inbound.end(r) > d.inbound.begin(r) ||
            (m.kind[d.node(r)] == NodeKind::Region && d.demand[r] > 0.0))
            d.holders.push_back(r);
        if (d.outbound.end(r) > d.outbound.begin(r)) d.suppliers.push_back(r);
    }
}

void compile_producers(const DenseTables& d, CompiledModel& m) {
    std::vector<NodeIndex> row_of_item;
    std::vector<ProductIndex> items;
    for (const NodeIndex n : indices<NodeIndex>(m.n_nodes)) {
        bool any = false;
        for (const ProductIndex p : indices<ProductIndex>(m.n_products)) {
            if (!d.produces[d.at(n, p)]) continue;
            row_of_item.push_back(n);
            items.push_back(p);
            any = true;
        }
        if (any) m.producers.push_back(n);
    }
    const auto made = build_csr<NodeIndex, MadePos, std::uint32_t>(m.n_nodes, row_of_item);
    m.made.offset = made.offset;
    for (const std::uint32_t i : made.list) m.made.list.push_back(items[i]);
}

template <class T>
IndexVec<RowIndex, T> gather(const IndexVec<DenseIndex, T>& dense,
                             const std::vector<DenseIndex>& dense_of_row) {
    IndexVec<RowIndex, T> out;
    out.reserve(dense_of_row.size());
    for (const DenseIndex at : dense_of_row) out.push_back(dense[at]);
    return out;
}

// Offsets of a dense CSR taken at the surviving pairs (a pair with channels
// always survives, so no range is lost).
template <class Pos>
IndexVec<RowIndex, Pos> gather_offsets(const IndexVec<DenseIndex, Pos>& offset,
                                       const std::vector<DenseIndex>& dense_of_row) {
    IndexVec<RowIndex, Pos> out = gather(offset, dense_of_row);
    out.push_back(offset[DenseIndex(offset.size() - 1)]);
    return out;
}

// Numbers the rows: only (node, product) pairs that can ever be active get one.
void compact_rows(const IndexVec<DenseIndex, bool>& wants, const DenseTables& d, CompiledModel& m) {
    std::vector<DenseIndex> dense_of_row;
    m.row_of.assign(d.size(), RowIndex::none());
    for (const DenseIndex at : indices<DenseIndex>(d.size())) {
        const bool active = wants[at] || d.produces[at] || d.initial_stock[at] != 0.0 ||
                            d.demand[at] != 0.0 || d.inbound.end(at) > d.inbound.begin(at) ||
                            d.outbound.end(at) > d.outbound.begin(at);
        if (!active) continue;
        m.row_of[at] = RowIndex(dense_of_row.size());
        dense_of_row.push_back(at);
        m.row_node.push_back(d.node(at));
        m.row_product.push_back(d.product(at));
    }
    m.n_rows = dense_of_row.size();
    m.capacity = gather(d.capacity, dense_of_row);
    m.produces = gather(d.produces, dense_of_row);
    m.initial_stock = gather(d.initial_stock, dense_of_row);
    m.target_days = gather(d.target_days, dense_of_row);
    m.replenish_days = gather(d.replenish_days, dense_of_row);
    m.demand = gather(d.demand, dense_of_row);
    m.baseline_need = gather(d.baseline_need, dense_of_row);
    m.baseline_output = gather(d.baseline_output, dense_of_row);
    m.inbound.offset = gather_offsets(d.inbound.offset, dense_of_row);
    m.inbound.list = d.inbound.list;
    m.outbound.offset = gather_offsets(d.outbound.offset, dense_of_row);
    for (const ChannelIndex k : indices(m.channels)) {
        Channel& c = m.channels[k];
        c.src_row = m.row_of[d.at(c.src, c.product)];
        c.dst_row = m.row_of[d.channel_dst[k]];
    }
    for (const DenseIndex at : d.holders) m.holders.push_back(m.row_of[at]);
    for (const DenseIndex at : d.suppliers) m.suppliers.push_back(m.row_of[at]);
    compact_own_rows(d, dense_of_row, m);
}

// Flat per-channel arrays of the engine's hot loops, and the link slots.
void compile_channel_arrays(const DenseTables& d, CompiledModel& m) {
    const std::size_t nc = m.channels.size();
    m.channel_dst_row.resize(nc);
    m.channel_in_pos.resize(nc);
    m.inbound_src_row.resize(m.inbound.list.size());
    m.inbound_lateral.resize(m.inbound.list.size());
    m.inbound_weight.resize(m.inbound.list.size());
    for (const InboundPos k : indices(m.inbound.list)) {
        const ChannelIndex c = m.inbound.list[k];
        m.channel_in_pos[c] = k;
        m.inbound_src_row[k] = m.channels[c].src_row;
        m.inbound_lateral[k] = m.lateral[c] ? 1 : 0;
        m.inbound_weight[k] = d.weight[c];
    }
    m.weighted.assign(m.n_rows, 0);
    for (const InboundPos k : indices(m.inbound.list))
        if (m.inbound_weight[k] > 0.0) m.weighted[m.channels[m.inbound.list[k]].dst_row] = 1;
    m.dispatch_late.resize(nc);
    m.channel_dest.resize(nc);
    for (const ChannelIndex c : indices(m.channels)) {
        const NodeKind to = m.kind[m.channels[c].dst];
        m.channel_dest[c] = to == NodeKind::Depot    ? Dest::Depot
                            : to == NodeKind::Region ? Dest::Region
                                                     : Dest::Other;
        const bool made = m.produces[m.channels[c].src_row];
        m.dispatch_late[c] = made && m.channel_dest[c] != Dest::Other ? 1 : 0;
    }
    m.supplies_laterally.assign(m.n_rows, false);
    for (const ChannelIndex c : m.lateral_channels)
        m.supplies_laterally[m.channels[c].src_row] = true;
    m.link_slot.assign(m.links.size(), SlotIndex::none());
    std::uint32_t next = 0;
    for (const Channel& c : m.channels)
        if (!m.link_slot[c.link].valid()) m.link_slot[c.link] = SlotIndex(next++);
    for (SlotIndex& slot : m.link_slot)
        if (!slot.valid()) slot = SlotIndex(next++);
    m.slot_link.resize(m.links.size());
    for (const LinkIndex l : indices(m.links)) m.slot_link[m.link_slot[l]] = l;
    m.channel_slot.resize(nc);
    for (const ChannelIndex c : indices(m.channels)) {
        m.channel_dst_row[c] = m.channels[c].dst_row;
        m.channel_slot[c] = m.link_slot[m.channels[c].link];
    }
}

// Producers' rows and recipe inputs, resolved once from the final rows.
void compile_made_inputs(const DenseTables& d, CompiledModel& m) {
    m.made_input.offset.push_back(MadeInputPos(0));
    for (const NodeIndex n : indices<NodeIndex>(m.n_nodes))
        for (auto k = m.made.begin(n); k < m.made.end(n); ++k) {
            const ProductIndex j = m.made.list[k];
            m.made_row.push_back(m.row(n, j));
            if (m.kind[n] != NodeKind::Source) {
                for (const RecipeInput& in : d.inputs(d.at(n, j)))
                    m.made_inputs.push_back({m.row(n, in.input), in.input, in.per_unit});
                if (const OwnInput* own = d.own(d.at(n, j)))
                    m.made_inputs.push_back({m.row_of[own->twin], j, own->per_unit + own->self});
            }
            m.made_input.offset.push_back(m.made_inputs.end_index());
        }
}

// For each input row, the outputs it is used for (the made inputs by row).
void compile_input_uses(CompiledModel& m) {
    std::vector<RowIndex> row_of_use;
    for (const MadeInputPos i : indices(m.made_inputs)) row_of_use.push_back(m.made_inputs[i].row);
    const auto uses = build_csr<RowIndex, MadeInputPos, MadeInputPos>(m.n_rows, row_of_use);
    m.input_uses.offset = uses.offset;
    IndexVec<MadeInputPos, RowIndex> output_of(m.made_inputs.size(), RowIndex::none());
    for (const MadePos k : indices(m.made_row))
        for (auto i = m.made_input.begin(k); i < m.made_input.end(k); ++i)
            output_of[i] = m.made_row[k];
    for (const MadeInputPos i : uses.list)
        m.input_uses.list.push_back({output_of[i], m.made_inputs[i].per_unit});
}

}  // namespace

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
    Lookup names;
    DenseTables dense;
    compile_products(s, names, dense, m);
    compile_nodes(s, names, dense, m);
    compile_own_inputs(s, names, dense);
    compile_tag_groups(names, m);
    compile_consumed(dense, m);
    compile_links(s, names, m);
    // Who can ever want what depends only on the network and the recipes.
    const IndexVec<DenseIndex, bool> wants = compute_wants(m, dense);
    compile_channels(wants, m, dense);
    mark_lateral(dense, m);
    compile_weights(m, dense);
    compile_producers(dense, m);
    compile_policy(policy, names, dense, m);
    compute_baseline_need(m, dense);
    plan_lateral_flows(m, dense);
    if (!m.lateral_channels.empty()) compute_baseline_need(m, dense);  // with the lateral flows
    compact_rows(wants, dense, m);
    compile_channel_arrays(dense, m);
    compile_made_inputs(dense, m);
    compile_input_uses(m);
    compile_plan_order(m);
    compile_events(s, names, m);
    m.model = s.model;
    if (m.model.preset == ModelPreset::Ario) {
        // What each channel carries at baseline: its share of its
        // destination's orders times that destination's need.
        const IndexVec<ChannelIndex, double> share = inbound_shares(m, dense);
        m.baseline_flow.resize(m.channels.size());
        for (const ChannelIndex c : indices(m.channels))
            m.baseline_flow[c] = share[c] * dense.baseline_need[dense.channel_dst[c]];
    }
    return m;
}

std::vector<NodeIndex> select_nodes(const CompiledModel& m, const Lookup& names,
                                    const std::string& selector) {
    if (const auto it = names.node.find(selector); it != names.node.end()) return {it->second};
    std::vector<NodeIndex> out;
    const bool by_tag = selector.rfind("tag:", 0) == 0;
    const std::string tag = by_tag ? selector.substr(4) : std::string();
    for (const NodeIndex n : indices(m.node_ids)) {
        const auto& tags = names.tags[n];
        const bool hit = selector == "*" ||
                         (by_tag && std::find(tags.begin(), tags.end(), tag) != tags.end()) ||
                         m.node_ids[n] == selector;
        if (hit) out.push_back(n);
    }
    return out;
}

IndexVec<ProductIndex, bool> select_products(const CompiledModel& m, const std::string& selector) {
    IndexVec<ProductIndex, bool> out(m.n_products, false);
    for (const ProductIndex p : indices<ProductIndex>(m.n_products))
        out[p] = selector == "*" || m.product_ids[p] == selector ||
                 selector == category_name(m.category[p]);
    return out;
}

}  // namespace shockflow::model
