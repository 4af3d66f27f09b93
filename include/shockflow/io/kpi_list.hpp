#pragma once
/// The KPI registry (model/kpi.hpp) as text, for `shockflow kpis` and for the
/// KPI table of docs/MODEL.md, which a test keeps equal to kpi_list_markdown().

#include <string>

namespace shockflow::io {

/// One line per KPI, in registry order, under a header: name, unit, which
/// way is better ("higher"/"lower") and the definition, aligned in columns
/// for a terminal. Ends in '\n'.
[[nodiscard]] std::string format_kpi_list();

/// The same as a Markdown table (the name in backticks). Ends in '\n'.
[[nodiscard]] std::string kpi_list_markdown();

}  // namespace shockflow::io
