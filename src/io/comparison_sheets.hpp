#pragma once
/// The comparison's files for spreadsheets (private to src/io):
/// comparison_long.csv and daily.csv, and helpers shared with the others.

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

#include "shockflow/experiment/compare.hpp"

namespace shockflow::io {

/// RFC 4180: `s`, quoted when it holds a separator, a quote or a line break.
std::string csv_field(std::string_view s);

/// How many replications of `policy` have KPI `j` censored (0 before
/// summarise() or for a KPI that cannot be censored).
std::size_t censored_runs(const experiment::PolicyResult& policy, std::size_t j);

/// comparison_long.csv: `policy,kpi,unit,better,statistic,value`, one row per
/// number of comparison.csv (docs/FORMAT.md); undefined values blank.
void write_long_csv(const experiment::Comparison& comparison, std::ostream& out);

/// daily.csv: `policy,day,p5,p50,p95,mean,replications`, the band of the
/// daily essential fill rate that the report draws (experiment::daily_fill_bands).
void write_daily_csv(const experiment::Comparison& comparison, std::ostream& out);

}  // namespace shockflow::io
