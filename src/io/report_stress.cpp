// The page of a stress test: which nodes the network can least do without.
// Exposure (person-days short caused) as bars, each target's time to
// survive against its time to recover, and the ranking as a table.

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "io/number_format.hpp"
#include "io/report_page.hpp"
#include "shockflow/core/version.hpp"
#include "shockflow/io/stress_files.hpp"

namespace shockflow::io::report {
namespace {

using experiment::StressResult;
using experiment::StressTarget;

constexpr std::size_t kMaxBars = 40;   // the most exposed targets charted
constexpr std::size_t kMaxRows = 100;  // and listed

std::size_t charted(const StressResult& r) { return std::min(r.targets.size(), kMaxBars); }

std::string shown_of(std::size_t shown, std::size_t total) {
    return shown < total ? fmt::format(" (the {} most exposed of {})", shown, total) : "";
}

Json target_values(const StressResult& r) {
    Json values = Json::array();
    for (std::size_t i = 0; i < charted(r); ++i) {
        const StressTarget& t = r.targets[i];
        values.push_back({{"node", t.node},
                          {"rank", t.rank},
                          {"kind", t.kind},
                          {"person_days", json_number(t.person_days_short)},
                          {"unmet", json_number(t.essential_unmet_units)},
                          {"tts", json_number(t.tts_days)},
                          {"ttr", json_number(t.ttr_days)},
                          {"censored", t.tts_censored},
                          {"first", t.tts_censored ? "none beyond the baseline"
                                                   : t.first_region + " " + t.first_product}});
    }
    return values;
}

Json node_axis() {
    return {{"field", "node"},
            {"type", "nominal"},
            {"title", nullptr},
            {"sort", {{"field", "rank"}, {"op", "min"}}},
            {"axis", {{"labelLimit", 200}}}};
}

Json tooltip() {
    return Json::array(
        {{{"field", "node"}},
         {{"field", "rank"}},
         {{"field", "person_days"}, {"title", "person-days short caused"}, {"format", ",.4~g"}},
         {{"field", "unmet"}, {"title", "essential units unmet caused"}, {"format", ",.4~g"}},
         {{"field", "tts"}, {"title", "TTS, days"}, {"format", ",.4~g"}},
         {{"field", "ttr"}, {"title", "TTR, days"}, {"format", ",.4~g"}},
         {{"field", "first"}, {"title", "first short"}}});
}

int bar_height(const StressResult& r) {
    return std::max<int>(60, static_cast<int>(charted(r)) * 16);
}

Card exposure_card(const StressResult& r) {
    Json spec = {{"width", kWideWidth - 260},
                 {"height", bar_height(r)},
                 {"config", chart_config()},
                 {"data", {{"values", target_values(r)}}},
                 {"mark", {{"type", "bar"}, {"color", "#b91c1c"}}},
                 {"encoding",
                  {{"x",
                    {{"field", "person_days"},
                     {"type", "quantitative"},
                     {"title", "person-days short caused (above the baseline run)"}}},
                   {"y", node_axis()},
                   {"tooltip", tooltip()}}}};
    return {
        "exposure",
        "Exposure: person-days short each outage causes" + shown_of(charted(r), r.targets.size()),
        "Each bar is one run in which the node had no capacity for its TTR from the window "
        "start: the people x days without their essential goods beyond the baseline run of "
        "the same seed. Most exposed at the top (ties: the shortest TTS first).",
        true,
        spec,
        ""};
}

// TTS as a bar, TTR as a tick: a bar shorter than its tick means the network
// went short before the node was back.
Card survive_card(const StressResult& r) {
    const Json values = target_values(r);
    Json bars = {{"mark", {{"type", "bar"}, {"color", "#2563eb"}, {"opacity", 0.8}}},
                 {"encoding",
                  {{"x",
                    {{"field", "tts"},
                     {"type", "quantitative"},
                     {"title", "days from the window start (bar: TTS, tick: TTR)"}}},
                   {"y", node_axis()},
                   {"tooltip", tooltip()}}}};
    Json ticks = {{"mark", {{"type", "tick"}, {"color", "#111827"}, {"thickness", 3}}},
                  {"encoding",
                   {{"x", {{"field", "ttr"}, {"type", "quantitative"}}},
                    {"y", node_axis()},
                    {"tooltip", tooltip()}}}};
    Json spec = {{"width", kWideWidth - 260},
                 {"height", bar_height(r)},
                 {"config", chart_config()},
                 {"data", {{"values", values}}},
                 {"layer", Json::array({bars, ticks})}};
    return {"survive",
            "Time to survive against time to recover" + shown_of(charted(r), r.targets.size()),
            "TTS (bar): days until a region first went short of an essential product it was not "
            "short of in the baseline run; a bar reaching the run's end never did (censored). "
            "TTR (tick): how long the node was out. A bar shorter than its tick: the network "
            "cannot wait for that node.",
            true,
            spec,
            ""};
}

Card stress_ranking_card(const StressResult& r) {
    std::string html =
        "<table>\n<tr><th>rank</th><th>node</th><th>kind</th><th>TTR, days</th><th>TTS, "
        "days</th><th>first short</th><th>person-days short caused</th><th>essential units "
        "unmet caused</th></tr>\n";
    for (std::size_t i = 0; i < r.targets.size() && i < kMaxRows; ++i) {
        const StressTarget& t = r.targets[i];
        fmt::format_to(std::back_inserter(html),
                       "<tr><td>{}</td><td class=\"text\">{}</td><td class=\"text\">{}</td><td>{}"
                       "</td><td>{}{}</td><td class=\"text\">{}</td><td>{}</td><td>{}</td></tr>\n",
                       t.rank, escape_html(t.node), escape_html(t.kind), cell_number(t.ttr_days),
                       t.tts_censored ? "&ge; " : "", cell_number(t.tts_days),
                       escape_html(t.tts_censored ? "-" : t.first_region + " " + t.first_product),
                       cell_number(t.person_days_short), cell_number(t.essential_unmet_units));
    }
    html += "</table>\n";
    return {"ranking",
            "Ranking" + shown_of(std::min(r.targets.size(), kMaxRows), r.targets.size()),
            "All targets are in stress.csv.",
            true,
            std::nullopt,
            html};
}

}  // namespace
}  // namespace shockflow::io::report

namespace shockflow::io {

std::string stress_report_html(const experiment::StressResult& result, const ReportContext& context,
                               const ReportAssets& assets) {
    report::Page page;
    page.title =
        fmt::format("shockflow stress test: {} under policy {}", result.scenario, result.policy);
    page.description = context.description;
    page.facts = {
        {"scenario", result.scenario},
        {"policy", result.policy},
        {"seed", std::to_string(result.seed)},
        {"outages from", fmt::format("day {}", result.window_start)},
        {"scenario's events", result.no_events ? "left out" : "kept"},
        {"targets", std::to_string(result.targets.size())},
        {"baseline person-days short", report::cell_number(result.baseline_person_days_short)},
        {"version", fmt::format("{} (git {})", version(), git_revision())},
        {"input hash", fmt::format("{:016x}", result.input_hash)}};
    page.cards = {report::exposure_card(result), report::survive_card(result),
                  report::stress_ranking_card(result)};
    return report::render(page, assets);
}

}  // namespace shockflow::io
