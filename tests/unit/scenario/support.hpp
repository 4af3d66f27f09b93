#pragma once
// Helpers for loader tests: a fresh directory per test to write fixtures into,
// and lookups of where a piece of text sits in a fixture (so expected line and
// column numbers follow the fixture instead of being counted by hand).

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "shockflow/core/error.hpp"
#include "shockflow/core/hash.hpp"
#include "shockflow/scenario/loader.hpp"

namespace shockflow::test {

/// 1-based line and column of a piece of text.
struct Pos {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

/// Where the last occurrence of `needle` starts in `text` (the last, because
/// tests append the part under test to a shared base fixture).
inline Pos pos_of(std::string_view text, std::string_view needle) {
    const auto at = text.rfind(needle);
    EXPECT_NE(at, std::string_view::npos) << "fixture lacks " << needle;
    if (at == std::string_view::npos) return {};
    Pos p{1, 1};
    for (std::size_t i = 0; i < at; ++i) {
        if (text[i] == '\n') {
            ++p.line;
            p.column = 1;
        } else {
            ++p.column;
        }
    }
    return p;
}

/// A fixture with a fresh directory per test.
class LoaderTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = std::filesystem::path(::testing::TempDir()) /
               ("shockflow_scenario_" + std::string(info->test_suite_name()) + "_" + info->name() +
                "_" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override {
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }

    /// Writes `text` to DIR/name and returns the path.
    std::filesystem::path write(const std::string& name, std::string_view text) const {
        const auto path = dir_ / name;
        std::filesystem::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }

    /// Loads a scenario that must be rejected and returns its diagnostics.
    std::vector<Diagnostic> scenario_errors(std::string_view text) const {
        try {
            (void)load_scenario(write("s.toml", text));
        } catch (const ConfigError& e) {
            return e.diagnostics();
        }
        ADD_FAILURE() << "the scenario was accepted";
        return {};
    }

    /// The first diagnostic whose message contains `part` (fails if none).
    static Diagnostic find(const std::vector<Diagnostic>& diags, std::string_view part) {
        for (const auto& d : diags) {
            if (d.message.find(part) != std::string::npos) return d;
        }
        std::string all;
        for (const auto& d : diags) all += "\n  " + d.format();
        ADD_FAILURE() << "no diagnostic contains \"" << part << "\"; got:" << all;
        return {};
    }

    /// Expects a diagnostic containing `message` located where `anchor` starts in `text`.
    Diagnostic expect_error_at(std::string_view text, std::string_view anchor,
                               std::string_view message) const {
        const Diagnostic d = find(scenario_errors(text), message);
        const Pos p = pos_of(text, anchor);
        EXPECT_EQ(d.loc.line, p.line) << d.format();
        EXPECT_EQ(d.loc.column, p.column) << d.format();
        return d;
    }

    std::filesystem::path dir_;
};

/// A small valid scenario the tests extend; ids: products food (essential),
/// steel, ore; nodes p1 (park, tag north), m1 (plant, north), s1 (source),
/// d1 (depot), r1 and r2 (regions, tag south); links p1->d1, d1->r1, s1->m1.
inline constexpr std::string_view kBase = R"([scenario]
name = "test"

[[product]]
id = "food"
category = "essential"

[[product]]
id = "steel"

[[product]]
id = "ore"

[[node]]
id = "p1"
kind = "park"
tags = ["north"]
firms = 40
capacity = { food = 100 }

[[node]]
id = "m1"
kind = "plant"
tags = ["north"]
capacity = { steel = 10 }

[[node]]
id = "s1"
kind = "source"
capacity = { ore = 50 }

[[node]]
id = "d1"
kind = "depot"
stock = { food = 200 }

[[node]]
id = "r1"
kind = "region"
tags = ["south"]
population = 1000
demand = { food = 20 }

[[node]]
id = "r2"
kind = "region"
tags = ["south"]
population = 500

[[link]]
from = "p1"
to = "d1"
capacity = 500
transit_hours = 6

[[link]]
from = "d1"
to = "r1"
capacity = 500
transit_hours = 2

[[link]]
from = "s1"
to = "m1"
capacity = 80
transit_hours = 12
)";

/// `text` with the first `from` replaced by `to`.
inline std::string replaced(std::string_view text, std::string_view from, std::string_view to) {
    std::string out(text);
    const auto at = out.find(from);
    EXPECT_NE(at, std::string::npos) << "fixture lacks " << from;
    if (at != std::string::npos) out.replace(at, from.size(), to);
    return out;
}

/// kBase followed by `extra`.
inline std::string with_base(std::string_view extra) {
    return std::string(kBase) + "\n" + std::string(extra);
}

}  // namespace shockflow::test
