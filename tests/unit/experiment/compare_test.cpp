#include "shockflow/experiment/compare.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "shockflow/model/kpi.hpp"
#include "shockflow/model/result.hpp"
#include "shockflow/model/simulation.hpp"
#include "unit/experiment/tiny_scenario.hpp"

namespace shockflow::experiment {
namespace {

using tiny::tiny_scenario;

CompareOptions options(std::int64_t replications, std::uint64_t seed, int threads) {
    CompareOptions o;
    o.replications = replications;
    o.seed = seed;
    o.threads = threads;
    return o;
}

std::vector<PolicySpec> two_policies() {
    PolicySpec none;  // every lever off
    PolicySpec surge;
    surge.name = "surge";
    surge.surge_capacity = 0.5;
    return {none, surge};
}

// Equality of the bits, so that NaN equals NaN and 0 differs from -0: the
// result must not depend on threads in any way.
bool same_bits(const std::vector<std::vector<double>>& a,
               const std::vector<std::vector<double>>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].size() != b[i].size()) return false;
        for (std::size_t j = 0; j < a[i].size(); ++j) {
            if (std::bit_cast<std::uint64_t>(a[i][j]) != std::bit_cast<std::uint64_t>(b[i][j]))
                return false;
        }
    }
    return true;
}

TEST(Compare, ResultsDoNotDependOnTheNumberOfThreads) {
    const ScenarioSpec scenario = tiny_scenario();
    const auto policies = two_policies();
    const Comparison one = compare(scenario, policies, options(6, 11, 1));
    const Comparison two = compare(scenario, policies, options(6, 11, 2));
    ASSERT_EQ(one.policies.size(), two.policies.size());
    for (std::size_t p = 0; p < one.policies.size(); ++p) {
        EXPECT_TRUE(same_bits(one.policies[p].samples, two.policies[p].samples)) << p;
        for (std::size_t j = 0; j < one.kpi_names.size(); ++j) {
            EXPECT_EQ(one.policies[p].stats[j].mean, two.policies[p].stats[j].mean);
            EXPECT_EQ(one.policies[p].vs_baseline[j].ci95_lo,
                      two.policies[p].vs_baseline[j].ci95_lo);
        }
    }
}

TEST(Compare, SamePolicyTwiceGivesZeroPairedDifferences) {
    // Common random numbers: replication k of both copies runs with seed + k,
    // so the copies see the same strike and give the same KPIs.
    PolicySpec again;
    again.name = "again";
    const Comparison c = compare(tiny_scenario(), {PolicySpec{}, again}, options(5, 3, 2));
    ASSERT_EQ(c.policies.size(), 2u);
    EXPECT_TRUE(same_bits(c.policies[0].samples, c.policies[1].samples));
    for (const KpiDiff& d : c.policies[1].vs_baseline) {
        EXPECT_EQ(d.mean_diff, 0.0);
        EXPECT_EQ(d.ci95_lo, 0.0);
        EXPECT_EQ(d.ci95_hi, 0.0);
        EXPECT_EQ(d.share_better, 0.0);
    }
}

TEST(Compare, ReplicationKIsTheRunWithSeedPlusK) {
    const ScenarioSpec scenario = tiny_scenario();
    const auto policies = two_policies();
    const Comparison c = compare(scenario, policies, options(3, 20, 2));
    EXPECT_EQ(c.scenario, "tiny");
    EXPECT_EQ(c.replications, 3);
    EXPECT_EQ(c.seed, 20u);
    std::vector<std::string> names;
    for (const auto& entry : Kpis{}.list()) names.emplace_back(entry.first);
    EXPECT_EQ(c.kpi_names, names);
    ASSERT_EQ(c.policies.size(), 2u);
    EXPECT_EQ(c.policies[0].name, "none");
    EXPECT_EQ(c.policies[1].name, "surge");
    for (std::size_t p = 0; p < 2; ++p) {
        ASSERT_EQ(c.policies[p].samples.size(), 3u);
        ASSERT_EQ(c.policies[p].stats.size(), names.size());
        for (std::uint64_t k = 0; k < 3; ++k) {
            const RunResult run = simulate(scenario, policies[p],
                                           RunOptions{.seed = 20 + k, .record_timeseries = false});
            std::vector<std::vector<double>> expected(1);
            for (const auto& entry : run.kpi.list()) expected[0].push_back(entry.second);
            EXPECT_TRUE(same_bits({c.policies[p].samples[k]}, expected)) << p << " " << k;
            // Its censoring flags are the run's, one per KPI of the registry.
            const auto kpis = kpi_registry();
            for (std::size_t j = 0; j < kpis.size(); ++j) {
                const bool flag = kpis[j].censored != nullptr && run.kpi_censored.*kpis[j].censored;
                EXPECT_EQ(c.policies[p].censored[k][j], flag ? 1 : 0) << p << " " << k << " " << j;
            }
        }
        for (std::size_t j = 0; j < names.size(); ++j) {
            std::size_t count = 0;
            for (const auto& flags : c.policies[p].censored) count += flags[j];
            EXPECT_EQ(c.policies[p].censored_runs[j], count);
        }
    }
}

