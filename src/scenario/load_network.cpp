/// The CSV network tables named by `[network] nodes = "..."`, `links = "..."`.
/// A header row names the columns; map-valued keys are written `capacity.food`;
/// list cells (`tags`, `products`) are `;`-separated; an empty cell is absent.

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <set>

#include "scenario/csv.hpp"
#include "scenario/network.hpp"
#include "scenario/text.hpp"
#include "scenario/toml_reader.hpp"

namespace shockflow::scenario {
namespace {

struct CsvSource {
    std::string file;  ///< scenario directory joined with the path as written
    CsvTable table;
};

/// One column: a scalar key (`firms`) or a map entry (`capacity` + `food`).
struct Column {
    std::string key;
    std::string product;  ///< empty for scalar columns
    bool ok = false;      ///< false: reported at the header, its cells are ignored
};

struct ColumnSet {
    std::vector<std::string> scalars;
    std::vector<std::string> maps;
    std::vector<std::string> required;
};

std::optional<CsvSource> open_csv(const TableReader& net, std::string_view key) {
    const auto relative = net.string(key);
    if (!relative) return std::nullopt;
    const std::filesystem::path path = (net.ctx().dir() / *relative).lexically_normal();
    const auto text = net.ctx().read(path);
    if (!text) {
        net.error(key, fmt::format("cannot open file {}", in_quotes(path.string())));
        return std::nullopt;
    }
    CsvSource src{path.string(), parse_csv(*text)};
    for (const auto& p : src.table.problems) {
        net.ctx().error(SourceLoc{src.file, p.line, 0}, p.message);
    }
    return src;
}

std::vector<std::string> column_candidates(const ColumnSet& set, const Catalog& cat) {
    std::vector<std::string> out = set.scalars;
    for (const auto& m : set.maps) {
        for (const auto& p : cat.product_ids()) out.push_back(m + "." + p);
    }
    return out;
}

Column parse_column(const std::string& name, const ColumnSet& set, const SourceLoc& loc,
                    LoadContext& ctx, const Catalog& cat) {
    const std::string path = fmt::format("column {}", in_quotes(name));
    if (std::find(set.scalars.begin(), set.scalars.end(), name) != set.scalars.end()) {
        return Column{name, "", true};
    }
    const auto dot = name.find('.');
    const std::string prefix = name.substr(0, dot);
    if (dot != std::string::npos &&
        std::find(set.maps.begin(), set.maps.end(), prefix) != set.maps.end()) {
        const std::string product = name.substr(dot + 1);
        return Column{prefix, product, check_product(ctx, cat, loc, path, product)};
    }
    ctx.error(loc, fmt::format("{}: unknown column{}", path,
                               expected_hint(name, column_candidates(set, cat))));
    return Column{};
}

std::vector<Column> read_header(const CsvSource& src, const ColumnSet& set, LoadContext& ctx,
                                const Catalog& cat) {
    const SourceLoc loc{src.file, src.table.header_line, 0};
    std::vector<Column> columns;
    std::set<std::string> seen;
    for (const auto& name : src.table.header) {
        if (!seen.insert(name).second) {
            ctx.error(loc, fmt::format("column {}: duplicate column", in_quotes(name)));
            columns.push_back(Column{});
            continue;
        }
        columns.push_back(parse_column(name, set, loc, ctx, cat));
    }
    for (const auto& key : set.required) {
        if (!seen.contains(key)) {
            ctx.error(loc, fmt::format("column {}: missing required column", in_quotes(key)));
        }
    }
    return columns;
}

std::optional<double> cell_number(LoadContext& ctx, const SourceLoc& loc, const std::string& path,
                                  const std::string& cell) {
    const std::string_view text = cell.starts_with('+') ? std::string_view(cell).substr(1) : cell;
    double v = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(v)) {
        ctx.error(loc, fmt::format("{}: expected a finite number (got {})", path, in_quotes(cell)));
        return std::nullopt;
    }
    return v;
}

std::optional<std::int64_t> cell_integer(LoadContext& ctx, const SourceLoc& loc,
                                         const std::string& path, const std::string& cell) {
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
    if (ec != std::errc{} || end != cell.data() + cell.size()) {
        ctx.error(loc, fmt::format("{}: expected an integer (got {})", path, in_quotes(cell)));
        return std::nullopt;
    }
    return v;
}

/// `a; b;c` -> {a, b, c}; empty items dropped.
std::vector<std::string> split_list(const std::string& cell) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= cell.size()) {
        const std::size_t end = std::min(cell.find(';', start), cell.size());
        std::string item = cell.substr(start, end - start);
        const auto first = item.find_first_not_of(" \t");
        const auto last = item.find_last_not_of(" \t");
        if (first != std::string::npos) out.push_back(item.substr(first, last - first + 1));
        start = end + 1;
    }
    return out;
}

/// The cell of `key` in `row`, or "" if the column is absent.
std::string cell_of(const CsvRow& row, const std::vector<Column>& columns, std::string_view key) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i].ok && columns[i].key == key) return row.cells[i];
    }
    return {};
}

