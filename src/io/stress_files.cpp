// What `stress` writes and prints: stress.csv (one row per target, most
// exposed first) and the terminal table of the most exposed targets.

#include "shockflow/io/stress_files.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

#include "core/atomic_output.hpp"
#include "io/number_format.hpp"
#include "io/output_files.hpp"
#include "io/text_table.hpp"

namespace shockflow::io {
namespace {

using experiment::StressResult;
using experiment::StressTarget;

// The network went short before the node was back.
bool short_before_back(const StressTarget& t) { return !t.tts_censored && t.tts_days < t.ttr_days; }

void write_csv(const StressResult& r, std::ostream& out) {
    out << "rank,node,kind,ttr_days,ttr_source,tts_days,tts_censored,tts_below_ttr,"
           "first_short_region,first_short_product,essential_unmet_caused,"
           "person_days_short_caused,essential_fill_rate\n";
    // Ids, kinds, sources and event labels need no quoting ([A-Za-z0-9_.:-]).
    for (const StressTarget& t : r.targets) {
        out << fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", t.rank, t.node, t.kind,
                           csv_number(t.ttr_days), t.ttr_source, csv_number(t.tts_days),
                           t.tts_censored ? 1 : 0, short_before_back(t) ? 1 : 0, t.first_region,
                           t.first_product, csv_number(t.essential_unmet_units),
                           csv_number(t.person_days_short), csv_number(t.essential_fill_rate));
    }
}

std::string tts_cell(const StressTarget& t) {
    const std::string days = display_number(t.tts_days);
    return t.tts_censored ? ">= " + days : days;
}

}  // namespace

void write_stress(const StressResult& result, const std::filesystem::path& dir,
                  const std::vector<ExtraFile>& extra) {
    AtomicOutput output(dir, stress_files());
    write_csv(result, output.open("stress.csv"));
    for (const ExtraFile& file : extra) output.open(file.name) << file.contents;
    output.commit();
}

std::string format_stress_table(const StressResult& r, std::size_t shown) {
    std::string out = fmt::format(
        "stress test of {} under policy {}, seed {}: each target without capacity from day {} "
        "for its TTR, {}\n",
        r.scenario, r.policy, r.seed, display_number(r.window_start),
        r.no_events ? "without the scenario's events" : "the scenario's events kept");
    out += fmt::format(
        "baseline (no target out): person_days_short {}, essential unmet {}, "
        "essential_fill_rate {}\n\n",
        display_number(r.baseline_person_days_short),
        display_number(r.baseline_essential_unmet_units),
        display_number(r.baseline_essential_fill_rate));
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < r.targets.size() && i < shown; ++i) {
        const StressTarget& t = r.targets[i];
        const std::string first =
            t.tts_censored ? "-" : fmt::format("{} {}", t.first_region, t.first_product);
        rows.push_back({std::to_string(t.rank), t.node, display_number(t.ttr_days), tts_cell(t),
                        first, display_number(t.person_days_short),
                        display_number(t.essential_unmet_units)});
    }
    out += render_table({"rank", "node", "ttr_days", "tts_days", "first short",
                         "person_days_short+", "essential_unmet+"},
                        rows);
    const auto before = std::count_if(r.targets.begin(), r.targets.end(), short_before_back);
    out += fmt::format(
        "\n{} most exposed of {} targets shown (all in stress.csv with --out); {} caused a "
        "shortage before they were back (TTS < TTR). +: above the baseline run.\n",
        std::min(shown, r.targets.size()), r.targets.size(), before);
    return out;
}

}  // namespace shockflow::io
