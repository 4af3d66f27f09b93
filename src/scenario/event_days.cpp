/// Event days against the run's span. The engine used to start an event dated
/// before start_day at start_day and to drop one dated at or after end_day;
/// either is almost always a typo or a run span edited without its events.

#include "scenario/event_days.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "scenario/distribution.hpp"
#include "scenario/text.hpp"
#include "shockflow/scenario/limits.hpp"

namespace shockflow::scenario {
namespace {

using Kind = Distribution::Kind;

/// False when start_day or end_day is written but unreadable, or the span is
/// empty: that is reported already, and the defaults left in the spec would
/// make every event look misplaced.
bool span_known(const TableReader& top, const ScenarioSpec& spec) {
    const toml::table* header = top.table().get_as<toml::table>("scenario");
    if (header == nullptr) return false;
    for (const char* key : {"start_day", "end_day"}) {
        const toml::node* node = header->get(key);
        if (node == nullptr) continue;
        const auto v = node->value<double>();
        if (!node->is_number() || !v || !(std::abs(*v) <= limits::kMaxDay)) return false;
    }
    return spec.start_day < spec.end_day;
}

void check_event_day(LoadContext& ctx, const std::string& path, const EventSpec& e,
                     const ScenarioSpec& spec) {
    const auto [lo, hi] = day_range(e.day);
    const bool before = hi < spec.start_day;
    if (!before && lo < spec.end_day) return;
    std::string days = fmt::format("day {}", num(lo));
    if (!e.day.is_fixed()) {
        days = fmt::format(
            "every day this {} can draw, [{}, {}]{},", shape_name(e.day.kind), num(lo), num(hi),
            e.day.kind == Kind::Normal
                ? fmt::format(" (mu +/- {} sigma, within min and max)", num(kNormalSigmas))
                : "");
    }
    ctx.error(e.day.loc, fmt::format("{}: {} falls {} of the run [start_day, end_day) = [{}, {})",
                                     path, days, before ? "before the start" : "after the end",
                                     num(spec.start_day), num(spec.end_day)));
}

}  // namespace

std::pair<double, double> day_range(const Distribution& day) {
    const auto& p = day.p;
    switch (day.kind) {
        case Kind::Fixed:
            return {p[0], p[0]};
        case Kind::Uniform:
            return {p[0], p[1]};
        case Kind::Triangular:
            return {p[0], p[2]};
        case Kind::Beta:
            return {0.0, 1.0};
        case Kind::Normal: {
            const double reach = kNormalSigmas * p[1];
            const double lo = std::max(day.min, p[0] - reach);
            const double hi = std::min(day.max, p[0] + reach);
            if (lo <= hi) return {lo, hi};
            // Every draw misses [min, max]; the sampler then returns the bound nearer mu.
            const double bound = p[0] + reach < day.min ? day.min : day.max;
            return {bound, bound};
        }
    }
    return {p[0], p[0]};
}

void check_event_days(const TableReader& top, const ScenarioSpec& spec) {
    if (!span_known(top, spec)) return;
    const toml::node* node = top.node("event");
    const toml::array* array = node != nullptr ? node->as_array() : nullptr;
    if (array == nullptr) return;
    // spec.events holds, in file order, the tables read without an error; a
    // table's position tells which of them it is (and so its index).
    auto next = spec.events.begin();
    for (std::size_t i = 0; i < array->size() && next != spec.events.end(); ++i) {
        const auto* table = array->get(i)->as_table();
        if (table == nullptr) continue;
        const SourceLoc at = loc_of(top.ctx(), *table);
        if (at.line != next->loc.line || at.column != next->loc.column) continue;
        // A capacity path is checked at its first point's day.
        const char* day = next->kind == EventKind::CapacityPath ? "path[0][0]" : "day";
        check_event_day(top.ctx(), fmt::format("{}[{}].{}", top.path("event"), i, day), *next,
                        spec);
        ++next;
    }
}

}  // namespace shockflow::scenario
