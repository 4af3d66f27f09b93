// The files of `sweep --out DIR` and its terminal table (docs/FORMAT.md).

#include "shockflow/io/sweep_files.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ostream>

#include "core/atomic_output.hpp"
#include "io/comparison_sheets.hpp"
#include "io/number_format.hpp"
#include "io/output_files.hpp"
#include "io/text_table.hpp"
#include "shockflow/core/version.hpp"
#include "shockflow/model/kpi.hpp"

namespace shockflow::io {
namespace {

using experiment::RobustnessRow;
using experiment::SensitivityRow;
using experiment::Sweep;
using Json = nlohmann::ordered_json;

/// A parameter's value in a table: its number, else its label.
std::string value_cell(const DesignPoint& p, std::size_t j) {
    return std::isnan(p.numbers[j]) ? csv_field(p.labels[j]) : csv_number(p.numbers[j]);
}

void write_sweep_csv(const Sweep& s, std::ostream& out) {
    std::vector<std::size_t> censorable;
    for (std::size_t j = 0; j < s.kpi_names.size(); ++j)
        if (kpi_info(s.kpi_names[j]).censored != nullptr) censorable.push_back(j);
    std::string header = "point";
    for (const auto& name : s.parameter_names) header += ',' + csv_field(name);
    header += ",policy,replication,seed";
    for (const auto& name : s.kpi_names) header += ',' + csv_field(name);
    for (const std::size_t j : censorable) header += ',' + csv_field(s.kpi_names[j] + "_censored");
    out << header << '\n';
    fmt::memory_buffer row;
    for (std::size_t i = 0; i < s.points.size(); ++i) {
        std::string values;
        for (std::size_t j = 0; j < s.parameter_names.size(); ++j)
            values += ',' + value_cell(s.points[i], j);
        for (std::size_t p = 0; p < s.policy_names.size(); ++p) {
            const std::string policy = csv_field(s.policy_names[p]);
            for (std::size_t k = 0; k < s.samples[i][p].size(); ++k) {
                row.clear();
                // Replication k ran with seed + k: `run --seed` with the
                // point's --set values reproduces it.
                fmt::format_to(std::back_inserter(row), "{}{},{},{},{}", i, values, policy, k,
                               s.seed + static_cast<std::uint64_t>(k));
                for (const double v : s.samples[i][p][k]) {
                    row.push_back(',');
                    append_csv_number(row, v);
                }
                for (const std::size_t j : censorable)
                    fmt::format_to(std::back_inserter(row), ",{}", s.censored[i][p][k][j]);
                row.push_back('\n');
                out.write(row.data(), static_cast<std::streamsize>(row.size()));
            }
        }
    }
}

void write_sensitivity_csv(const SweepOutput& o, std::ostream& out) {
    const Sweep& s = o.sweep;
    out << "policy,kpi,parameter,key,observations,src,src_ci95_lo,src_ci95_hi,prcc,"
           "prcc_ci95_lo,prcc_ci95_hi,r2\n";
    for (const SensitivityRow& r : o.sensitivity) {
        std::string row = csv_field(s.policy_names[r.policy]) + ',' +
                          csv_field(s.kpi_names[r.kpi]) + ',' +
                          csv_field(s.parameter_names[r.parameter]) + ',' +
                          csv_field(o.design->parameters[r.parameter].keys_text()) + ',' +
                          std::to_string(r.observations);
        for (const double v : {r.value.src.mean, r.value.src.ci95_lo, r.value.src.ci95_hi,
                               r.value.prcc.mean, r.value.prcc.ci95_lo, r.value.prcc.ci95_hi})
            row += ',' + csv_number(v);
        row += ',' + csv_number(r.r2);
        out << row << '\n';
    }
}

void write_robustness_csv(const SweepOutput& o, std::ostream& out) {
    const Sweep& s = o.sweep;
    out << "policy,kpi,higher_is_better,points,share_best,mean_regret,max_regret,worst_point\n";
    for (const RobustnessRow& r : o.robustness) {
        out << csv_field(s.policy_names[r.policy]) << ',' << csv_field(s.kpi_names[r.kpi]) << ','
            << (kpi_info(s.kpi_names[r.kpi]).higher_is_better ? "true" : "false") << ','
            << s.points.size() << ',' << csv_number(r.share_best) << ','
            << csv_number(r.mean_regret) << ',' << csv_number(r.max_regret) << ','
            << (r.max_regret > 0.0 ? std::to_string(r.worst_point) : std::string()) << '\n';
    }
}

void write_json(const SweepOutput& o, std::ostream& out) {
    const Sweep& s = o.sweep;
    const Design& d = *o.design;
    Json j;
    j["scenario"] = o.scenario;
    j["design"] = o.design_file;
    j["method"] = d.method == Design::Method::Grid ? "grid" : "lhs";
    j["points"] = s.points.size();
    if (d.method == Design::Method::LatinHypercube) j["design_seed"] = d.seed;
    j["replications"] = s.replications;
    j["seed"] = s.seed;
    j["version"] = std::string(version());
    j["git_revision"] = std::string(git_revision());
    j["input_hash"] = fmt::format("{:016x}", o.input_hash);
    j["policies"] = s.policy_names;
    j["parameters"] = Json::array();
    for (const DesignParameter& p : d.parameters) {
        Json q;
        q["name"] = p.name;
        q["keys"] = p.keys;
        if (p.has_range) {
            q["range"] = {p.low, p.high};
            if (p.levels > 0) q["levels"] = p.levels;
            q["integer"] = p.integer;
        } else {
            q["values"] = p.value_labels;
        }
        j["parameters"].push_back(std::move(q));
    }
    out << j.dump(2) << '\n';
}

}  // namespace

std::vector<std::string> sweep_headline_kpis() {
    return {"essential_fill_rate", "worst_region_essential_fill_rate", "person_days_short",
            "holding_cost"};
}

void write_sweep(const SweepOutput& output, const std::filesystem::path& dir,
                 const std::vector<ExtraFile>& extra) {
    AtomicOutput out(dir, sweep_files());
    write_sweep_csv(output.sweep, out.open("sweep.csv"));
    write_sensitivity_csv(output, out.open("sensitivity.csv"));
    write_robustness_csv(output, out.open("robustness.csv"));
    write_json(output, out.open("sweep.json"));
    for (const ExtraFile& file : extra) out.open(file.name) << file.contents;
    out.commit();
}

std::string format_sweep_table(const SweepOutput& o) {
    const Sweep& s = o.sweep;
    std::string out =
        fmt::format("sweep of {} over {} ({} points x {} {} x {} replications, seed {})\n\n",
                    o.scenario, o.design_file, s.points.size(), s.policy_names.size(),
                    s.policy_names.size() == 1 ? "policy" : "policies", s.replications, s.seed);
    std::vector<std::vector<std::string>> rows;
    const std::size_t n_kpis = s.kpi_names.size();
    for (const std::string& kpi : sweep_headline_kpis()) {
        const std::size_t j = s.kpi_index(kpi);
        if (j == n_kpis) continue;
        for (std::size_t p = 0; p < s.policy_names.size(); ++p) {
            const RobustnessRow& r = o.robustness[p * n_kpis + j];
            rows.push_back({kpi, s.policy_names[p], display_number(r.share_best),
                            display_number(r.mean_regret), display_number(r.max_regret),
                            r.max_regret > 0.0 ? std::to_string(r.worst_point) : "-"});
        }
    }
    out += render_table({"kpi", "policy", "share_best", "mean_regret", "max_regret", "at_point"},
                        rows);
    // The strongest sensitivities under the first policy: |SRC| largest first.
    rows.clear();
    for (const std::string& kpi : sweep_headline_kpis()) {
        const std::size_t j = s.kpi_index(kpi);
        std::vector<const SensitivityRow*> of_kpi;
        for (const SensitivityRow& r : o.sensitivity)
            if (r.policy == 0 && r.kpi == j && !std::isnan(r.value.src.mean)) of_kpi.push_back(&r);
        std::stable_sort(of_kpi.begin(), of_kpi.end(), [](const auto* a, const auto* b) {
            return std::abs(a->value.src.mean) > std::abs(b->value.src.mean);
        });
        for (std::size_t i = 0; i < of_kpi.size() && i < 3; ++i) {
            const auto& v = of_kpi[i]->value;
            rows.push_back({kpi, s.parameter_names[of_kpi[i]->parameter],
                            display_number(v.src.mean),
                            fmt::format("[{}, {}]", display_number(v.src.ci95_lo),
                                        display_number(v.src.ci95_hi)),
                            display_number(v.prcc.mean), display_number(of_kpi[i]->r2)});
        }
    }
    if (!rows.empty()) {
        out += fmt::format(
            "\nmost influential parameters under {} (standardized regression "
            "coefficients, 95 % intervals):\n",
            s.policy_names.front());
        out += render_table({"kpi", "parameter", "src", "src_ci95", "prcc", "r2"}, rows);
    }
    out +=
        "\nregret: how far a policy's mean falls short of the best policy's at the same point, "
        "in the KPI's unit. r2: the share of the KPI's variance that the linear model behind "
        "the src explains; where it is low, the prcc (monotone effects) is the better guide.\n";
    return out;
}

}  // namespace shockflow::io
