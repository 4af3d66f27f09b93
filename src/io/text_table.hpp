#pragma once
/// Plain-text tables for terminal output (private to src/).

#include <string>
#include <vector>

namespace shockflow::io {

/// Renders rows under a header: the first column left-aligned, the others
/// right-aligned, columns two spaces apart, a dashed rule under the header.
/// Every line ends in '\n'. Rows shorter than the header are padded with "".
std::string render_table(const std::vector<std::string>& header,
                         const std::vector<std::vector<std::string>>& rows);

}  // namespace shockflow::io
