#include "shockflow/io/comparison_files.hpp"

#include <fmt/format.h>

#include <limits>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string_view>

#include "core/atomic_output.hpp"
#include "io/comparison_sheets.hpp"
#include "io/number_format.hpp"
#include "io/output_files.hpp"
#include "io/sample_files.hpp"
#include "shockflow/core/version.hpp"
#include "shockflow/model/kpi.hpp"

namespace shockflow::io {
namespace {

using experiment::Comparison;
using experiment::Estimate;
using experiment::KpiDiff;
using experiment::KpiStats;
using experiment::PolicyResult;
using Json = nlohmann::ordered_json;

// The run writers' number forms, so that `run` and `compare` files agree:
// JSON null for a non-finite value, CSV "0" for -0.
Json number(double v) { return json_number(v); }

Json interval(double lo, double hi) { return Json::array({number(lo), number(hi)}); }

Json stats_json(const KpiStats& s, std::size_t censored) {
    Json j;
    j["mean"] = number(s.mean);
    j["std"] = number(s.std);
    j["ci95"] = interval(s.ci95_lo, s.ci95_hi);
    j["p5"] = number(s.p5);
    j["p50"] = number(s.p50);
    j["p95"] = number(s.p95);
    j["censored"] = censored;  // addition
    return j;
}

// The baseline's own differences (against itself) are not differences: null.
Json diff_json(const KpiDiff& d, bool baseline) {
    constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
    Json j;
    j["mean_diff"] = number(baseline ? kNone : d.mean_diff);
    j["ci95"] = baseline ? interval(kNone, kNone) : interval(d.ci95_lo, d.ci95_hi);
    j["share_better"] = number(baseline ? kNone : d.share_better);
    return j;
}

Json estimate_json(const Estimate& e) {
    Json j;
    j["mean"] = number(e.mean);
    j["ci95"] = interval(e.ci95_lo, e.ci95_hi);
    return j;
}

Json policy_json(const PolicyResult& policy, const std::vector<std::string>& kpi_names,
                 bool baseline) {
    Json kpi = Json::object();
    Json vs_baseline = Json::object();
    for (std::size_t j = 0; j < kpi_names.size(); ++j) {
        kpi[kpi_names[j]] = stats_json(policy.stats.at(j), censored_runs(policy, j));
        vs_baseline[kpi_names[j]] = diff_json(policy.vs_baseline.at(j), baseline);
    }
    // After the KPIs: what the policy's stock costs against the baseline.
    vs_baseline["extra_holding_cost"] =
        estimate_json(baseline ? Estimate{} : policy.extra_holding_cost);
    vs_baseline["cost_per_person_day_avoided"] = estimate_json(policy.cost_per_person_day_avoided);
    Json out;
    out["name"] = policy.name;
    out["kpi"] = std::move(kpi);
    out["vs_baseline"] = std::move(vs_baseline);
    return out;
}

void write_json(const Comparison& c, std::ostream& out) {
    Json j;
    j["scenario"] = c.scenario;
    j["replications"] = c.replications;
    j["seed"] = c.seed;
    j["version"] = std::string(version());
    j["git_revision"] = std::string(git_revision());
    j["input_hash"] = fmt::format("{:016x}", c.input_hash);
    j["policies"] = Json::array();
    for (std::size_t p = 0; p < c.policies.size(); ++p)
        j["policies"].push_back(policy_json(c.policies[p], c.kpi_names, p == 0));
    out << j.dump(2) << '\n';
}

void write_summary_csv(const Comparison& c, std::ostream& out) {
    // The contract's columns, then the policy's cost of stock against the
    // baseline (the same on every row of a policy), then the share of
    // replications better than the baseline and how many are censored. The
    // baseline's own differences are blank: it is not compared with itself.
    out << "policy,kpi,mean,std,ci95_lo,ci95_hi,p5,p50,p95,"
           "diff_mean,diff_ci95_lo,diff_ci95_hi,"
           "extra_holding_cost,extra_holding_cost_ci95_lo,extra_holding_cost_ci95_hi,"
           "cost_per_person_day_avoided,cost_per_person_day_avoided_ci95_lo,"
           "cost_per_person_day_avoided_ci95_hi,share_better,censored\n";
    for (std::size_t p = 0; p < c.policies.size(); ++p) {
        const PolicyResult& policy = c.policies[p];
        const Estimate& extra = policy.extra_holding_cost;
        const Estimate& per_day = policy.cost_per_person_day_avoided;
        for (std::size_t j = 0; j < c.kpi_names.size(); ++j) {
            const KpiStats& s = policy.stats.at(j);
            const KpiDiff& d = policy.vs_baseline.at(j);
            std::string row = csv_field(policy.name) + ',' + csv_field(c.kpi_names[j]);
            for (double v : {s.mean, s.std, s.ci95_lo, s.ci95_hi, s.p5, s.p50, s.p95})
                row += ',' + csv_number(v);
            for (double v :
                 {d.mean_diff, d.ci95_lo, d.ci95_hi, extra.mean, extra.ci95_lo, extra.ci95_hi,
                  per_day.mean, per_day.ci95_lo, per_day.ci95_hi, d.share_better})
                row += ',' + (p == 0 ? std::string() : csv_number(v));
            row += ',' + std::to_string(censored_runs(policy, j));
            out << row << '\n';
        }
    }
}

void write_replications_csv(const Comparison& c, std::ostream& out) {
    // The KPIs, then (addition) a 0/1 column per KPI that can be censored.
    std::vector<std::size_t> censorable;
    for (std::size_t j = 0; j < c.kpi_names.size(); ++j)
        if (kpi_info(c.kpi_names[j]).censored != nullptr) censorable.push_back(j);
    out << "policy,replication,seed";
    for (const auto& name : c.kpi_names) out << ',' << csv_field(name);
    for (const std::size_t j : censorable) out << ',' << csv_field(c.kpi_names[j] + "_censored");
    out << '\n';
    for (const auto& policy : c.policies) {
        for (std::size_t k = 0; k < policy.samples.size(); ++k) {
            // Replication k ran with seed + k: `run --seed` reproduces it.
            std::string row = fmt::format("{},{},{}", csv_field(policy.name), k,
                                          c.seed + static_cast<std::uint64_t>(k));
            for (double v : policy.samples[k]) row += ',' + csv_number(v);
            for (const std::size_t j : censorable)
                row += k < policy.censored.size() && j < policy.censored[k].size() &&
                               policy.censored[k][j] != 0
                           ? ",1"
                           : ",0";
            out << row << '\n';
        }
    }
}

// One row per value drawn, by policy, then replication, then event; without
// recorded draws only the header.
void write_samples_csv(const Comparison& c, std::ostream& out) {
    out << kSamplesHeader;
    for (std::size_t p = 0; p < c.draws.size() && p < c.policies.size(); ++p)
        for (std::size_t k = 0; k < c.draws[p].size(); ++k)
            out << sample_rows(c.policies[p].name, k, c.seed + static_cast<std::uint64_t>(k),
                               c.draws[p][k], c.event_labels, c.node_ids);
}

}  // namespace

void write_comparison(const Comparison& comparison, const std::filesystem::path& dir,
                      const std::vector<ExtraFile>& extra) {
    AtomicOutput output(dir, comparison_files());
    write_json(comparison, output.open("comparison.json"));
    write_summary_csv(comparison, output.open("comparison.csv"));
    write_replications_csv(comparison, output.open("replications.csv"));
    write_long_csv(comparison, output.open("comparison_long.csv"));
    write_daily_csv(comparison, output.open("daily.csv"));
    write_samples_csv(comparison, output.open("samples.csv"));
    for (const ExtraFile& file : extra) output.open(file.name) << file.contents;
    output.commit();
}

}  // namespace shockflow::io
