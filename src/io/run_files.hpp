#pragma once
/// The three files of `run --out DIR`, each written to a stream (private to src/).

#include <ostream>
#include <string>

#include "shockflow/model/result.hpp"

namespace shockflow::io {

/// `day,node,product,produced,...,capacity_available`, one row per DayRow.
void write_timeseries_csv(const RunResult& result, std::ostream& out);
/// `day,node,firms,firms_active`, one row per FirmRow.
void write_firms_csv(const RunResult& result, std::ostream& out);
/// summary.json: 2-space indent, keys in a fixed order, trailing newline.
std::string summary_json(const RunResult& result);

}  // namespace shockflow::io
