// format_comparison_table (declared in comparison_files.hpp): the terminal
// view of a Comparison. Kept apart from the file writers, which follow a
// contract; this one is for people and may change its looks. It uses the run
// writers' table and number style so that `run` and `compare` read alike.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "io/number_format.hpp"
#include "io/text_table.hpp"
#include "shockflow/io/comparison_files.hpp"
#include "shockflow/model/kpi.hpp"

namespace shockflow::io {
namespace {

using experiment::Comparison;

std::string display_signed(double v) { return (v > 0.0 ? "+" : "") + display_number(v); }

// Which policies hold the best finite mean of KPI j. Nobody is marked when all
// finite means are equal: a star must distinguish something.
std::vector<bool> best_of_row(const Comparison& c, std::size_t j) {
    const bool higher = kpi_info(c.kpi_names[j]).higher_is_better;
    std::vector<double> means;
    for (const auto& p : c.policies) {
        if (std::isfinite(p.stats.at(j).mean)) means.push_back(p.stats.at(j).mean);
    }
    std::vector<bool> best(c.policies.size(), false);
    if (means.empty()) return best;
    const auto [lowest, highest] = std::ranges::minmax(means);
    if (lowest == highest) return best;
    for (std::size_t p = 0; p < c.policies.size(); ++p) {
        best[p] = c.policies[p].stats.at(j).mean == (higher ? highest : lowest);
    }
    return best;
}

std::size_t censored(const experiment::PolicyResult& p, std::size_t j) {
    return j < p.censored_runs.size() ? p.censored_runs[j] : 0;
}

// A mean over runs some of which are censored at the run's end is a lower
// bound of the mean time: ">=" says so.
std::string stats_cell(const experiment::KpiStats& s, std::int64_t replications,
                       std::size_t censored_runs) {
    const std::string bound = censored_runs > 0 ? ">=" : "";
    if (replications == 1) return bound + display_number(s.mean);
    return fmt::format("{}{} [{}, {}]", bound, display_number(s.mean), display_number(s.ci95_lo),
                       display_number(s.ci95_hi));
}

// Under the KPI table: which time KPIs are censored in how many replications.
std::string censored_note(const Comparison& c) {
    std::string lines;
    for (std::size_t j = 0; j < c.kpi_names.size(); ++j) {
        std::string counts;
        for (const auto& p : c.policies) {
            if (censored(p, j) == 0) continue;
            counts += fmt::format("{}{} {} of {}", counts.empty() ? "" : ", ", p.name,
                                  censored(p, j), c.replications);
        }
        if (!counts.empty())
            lines += fmt::format("  {}: {} ({})\n", c.kpi_names[j], counts,
                                 kpi_info(c.kpi_names[j]).censored_when);
    }
    if (lines.empty()) return {};
    return "\n>= censored in some replications: the run ended before the event timed (a "
           "region going\n   short, a producer recovering), so the mean is a lower bound. "
           "Replications censored:\n" +
           lines;
}

std::string kpi_table(const Comparison& c) {
    std::vector<std::string> header{"kpi"};
    // Cells are right-aligned: unmarked ones get two blanks where " *" would be,
    // so that the numbers of a column still line up.
    for (const auto& p : c.policies) header.push_back(p.name + "  ");
    std::vector<std::vector<std::string>> rows;
    for (std::size_t j = 0; j < c.kpi_names.size(); ++j) {
        const std::vector<bool> best = best_of_row(c, j);
        std::vector<std::string> row{c.kpi_names[j]};
        for (std::size_t p = 0; p < c.policies.size(); ++p) {
            row.push_back(
                stats_cell(c.policies[p].stats.at(j), c.replications, censored(c.policies[p], j)) +
                (best[p] ? " *" : "  "));
        }
        rows.push_back(std::move(row));
    }
    return render_table(header, rows);
}

std::string diff_table(const Comparison& c, const experiment::PolicyResult& policy) {
    std::vector<std::vector<std::string>> rows;
    for (std::size_t j = 0; j < c.kpi_names.size(); ++j) {
        const experiment::KpiDiff& d = policy.vs_baseline.at(j);
        std::string diff = display_signed(d.mean_diff);
        if (c.replications > 1) {
            diff += fmt::format(" [{}, {}]", display_signed(d.ci95_lo), display_signed(d.ci95_hi));
        }
        // A difference of times capped at the run's end is not exact.
        if (censored(policy, j) + censored(c.policies.front(), j) > 0) diff += " (censored)";
        rows.push_back({c.kpi_names[j], diff, fmt::format("{:.0f} %", 100.0 * d.share_better)});
    }
    const std::string title = fmt::format("{} - {}", policy.name, c.policies.front().name);
    return render_table({title, "difference", "better in"}, rows);
}

// Under a policy's differences: what its stock costs beyond the baseline's,
// and per person-day short avoided (nothing when holding cost is not compared).
std::string cost_line(const Comparison& c, const experiment::PolicyResult& policy) {
    const experiment::Estimate& extra = policy.extra_holding_cost;
    const experiment::Estimate& per_day = policy.cost_per_person_day_avoided;
    if (std::isnan(extra.mean)) return {};
    auto with_interval = [&](const experiment::Estimate& e, auto show) {
        if (c.replications == 1) return show(e.mean);
        return fmt::format("{} [{}, {}]", show(e.mean), show(e.ci95_lo), show(e.ci95_hi));
    };
    const std::string ratio = std::isnan(per_day.mean)
                                  ? std::string("n/a (no person-days short avoided)")
                                  : with_interval(per_day, display_number);
    return fmt::format("extra holding cost {}, per person-day short avoided {}\n",
                       with_interval(extra, display_signed), ratio);
}

std::string title(const Comparison& c) {
    const std::string runs =
        c.replications == 1 ? fmt::format("1 replication (seed {})", c.seed)
                            : fmt::format("{} replications (seeds {}..{})", c.replications, c.seed,
                                          c.seed + static_cast<std::uint64_t>(c.replications - 1));
    const char* legend =
        c.replications == 1 ? "value; * best of the row" : "mean [95 % CI]; * best mean of the row";
    return fmt::format("scenario \"{}\", {}\n{}\n\n", c.scenario, runs, legend);
}

}  // namespace

std::string format_comparison_table(const Comparison& c) {
    std::string out = title(c);
    if (c.policies.empty()) return out + "no policies\n";
    out += kpi_table(c);
    out += censored_note(c);
    if (c.policies.size() > 1) {
        out += fmt::format(
            "\npaired differences against the baseline \"{}\", replication by replication{}:\n",
            c.policies.front().name, c.replications == 1 ? "" : " (mean [95 % CI])");
        for (std::size_t p = 1; p < c.policies.size(); ++p) {
            out += '\n' + diff_table(c, c.policies[p]) + cost_line(c, c.policies[p]);
        }
    }
    return out;
}

}  // namespace shockflow::io
