// The tables of `compare --out` shaped for spreadsheets: the long table of
// every statistic, and the daily essential fill band.

#include "io/comparison_sheets.hpp"

#include <fmt/format.h>

#include <cmath>
#include <initializer_list>
#include <utility>

#include "io/number_format.hpp"
#include "shockflow/model/kpi.hpp"

namespace shockflow::io {
namespace {

using experiment::Comparison;
using experiment::Estimate;
using experiment::PolicyResult;

// A value of the long table: blank where it is undefined (NaN) or does not
// apply, so that a spreadsheet reads an empty cell, not the text "nan".
std::string long_value(double v) { return std::isnan(v) ? std::string() : csv_number(v); }

struct LongWriter {
    std::ostream& out;
    std::string policy;

    void row(std::string_view kpi, std::string_view unit, bool higher, std::string_view statistic,
             const std::string& value) {
        out << policy << ',' << csv_field(kpi) << ',' << csv_field(unit) << ','
            << (higher ? "higher" : "lower") << ',' << statistic << ',' << value << '\n';
    }
};

void kpi_rows(LongWriter& w, const PolicyResult& policy, std::size_t j, std::string_view name,
              bool baseline) {
    const KpiInfo& info = kpi_info(name);
    const experiment::KpiStats& s = policy.stats.at(j);
    const experiment::KpiDiff& d = policy.vs_baseline.at(j);
    const std::initializer_list<std::pair<const char*, double>> stats{
        {"mean", s.mean}, {"std", s.std}, {"ci95_lo", s.ci95_lo}, {"ci95_hi", s.ci95_hi},
        {"p5", s.p5},     {"p50", s.p50}, {"p95", s.p95}};
    for (const auto& [statistic, v] : stats)
        w.row(name, info.unit, info.higher_is_better, statistic, long_value(v));
    w.row(name, info.unit, info.higher_is_better, "censored",
          std::to_string(censored_runs(policy, j)));
    const std::initializer_list<std::pair<const char*, double>> diffs{
        {"diff_mean", d.mean_diff},
        {"diff_ci95_lo", d.ci95_lo},
        {"diff_ci95_hi", d.ci95_hi},
        {"share_better", d.share_better}};
    for (const auto& [statistic, v] : diffs)
        w.row(name, info.unit, info.higher_is_better, statistic,
              baseline ? std::string() : long_value(v));
}

void estimate_rows(LongWriter& w, std::string_view name, std::string_view unit, const Estimate& e,
                   bool baseline) {
    for (const auto& [statistic, v] : {std::pair<const char*, double>{"mean", e.mean},
                                       {"ci95_lo", e.ci95_lo},
                                       {"ci95_hi", e.ci95_hi}})
        w.row(name, unit, false, statistic, baseline ? std::string() : long_value(v));
}

}  // namespace

std::string csv_field(std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
    std::string quoted = "\"";
    for (char ch : s) {
        if (ch == '"') quoted += '"';
        quoted += ch;
    }
    return quoted + '"';
}

std::size_t censored_runs(const PolicyResult& policy, std::size_t j) {
    return j < policy.censored_runs.size() ? policy.censored_runs[j] : 0;
}

void write_long_csv(const Comparison& c, std::ostream& out) {
    out << "policy,kpi,unit,better,statistic,value\n";
    for (std::size_t p = 0; p < c.policies.size(); ++p) {
        const PolicyResult& policy = c.policies[p];
        LongWriter w{out, csv_field(policy.name)};
        for (std::size_t j = 0; j < c.kpi_names.size(); ++j)
            kpi_rows(w, policy, j, c.kpi_names[j], p == 0);
        estimate_rows(w, "extra_holding_cost", "cost", policy.extra_holding_cost, p == 0);
        estimate_rows(w, "cost_per_person_day_avoided", "cost per person-day",
                      policy.cost_per_person_day_avoided, p == 0);
    }
}

void write_daily_csv(const Comparison& c, std::ostream& out) {
    out << "policy,day,p5,p50,p95,mean,replications\n";
    const auto bands = experiment::daily_fill_bands(c);
    for (std::size_t p = 0; p < bands.size() && p < c.policies.size(); ++p) {
        const std::string name = csv_field(c.policies[p].name);
        for (const experiment::DailyFillBand& b : bands[p])
            out << name << ',' << b.day << ',' << csv_number(b.p5) << ',' << csv_number(b.p50)
                << ',' << csv_number(b.p95) << ',' << csv_number(b.mean) << ',' << b.replications
                << '\n';
    }
}

}  // namespace shockflow::io
