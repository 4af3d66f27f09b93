/// A hand-written scanner rather than a library: the format is small, and the
/// line of every record is needed for diagnostics.

#include "scenario/csv.hpp"

#include <fmt/format.h>

namespace shockflow::scenario {
namespace {

/// Walks the text one record at a time, counting lines.
class CsvScanner {
public:
    explicit CsvScanner(std::string_view text) : text_(text) {
        if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
    }
    [[nodiscard]] bool done() const { return pos_ >= text_.size(); }
    [[nodiscard]] std::uint32_t line() const { return line_; }

    /// Reads the next record; `blank` is set for a line holding only spaces.
    CsvRow next(bool& blank, std::vector<CsvProblem>& problems) {
        CsvRow row{line_, {}};
        blank = true;
        for (;;) {
            std::string cell;
            bool quoted = false;
            if (!read_cell(cell, quoted, problems)) {
                blank = true;  // reported already; a half record would only add noise
                return row;
            }
            blank = blank && !quoted && cell.empty();
            row.cells.push_back(std::move(cell));
            if (done() || text_[pos_] != ',') break;
            ++pos_;
            blank = false;  // a comma makes the line a record of empty cells
        }
        end_line();
        return row;
    }

private:
    static bool is_space(char c) { return c == ' ' || c == '\t'; }

    void skip_spaces() {
        while (!done() && is_space(text_[pos_])) ++pos_;
    }

    /// Consumes the line end ("\n", "\r\n") after a record.
    void end_line() {
        if (!done() && text_[pos_] == '\r') ++pos_;
        if (!done() && text_[pos_] == '\n') {
            ++pos_;
            ++line_;
        }
    }

    bool read_cell(std::string& cell, bool& quoted, std::vector<CsvProblem>& problems) {
        skip_spaces();
        if (!done() && text_[pos_] == '"') {
            quoted = true;
            return read_quoted(cell, problems);
        }
        while (!done() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') {
            cell += text_[pos_++];
        }
        while (!cell.empty() && is_space(cell.back())) cell.pop_back();
        return true;
    }

    bool read_quoted(std::string& cell, std::vector<CsvProblem>& problems) {
        const std::uint32_t start = line_;
        ++pos_;  // opening quote
        for (;;) {
            if (done()) {
                problems.push_back({start, "unterminated quoted cell (missing closing '\"')"});
                return false;
            }
            const char c = text_[pos_++];
            if (c == '"' && !done() && text_[pos_] == '"') {
                cell += '"';
                ++pos_;
            } else if (c == '"') {
                break;
            } else {
                if (c == '\n') ++line_;
                cell += c;
            }
        }
        skip_spaces();
        if (done() || text_[pos_] == ',' || text_[pos_] == '\n' || text_[pos_] == '\r') return true;
        problems.push_back(
            {line_, "unexpected text after a closing quote (write \"\" for a quote)"});
        while (!done() && text_[pos_] != ',' && text_[pos_] != '\n') ++pos_;
        return true;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    std::uint32_t line_ = 1;
};

}  // namespace

CsvTable parse_csv(std::string_view text) {
    CsvTable table;
    CsvScanner scanner(text);
    bool have_header = false;
    while (!scanner.done()) {
        bool blank = false;
        CsvRow row = scanner.next(blank, table.problems);
        if (blank) continue;
        if (!have_header) {
            table.header_line = row.line;
            table.header = std::move(row.cells);
            have_header = true;
        } else if (row.cells.size() != table.header.size()) {
            table.problems.push_back(
                {row.line, fmt::format("row has {} cells but the header has {}", row.cells.size(),
                                       table.header.size())});
        } else {
            table.rows.push_back(std::move(row));
        }
    }
    if (!have_header) table.problems.push_back({1, "empty table (expected a header row)"});
    return table;
}

}  // namespace shockflow::scenario