// The daily band: per day, percentiles and mean over the replications with
// demand that day (NaN left out). Day 0: {0.2, 0.6, 1} -> p5 = 0.2 + 0.1 x
// 0.4 = 0.24, p50 = 0.6, p95 = 0.6 + 0.9 x 0.4 = 0.96, mean 0.6; day 1:
// {1, 1} (one NaN); day 2: NaN in every replication, left out.
TEST(DailyFillBands, SpreadOverTheReplicationsOfEachDay) {
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    Comparison c;
    c.first_day = -1;
    c.policies.resize(1);
    c.daily_essential_fill = {{{0.2, 1.0, kNaN}, {1.0, kNaN, kNaN}, {0.6, 1.0, kNaN}}};
    const auto bands = daily_fill_bands(c);
    ASSERT_EQ(bands.size(), 1u);
    ASSERT_EQ(bands[0].size(), 2u);
    EXPECT_EQ(bands[0][0].day, -1);
    EXPECT_NEAR(bands[0][0].p5, 0.24, 1e-12);
    EXPECT_NEAR(bands[0][0].p50, 0.6, 1e-12);
    EXPECT_NEAR(bands[0][0].p95, 0.96, 1e-12);
    EXPECT_NEAR(bands[0][0].mean, 0.6, 1e-12);
    EXPECT_EQ(bands[0][0].replications, 3u);
    EXPECT_EQ(bands[0][1].day, 0);
    EXPECT_EQ(bands[0][1].p5, 1.0);
    EXPECT_EQ(bands[0][1].replications, 2u);
    EXPECT_TRUE(daily_fill_bands(Comparison{}).empty());
}

TEST(Compare, ReportsProgressOncePerRunInIncreasingOrder) {
    std::vector<std::pair<std::size_t, std::size_t>> calls;
    CompareOptions o = options(4, 1, 2);
    o.progress = [&calls](std::size_t done, std::size_t total) {
        calls.emplace_back(done, total);  // serialised by compare()
    };
    compare(tiny_scenario(), two_policies(), o);
    ASSERT_EQ(calls.size(), 8u);
    for (std::size_t i = 0; i < calls.size(); ++i) {
        EXPECT_EQ(calls[i], std::make_pair(i + 1, std::size_t{8}));
    }
}

// 2 policies x 7 replications = 14 pairs over 3 shards: shard 0 runs pairs
// 0, 3, 6, 9, 12 (5), shard 1 runs 1, 4, 7, 10, 13 (5), shard 2 runs 2, 5, 8,
// 11 (4). Put together, and summarised, they are the whole comparison, bit for
// bit, daily fill included; each shard leaves the others' slots untouched.
TEST(Compare, ShardsPutTogetherAreTheWholeComparison) {
    const ScenarioSpec scenario = tiny_scenario();
    const auto policies = two_policies();
    CompareOptions o = options(7, 5, 1);
    o.daily_fill = true;
    const Comparison whole = compare(scenario, policies, o);
    constexpr std::size_t kShards = 3;
    const std::array<std::size_t, kShards> expected_runs{5, 5, 4};
    for (std::size_t shard = 0; shard < kShards; ++shard)
        EXPECT_EQ(shard_size(14, shard, kShards), expected_runs[shard]);
    EXPECT_EQ(shard_size(2, 2, 3), 0u);  // more shards than pairs: the last run nothing
    Comparison merged = compare_shard(scenario, policies, o, 0, kShards);
    for (std::size_t shard = 0; shard < kShards; ++shard) {
        std::size_t reported = 0;
        CompareOptions counted = o;
        counted.progress = [&reported](std::size_t done, std::size_t) { reported = done; };
        const Comparison part = compare_shard(scenario, policies, counted, shard, kShards);
        EXPECT_EQ(reported, expected_runs[shard]) << shard;
        EXPECT_TRUE(part.policies[0].stats.empty());
        for (std::size_t p = 0; p < 2; ++p)
            for (std::size_t k = 0; k < 7; ++k) {
                const bool mine = (p * 7 + k) % kShards == shard;
                EXPECT_EQ(part.daily_essential_fill[p][k].empty(), !mine) << p << " " << k;
                if (!mine) continue;
                merged.policies[p].samples[k] = part.policies[p].samples[k];
                merged.policies[p].censored[k] = part.policies[p].censored[k];
                merged.daily_essential_fill[p][k] = part.daily_essential_fill[p][k];
            }
    }
    summarise(merged);
    for (std::size_t p = 0; p < 2; ++p) {
        EXPECT_TRUE(same_bits(merged.policies[p].samples, whole.policies[p].samples)) << p;
        EXPECT_TRUE(same_bits(merged.daily_essential_fill[p], whole.daily_essential_fill[p]));
        EXPECT_EQ(merged.policies[p].censored, whole.policies[p].censored);
        EXPECT_EQ(merged.policies[p].censored_runs, whole.policies[p].censored_runs);
        for (std::size_t j = 0; j < whole.kpi_names.size(); ++j) {
            EXPECT_EQ(merged.policies[p].stats[j].mean, whole.policies[p].stats[j].mean);
            EXPECT_EQ(merged.policies[p].vs_baseline[j].ci95_hi,
                      whole.policies[p].vs_baseline[j].ci95_hi);
        }
    }
    EXPECT_THROW(compare_shard(scenario, policies, o, 3, 3), std::invalid_argument);
}

