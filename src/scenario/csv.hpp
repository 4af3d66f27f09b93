#pragma once
/// A small RFC 4180 CSV reader for the network tables: comma separated,
/// double-quoted cells may hold commas, quotes ("") and line breaks.

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shockflow::scenario {

struct CsvProblem {
    std::uint32_t line = 0;
    std::string message;
};

/// One record as read: the line it starts on (1-based) and its cells, which
/// view the text or the reader (valid until the reader's next record).
struct CsvRecord {
    std::uint32_t line = 0;
    std::vector<std::string_view> cells;
};

/// Reads CSV text one record at a time, without a string per cell. The header
/// is the first non-blank record; records whose cell count differs from it
/// are reported as problems and skipped. Unquoted cells are trimmed of spaces
/// and tabs, quoted cells are kept as written; blank lines, a UTF-8 byte order
/// mark and CRLF line ends are accepted (spreadsheets write them).
class CsvReader {
public:
    /// Reads up to and including the header; `text` must outlive the reader.
    explicit CsvReader(std::string_view text);

    [[nodiscard]] bool has_header() const noexcept { return have_header_; }
    [[nodiscard]] std::uint32_t header_line() const noexcept { return header_line_; }
    [[nodiscard]] const std::vector<std::string>& header() const noexcept { return header_; }

    /// The next record with as many cells as the header; false at the end.
    bool next(CsvRecord& record);

    /// Hands over the problems found so far, in the order met.
    std::vector<CsvProblem> take_problems() noexcept { return std::exchange(problems_, {}); }

private:
    [[nodiscard]] bool done() const noexcept { return pos_ >= text_.size(); }
    /// Reads one record of any length; `blank` is set for a line of only spaces.
    void scan(CsvRecord& record, bool& blank);
    bool read_quoted(std::string_view& cell);
    void skip_spaces() noexcept;
    void end_line() noexcept;

    std::string_view text_;
    std::size_t pos_ = 0;
    std::uint32_t line_ = 1;
    bool have_header_ = false;
    std::uint32_t header_line_ = 0;
    std::vector<std::string> header_;
    std::vector<CsvProblem> problems_;
    std::deque<std::string> unescaped_;  ///< quoted cells that held "" (this record's)
};

/// One record with its own copy of the cells.
struct CsvRow {
    std::uint32_t line = 0;
    std::vector<std::string> cells;
};

/// A whole parsed table (`header` as in CsvReader; `problems` in the order met).
struct CsvTable {
    std::uint32_t header_line = 0;
    std::vector<std::string> header;
    std::vector<CsvRow> rows;
    std::vector<CsvProblem> problems;
};

/// The line (1-based) of the first NUL byte of `text`, or 0 if it holds none:
/// no CSV table does.
std::uint32_t line_of_nul(std::string_view text);

/// Parses CSV text into a table (the loader reads tables with CsvReader).
CsvTable parse_csv(std::string_view text);

}  // namespace shockflow::scenario
