#pragma once
/// A small RFC 4180 CSV reader for the network tables: comma separated,
/// double-quoted cells may hold commas, quotes ("") and line breaks.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shockflow::scenario {

/// One record with the line it starts on (1-based).
struct CsvRow {
    std::uint32_t line = 0;
    std::vector<std::string> cells;
};

struct CsvProblem {
    std::uint32_t line = 0;
    std::string message;
};

/// A parsed table. `header` is the first non-blank record; rows whose cell count
/// differs from it are reported in `problems` and left out of `rows`.
struct CsvTable {
    std::uint32_t header_line = 0;
    std::vector<std::string> header;
    std::vector<CsvRow> rows;
    std::vector<CsvProblem> problems;
};

/// Parses CSV text. Unquoted cells are trimmed of spaces and tabs, quoted cells
/// are kept as written; blank lines, a UTF-8 byte order mark and CRLF line ends
/// are accepted (spreadsheets write them).
CsvTable parse_csv(std::string_view text);

}  // namespace shockflow::scenario