// A comparison that goes on from pairs finished earlier (as --resume reads
// them from a journal) runs only the others and ends up bit for bit where an
// uninterrupted one does; on_finished sees exactly the pairs it ran.
TEST(Compare, FinishedPairsAreNotRunAgainAndGiveTheSameComparison) {
    const ScenarioSpec scenario = tiny_scenario();
    const auto policies = two_policies();
    CompareOptions o = options(5, 9, 2);
    o.daily_fill = true;
    std::vector<FinishedPair> journal;
    CompareOptions first = o;
    first.on_finished = [&journal](const FinishedPair& f) { journal.push_back(f); };
    const Comparison whole = compare(scenario, policies, first);
    ASSERT_EQ(journal.size(), 10u);
    for (const FinishedPair& f : journal) {
        EXPECT_TRUE(same_bits({f.kpis}, {whole.policies[f.policy].samples[f.replication]}));
        EXPECT_TRUE(
            same_bits({f.daily_fill}, {whole.daily_essential_fill[f.policy][f.replication]}));
    }

    // Interrupted after 4 pairs: the other 6 run, nothing twice.
    CompareOptions resumed = o;
    resumed.finished.assign(journal.begin(), journal.begin() + 4);
    std::vector<std::pair<std::size_t, std::size_t>> ran;
    resumed.on_finished = [&ran](const FinishedPair& f) {
        ran.emplace_back(f.policy, f.replication);
    };
    std::size_t total = 0;
    resumed.progress = [&total](std::size_t, std::size_t t) { total = t; };
    const Comparison again = compare(scenario, policies, resumed);
    EXPECT_EQ(ran.size(), 6u);
    EXPECT_EQ(total, 6u);
    for (const FinishedPair& f : resumed.finished) {
        EXPECT_EQ(std::count(ran.begin(), ran.end(), std::make_pair(f.policy, f.replication)), 0);
    }
    for (std::size_t p = 0; p < 2; ++p) {
        EXPECT_TRUE(same_bits(again.policies[p].samples, whole.policies[p].samples)) << p;
        EXPECT_TRUE(same_bits(again.daily_essential_fill[p], whole.daily_essential_fill[p]));
        for (std::size_t j = 0; j < whole.kpi_names.size(); ++j)
            EXPECT_EQ(again.policies[p].stats[j].mean, whole.policies[p].stats[j].mean);
    }

    // Pairs beyond the comparison (a journal of more replications) are ignored.
    CompareOptions fewer = o;
    fewer.replications = 3;
    fewer.finished = journal;
    std::size_t runs = 0;
    fewer.on_finished = [&runs](const FinishedPair&) { ++runs; };
    const Comparison three = compare(scenario, policies, fewer);
    EXPECT_EQ(runs, 0u);
    EXPECT_EQ(three.policies[1].samples[2], whole.policies[1].samples[2]);
}

TEST(Compare, RejectsMeaninglessOptions) {
    const ScenarioSpec scenario = tiny_scenario();
    EXPECT_THROW(compare(scenario, {}, options(1, 1, 0)), std::invalid_argument);
    EXPECT_THROW(compare(scenario, two_policies(), options(0, 1, 0)), std::invalid_argument);
    EXPECT_THROW(compare(scenario, two_policies(), options(1, 1, -1)), std::invalid_argument);
}

}  // namespace
}  // namespace shockflow::experiment
