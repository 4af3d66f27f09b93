#include <fmt/format.h>

#include "io/number_format.hpp"
#include "io/text_table.hpp"
#include "shockflow/io/run_writer.hpp"
#include "shockflow/model/kpi.hpp"

namespace shockflow::io {
namespace {

std::string kpi_section(const Kpis& kpi) {
    std::vector<std::vector<std::string>> rows;
    for (const KpiInfo& info : kpi_registry()) {
        rows.push_back({std::string(info.name), display_number(kpi.*info.field)});
    }
    return render_table({"kpi", "value"}, rows);
}

std::string product_section(const RunResult& r) {
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < r.product_ids.size() && i < r.products.size(); ++i) {
        const ProductTotals& t = r.products[i];
        rows.push_back({r.product_ids[i], display_number(t.produced), display_number(t.demanded),
                        display_number(t.delivered), display_number(t.unmet)});
    }
    return render_table({"product", "produced", "demanded", "delivered", "unmet"}, rows);
}

}  // namespace

std::string format_kpi_table(const RunResult& result) {
    // Days in their exact form: "-14 to 30", not rounded to table precision.
    std::string out = fmt::format(
        "scenario  {}\npolicy    {}\nseed      {}\ndays      {} to {}\n\n", result.scenario,
        result.policy, result.seed, csv_number(result.start_day), csv_number(result.end_day));
    out += kpi_section(result.kpi);
    out += "\nrun totals (units)\n";
    out += product_section(result);
    return out;
}

}  // namespace shockflow::io
