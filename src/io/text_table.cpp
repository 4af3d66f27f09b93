#include "io/text_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace shockflow::io {
namespace {

const std::string& cell(const std::vector<std::string>& row, std::size_t i) {
    static const std::string kEmpty;
    return i < row.size() ? row[i] : kEmpty;
}

std::vector<std::size_t> column_widths(const std::vector<std::string>& header,
                                       const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> widths;
    widths.reserve(header.size());
    for (const auto& h : header) widths.push_back(h.size());
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < widths.size(); ++i) {
            widths[i] = std::max(widths[i], cell(row, i).size());
        }
    }
    return widths;
}

void append_line(std::string& out, const std::vector<std::string>& row,
                 const std::vector<std::size_t>& widths) {
    std::string line;
    for (std::size_t i = 0; i < widths.size(); ++i) {
        if (i == 0) {
            fmt::format_to(std::back_inserter(line), "{:<{}}", cell(row, i), widths[i]);
        } else {
            fmt::format_to(std::back_inserter(line), "  {:>{}}", cell(row, i), widths[i]);
        }
    }
    // Trailing blanks of a left-aligned last column are noise in logs and diffs.
    line.erase(line.find_last_not_of(' ') + 1);
    out += line;
    out += '\n';
}

}  // namespace

std::string render_table(const std::vector<std::string>& header,
                         const std::vector<std::vector<std::string>>& rows) {
    const auto widths = column_widths(header, rows);
    std::string out;
    append_line(out, header, widths);
    std::size_t total = 0;
    for (std::size_t w : widths) total += w;
    total += widths.empty() ? 0 : 2 * (widths.size() - 1);
    out += std::string(total, '-');
    out += '\n';
    for (const auto& row : rows) append_line(out, row, widths);
    return out;
}

}  // namespace shockflow::io
