/// A hand-written scanner rather than a library: the format is small, and the
/// line of every record is needed for diagnostics. Cells are views of the
/// text: a network table holds hundreds of thousands of them, and a string
/// each made reading a table cost more than checking it.

#include "scenario/csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace shockflow::scenario {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

/// ',', '\n' and '\r', as one lookup.
constexpr std::array<bool, 256> kEndsCell = [] {
    std::array<bool, 256> table{};
    table[static_cast<unsigned char>(',')] = true;
    table[static_cast<unsigned char>('\n')] = true;
    table[static_cast<unsigned char>('\r')] = true;
    return table;
}();

bool ends_cell(char c) { return kEndsCell[static_cast<unsigned char>(c)]; }

/// The content of a quoted cell with each doubled quote made one (inside the
/// quotes every '"' belongs to such a pair: a single one closes the cell).
std::string unescape(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        out += raw[i];
        if (raw[i] == '"') ++i;
    }
    return out;
}

}  // namespace

CsvReader::CsvReader(std::string_view text) : text_(text) {
    if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
    CsvRecord record;
    while (!done()) {
        bool blank = false;
        scan(record, blank);
        if (blank) continue;
        header_line_ = record.line;
        header_.assign(record.cells.begin(), record.cells.end());
        have_header_ = true;
        return;
    }
    problems_.push_back({1, "empty table (expected a header row)"});
}

bool CsvReader::next(CsvRecord& record) {
    while (!done()) {
        bool blank = false;
        scan(record, blank);
        if (blank) continue;
        if (record.cells.size() == header_.size()) return true;
        problems_.push_back({record.line, fmt::format("row has {} cells but the header has {}",
                                                      record.cells.size(), header_.size())});
    }
    return false;
}

void CsvReader::scan(CsvRecord& record, bool& blank) {
    record.line = line_;
    record.cells.clear();
    if (!unescaped_.empty()) unescaped_.clear();
    blank = true;
    // The hot loop of reading a table: one pointer, one test per byte.
    const char* const begin = text_.data();
    const char* const end = begin + text_.size();
    const char* p = begin + pos_;
    for (;;) {
        while (p != end && is_space(*p)) ++p;
        if (p != end && *p == '"') {
            pos_ = static_cast<std::size_t>(p - begin);
            std::string_view cell;
            if (!read_quoted(cell)) {
                blank = true;  // reported already; a half record would only add noise
                return;
            }
            record.cells.push_back(cell);
            p = begin + pos_;
            blank = false;
        } else {
            const char* const start = p;
            while (p != end && !ends_cell(*p)) ++p;
            const char* stop = p;
            while (stop != start && is_space(stop[-1])) --stop;
            // Built in place: a view assembled on the stack and copied cost a
            // stalled 16-byte load per cell.
            record.cells.emplace_back(start, static_cast<std::size_t>(stop - start));
            blank = blank && stop == start;
        }
        if (p == end || *p != ',') break;
        ++p;
        blank = false;  // a comma makes the line a record of empty cells
    }
    pos_ = static_cast<std::size_t>(p - begin);
    end_line();
}

void CsvReader::skip_spaces() noexcept {
    while (!done() && is_space(text_[pos_])) ++pos_;
}

/// Consumes the line end ("\n", "\r\n") after a record.
void CsvReader::end_line() noexcept {
    if (!done() && text_[pos_] == '\r') ++pos_;
    if (!done() && text_[pos_] == '\n') {
        ++pos_;
        ++line_;
    }
}

/// From the opening quote at pos_; false (reported) if the text ends inside.
bool CsvReader::read_quoted(std::string_view& cell) {
    const std::uint32_t start_line = line_;
    const std::size_t start = ++pos_;  // after the opening quote
    bool doubled = false;
    for (;;) {
        if (done()) {
            problems_.push_back({start_line, "unterminated quoted cell (missing closing '\"')"});
            return false;
        }
        const char c = text_[pos_++];
        if (c == '"' && !done() && text_[pos_] == '"') {
            doubled = true;
            ++pos_;
        } else if (c == '"') {
            break;
        } else if (c == '\n') {
            ++line_;
        }
    }
    cell = text_.substr(start, pos_ - 1 - start);
    if (doubled) cell = unescaped_.emplace_back(unescape(cell));
    skip_spaces();
    if (done() || ends_cell(text_[pos_])) return true;
    problems_.push_back({line_, "unexpected text after a closing quote (write \"\" for a quote)"});
    while (!done() && text_[pos_] != ',' && text_[pos_] != '\n') ++pos_;
    return true;
}

std::uint32_t line_of_nul(std::string_view text) {
    const std::size_t nul = text.find('\0');
    if (nul == std::string_view::npos) return 0;
    return static_cast<std::uint32_t>(1 + std::count(text.begin(), text.begin() + nul, '\n'));
}

CsvTable parse_csv(std::string_view text) {
    CsvReader reader(text);
    CsvTable table;
    table.header_line = reader.header_line();
    table.header = reader.header();
    CsvRecord record;
    while (reader.next(record)) {
        table.rows.push_back(CsvRow{record.line, {record.cells.begin(), record.cells.end()}});
    }
    table.problems = reader.take_problems();
    return table;
}

}  // namespace shockflow::scenario
