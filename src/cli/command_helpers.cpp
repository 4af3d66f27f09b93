#include "cli/command_helpers.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <system_error>
#include <vector>

#include "shockflow/core/error.hpp"
#include "shockflow/scenario/loader.hpp"
#include "shockflow/scenario/warnings.hpp"

namespace shockflow::cli {

std::vector<Override> overrides_of(const std::vector<std::string>& sets) {
    std::vector<Override> out;
    out.reserve(sets.size());
    for (const auto& s : sets) out.push_back(Override::parse(s));
    return out;
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
