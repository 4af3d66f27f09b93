#include "shockflow/io/kpi_list.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "shockflow/model/kpi.hpp"

namespace shockflow::io {
namespace {

std::string_view better(const KpiInfo& kpi) { return kpi.higher_is_better ? "higher" : "lower"; }

}  // namespace

std::string format_kpi_list() {
    // Left-aligned columns: the definitions are text, not numbers. Names and
    // units are ASCII, so their widths are their lengths in bytes.
    std::size_t name_width = 3, unit_width = 4;
    for (const KpiInfo& kpi : kpi_registry()) {
        name_width = std::max(name_width, kpi.name.size());
        unit_width = std::max(unit_width, kpi.unit.size());
    }
    std::string out;
    auto line = [&](std::string_view name, std::string_view unit, std::string_view direction,
                    std::string_view definition) {
        fmt::format_to(std::back_inserter(out), "{:<{}}  {:<{}}  {:<6}  {}\n", name, name_width,
                       unit, unit_width, direction, definition);
    };
    line("kpi", "unit", "better", "definition");
    line(std::string(name_width, '-'), std::string(unit_width, '-'), "------", "----------");
    for (const KpiInfo& kpi : kpi_registry()) line(kpi.name, kpi.unit, better(kpi), kpi.definition);
    return out;
}

std::string kpi_list_markdown() {
    std::string out = "| KPI | unit | better | definition |\n|---|---|---|---|\n";
    for (const KpiInfo& kpi : kpi_registry()) {
        fmt::format_to(std::back_inserter(out), "| `{}` | {} | {} | {} |\n", kpi.name, kpi.unit,
                       better(kpi), kpi.definition);
    }
    return out;
}

}  // namespace shockflow::io
