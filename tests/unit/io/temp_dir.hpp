#pragma once
// A fresh, empty directory per test, removed afterwards.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace shockflow::test {

class TempDir {
public:
    TempDir() {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        path_ = std::filesystem::path(::testing::TempDir()) /
                ("shockflow_" + std::string(info->test_suite_name()) + "_" + info->name() + "_" +
                 std::to_string(::getpid()));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

    /// Names of the entries of `dir` (hidden ones included) but the output
    /// directory's own hidden folder `.shockflow`, sorted.
    static std::vector<std::string> list(const std::filesystem::path& dir) {
        std::vector<std::string> names;
        for (const auto& e : std::filesystem::directory_iterator(dir)) {
            if (e.path().filename() == ".shockflow") continue;
            names.push_back(e.path().filename().string());
        }
        std::sort(names.begin(), names.end());
        return names;
    }

    /// Names in `dir`/.shockflow that start with `prefix` ("stage-": sets
    /// being written; "gen-": committed sets), sorted.
    static std::vector<std::string> state(const std::filesystem::path& dir,
                                          const std::string& prefix) {
        std::vector<std::string> names;
        const auto folder = dir / ".shockflow";
        if (!std::filesystem::exists(folder)) return names;
        for (const auto& e : std::filesystem::directory_iterator(folder)) {
            const std::string name = e.path().filename().string();
            if (name.starts_with(prefix)) names.push_back(name);
        }
        std::sort(names.begin(), names.end());
        return names;
    }

    static std::string read(const std::filesystem::path& file) {
        std::ifstream in(file, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

private:
    std::filesystem::path path_;
};

}  // namespace shockflow::test
