#pragma once
/// What the commands that simulate (run, compare, stress) share: loading a
/// checked scenario, the report's chart library, and how they end.

#include <fmt/format.h>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "io/progress.hpp"
#include "shockflow/io/report.hpp"
#include "shockflow/scenario/loader.hpp"
#include "shockflow/scenario/spec.hpp"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace shockflow::cli {

/// `--set KEY=VALUE` as the loader takes it.
std::vector<Override> overrides_of(const std::vector<std::string>& sets);

/// `--out DIR` of a command that writes `files` (named in its help).
CLI::Option* add_out(CLI::App* cmd, std::string& target, const std::string& files);

/// `--werror`: the scenario's warnings are errors.
void add_werror(CLI::App* cmd, WarningArgs& target);

/// `--report`, which needs `out`.
void add_report(CLI::App* cmd, bool& target, CLI::Option* out);

/// `--threads T` / `-j T`, 0 to limits::kMaxThreads.
void add_threads(CLI::App* cmd, int& target);

/// Unless quiet, a note on stderr when `threads` is more than the machine
/// runs at once.
void note_threads(int threads, bool quiet);

/// A progress callback drawing `bar` on stderr, or none when quiet or when
/// stderr is no terminal (logs, pipes, CI).
std::function<void(std::size_t, std::size_t)> progress_bar(bool quiet,
                                                           std::optional<io::ProgressBar>& bar);

/// Adds the repeatable `--set KEY=VALUE` option of the commands that load a
/// scenario to `cmd`.
void add_set(CLI::App* cmd, std::vector<std::string>& target);

/// The scenario, loaded with `overrides` and checked. Its warnings go to
/// stderr even with --quiet (they are diagnostics, like errors); with
/// --werror they are errors.
ScenarioSpec load_checked(const std::string& file, const std::vector<Override>& overrides,
                          const WarningArgs& w);

/// The report's chart library, looked up only when a report is asked for.
io::AssetSearch find_report_assets();

/// A missing chart library is not an error: the other files are written and
/// the notice says why there is no report.
void print_notice(const std::string& notice);

/// Is there a report.html in `out` (before a command: one that writes no
/// report takes it away with its commit, and says so)?
bool has_report(const std::string& out);

/// "FILES" or "FILES, report.html".
std::string written(const char* files, bool report, const std::string& notice);

/// How a command ends: unless quiet, the results table (built only then) and
/// which files went where; then the notice, if any. Returns 0.
template <typename Table>
int print_outcome(bool quiet, const Table& table, const std::string& out, const char* files,
                  bool report, const std::string& notice, bool had_report) {
    const bool removed = had_report && !(report && notice.empty()) && !has_report(out);
    if (!quiet) {
        fmt::print("{}\n", table());
        if (out.empty()) {
            fmt::print("no files written (use --out DIR to write them)\n");
        } else {
            fmt::print("wrote {} to {}{}\n", written(files, report, notice), out,
                       removed ? " (and removed the report.html of an earlier run)" : "");
        }
    }
    print_notice(notice);
    return 0;
}

}  // namespace shockflow::cli
