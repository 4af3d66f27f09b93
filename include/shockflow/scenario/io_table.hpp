#pragma once
/// Input-output tables of yearly flows between industries (a region's
/// sector) and to final demand: reading them from CSV, turning them into a
/// scenario (`shockflow import-io`), and random tables for tests and
/// benchmarks. The format and what the scenario holds are in docs/FORMAT.md,
/// "Input-output tables".

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "shockflow/scenario/spec.hpp"

namespace shockflow {

/// Flows of one year, in the table's money unit. Industry i is the sector
/// `sector[i]` of region `region[i]`.
struct IoTable {
    std::vector<std::string> region, sector;  ///< by industry
    std::vector<std::string> final_demand;    ///< category columns, in file order
    /// By buying industry j: (selling industry i, Z_ij > 0), sellers ascending.
    std::vector<std::vector<std::pair<std::uint32_t, double>>> z;
    /// By final-demand category c: (selling industry i, Y_ic > 0), ascending.
    std::vector<std::vector<std::pair<std::uint32_t, double>>> y;
    std::vector<double> x;  ///< gross output by industry: given, or Z and Y's row sums
    std::string source;     ///< the file the industries come from (Z.csv), for messages
};

/// Reads Z.csv (`region,sector,<region>_<sector>,...`), Y.csv
/// (`region,sector,<category>,...`) and, if given, x.csv (`region,sector,x`).
/// Every problem is reported (ConfigError, `FILE:LINE:COL: error: ...`),
/// among them an x that differs from the row sums of Z and Y by more than
/// 1e-6 relative.
IoTable read_io_table(const std::filesystem::path& z_csv, const std::filesystem::path& y_csv,
                      const std::optional<std::filesystem::path>& x_csv = std::nullopt);

struct ImportOptions {
    double days_per_year = 365.0;  ///< > 0: yearly flows become flows per day
    /// Flows below this share of their buyer's inputs (a column of Z or Y)
    /// are left out; 0 keeps every flow.
    double min_share = 0.0;
    double days = 365.0;          ///< length of the run, from day 0
    double transit_hours = 24.0;  ///< of every link
    std::string unit = "money";   ///< the products' unit label
    std::string name = "imported input-output table";
};

/// What importing kept, left out and changed, in the table's money unit a year.
struct ImportReport {
    std::size_t industries = 0;  ///< producer nodes (industries with output)
    std::size_t left_out = 0;    ///< industries without output or inputs: no node
    std::size_t links = 0;       ///< links written
    std::size_t dropped = 0;     ///< flows below min_share, left out
    double dropped_value = 0.0;  ///< their sum
    double total_value = 0.0;    ///< every flow of Z and Y
    /// Purchases of an industry's own sector from other regions: written as
    /// links and as the buyer's `buys_own`. The ARIO mode orders them; the
    /// default engine's producers never order what they make, so there they
    /// carry nothing (docs/FORMAT.md).
    std::size_t same_sector = 0;
    double same_sector_value = 0.0;
    /// Largest relative gap between the table's gross output and the
    /// default engine's undisturbed output (0 unless flows were dropped or
    /// are bought from the same sector elsewhere).
    double max_output_gap = 0.0;
    /// The same in the ARIO mode, which orders every flow kept (0 unless
    /// flows were dropped).
    double max_output_gap_ario = 0.0;
};

/// The scenario of a table: a plant per industry making its sector's
/// product, a region per final-demand category, a link per flow, each
/// industry's own recipe and what it buys of its own sector from other
/// regions (`buys_own`), and stocks that keep the default engine at its
/// undisturbed state from day 0 (docs/FORMAT.md).
ScenarioSpec import_io_table(const IoTable& table, const ImportOptions& options,
                             ImportReport* report = nullptr);

/// A random table of `regions` x `sectors` industries, one final-demand
/// category per region (`<region>_final_demand`): each industry buys every
/// sector at home and from `partners` other regions, with lognormal weights.
/// Same arguments, same table.
IoTable generate_io_table(std::size_t regions, std::size_t sectors, std::uint64_t seed,
                          std::size_t partners = 4);

/// Writes DIR/Z.csv, DIR/Y.csv and DIR/x.csv (atomically, as every output).
void write_io_table(const IoTable& table, const std::filesystem::path& dir);

}  // namespace shockflow
