/// [[event]]: disruptions. Keys depend on `kind`; numeric keys may be distributions.

#include <fmt/format.h>

#include <array>
#include <map>
#include <optional>
#include <span>
#include <string_view>

#include "scenario/distribution.hpp"
#include "scenario/event_days.hpp"
#include "scenario/sections.hpp"
#include "scenario/text.hpp"

namespace shockflow::scenario {
namespace {

/// Reads a number-or-distribution key into `out` (left as is if absent or invalid).
void dist(const TableReader& r, std::string_view key, Need need, Support support,
          Distribution& out) {
    const toml::node* node = r.node(key, need);
    if (node == nullptr) return;
    if (auto d = read_distribution(r.ctx(), *node, r.path(key), support)) out = *d;
}

void read_any_target(const TableReader& r, const Catalog& cat, const std::string& tag,
                     EventSpec& e) {
    const auto count = r.integer("count", Need::Required);
    if (count && *count < 1) r.error("count", fmt::format("must be >= 1 (got {})", *count));
    if (count) e.count = *count;
    if (!check_tag(r.ctx(), cat, r.loc("target"), r.path("target"), tag) || !count) return;
    const std::size_t carriers = cat.tag_counts.at(tag);
    if (*count > 0 && static_cast<std::size_t>(*count) > carriers) {
        r.error("count", fmt::format("asks for {} distinct nodes but only {} carry tag {}", *count,
                                     carriers, in_quotes(tag)));
    }
}

/// `target` of strikes and labour shocks: a node id, `tag:X` or `any:TAG` + `count`.
void read_target(const TableReader& r, const Catalog& cat, EventSpec& e) {
    const auto target = r.string("target", Need::Required);
    if (!target) return;
    e.target = *target;
    if (target->starts_with("any:")) {
        read_any_target(r, cat, target->substr(4), e);
        return;
    }
    if (r.has("count")) r.error("count", "only allowed with a target written \"any:TAG\"");
    // Only producers have capacity and firms for a strike or absent workers to act on.
    check_node_or_tag(r.ctx(), cat, r.loc("target"), r.path("target"), *target,
                      {NodeKind::Park, NodeKind::Plant, NodeKind::Source});
}

void read_recovery(const TableReader& r, EventSpec& e) {
    const auto name = r.string("recovery");
    if (!name) return;
    if (*name == "step") {
        e.recovery = Recovery::Step;
    } else if (*name == "linear") {
        e.recovery = Recovery::Linear;
    } else {
        r.error("recovery", fmt::format("unknown recovery {}{}", in_quotes(*name),
                                        expected_hint(*name, {"step", "linear"})));
    }
}

void read_strike(const TableReader& r, const Catalog& cat, EventSpec& e) {
    read_target(r, cat, e);
    dist(r, "day", Need::Required, Support::Day, e.day);
    dist(r, "capacity_loss", Need::Required, Support::Share, e.capacity_loss);
    if (r.has("firms_damaged")) {
        Distribution d;
        dist(r, "firms_damaged", Need::Optional, Support::Share, d);
        e.firms_damaged = d;
    }
    dist(r, "repair_days", Need::Required, Support::Days, e.repair_days);
    read_recovery(r, e);
}

void read_link_cut(const TableReader& r, const Catalog& cat, EventSpec& e) {
    if (auto link = r.string("link", Need::Required)) {
        e.link = *link;
        check_link(r.ctx(), cat, r.loc("link"), r.path("link"), *link);
    }
    dist(r, "day", Need::Required, Support::Day, e.day);
    dist(r, "duration_days", Need::Required, Support::Days, e.duration_days);
    dist(r, "capacity_loss", Need::Optional, Support::Share, e.capacity_loss);
}

void read_demand_shock(const TableReader& r, const Catalog& cat, EventSpec& e) {
    if (auto region = r.string("region"); region && *region != "*") {
        e.region = *region;
        check_node_or_tag(r.ctx(), cat, r.loc("region"), r.path("region"), *region,
                          {NodeKind::Region});
    }
    if (auto product = r.string("product")) {
        e.product = *product;
        check_product_or_category(r.ctx(), cat, r.loc("product"), r.path("product"), *product,
                                  true);
    }
    dist(r, "day", Need::Required, Support::Day, e.day);
    dist(r, "duration_days", Need::Required, Support::Days, e.duration_days);
    dist(r, "multiplier", Need::Required, Support::Multiplier, e.multiplier);
}

void read_displacement(const TableReader& r, const Catalog& cat, EventSpec& e) {
    const auto from = r.string("from", Need::Required);
    const auto to = r.string("to", Need::Required);
    bool ok = true;
    if (from) e.from = *from;
    if (to) e.to = *to;
    if (from)
        ok = check_node(r.ctx(), cat, r.loc("from"), r.path("from"), *from, {NodeKind::Region});
    if (to) ok = check_node(r.ctx(), cat, r.loc("to"), r.path("to"), *to, {NodeKind::Region}) && ok;
    if (from && to && ok && *from == *to) {
        r.error("to",
                fmt::format("people must move to another region (got {} twice)", in_quotes(*to)));
    }
    dist(r, "share", Need::Required, Support::Share, e.share);
    dist(r, "day", Need::Required, Support::Day, e.day);
    dist(r, "over_days", Need::Optional, Support::Days, e.over_days);
}

void read_labor_shock(const TableReader& r, const Catalog& cat, EventSpec& e) {
    read_target(r, cat, e);
    dist(r, "day", Need::Required, Support::Day, e.day);
    dist(r, "duration_days", Need::Required, Support::Days, e.duration_days);
    dist(r, "absent_share", Need::Required, Support::Share, e.absent_share);
}

/// One `[day, availability]` point of a capacity path; nullopt if reported.
std::optional<PathPoint> read_path_point(LoadContext& ctx, const toml::node& node,
                                         const std::string& path) {
    const toml::array* pair = node.as_array();
    if (pair == nullptr || pair->size() != 2) {
        const std::string got = pair == nullptr ? fmt::format("got {}", type_phrase(node))
                                                : fmt::format("got {} values", pair->size());
        ctx.error(loc_of(ctx, node),
                  fmt::format("{}: expected a pair [day, availability] ({})", path, got));
        return std::nullopt;
    }
    const auto day = read_distribution(ctx, *pair->get(0), path + "[0]", Support::Day);
    const auto availability = read_distribution(ctx, *pair->get(1), path + "[1]", Support::Share);
    if (!day || !availability) return std::nullopt;
    return PathPoint{*day, *availability};
}

/// `path = [[day, availability], ...]`: at least one point, days in order
/// (for distributions, every day one can draw no later than the next's).
void read_path(const TableReader& r, EventSpec& e) {
    const toml::node* node = r.node("path", Need::Required);
    if (node == nullptr) return;
    const toml::array* points = node->as_array();
    if (points == nullptr || points->empty()) {
        r.error("path", points == nullptr
                            ? fmt::format("expected an array of [day, availability] pairs (got {})",
                                          type_phrase(*node))
                            : std::string("expected at least one [day, availability] pair"));
        return;
    }
    bool ok = true;
    for (std::size_t i = 0; i < points->size(); ++i) {
        const std::string at = fmt::format("{}[{}]", r.path("path"), i);
        auto point = read_path_point(r.ctx(), *points->get(i), at);
        if (!point) {
            ok = false;
            continue;
        }
        if (ok && !e.path.empty() &&
            day_range(e.path.back().day).second > day_range(point->day).first) {
            r.ctx().error(point->day.loc,
                          fmt::format("{}[0]: days must not decrease along the path ({} can come "
                                      "before the previous point's {})",
                                      at, num(day_range(point->day).first),
                                      num(day_range(e.path.back().day).second)));
        }
        e.path.push_back(*point);
    }
    if (!e.path.empty()) e.day = e.path.front().day;  // checked against the run like any day
}

void read_capacity_path(const TableReader& r, const Catalog& cat, EventSpec& e) {
    read_target(r, cat, e);
    read_path(r, e);
}

constexpr std::array<std::string_view, 9> kStrikeKeys{
    "kind",          "target",      "count",    "day", "capacity_loss",
    "firms_damaged", "repair_days", "recovery", "name"};
constexpr std::array<std::string_view, 6> kLinkCutKeys{"kind",          "link",          "day",
                                                       "duration_days", "capacity_loss", "name"};
constexpr std::array<std::string_view, 7> kDemandShockKeys{
    "kind", "region", "product", "day", "duration_days", "multiplier", "name"};
constexpr std::array<std::string_view, 7> kDisplacementKeys{"kind", "from",      "to",  "share",
                                                            "day",  "over_days", "name"};
constexpr std::array<std::string_view, 7> kLaborShockKeys{
    "kind", "target", "count", "day", "duration_days", "absent_share", "name"};
constexpr std::array<std::string_view, 5> kCapacityPathKeys{"kind", "target", "count", "path",
                                                            "name"};

/// One kind of event: its name in files, the keys its table may hold and how
/// they are read.
struct EventKindInfo {
    std::string_view name;
    EventKind kind;
    std::span<const std::string_view> keys;
    void (*read)(const TableReader& r, const Catalog& cat, EventSpec& e);
};

/// In name order, which is the order of the "expected one of" hint.
constexpr std::array<EventKindInfo, 6> kEventKinds{{
    {"capacity_path", EventKind::CapacityPath, kCapacityPathKeys, read_capacity_path},
    {"demand_shock", EventKind::DemandShock, kDemandShockKeys, read_demand_shock},
    {"displacement", EventKind::Displacement, kDisplacementKeys, read_displacement},
    {"labor_shock", EventKind::LaborShock, kLaborShockKeys, read_labor_shock},
    {"link_cut", EventKind::LinkCut, kLinkCutKeys, read_link_cut},
    {"strike", EventKind::Strike, kStrikeKeys, read_strike},
}};

/// The event's kind, read before anything else because it decides which keys
/// the table may hold; nullptr (reported) if missing or unknown.
const EventKindInfo* read_kind(const toml::table& table, const std::string& path,
                               LoadContext& ctx) {
    const toml::node* node = table.get("kind");
    if (node == nullptr) {
        ctx.error(loc_of(ctx, table), fmt::format("{}: missing required key \"kind\"", path));
        return nullptr;
    }
    const auto name = read_string(ctx, *node, path + ".kind");
    if (!name) return nullptr;
    for (const auto& info : kEventKinds) {
        if (info.name == *name) return &info;
    }
    std::vector<std::string> names;
    for (const auto& info : kEventKinds) names.emplace_back(info.name);
    ctx.error(loc_of(ctx, *node), fmt::format("{}.kind: unknown event kind {}{}", path,
                                              in_quotes(*name), expected_hint(*name, names)));
    return nullptr;
}

/// Where each event name was first written.
using NameSites = std::map<std::string, SourceLoc, std::less<>>;

/// `name`: an id, unique among the events.
void read_name(const TableReader& r, NameSites& names, EventSpec& e) {
    const auto name = r.string("name");
    if (!name) return;
    if (!is_valid_id(*name)) {
        r.error("name", fmt::format("{} is not a valid name (letters, digits, '_', '-', '.')",
                                    in_quotes(*name)));
        return;
    }
    const auto [at, added] = names.emplace(*name, r.loc("name"));
    if (!added) {
        r.error("name", fmt::format("duplicate event name {} (first used at {})", in_quotes(*name),
                                    where(at->second, r.loc("name"))));
        return;
    }
    e.name = *name;
}

void read_event(const toml::table& table, const std::string& path, LoadContext& ctx,
                const Catalog& cat, NameSites& names, ScenarioSpec& spec) {
    const EventKindInfo* kind = read_kind(table, path, ctx);
    if (!kind) return;
    EventSpec e;
    e.kind = kind->kind;
    e.loc = loc_of(ctx, table);
    const std::size_t errors_before = ctx.error_count();
    const TableReader r(table, path, ctx, kind->keys);
    read_name(r, names, e);
    kind->read(r, cat, e);
    if (ctx.error_count() == errors_before) spec.events.push_back(std::move(e));
}

}  // namespace

void read_events(const TableReader& top, const Catalog& cat, ScenarioSpec& spec) {
    // Room for them all at once: an event is a kilobyte, and growing the list
    // by doubling moved each some 17 times over for 100,000 of them.
    if (const auto* events = top.table().get_as<toml::array>("event")) {
        spec.events.reserve(events->size());
    }
    NameSites names;
    // A named event's problems are reported by its name, as `--set` writes
    // it (`event.strike_1.day`); an unnamed one's by its position (`event[3]`).
    for_each_table(top, "event", [&](const toml::table& table, const std::string& path) {
        const auto* name = table.get_as<std::string>("name");
        if (name == nullptr || name->get().empty()) {
            read_event(table, path, top.ctx(), cat, names, spec);
            return;
        }
        const std::string& n = name->get();
        const bool plain = n.find_first_of(".\"[] ") == std::string::npos;
        read_event(table, plain ? "event." + n : fmt::format("event.\"{}\"", n), top.ctx(), cat,
                   names, spec);
    });
}

}  // namespace shockflow::scenario
