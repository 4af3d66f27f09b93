#pragma once
/// Result files and the terminal summary of one run (`shockflow run`).

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "shockflow/io/extra_file.hpp"
#include "shockflow/model/result.hpp"

namespace shockflow::io {

/// Writes `dir/timeseries.csv`, `dir/firms.csv` and `dir/summary.json`
/// (formats in docs/FORMAT.md) and the `extra` files (e.g. report.html), all
/// or nothing; creates `dir` if needed. Numbers are printed in their shortest
/// round-trip form, so the same RunResult always gives byte-identical files.
/// Non-finite values are written as `nan`/`inf` in CSV and as `null` in JSON.
/// Throws std::filesystem::filesystem_error when the files cannot be written.
void write_run(const RunResult& result, const std::filesystem::path& dir,
               const std::vector<ExtraFile>& extra = {});

/// The files of write_run() written while the run goes on: time-series rows go
/// to disk as the simulation hands them over (RunOptions::on_day_row), so a
/// long run on a large network never holds its time series in memory. The
/// files are the same, byte for byte, as write_run() of the recorded result,
/// and appear only at finish(), all together; if the writer is destroyed
/// before that (an exception), nothing is left behind.
class StreamingRunWriter {
public:
    /// Creates `dir` if needed. `node_ids` and `product_ids` name the indices
    /// of the rows, as in RunResult (the scenario's order).
    StreamingRunWriter(const std::filesystem::path& dir, std::vector<std::string> node_ids,
                       std::vector<std::string> product_ids);
    ~StreamingRunWriter();
    StreamingRunWriter(const StreamingRunWriter&) = delete;
    StreamingRunWriter& operator=(const StreamingRunWriter&) = delete;

    /// The next time-series row, in (day, node, product) order.
    void add(const DayRow& row);
    /// Writes firms.csv and summary.json of `result` (its `timeseries` is not
    /// read) and the `extra` files (report.html), and puts them all in place
    /// together.
    void finish(const RunResult& result, const std::vector<ExtraFile>& extra = {});

private:
    struct State;
    std::unique_ptr<State> state_;
};

/// An aligned plain-text table for a terminal: scenario, policy and seed, the
/// KPIs (in kpi_registry() order) and run totals per product (units), ending in '\n'.
[[nodiscard]] std::string format_kpi_table(const RunResult& result);

}  // namespace shockflow::io
