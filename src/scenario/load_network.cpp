/// The CSV network tables named by `[network] nodes = "..."`, `links = "..."`.
/// A header row names the columns; map-valued keys are written `capacity.food`;
/// list cells (`tags`, `products`) are `;`-separated; an empty cell is absent.
///
/// Tables are read a row at a time and nothing is formatted for a cell that
/// is fine: key paths and labels are spelled out only for a message.

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <optional>
#include <set>

#include "scenario/csv.hpp"
#include "scenario/csv_cells.hpp"
#include "scenario/network.hpp"
#include "scenario/overlay.hpp"
#include "scenario/text.hpp"
#include "scenario/toml_reader.hpp"

namespace shockflow::scenario {
namespace {

struct CsvSource {
    Interned file;  ///< scenario directory joined with the path as written
    std::string text;
};

/// One column: a scalar key (`firms`) or a map entry (`capacity` + `food`).
template <typename Key>
struct Column {
    Key key{};
    Interned product;  ///< empty for scalar columns
    bool ok = false;   ///< false: reported at the header, its cells are ignored
};

template <typename Key>
struct ColumnSet {
    std::vector<Key> scalars;
    std::vector<Key> maps;
    std::vector<Key> required;
};

template <typename Key>
struct Header {
    std::vector<Column<Key>> columns;
    std::vector<Key> required;  ///< required keys whose column is there (cells are checked)
};

std::optional<CsvSource> open_csv(const TableReader& net, std::string_view key) {
    const auto relative = net.string(key);
    if (!relative) return std::nullopt;
    // Relative to the file that names the table: an overlay's base, say.
    const auto& source = net.node(key)->source().path;
    const std::filesystem::path dir =
        source ? std::filesystem::path(*source).parent_path() : net.ctx().dir();
    const std::filesystem::path path = (dir / *relative).lexically_normal();
    auto text = net.ctx().read(path);
    if (!text) {
        net.error(key, fmt::format("cannot open file {}: {}", quoted_path(path.string()),
                                   net.ctx().read_error()));
        return std::nullopt;
    }
    return CsvSource{path.string(), std::move(*text)};
}

/// False (reported at its line) for a file holding a NUL byte: no CSV table
/// does, and what does is no text to check cell by cell and quote back
/// (/proc/self/environ, a binary file named by mistake).
bool is_text(const CsvSource& src, LoadContext& ctx) {
    const std::uint32_t line = line_of_nul(src.text);
    if (line == 0) return true;
    ctx.error(SourceLoc{src.file, line, 0},
              "not a text file: it holds a NUL byte (expected a CSV table)");
    return false;
}

/// Reports the table's syntax problems ahead of everything its rows hold
/// (`first_error`: the number of problems before the table was opened).
void report_problems(CsvReader& reader, const CsvSource& src, std::size_t first_error,
                     LoadContext& ctx) {
    std::vector<Diagnostic> problems;
    for (auto& p : reader.take_problems()) {
        problems.push_back(Diagnostic{SourceLoc{src.file, p.line, 0}, std::move(p.message)});
    }
    ctx.error_before(first_error, std::move(problems));
}

template <typename Key>
std::vector<std::string> column_candidates(const ColumnSet<Key>& set, const Catalog& cat) {
    std::vector<std::string> out;
    for (Key k : set.scalars) out.emplace_back(key_name(k));
    for (Key m : set.maps) {
        for (const auto& p : cat.product_ids()) out.push_back(fmt::format("{}.{}", key_name(m), p));
    }
    return out;
}

template <typename Key>
std::optional<Key> find_key(const std::vector<Key>& keys, std::string_view name) {
    for (Key k : keys) {
        if (key_name(k) == name) return k;
    }
    return std::nullopt;
}

template <typename Key>
Column<Key> parse_column(const std::string& name, const ColumnSet<Key>& set, const SourceLoc& loc,
                         LoadContext& ctx, const Catalog& cat) {
    const std::string path = fmt::format("column {}", in_quotes(name));
    if (const auto key = find_key(set.scalars, name)) return Column<Key>{*key, "", true};
    const auto dot = name.find('.');
    const auto map = find_key(set.maps, std::string_view(name).substr(0, dot));
    if (dot != std::string::npos && map) {
        const std::string product = name.substr(dot + 1);
        return Column<Key>{*map, product, check_product(ctx, cat, loc, path, product)};
    }
    ctx.error(loc,
              fmt::format("{}: unknown column{}", path,
                          expected_hint(name, column_candidates(set, cat), ctx.may_suggest())));
    return Column<Key>{};
}

template <typename Key>
Header<Key> read_header(const CsvReader& reader, const Interned& file, const ColumnSet<Key>& set,
                        LoadContext& ctx, const Catalog& cat) {
    const SourceLoc loc{file, reader.header_line(), 0};
    Header<Key> header;
    std::set<std::string, std::less<>> seen;
    for (const auto& name : reader.header()) {
        if (!seen.insert(name).second) {
            ctx.error(loc, fmt::format("column {}: duplicate column", in_quotes(name)));
            header.columns.push_back(Column<Key>{});
            continue;
        }
        header.columns.push_back(parse_column(name, set, loc, ctx, cat));
    }
    for (Key key : set.required) {
        if (!seen.contains(key_name(key))) {
            ctx.error(loc,
                      fmt::format("column {}: missing required column", in_quotes(key_name(key))));
        }
        const bool has_column = std::any_of(header.columns.begin(), header.columns.end(),
                                            [&](const auto& c) { return c.ok && c.key == key; });
        if (has_column) header.required.push_back(key);
    }
    return header;
}

/// The cell of the first good column of `key`, or "" if there is none.
template <typename Key>
std::string_view cell_of(const CsvRecord& row, const Header<Key>& header, Key key) {
    for (std::size_t i = 0; i < header.columns.size(); ++i) {
        if (header.columns[i].ok && header.columns[i].key == key) return row.cells[i];
    }
    return {};
}

/// Reports empty cells of required columns (the columns' absence is reported once).
template <typename Draft, typename Key>
void require_cells(const Draft& d, const Header<Key>& header, const SourceLoc& loc,
                   LoadContext& ctx) {
    for (Key key : header.required) {
        if (!d.at.has(key)) {
            ctx.error(loc, fmt::format("{}.{}: missing required value", d.label(), key_name(key)));
        }
    }
}

/// Rows in `text` at most: room for a table's nodes or links made once.
/// (memchr: std::count widened every byte to a 64-bit lane.)
std::size_t rows_at_most(std::string_view text) {
    std::size_t lines = 1;
    const char* p = text.data();
    const char* const end = p + text.size();
    while ((p = static_cast<const char*>(
                std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) != nullptr) {
        ++lines;
        ++p;
    }
    return lines;
}

const ColumnSet<NodeKey>& node_columns() {
    using K = NodeKey;
    static const ColumnSet<NodeKey> kSet{
        {K::Id, K::Kind, K::Tags, K::Firms, K::Population, K::StockTargetDays, K::ReplenishmentDays,
         K::BuysOwn, K::Lat, K::Lon},
        {K::Capacity, K::Stock, K::Demand, K::Recipe},
        {K::Id, K::Kind}};
    return kSet;
}

const ColumnSet<LinkKey>& link_columns() {
    using K = LinkKey;
    static const ColumnSet<LinkKey> kSet{
        {K::From, K::To, K::Capacity, K::TransitHours, K::Products, K::Weight},
        {},
        {K::From, K::To, K::TransitHours}};  // no capacity: unlimited
    return kSet;
}

void assign_node_cell(NodeDraft& d, const Column<NodeKey>& c, std::string_view cell,
                      LoadContext& ctx) {
    NodeSpec& n = d.node;
    const SourceLoc& loc = n.loc;
    const auto path = [&] {
        return fmt::format("{}.{}{}{}", d.label(), key_name(c.key), c.product.empty() ? "" : ".",
                           c.product);
    };
    d.at.mark(c.key);
    switch (c.key) {
        case NodeKey::Id:
            return;  // read before the other cells
        case NodeKey::Kind:
            d.kind_known = parse_node_kind(ctx, loc, path, cell, n.kind);
            return;
        case NodeKey::Tags:
            n.tags = split_list(cell);
            return;
        case NodeKey::Firms:
            if (auto v = cell_integer(ctx, loc, path, cell)) n.firms = *v;
            return;
        default:
            break;
    }
    const auto v = cell_number(ctx, loc, path, cell);
    if (!v) {
        d.population_known = d.population_known && c.key != NodeKey::Population;
    } else if (c.key == NodeKey::Population) {
        n.population = *v;
    } else if (c.key == NodeKey::StockTargetDays) {
        n.stock_target_days = *v;
    } else if (c.key == NodeKey::ReplenishmentDays) {
        n.replenishment_days = *v;
    } else if (c.key == NodeKey::BuysOwn) {
        n.buys_own = *v;
    } else if (c.key == NodeKey::Lat || c.key == NodeKey::Lon) {
        (c.key == NodeKey::Lat ? n.lat : n.lon) = *v;
    } else if (c.key == NodeKey::Recipe) {
        // One cell written, even a 0, gives the node its own recipe.
        if (!n.recipe) n.recipe.emplace();
        n.recipe->push_back(ProductQty{c.product, *v, loc});
    } else {
        auto& entries = c.key == NodeKey::Capacity ? n.capacity
                        : c.key == NodeKey::Stock  ? n.stock
                                                   : n.demand;
        entries.push_back(ProductQty{c.product, *v, loc});
    }
}

/// Room for the row's capacity, stock and demand entries, made once each.
void reserve_quantities(const CsvRecord& row, const Header<NodeKey>& header, NodeSpec& n) {
    std::size_t capacity = 0, stock = 0, demand = 0;
    for (std::size_t i = 0; i < header.columns.size(); ++i) {
        const Column<NodeKey>& c = header.columns[i];
        if (!c.ok || row.cells[i].empty()) continue;
        capacity += c.key == NodeKey::Capacity ? 1 : 0;
        stock += c.key == NodeKey::Stock ? 1 : 0;
        demand += c.key == NodeKey::Demand ? 1 : 0;
    }
    n.capacity.reserve(capacity);
    n.stock.reserve(stock);
    n.demand.reserve(demand);
}

NodeDraft node_row(const CsvRecord& row, const Header<NodeKey>& header, const Interned& file,
                   LoadContext& ctx) {
    NodeDraft d;
    d.node.loc = SourceLoc{file, row.line, 0};
    d.node.id = cell_of(row, header, NodeKey::Id);  // names the node in messages from the start
    reserve_quantities(row, header, d.node);
    for (std::size_t i = 0; i < header.columns.size(); ++i) {
        if (header.columns[i].ok && !row.cells[i].empty()) {
            assign_node_cell(d, header.columns[i], row.cells[i], ctx);
        }
    }
    require_cells(d, header, d.node.loc, ctx);
    return d;
}

void assign_link_cell(LinkDraft& d, const Column<LinkKey>& c, std::string_view cell,
                      LoadContext& ctx) {
    LinkSpec& l = d.link;
    d.at.mark(c.key);
    switch (c.key) {
        case LinkKey::From:
        case LinkKey::To:
            return;  // read before the other cells
        case LinkKey::Products:
            l.products = split_list(cell);
            return;
        default:
            break;
    }
    const auto path = [&] { return fmt::format("{}.{}", d.label(), key_name(c.key)); };
    if (auto v = cell_number(ctx, l.loc, path, cell)) {
        if (c.key == LinkKey::Weight) {
            l.weight = *v;
        } else {
            (c.key == LinkKey::Capacity ? l.capacity : l.transit_hours) = *v;
        }
    }
}

LinkDraft link_row(const CsvRecord& row, const Header<LinkKey>& header, const Interned& file,
                   LoadContext& ctx) {
    LinkDraft d;
    d.link.loc = SourceLoc{file, row.line, 0};
    // The ends name the link in messages from the start.
    d.link.from = cell_of(row, header, LinkKey::From);
    d.link.to = cell_of(row, header, LinkKey::To);
    for (std::size_t i = 0; i < header.columns.size(); ++i) {
        if (header.columns[i].ok && !row.cells[i].empty()) {
            assign_link_cell(d, header.columns[i], row.cells[i], ctx);
        }
    }
    require_cells(d, header, d.link.loc, ctx);
    if (!d.at.has(LinkKey::From) || !d.at.has(LinkKey::To)) d.at.erase(LinkKey::From);
    return d;
}

// Reads the CSV file that `key` of [network] names: the header against
// `columns`, then every row through `add_row(row, header, file)`, after
// `reserve(most rows the file can hold)`.
template <typename Key, typename Reserve, typename AddRow>
void read_csv_table(const TableReader& network, std::string_view key, const ColumnSet<Key>& columns,
                    Catalog& cat, Reserve reserve, AddRow add_row) {
    LoadContext& ctx = network.ctx();
    const auto src = open_csv(network, key);
    if (!src || !is_text(*src, ctx)) return;
    const std::size_t first_error = ctx.error_count();
    CsvReader reader(src->text);
    if (!reader.has_header()) {  // only that: every column would be "missing" too
        report_problems(reader, *src, first_error, ctx);
        return;
    }
    const auto header = read_header(reader, src->file, columns, ctx, cat);
    reserve(rows_at_most(src->text));
    CsvRecord row;
    while (reader.next(row)) add_row(row, header, src->file);
    report_problems(reader, *src, first_error, ctx);
}

}  // namespace

void read_csv_nodes(const TableReader& network, Catalog& cat, ScenarioSpec& spec,
                    Patches& patches) {
    LoadContext& ctx = network.ctx();
    read_csv_table(
        network, "nodes", node_columns(), cat,
        [&](std::size_t rows) { spec.nodes.reserve(spec.nodes.size() + rows); },
        [&](const CsvRecord& row, const Header<NodeKey>& header, const Interned& file) {
            NodeDraft d = node_row(row, header, file, ctx);
            patch_node(d, patches, ctx, cat);
            add_node(std::move(d), ctx, cat, spec);
        });
}

void read_csv_links(const TableReader& network, Catalog& cat, ScenarioSpec& spec,
                    Patches& patches) {
    LoadContext& ctx = network.ctx();
    read_csv_table(
        network, "links", link_columns(), cat,
        [&](std::size_t rows) {
            spec.links.reserve(spec.links.size() + rows);
            cat.reserve_links(rows);
        },
        [&](const CsvRecord& row, const Header<LinkKey>& header, const Interned& file) {
            LinkDraft d = link_row(row, header, file, ctx);
            patch_link(d, patches, ctx);
            add_link(std::move(d), ctx, cat, spec);
        });
}

}  // namespace shockflow::scenario
