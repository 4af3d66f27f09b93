#pragma once
/// The files of `run --out DIR`, each written to a stream (private to src/).

#include <fmt/format.h>

#include <cstddef>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "shockflow/io/run_writer.hpp"
#include "shockflow/model/result.hpp"

namespace shockflow::io {

/// `day,node,product,produced,...,capacity_available`, one row per DayRow.
void write_timeseries_csv(const RunResult& result, std::ostream& out);
/// `day,node,firms,firms_active`, one row per FirmRow.
void write_firms_csv(const RunResult& result, std::ostream& out);
/// summary.json: 2-space indent, keys in a fixed order, trailing newline.
std::string summary_json(const RunResult& result);

/// The header line of regions.csv.
inline constexpr std::string_view kRegionsHeader =
    "day,region,product,category,demand,delivered,unmet,stock,days_of_cover\n";
/// regions.csv's days_of_cover of `row`: the days the day's end stock would
/// last at the day's mean demand rate (demand over the length of the day that
/// was simulated); NaN (a blank in the file) without demand.
double days_of_cover(const DayRow& row);
/// The line of regions.csv of `row` if its node is a region, else nothing.
void append_region_row(fmt::memory_buffer& buf, const RunLayout& layout, const DayRow& row);
/// regions.csv: the header and the line of every row of `result` at a region.
void write_regions_csv(const RunResult& result, std::ostream& out);
/// summary.json's "regions": per region id, its RegionSummary.
nlohmann::ordered_json regions_json(const RunResult& result);

/// Indices into `result.regions` of the (up to) `n` regions that fared worst
/// with their essential goods: lowest essential fill rate in the window
/// first, then most person-days short, then the scenario's order; only
/// regions that went short at all (a day short or any person-day short).
std::vector<std::size_t> worst_regions(const RunResult& result, std::size_t n);

}  // namespace shockflow::io
