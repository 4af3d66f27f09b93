#include "cli/command_helpers.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <system_error>
#include <vector>

#include "cli/validators.hpp"
#include "shockflow/core/error.hpp"
#include "shockflow/experiment/compare.hpp"
#include "shockflow/scenario/limits.hpp"
#include "shockflow/scenario/loader.hpp"
#include "shockflow/scenario/warnings.hpp"

namespace shockflow::cli {

std::vector<Override> overrides_of(const std::vector<std::string>& sets) {
    std::vector<Override> out;
    out.reserve(sets.size());
    for (const auto& s : sets) out.push_back(Override::parse(s));
    return out;
}

CLI::Option* add_out(CLI::App* cmd, std::string& target, const std::string& files) {
    return cmd
        ->add_option("--out", target,
                     fmt::format("Write {} into DIR, created if needed (without --out, only the "
                                 "table is printed and no file is written)",
                                 files))
        ->type_name("DIR");
}

void add_werror(CLI::App* cmd, WarningArgs& target) {
    cmd->add_flag("--werror", target.werror,
                  "Treat warnings about the scenario as errors: print them as errors, exit with "
                  "status 2 and write nothing");
}

void add_report(CLI::App* cmd, bool& target, CLI::Option* out) {
    cmd->add_flag("--report", target,
                  "Also write DIR/report.html, a self-contained page of charts (needs --out)")
        ->needs(out);
}

void add_threads(CLI::App* cmd, int& target) {
    cmd->add_option("--threads,-j", target,
                    fmt::format("Worker threads, at most {}; 0 = all cores (more than the "
                                "machine's hardware threads run as that many). The results do "
                                "not depend on it",
                                limits::kMaxThreads))
        ->type_name("T")
        ->check(whole_number(0, limits::kMaxThreads));
}

void note_threads(int threads, bool quiet) {
    if (const int most = experiment::available_threads(); threads > most && !quiet) {
        fmt::print(stderr,
                   "shockflow: note: --threads {} is more than the {} hardware threads available; "
                   "using {}\n",
                   threads, most, most);
    }
}

std::function<void(std::size_t, std::size_t)> progress_bar(bool quiet,
                                                           std::optional<io::ProgressBar>& bar) {
    if (quiet || ::isatty(::fileno(stderr)) != 1) return nullptr;
    return [&bar](std::size_t done, std::size_t total) {
        if (!bar) bar.emplace(stderr, total);
        bar->update(done);
    };
}

void add_set(CLI::App* cmd, std::vector<std::string>& target) {
    cmd->add_option("--set", target,
                    "Change one value of the scenario, e.g. scenario.end_day=40, "
                    "event.NAME.capacity_loss=0.8, node.ID.capacity.PRODUCT=500, "
                    "link.FROM->TO.capacity=0, policy.reroute=true; VALUE is a TOML value. "
                    "Repeatable, applied in order")
        ->type_name("KEY=VALUE");
}

ScenarioSpec load_checked(const std::string& file, const std::vector<Override>& overrides,
                          const WarningArgs& w) {
    ScenarioSpec scenario = load_scenario(file, overrides);
    std::vector<Diagnostic> warnings = scenario_warnings(scenario);
    if (w.werror && !warnings.empty()) {
        for (Diagnostic& d : warnings) d.severity = Severity::Error;
        throw ConfigError(std::move(warnings));
    }
    print_diagnostics(warnings, w.max_shown);
    return scenario;
}

io::AssetSearch find_report_assets() { return io::load_report_assets(io::report_asset_dirs()); }

void print_notice(const std::string& notice) {
    if (!notice.empty()) fmt::print(stderr, "{}\n", notice);
}

std::string written(const char* files, bool report, const std::string& notice) {
    return report && notice.empty() ? fmt::format("{}, report.html", files) : files;
}

bool has_report(const std::string& out) {
    std::error_code ec;
    return !out.empty() &&
           std::filesystem::symlink_status(std::filesystem::path(out) / "report.html", ec).type() !=
               std::filesystem::file_type::not_found;
}

}  // namespace shockflow::cli
