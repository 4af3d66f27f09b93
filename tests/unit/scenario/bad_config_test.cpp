// Every fixture in tests/bad_config is rejected with the first diagnostic its
// .expected file names. The CLI test (bad_config/check.cmake) checks the same
// through `shockflow validate`; this one needs only the library.

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "unit/scenario/support.hpp"

namespace shockflow::test {
namespace {

const std::filesystem::path kBadConfig =
    std::filesystem::path(SHOCKFLOW_TEST_DATA_DIR) / "bad_config";

std::vector<std::string> fixture_names() {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(kBadConfig)) {
        if (entry.path().extension() == ".expected") names.push_back(entry.path().stem().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

/// Runs in tests/bad_config, as the CLI test does, so that file names in the
/// diagnostics are the relative ones the .expected files hold.
class CurrentDir {
public:
    explicit CurrentDir(const std::filesystem::path& dir)
        : saved_(std::filesystem::current_path()) {
        std::filesystem::current_path(dir);
    }
    ~CurrentDir() { std::filesystem::current_path(saved_); }
    CurrentDir(const CurrentDir&) = delete;
    CurrentDir& operator=(const CurrentDir&) = delete;

private:
    std::filesystem::path saved_;
};

class BadConfig : public ::testing::TestWithParam<std::string> {};

TEST_P(BadConfig, FirstDiagnosticIsTheExpectedOne) {
    std::string expected;
    std::getline(std::ifstream(kBadConfig / (GetParam() + ".expected")), expected);
    ASSERT_FALSE(expected.empty());
    const CurrentDir in_fixtures(kBadConfig);
    try {
        (void)load_scenario(GetParam() + ".toml");
        FAIL() << "the fixture was accepted";
    } catch (const ConfigError& e) {
        ASSERT_FALSE(e.diagnostics().empty());
        EXPECT_EQ(e.diagnostics().front().format(), expected);
    }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BadConfig, ::testing::ValuesIn(fixture_names()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace shockflow::test
