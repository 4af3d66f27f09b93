// Finding the chart library (Vega, Vega-Lite, vega-embed) at run time. The
// build copies it from report/node_modules into <build>/share/shockflow/report.

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include "shockflow/io/report.hpp"

#ifndef SHOCKFLOW_REPORT_BUILD_ASSETS
#define SHOCKFLOW_REPORT_BUILD_ASSETS ""
#endif

namespace shockflow::io {
namespace {

namespace fs = std::filesystem;

bool holds_all(const fs::path& dir) {
    std::error_code ec;
    for (std::string_view name : kReportAssetFiles) {
        if (!fs::is_regular_file(dir / name, ec)) return false;
    }
    return true;
}

std::optional<std::string> read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad() || text.empty()) return std::nullopt;
    return text;
}

std::string missing_notice(const std::vector<fs::path>& dirs) {
    std::string where;
    for (const fs::path& dir : dirs) where += (where.empty() ? "" : ", ") + dir.string();
    if (where.empty()) where = "(no folder to search)";
    return fmt::format(
        "shockflow: note: no report.html written: the chart library ({}, {}, {}) was not found "
        "in {}; run `npm ci --prefix report` in the source tree and rebuild, or set "
        "SHOCKFLOW_REPORT_ASSETS to a folder holding the three files",
        kReportAssetFiles[0], kReportAssetFiles[1], kReportAssetFiles[2], where);
}

}  // namespace

std::vector<fs::path> report_asset_dirs() {
    // An explicit folder is the only one searched: a wrong setting is reported
    // instead of silently hidden by another copy.
    if (const char* env = std::getenv("SHOCKFLOW_REPORT_ASSETS"); env != nullptr && *env != '\0')
        return {fs::path(env)};
    std::vector<fs::path> dirs;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec && exe.has_parent_path()) {
        dirs.push_back(exe.parent_path() / "share" / "shockflow" / "report");
        dirs.push_back(exe.parent_path().parent_path() / "share" / "shockflow" / "report");
    }
    const fs::path build_tree = SHOCKFLOW_REPORT_BUILD_ASSETS;
    if (!build_tree.empty() && std::find(dirs.begin(), dirs.end(), build_tree) == dirs.end())
        dirs.push_back(build_tree);
    return dirs;
}

AssetSearch load_report_assets(const std::vector<fs::path>& dirs) {
    for (const fs::path& dir : dirs) {
        if (!holds_all(dir)) continue;
        ReportAssets assets;
        bool complete = true;
        for (std::size_t i = 0; i < kReportAssetFiles.size() && complete; ++i) {
            auto text = read_file(dir / kReportAssetFiles[i]);
            complete = text.has_value();
            if (complete) assets.scripts[i] = std::move(*text);
        }
        if (complete) return {std::move(assets), ""};
    }
    return {std::nullopt, missing_notice(dirs)};
}

}  // namespace shockflow::io
