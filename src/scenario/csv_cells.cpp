/// Reading the cells of the network tables.

#include "scenario/csv_cells.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "scenario/text.hpp"

namespace shockflow::scenario {
namespace {

/// A cell of up to 15 digits, perhaps after a '-': the common case, and one
/// whose value is an exact double, so it is the very number from_chars reads.
std::optional<double> whole_number(std::string_view text) {
    const bool negative = text.starts_with('-');
    const std::string_view digits = negative ? text.substr(1) : text;
    if (digits.empty() || digits.size() > 15) return std::nullopt;
    std::int64_t n = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + (c - '0');
    }
    const auto v = static_cast<double>(n);
    return negative ? -v : v;
}

}  // namespace

std::optional<double> cell_number(LoadContext& ctx, const SourceLoc& loc, KeyPath path,
                                  std::string_view cell) {
    const std::string_view text = cell.starts_with('+') ? cell.substr(1) : cell;
    if (const auto whole = whole_number(text)) return whole;
    double v = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(v)) {
        ctx.error(
            loc, fmt::format("{}: expected a finite number (got {})", path.str(), in_quotes(cell)));
        return std::nullopt;
    }
    return v;
}

std::optional<std::int64_t> cell_integer(LoadContext& ctx, const SourceLoc& loc, KeyPath path,
                                         std::string_view cell) {
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
    if (ec != std::errc{} || end != cell.data() + cell.size()) {
        ctx.error(loc,
                  fmt::format("{}: expected an integer (got {})", path.str(), in_quotes(cell)));
        return std::nullopt;
    }
    return v;
}

std::vector<std::string> split_list(std::string_view cell) {
    std::vector<std::string> out;
    out.reserve(static_cast<std::size_t>(std::count(cell.begin(), cell.end(), ';')) + 1);
    std::size_t start = 0;
    while (start <= cell.size()) {
        const std::size_t end = std::min(cell.find(';', start), cell.size());
        const std::string_view item = cell.substr(start, end - start);
        const auto first = item.find_first_not_of(" \t");
        const auto last = item.find_last_not_of(" \t");
        if (first != std::string_view::npos) out.emplace_back(item.substr(first, last - first + 1));
        start = end + 1;
    }
    return out;
}

}  // namespace shockflow::scenario
