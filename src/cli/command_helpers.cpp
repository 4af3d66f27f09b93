#include "cli/command_helpers.hpp"

#include <filesystem>
#include <system_error>
#include <vector>

#include "shockflow/core/error.hpp"
#include "shockflow/scenario/loader.hpp"
#include "shockflow/scenario/warnings.hpp"

namespace shockflow::cli {

ScenarioSpec load_checked(const std::string& file, const WarningArgs& w) {
    ScenarioSpec scenario = load_scenario(file);
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
