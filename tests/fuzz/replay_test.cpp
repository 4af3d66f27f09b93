// The fuzz targets' harnesses in the ordinary test suite: every seed and
// every regression input (tests/fuzz/regressions/TARGET/, inputs that once
// crashed) is loaded as the fuzz target would, and must neither crash nor
// throw anything but a ConfigError (which the harness takes as a rejection).
// Under the dev and ci presets this runs with ASan and UBSan.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz/harness.hpp"

namespace shockflow::fuzz {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = SHOCKFLOW_SOURCE_DIR;

std::vector<fs::path> files_in(const fs::path& dir, bool recursive, const std::string& ext = "") {
    std::vector<fs::path> files;
    if (!fs::exists(dir)) return files;
    auto add = [&](const fs::directory_entry& e) {
        if (e.is_regular_file() && (ext.empty() || e.path().extension() == ext))
            files.push_back(e.path());
    };
    if (recursive) {
        for (const auto& e : fs::recursive_directory_iterator(dir)) add(e);
    } else {
        for (const auto& e : fs::directory_iterator(dir)) add(e);
    }
    return files;
}

void replay(int (*target)(const std::uint8_t*, std::size_t), const std::vector<fs::path>& inputs) {
    ASSERT_FALSE(inputs.empty());
    for (const fs::path& input : inputs) {
        SCOPED_TRACE(input.string());
        std::ifstream in(input, std::ios::binary);
        const std::string bytes{std::istreambuf_iterator<char>(in),
                                std::istreambuf_iterator<char>()};
        EXPECT_NO_THROW(target(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
    }
}

template <typename... Lists>
std::vector<fs::path> join(Lists... lists) {
    std::vector<fs::path> all;
    (all.insert(all.end(), lists.begin(), lists.end()), ...);
    return all;
}

TEST(FuzzReplay, ScenarioToml) {
    replay(scenario_toml,
           join(files_in(kSource / "scenarios", true, ".toml"),
                files_in(kSource / "tests" / "bad_config", false, ".toml"),
                files_in(kSource / "tests" / "fuzz" / "regressions" / "scenario_toml", false)));
}

TEST(FuzzReplay, CsvTables) {
    replay(csv_tables,
           join(files_in(kSource / "tests" / "fuzz" / "seeds" / "csv_tables", false),
                files_in(kSource / "tests" / "fuzz" / "regressions" / "csv_tables", false)));
}

TEST(FuzzReplay, Policy) {
    replay(policy, join(files_in(kSource / "scenarios", true, ".toml"),
                        files_in(kSource / "tests" / "scenarios" / "cli", false, ".toml"),
                        files_in(kSource / "tests" / "fuzz" / "regressions" / "policy", false)));
}

}  // namespace
}  // namespace shockflow::fuzz