void assign_node_cell(NodeDraft& d, const Column& c, const std::string& cell, const SourceLoc& loc,
                      LoadContext& ctx) {
    NodeSpec& n = d.node;
    const std::string path =
        fmt::format("{}.{}{}{}", d.label, c.key, c.product.empty() ? "" : ".", c.product);
    d.at.emplace(c.key, loc);
    if (c.key == "id") {
        n.id = cell;
    } else if (c.key == "kind") {
        d.kind_known = parse_node_kind(ctx, loc, path, cell, n.kind);
    } else if (c.key == "tags") {
        n.tags = split_list(cell);
    } else if (c.key == "firms") {
        if (auto v = cell_integer(ctx, loc, path, cell)) n.firms = *v;
    } else if (auto v = cell_number(ctx, loc, path, cell); !v) {
        d.population_known = d.population_known && c.key != "population";
    } else {
        if (c.key == "population") n.population = *v;
        if (c.key == "stock_target_days") n.stock_target_days = *v;
        if (c.key == "replenishment_days") n.replenishment_days = *v;
        if (c.key == "capacity") n.capacity.push_back(ProductQty{c.product, *v, loc});
        if (c.key == "stock") n.stock.push_back(ProductQty{c.product, *v, loc});
        if (c.key == "demand") n.demand.push_back(ProductQty{c.product, *v, loc});
    }
}

/// Reports empty cells of required columns (the columns' absence is reported once).
void require_cells(const KeyLocs& at, const std::string& label,
                   const std::vector<std::string>& keys, const std::vector<Column>& columns,
                   const SourceLoc& loc, LoadContext& ctx) {
    for (const auto& key : keys) {
        const bool has_column = std::any_of(columns.begin(), columns.end(),
                                            [&](const Column& c) { return c.ok && c.key == key; });
        if (has_column && !at.contains(key)) {
            ctx.error(loc, fmt::format("{}.{}: missing required value", label, key));
        }
    }
}

}  // namespace

namespace {

const ColumnSet& node_columns() {
    static const ColumnSet kSet{{"id", "kind", "tags", "firms", "population", "stock_target_days",
                                 "replenishment_days"},
                                {"capacity", "stock", "demand"},
                                {"id", "kind"}};
    return kSet;
}

const ColumnSet& link_columns() {
    static const ColumnSet kSet{{"from", "to", "capacity", "transit_hours", "products"},
                                {},
                                {"from", "to", "capacity", "transit_hours"}};
    return kSet;
}

NodeDraft node_row(const CsvSource& src, const CsvRow& row, const std::vector<Column>& columns,
                   LoadContext& ctx) {
    const SourceLoc loc{src.file, row.line, 0};
    const std::string id = cell_of(row, columns, "id");
    NodeDraft d;
    d.label = id.empty() ? std::string("node (no id)") : fmt::format("node {}", in_quotes(id));
    d.node.loc = loc;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i].ok && !row.cells[i].empty()) {
            assign_node_cell(d, columns[i], row.cells[i], loc, ctx);
        }
    }
    require_cells(d.at, d.label, node_columns().required, columns, loc, ctx);
    return d;
}

void assign_link_cell(LinkDraft& d, const Column& c, const std::string& cell, const SourceLoc& loc,
                      LoadContext& ctx) {
    LinkSpec& l = d.link;
    const std::string path = fmt::format("{}.{}", d.label, c.key);
    d.at.emplace(c.key, loc);
    if (c.key == "from") {
        l.from = cell;
    } else if (c.key == "to") {
        l.to = cell;
    } else if (c.key == "products") {
        l.products = split_list(cell);
    } else if (auto v = cell_number(ctx, loc, path, cell)) {
        (c.key == "capacity" ? l.capacity : l.transit_hours) = *v;
    }
}

LinkDraft link_row(const CsvSource& src, const CsvRow& row, const std::vector<Column>& columns,
                   LoadContext& ctx) {
    const SourceLoc loc{src.file, row.line, 0};
    LinkDraft d;
    d.label =
        fmt::format("link \"{}->{}\"", cell_of(row, columns, "from"), cell_of(row, columns, "to"));
    d.link.loc = loc;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i].ok && !row.cells[i].empty()) {
            assign_link_cell(d, columns[i], row.cells[i], loc, ctx);
        }
    }
    require_cells(d.at, d.label, link_columns().required, columns, loc, ctx);
    if (!d.at.contains("from") || !d.at.contains("to")) d.at.erase("from");
    return d;
}

}  // namespace

void read_csv_nodes(const TableReader& network, Catalog& cat, ScenarioSpec& spec) {
    const auto src = open_csv(network, "nodes");
    if (!src) return;
    LoadContext& ctx = network.ctx();
    const auto columns = read_header(*src, node_columns(), ctx, cat);
    for (const auto& row : src->table.rows) {
        add_node(node_row(*src, row, columns, ctx), ctx, cat, spec);
    }
}

void read_csv_links(const TableReader& network, Catalog& cat, ScenarioSpec& spec) {
    const auto src = open_csv(network, "links");
    if (!src) return;
    LoadContext& ctx = network.ctx();
    const auto columns = read_header(*src, link_columns(), ctx, cat);
    for (const auto& row : src->table.rows) {
        add_link(link_row(*src, row, columns, ctx), ctx, cat, spec);
    }
}

}  // namespace shockflow::scenario
