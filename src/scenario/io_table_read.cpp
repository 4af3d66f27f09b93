// Reading an input-output table from CSV: Z.csv (flows between industries),
// Y.csv (flows to final demand) and optionally x.csv (gross output). Every
// problem is reported at its file, line and column.

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>

#include "scenario/csv.hpp"
#include "scenario/text.hpp"
#include "shockflow/scenario/io_table.hpp"

namespace shockflow {
namespace {

using scenario::CsvReader;
using scenario::CsvRecord;
using scenario::expected_hint;
using scenario::in_quotes;

// One table's text, and where each of its cells sits for messages.
struct CsvFile {
    std::string name;  // as the user gave it
    std::string text;

    // The 1-based column of a cell that views the text (0 if it does not:
    // a quoted cell that held "").
    [[nodiscard]] std::uint32_t column(std::string_view cell) const {
        const char* begin = text.data();
        if (cell.data() < begin || cell.data() > begin + text.size()) return 0;
        const auto at = static_cast<std::size_t>(cell.data() - begin);
        const auto line_start = text.rfind('\n', at == 0 ? 0 : at - 1);
        return static_cast<std::uint32_t>(
            line_start == std::string::npos || at == 0 ? at + 1 : at - line_start);
    }
    [[nodiscard]] SourceLoc at(std::uint32_t line, std::string_view cell) const {
        return SourceLoc{name, line, column(cell)};
    }
};

CsvFile open_table(const std::filesystem::path& path, DiagnosticSink& sink) {
    CsvFile f{path.string(), {}};
    std::ifstream in(path, std::ios::binary);
    if (!in || std::filesystem::is_directory(path)) {
        sink.error(SourceLoc{f.name, 0, 0}, "cannot open file");
        return f;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    f.text = buffer.str();
    return f;
}

// A flow or output: a finite number >= 0. `what` is spelled out (FILE.column)
// only for a message: a table holds millions of cells.
bool read_value(const CsvFile& f, std::uint32_t line, std::string_view cell, std::string_view file,
                std::string_view column, DiagnosticSink& sink, double& out) {
    const auto what = [&] { return fmt::format("{}{}{}", file, file.empty() ? "" : ".", column); };
    const std::string_view text = cell.starts_with('+') ? cell.substr(1) : cell;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (cell.empty() || ec != std::errc{} || end != text.data() + text.size() ||
        !std::isfinite(out)) {
        sink.error(f.at(line, cell),
                   fmt::format("{}: expected a finite number (got {})", what(), in_quotes(cell)));
        return false;
    }
    if (out < 0.0) {
        sink.error(f.at(line, cell),
                   fmt::format("{}: must be >= 0 (got {}): a negative flow can be neither a "
                               "demand nor a link; net it into another column first",
                               what(), scenario::num(out)));
        return false;
    }
    return true;
}

// The header must start `region,sector`; returns the other column names.
bool check_header(const CsvFile& f, const CsvReader& reader, DiagnosticSink& sink) {
    const auto& h = reader.header();
    if (!reader.has_header()) {
        sink.error(SourceLoc{f.name, 1, 0}, "empty table (expected a header row)");
        return false;
    }
    if (h.size() < 3 || h[0] != "region" || h[1] != "sector") {
        sink.error(SourceLoc{f.name, reader.header_line(), 1},
                   "the header must start with the columns \"region,sector\", then one column "
                   "per value");
        return false;
    }
    return true;
}

struct Industries {
    std::vector<std::string> region, sector;
    std::unordered_map<std::string, std::uint32_t> by_name;  // "<region>_<sector>"
    std::vector<std::string> names;                          // for hints

    static std::string name(std::string_view r, std::string_view s) {
        return fmt::format("{}_{}", r, s);
    }
};

// Z.csv: the industries (its rows) and, by row, (column, flow) for flows > 0.
struct ZRows {
    std::vector<std::vector<std::pair<std::uint32_t, double>>> by_row;
    std::vector<std::string> columns;
    std::uint32_t header_line = 0;
};

bool add_industry(const CsvFile& f, const CsvRecord& row, Industries& ind, DiagnosticSink& sink) {
    for (std::size_t k = 0; k < 2; ++k) {
        if (!scenario::is_valid_id(row.cells[k])) {
            sink.error(f.at(row.line, row.cells[k]),
                       fmt::format("{}: invalid name {} (use letters, digits, '_', '-' and '.')",
                                   k == 0 ? "region" : "sector", in_quotes(row.cells[k])));
            return false;
        }
    }
    const std::string name = Industries::name(row.cells[0], row.cells[1]);
    if (!ind.by_name.emplace(name, static_cast<std::uint32_t>(ind.region.size())).second) {
        sink.error(f.at(row.line, row.cells[0]),
                   fmt::format("industry {} (region {}, sector {}) has a row already",
                               in_quotes(name), in_quotes(row.cells[0]), in_quotes(row.cells[1])));
        return false;
    }
    ind.region.emplace_back(row.cells[0]);
    ind.sector.emplace_back(row.cells[1]);
    ind.names.push_back(name);
    return true;
}

ZRows read_z_rows(const CsvFile& f, Industries& ind, DiagnosticSink& sink) {
    ZRows z;
    CsvReader reader(f.text);
    if (!check_header(f, reader, sink)) return z;
    z.header_line = reader.header_line();
    z.columns.assign(reader.header().begin() + 2, reader.header().end());
    CsvRecord row;
    while (reader.next(row)) {
        if (!add_industry(f, row, ind, sink)) continue;
        auto& flows = z.by_row.emplace_back();
        for (std::size_t k = 2; k < row.cells.size(); ++k) {
            double v = 0.0;
            if (read_value(f, row.line, row.cells[k], "Z", z.columns[k - 2], sink, v) && v > 0)
                flows.emplace_back(static_cast<std::uint32_t>(k - 2), v);
        }
    }
    for (const auto& p : reader.take_problems())
        sink.error(SourceLoc{f.name, p.line, 0}, p.message);
    return z;
}

// Industry of each Z column: the columns must name every row's industry once.
std::vector<std::uint32_t> z_columns(const CsvFile& f, const ZRows& z, const Industries& ind,
                                     DiagnosticSink& sink) {
    std::vector<std::uint32_t> of(z.columns.size(), 0);
    std::vector<bool> seen(ind.region.size(), false);
    for (std::size_t k = 0; k < z.columns.size(); ++k) {
        const auto it = ind.by_name.find(z.columns[k]);
        if (it == ind.by_name.end()) {
            sink.error(
                SourceLoc{f.name, z.header_line, 0},
                fmt::format("column {}: no row has this industry (columns are "
                            "<region>_<sector> of the rows){}",
                            in_quotes(z.columns[k]), expected_hint(z.columns[k], ind.names)));
            continue;
        }
        if (seen[it->second])
            sink.error(SourceLoc{f.name, z.header_line, 0},
                       fmt::format("column {}: duplicate column", in_quotes(z.columns[k])));
        seen[it->second] = true;
        of[k] = it->second;
    }
    for (std::size_t i = 0; i < seen.size(); ++i)
        if (!seen[i])
            sink.error(SourceLoc{f.name, z.header_line, 0},
                       fmt::format("column {}: missing (every row's industry needs its column)",
                                   in_quotes(ind.names[i])));
    return of;
}

// The industry a Y or x row names (reported if none, or named twice).
std::optional<std::uint32_t> row_industry(const CsvFile& f, const CsvRecord& row,
                                          const Industries& ind, std::vector<bool>& seen,
                                          DiagnosticSink& sink) {
    const std::string name = Industries::name(row.cells[0], row.cells[1]);
    const auto it = ind.by_name.find(name);
    if (it == ind.by_name.end()) {
        sink.error(f.at(row.line, row.cells[0]),
                   fmt::format("industry {}: not a row of Z{}", in_quotes(name),
                               expected_hint(name, ind.names)));
        return std::nullopt;
    }
    if (seen[it->second]) {
        sink.error(f.at(row.line, row.cells[0]),
                   fmt::format("industry {} has a row already", in_quotes(name)));
        return std::nullopt;
    }
    seen[it->second] = true;
    return it->second;
}

void missing_rows(const CsvFile& f, const Industries& ind, const std::vector<bool>& seen,
                  DiagnosticSink& sink) {
    for (std::size_t i = 0; i < seen.size(); ++i)
        if (!seen[i])
            sink.error(SourceLoc{f.name, 0, 0},
                       fmt::format("industry {} (a row of Z) has no row", in_quotes(ind.names[i])));
}

void read_y(const CsvFile& f, const Industries& ind, IoTable& t, DiagnosticSink& sink) {
    CsvReader reader(f.text);
    if (!check_header(f, reader, sink)) return;
    t.final_demand.assign(reader.header().begin() + 2, reader.header().end());
    std::set<std::string, std::less<>> names;
    for (const std::string& c : t.final_demand) {
        if (!names.insert(c).second)
            sink.error(SourceLoc{f.name, reader.header_line(), 0},
                       fmt::format("column {}: duplicate column", in_quotes(c)));
        if (scenario::is_valid_id(c)) continue;
        sink.error(SourceLoc{f.name, reader.header_line(), 0},
                   fmt::format("column {}: a final-demand category names a region node, so it "
                               "must be an id (letters, digits, '_', '-' and '.')",
                               in_quotes(c)));
    }
    t.y.assign(t.final_demand.size(), {});
    std::vector<bool> seen(ind.region.size(), false);
    CsvRecord row;
    while (reader.next(row)) {
        const auto i = row_industry(f, row, ind, seen, sink);
        if (!i) continue;
        for (std::size_t k = 2; k < row.cells.size(); ++k) {
            double v = 0.0;
            if (read_value(f, row.line, row.cells[k], "Y", t.final_demand[k - 2], sink, v) && v > 0)
                t.y[k - 2].emplace_back(*i, v);
        }
    }
    for (const auto& p : reader.take_problems())
        sink.error(SourceLoc{f.name, p.line, 0}, p.message);
    missing_rows(f, ind, seen, sink);
    for (auto& column : t.y) std::sort(column.begin(), column.end());
}

// x.csv: each industry's gross output must be its row sums within 1e-6.
void read_x(const CsvFile& f, const Industries& ind, IoTable& t, DiagnosticSink& sink) {
    CsvReader reader(f.text);
    if (!check_header(f, reader, sink)) return;
    if (reader.header().size() != 3 || reader.header()[2] != "x") {
        sink.error(SourceLoc{f.name, reader.header_line(), 0},
                   "the header must be \"region,sector,x\"");
        return;
    }
    std::vector<bool> seen(ind.region.size(), false);
    CsvRecord row;
    while (reader.next(row)) {
        const auto i = row_industry(f, row, ind, seen, sink);
        double given = 0.0;
        if (!i || !read_value(f, row.line, row.cells[2], "", "x", sink, given)) continue;
        const double sums = t.x[*i];
        if (std::abs(given - sums) > 1e-6 * std::max(std::abs(given), std::abs(sums))) {
            sink.error(
                f.at(row.line, row.cells[2]),
                fmt::format("x of {}: {} is not the row sums of Z and Y, {} (they must "
                            "agree within 1e-6 relative)",
                            in_quotes(ind.names[*i]), scenario::num(given), scenario::num(sums)));
        }
        t.x[*i] = given;
    }
    for (const auto& p : reader.take_problems())
        sink.error(SourceLoc{f.name, p.line, 0}, p.message);
    missing_rows(f, ind, seen, sink);
}

}  // namespace

IoTable read_io_table(const std::filesystem::path& z_csv, const std::filesystem::path& y_csv,
                      const std::optional<std::filesystem::path>& x_csv) {
    DiagnosticSink sink;
    const CsvFile zf = open_table(z_csv, sink);
    const CsvFile yf = open_table(y_csv, sink);
    const CsvFile xf = x_csv ? open_table(*x_csv, sink) : CsvFile{};
    sink.throw_if_any();
    Industries ind;
    const ZRows rows = read_z_rows(zf, ind, sink);
    const std::vector<std::uint32_t> buyer = z_columns(zf, rows, ind, sink);
    IoTable t;
    t.source = zf.name;
    t.region = ind.region;
    t.sector = ind.sector;
    t.z.assign(ind.region.size(), {});
    for (std::uint32_t i = 0; i < rows.by_row.size(); ++i)
        for (const auto& [k, v] : rows.by_row[i]) t.z[buyer[k]].emplace_back(i, v);
    read_y(yf, ind, t, sink);
    sink.throw_if_any();  // the sums below need whole tables
    t.x.assign(t.region.size(), 0.0);
    for (const auto& column : t.z)
        for (const auto& [i, v] : column) t.x[i] += v;
    for (const auto& column : t.y)
        for (const auto& [i, v] : column) t.x[i] += v;
    if (x_csv) read_x(xf, ind, t, sink);
    sink.throw_if_any();
    return t;
}

}  // namespace shockflow
