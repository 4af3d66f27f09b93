// What `run --out` writes per region: regions.csv, the region rows of the time
// series with what a planner reads of them, and summary.json's "regions".

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

#include "io/number_format.hpp"
#include "io/run_files.hpp"
#include "shockflow/core/assert.hpp"

namespace shockflow::io {
namespace {

using Json = nlohmann::ordered_json;

void append(fmt::memory_buffer& buf, std::string_view text) {
    buf.append(text.data(), text.data() + text.size());
}

}  // namespace

double days_of_cover(const DayRow& row) {
    if (!(row.demand > 0.0) || !(row.days > 0.0)) return std::numeric_limits<double>::quiet_NaN();
    return row.stock / (row.demand / row.days);
}

void append_region_row(fmt::memory_buffer& buf, const RunLayout& layout, const DayRow& row) {
    SHOCKFLOW_ASSERT(row.node < layout.region.size() && row.node < layout.node_ids.size() &&
                         row.product < layout.product_ids.size(),
                     "row refers to an unknown id index");
    if (!layout.region[row.node]) return;
    fmt::format_to(std::back_inserter(buf), "{},", row.day);
    append(buf, layout.node_ids[row.node]);
    buf.push_back(',');
    append(buf, layout.product_ids[row.product]);
    buf.push_back(',');
    if (row.product < layout.product_categories.size())
        append(buf, layout.product_categories[row.product]);
    for (const double v : {row.demand, row.delivered, row.unmet, row.stock}) {
        buf.push_back(',');
        append_csv_number(buf, v);
    }
    buf.push_back(',');
    if (const double cover = days_of_cover(row); !std::isnan(cover)) append_csv_number(buf, cover);
    buf.push_back('\n');
}

void write_regions_csv(const RunResult& result, std::ostream& out) {
    const RunLayout layout = run_layout(result);
    fmt::memory_buffer buf;
    buf.append(kRegionsHeader);
    for (const DayRow& row : result.timeseries) {
        append_region_row(buf, layout, row);
        if (buf.size() >= (std::size_t{1} << 20)) {
            out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
            buf.clear();
        }
    }
    out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

Json regions_json(const RunResult& result) {
    Json regions = Json::object();
    for (const RegionSummary& s : result.regions) {
        SHOCKFLOW_ASSERT(s.node < result.node_ids.size(), "region refers to an unknown node");
        regions[result.node_ids[s.node]] =
            Json{{"fill_rate", json_number(s.fill_rate)},
                 {"essential_fill_rate", json_number(s.essential_fill_rate)},
                 {"days_short", s.days_short},
                 {"person_days_short", json_number(s.person_days_short)},
                 {"time_to_survive_days", json_number(s.time_to_survive_days)},
                 {"time_to_survive_censored", s.time_to_survive_censored}};
    }
    return regions;
}

std::vector<std::size_t> worst_regions(const RunResult& result, std::size_t n) {
    std::vector<std::size_t> went_short;
    for (std::size_t i = 0; i < result.regions.size(); ++i) {
        const RegionSummary& s = result.regions[i];
        if (s.days_short > 0 || s.person_days_short > 0.0) went_short.push_back(i);
    }
    // An undefined fill rate (no essential demand in the window) ranks after
    // every defined one.
    auto fill = [&](std::size_t i) {
        const double f = result.regions[i].essential_fill_rate;
        return std::isnan(f) ? 2.0 : f;
    };
    std::stable_sort(went_short.begin(), went_short.end(), [&](std::size_t a, std::size_t b) {
        if (fill(a) != fill(b)) return fill(a) < fill(b);
        return result.regions[a].person_days_short > result.regions[b].person_days_short;
    });
    if (went_short.size() > n) went_short.resize(n);
    return went_short;
}

}  // namespace shockflow::io
