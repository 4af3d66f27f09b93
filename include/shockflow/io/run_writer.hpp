#pragma once
/// Result files and the terminal summary of one run (`shockflow run`).

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "shockflow/io/extra_file.hpp"
#include "shockflow/model/result.hpp"
#include "shockflow/scenario/spec.hpp"

namespace shockflow::io {

/// What the files of a run need to know of its scenario besides the rows:
/// the ids that the rows' indices name, which nodes are regions (their rows
/// also go to regions.csv) and each product's category.
struct RunLayout {
    std::vector<std::string> node_ids;            ///< by node index (the scenario's order)
    std::vector<std::string> product_ids;         ///< by product index
    std::vector<bool> region;                     ///< by node index: a region?
    std::vector<std::string> product_categories;  ///< by product index; "" if unknown
};

/// The layout of `scenario`'s nodes and products.
RunLayout run_layout(const ScenarioSpec& scenario);
/// The layout a RunResult carries (its ids, its regions, its categories).
RunLayout run_layout(const RunResult& result);

/// Writes `dir/timeseries.csv`, `dir/regions.csv`, `dir/firms.csv` and
/// `dir/summary.json` (formats in docs/FORMAT.md) and the `extra` files (e.g. report.html), all
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
    /// Creates `dir` if needed. `layout` names the indices of the rows, as in
    /// RunResult (the scenario's order), and says which nodes are regions.
    StreamingRunWriter(const std::filesystem::path& dir, RunLayout layout);
    ~StreamingRunWriter();
    StreamingRunWriter(const StreamingRunWriter&) = delete;
    StreamingRunWriter& operator=(const StreamingRunWriter&) = delete;

    /// The next time-series row, in (day, node, product) order.
    void add(const DayRow& row);
    /// Writes firms.csv and summary.json of `result` (its `timeseries` is not
    /// read; the rows added went to timeseries.csv and regions.csv) and the `extra` files
    /// (report.html), and puts them all in place together.
    void finish(const RunResult& result, const std::vector<ExtraFile>& extra = {});

private:
    struct State;
    std::unique_ptr<State> state_;
};

/// An aligned plain-text table for a terminal: scenario, policy and seed, the
/// KPIs (in kpi_registry() order), the (up to) five regions that fared worst
/// with their essential goods and run totals per product (units), ending in '\n'.
[[nodiscard]] std::string format_kpi_table(const RunResult& result);

}  // namespace shockflow::io
